import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFixtureRepo } from '../testing';
import { renderJson } from '../report';
import { auditDirectory } from '../engine/audit';
import { Snapshot, snapshotFromFiles } from './snapshot';
import { walkRepository } from './walk';
import { trackReads } from './trackReads.testutil';

const roots: string[] = [];

async function repo(files: Record<string, string>): Promise<string> {
  const root = await writeFixtureRepo(files);
  roots.push(root);
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map(root => fs.rm(root, { recursive: true, force: true })));
});

const paths = (snapshot: Snapshot) => snapshot.files.map(f => f.path);
const skipped = (snapshot: Snapshot, reason: string) =>
  snapshot.skipped.filter(s => s.reason === reason).map(s => s.path);

function git(root: string, ...args: string[]) {
  execFileSync(
    'git',
    ['-c', 'user.name=Readiness Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    { cwd: root, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } },
  );
}

describe('walkRepository', () => {
  describe('.gitignore outside git', () => {
    let root: string;
    beforeAll(async () => {
      root = await repo({
        '.gitignore': '*.log\n!keep.log\ntmp/\n/secret.txt\n',
        'app.js': 'x',
        'debug.log': 'x',
        'keep.log': 'x',
        'secret.txt': 'x',
        'tmp/cache.js': 'x',
        'src/secret.txt': 'x', // anchored pattern: only the root one is ignored
        'src/trace.log': 'x',
        'pkg/.gitignore': 'generated/\n*.gen.ts\n!important.log\n',
        'pkg/index.ts': 'x',
        'pkg/api.gen.ts': 'x',
        'pkg/generated/types.ts': 'x',
        'pkg/important.log': 'x',
        'pkg/other.log': 'x',
        'other/api.gen.ts': 'x', // the nested file's patterns stay in its folder
      });
    });

    it('honours root and nested .gitignore files, with negation', async () => {
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual([
        '.gitignore',
        'app.js',
        'keep.log',
        'other/api.gen.ts',
        'pkg/.gitignore',
        'pkg/important.log',
        'pkg/index.ts',
        'src/secret.txt',
      ]);
      expect(snapshot.truncated).toBeUndefined();
      expect(snapshot.errors).toEqual([]);
    });

    it('reads every file of a tree extracted from an archive (gitignore: false), vendored trees still skipped', async () => {
      const withVendored = await repo({ '.gitignore': '.env\nnode_modules/\n', '.env': 'SECRET=x', 'app.js': 'x', 'node_modules/a/index.js': 'x' });
      expect(paths(await walkRepository(withVendored, { gitignore: false }))).toEqual(['.env', '.gitignore', 'app.js']);
      expect(paths(await walkRepository(withVendored))).toEqual(['.gitignore', 'app.js']);
      expect(paths(await walkRepository(root, { gitignore: false }))).toHaveLength(15);
    });

    it('sorts files by path and counts bytes', async () => {
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual([...paths(snapshot)].sort());
      expect(snapshot.bytes).toBe(snapshot.files.reduce((n, f) => n + f.size, 0));
    });

    it('does not follow a .gitignore that is a symbolic link out of the tree', async () => {
      const outside = await repo({ 'ignore-all': '*\n' });
      const linked = await repo({ 'app.js': 'x', 'lib/util.js': 'x' });
      await fs.symlink(join(outside, 'ignore-all'), join(linked, '.gitignore'));
      await fs.symlink(join(outside, 'ignore-all'), join(linked, 'lib/.gitignore'));
      const snapshot = await walkRepository(linked);
      expect(paths(snapshot)).toEqual(['app.js', 'lib/util.js']);
      expect(skipped(snapshot, 'symlink')).toEqual(['.gitignore', 'lib/.gitignore']);
    });
  });

  describe('git checkouts', () => {
    let root: string;
    beforeAll(async () => {
      root = await repo({
        '.gitignore': 'generated.txt\n*.local\n',
        'app.js': 'console.log(1)\n',
        'generated.txt': 'tracked although ignored\n',
        'notes.local': 'ignored and untracked\n',
        'draft.js': 'untracked, not ignored\n',
      });
      git(root, 'init', '-q');
      git(root, 'add', '.gitignore', 'app.js');
      git(root, 'add', '-f', 'generated.txt');
      git(root, 'commit', '-q', '-m', 'fixture');
    });

    it('reads tracked files that .gitignore matches, and untracked files git would add', async () => {
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual(['.gitignore', 'app.js', 'draft.js', 'generated.txt']);
      expect(snapshot.files.find(f => f.path === 'generated.txt')!.text).toBe('tracked although ignored\n');
      expect(paths(snapshot)).not.toContain('.git/HEAD');
    });

    it('falls back to the .gitignore rules when git listing is off', async () => {
      const snapshot = await walkRepository(root, { useGit: false });
      expect(paths(snapshot)).toEqual(['.gitignore', 'app.js', 'draft.js']);
    });

    it('records a tracked file deleted from the working tree without failing', async () => {
      const gone = await repo({ 'a.js': 'a', 'b.js': 'b' });
      git(gone, 'init', '-q');
      git(gone, 'add', '.');
      git(gone, 'commit', '-q', '-m', 'fixture');
      await fs.rm(join(gone, 'b.js'));
      const snapshot = await walkRepository(gone);
      expect(paths(snapshot)).toEqual(['a.js']);
      expect(skipped(snapshot, 'unreadable')).toEqual(['b.js']);
      expect(snapshot.errors.map(e => e.path)).toEqual(['b.js']);
    });
  });

  describe('vendored and generated trees', () => {
    const files = {
      'index.js': 'x',
      'node_modules/left-pad/index.js': 'x',
      'packages/web/node_modules/react/index.js': 'x',
      'vendor/github.com/x/y.go': 'x',
      'dist/bundle.js': 'x',
      'build/out.js': 'x',
      '.venv/lib/site.py': 'x',
      '__pycache__/m.cpython-312.pyc': 'x',
      'coverage/lcov.info': 'x',
      '.mvn/wrapper/MavenWrapperDownloader.java': 'class MavenWrapperDownloader {}',
      'src/build.ts': 'a file named like a vendored folder is read',
    };

    it('skips them and counts each skipped tree', async () => {
      const root = await repo(files);
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual(['index.js', 'src/build.ts']);
      expect(skipped(snapshot, 'vendored')).toEqual([
        '.mvn',
        '.venv',
        '__pycache__',
        'build',
        'coverage',
        'dist',
        'node_modules',
        'packages/web/node_modules',
        'vendor',
      ]);
    });

    it('does not read committed vendored files in a git checkout', async () => {
      const root = await repo(files);
      git(root, 'init', '-q');
      git(root, 'add', '-f', '.');
      git(root, 'commit', '-q', '-m', 'fixture');
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual(['index.js', 'src/build.ts']);
    });

    describe('a build folder holding a .NET build program is source', () => {
      const program = {
        'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Build.cs': 'class Build {}',
        'web/build/out.js': 'x',
        'web/build/nested/App.csproj': 'x',
      };

      it('reads it on the file system', async () => {
        const snapshot = await walkRepository(await repo(program));
        expect(paths(snapshot)).toEqual(['build/Build.cs', 'build/_build.csproj']);
        expect(skipped(snapshot, 'vendored')).toEqual(['web/build']);
      });

      it('reads it in a git checkout and in memory', async () => {
        const root = await repo(program);
        git(root, 'init', '-q');
        git(root, 'add', '-f', '.');
        git(root, 'commit', '-q', '-m', 'fixture');
        const snapshot = await walkRepository(root);
        expect(paths(snapshot)).toEqual(['build/Build.cs', 'build/_build.csproj']);
        expect(snapshotFromFiles(program).files.map(f => f.path)).toEqual(paths(snapshot));
      });
    });
  });

  it('skips binary files and counts them', async () => {
    const root = await repo({ 'app.js': 'x' });
    await fs.writeFile(join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await fs.writeFile(join(root, 'data.bin'), Buffer.concat([Buffer.from('text first '), Buffer.alloc(4, 0)]));
    const snapshot = await walkRepository(root);
    expect(paths(snapshot)).toEqual(['app.js']);
    expect(snapshot.skipped).toEqual([
      { path: 'data.bin', reason: 'binary', size: 15 },
      { path: 'logo.png', reason: 'binary', size: 12 },
    ]);
  });

  it('skips files over 1 MiB without reading them', async () => {
    const root = await repo({ 'small.js': 'x' });
    await fs.writeFile(join(root, 'exactly.txt'), 'a'.repeat(1024 * 1024));
    await fs.writeFile(join(root, 'big.sql'), 'b'.repeat(1024 * 1024 + 1));
    const reads = trackReads();
    try {
      const snapshot = await walkRepository(root);
      expect(paths(snapshot)).toEqual(['exactly.txt', 'small.js']);
      expect(snapshot.skipped).toEqual([{ path: 'big.sql', reason: 'too-large', size: 1024 * 1024 + 1 }]);
      expect(reads.read()).toContain(join(root, 'small.js'));
      expect(reads.read()).not.toContain(join(root, 'big.sql'));
    } finally {
      reads.restore();
    }
  });

  it('does not follow symbolic links, neither loops nor links out of the tree', async () => {
    const outside = await repo({ 'secret.txt': 'OUTSIDE_SECRET=1\n', 'nested/deep.txt': 'deep\n' });
    const root = await repo({ 'app.js': 'x', 'sub/a.js': 'x' });
    await fs.symlink('.', join(root, 'loop'));
    await fs.symlink('..', join(root, 'sub', 'up'));
    await fs.symlink(outside, join(root, 'outside'));
    await fs.symlink(join(outside, 'secret.txt'), join(root, 'secret.txt'));
    await fs.symlink(join(root, 'missing'), join(root, 'dangling'));
    const snapshot = await walkRepository(root);
    expect(paths(snapshot)).toEqual(['app.js', 'sub/a.js']);
    expect(skipped(snapshot, 'symlink').sort()).toEqual(['dangling', 'loop', 'outside', 'secret.txt', 'sub/up']);
    expect(snapshot.files.some(f => f.text.includes('OUTSIDE_SECRET'))).toBe(false);
  });

  it('does not follow symbolic links in a git checkout', async () => {
    const outside = await repo({ 'secret.txt': 'OUTSIDE_SECRET=1\n' });
    const root = await repo({ 'app.js': 'x' });
    await fs.symlink(join(outside, 'secret.txt'), join(root, 'secret.txt'));
    await fs.symlink('.', join(root, 'loop'));
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'fixture');
    const snapshot = await walkRepository(root);
    expect(paths(snapshot)).toEqual(['app.js']);
    expect(skipped(snapshot, 'symlink')).toEqual(['loop', 'secret.txt']);
  });

  it('reads invalid UTF-8 as replacement characters', async () => {
    const root = await repo({});
    await fs.writeFile(join(root, 'latin1.py'), Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0x80, 0x0a]));
    const snapshot = await walkRepository(root);
    expect(snapshot.files).toHaveLength(1);
    expect(snapshot.files[0].text).toBe('# caf\uFFFD\n\uFFFD\uFFFD\uFFFD\n');
    expect(snapshot.files[0].size).toBe(11);
    const scorecard = await auditDirectory(root);
    expect(scorecard.results.filter(r => r.status === 'error')).toEqual([]);
  });

  it('reads file names with spaces, unicode and markup', async () => {
    const names = ['a file.md', 'ünïcødé/文件.txt', '#hash.js', '-dash.py', 'pipe|name.txt'];
    const root = await repo(Object.fromEntries(names.map(n => [n, n])));
    const snapshot = await walkRepository(root);
    expect(paths(snapshot).sort()).toEqual([...names].sort());
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'fixture');
    expect(paths(await walkRepository(root)).sort()).toEqual([...names].sort());
  });

  it('walks a very deep tree without recursion limits', async () => {
    const root = await repo({});
    const deep = join(root, ...Array.from({ length: 150 }, (_, i) => `d${i}`));
    await fs.mkdir(deep, { recursive: true });
    await fs.writeFile(join(deep, 'leaf.js'), 'x');
    const snapshot = await walkRepository(root);
    expect(paths(snapshot)).toEqual([`${Array.from({ length: 150 }, (_, i) => `d${i}`).join('/')}/leaf.js`]);
  });
});

describe('determinism', () => {
  const normalise = (json: string) =>
    json.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""').replace(/"durationMs": \d+/, '"durationMs": 0');

  it('gives the same JSON for two audits of the same tree', async () => {
    const root = await repo({
      '.env': 'SECRET_KEY=abcdefghijklmnop\n',
      Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["python", "app.py"]\n',
      'app.py': 'import os\nSECRET = os.getenv("SECRET_KEY", "changeme")\nprint("hi")\n',
      'requirements.txt': 'flask\nrequests==2.31.0\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      DB_PASSWORD: hunter2\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@main\n      - run: pytest\n',
      'package.json': '{"name":"x","scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}',
      'README.md': '# x\n',
      'tests/test_app.py': 'def test_x():\n    assert True\n',
    });
    const first = await auditDirectory(root, { now: new Date('2025-03-01T00:00:00Z') });
    const second = await auditDirectory(root, { now: new Date('2025-03-02T00:00:00Z') });
    expect(normalise(renderJson(second))).toBe(normalise(renderJson(first)));
    expect(renderJson(first)).toContain('"generatedAt": "2025-03-01T00:00:00.000Z"');
  });

  it('does not depend on the order the directory lists its entries', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`src/m${(i * 37) % 50}.js`] = `// TODO ${i}\nmodule.exports = process.env.KEY_${i};\n`;
    const a = await repo(files);
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    const b = await repo(reversed);
    const now = new Date('2025-03-01T00:00:00Z');
    const left = normalise(renderJson(await auditDirectory(a, { now })));
    const right = normalise(renderJson(await auditDirectory(b, { now })));
    expect(right).toBe(left);
  });
});
