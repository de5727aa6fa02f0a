import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import fsModule, { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureRepo } from '../testing';
import { auditDirectory } from './audit';
import { fakeCredentials } from '../rules/security/testCredentials';
import { displayFileName, walkRepository } from '../snapshot/walk';
import { trackReads } from '../snapshot/trackReads.testutil';

/**
 * Repositories built to hurt: huge files, huge trees, broken files and
 * directories the walk cannot read. The engine must finish, say what it
 * skipped, and never crash.
 */

const roots: string[] = [];

async function repo(files: Record<string, string>): Promise<string> {
  const root = await writeFixtureRepo(files);
  roots.push(root);
  return root;
}

// Removing the 100,000-file tree takes longer than jest's default hook timeout on a busy machine.
afterAll(async () => {
  await Promise.all(roots.map(root => fs.rm(root, { recursive: true, force: true })));
}, 180_000);

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  error.code = code;
  return error;
}

describe('a 50 MiB file', () => {
  it('is counted as too large and never read, and the audit goes on', async () => {
    const root = await repo({ 'app.py': 'print("hi")\n', 'README.md': '# x\n' });
    const size = 50 * 1024 * 1024;
    await fs.writeFile(join(root, 'dump.sql'), Buffer.alloc(size, 'INSERT INTO t VALUES (1);\n'));
    const reads = trackReads();
    try {
      const scorecard = await auditDirectory(root);
      expect(reads.read()).toContain(join(root, 'app.py'));
      expect(reads.read()).not.toContain(join(root, 'dump.sql'));
      expect(scorecard.stats).toEqual(
        expect.objectContaining({ files: 2, skipped: 1, bytes: 'print("hi")\n# x\n'.length }),
      );
      expect(scorecard.results.filter(r => r.status === 'error')).toEqual([]);
    } finally {
      reads.restore();
    }
    const snapshot = await walkRepository(root);
    expect(snapshot.skipped).toEqual([{ path: 'dump.sql', reason: 'too-large', size }]);
  });

  it('stops at the byte cap with a note when large files are allowed', async () => {
    const root = await repo({});
    for (let i = 0; i < 4; i++) {
      await fs.writeFile(join(root, `part${i}.txt`), Buffer.alloc(3 * 1024 * 1024, 'x'));
    }
    const snapshot = await walkRepository(root, {
      limits: { maxFileBytes: 4 * 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 },
    });
    expect(snapshot.files.map(f => f.path)).toEqual(['part0.txt', 'part1.txt']);
    expect(snapshot.truncated).toMatch(/byte cap/);
    expect(snapshot.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});

describe('100,000 empty files', () => {
  const TOTAL = 100_000;
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'readiness-many-'));
    roots.push(root);
    for (let d = 0; d < 100; d++) {
      const dir = join(root, `d${String(d).padStart(3, '0')}`);
      nodeFs.mkdirSync(dir);
      for (let f = 0; f < TOTAL / 100; f++) {
        nodeFs.writeFileSync(join(dir, `f${f}.txt`), '');
      }
    }
  }, 120_000);

  it('stops at a low file cap and says so', async () => {
    const progress: number[] = [];
    const snapshot = await walkRepository(root, {
      limits: { maxFiles: 20_000 },
      onProgress: n => progress.push(n),
    });
    expect(snapshot.files).toHaveLength(20_000);
    expect(snapshot.truncated).toBe('stopped at the file cap (20000 entries)');
    expect(progress).toHaveLength(20);
    expect(progress[19]).toBe(20_000);
    // The walk is depth-first in name order, so the cap keeps the first folders whole.
    expect(snapshot.files[0].path).toBe('d000/f0.txt');
    expect(new Set(snapshot.files.map(f => f.path.slice(0, 4))).size).toBe(20);
  }, 60_000);

  it('audits with the default limits and reports the truncation', async () => {
    const scorecard = await auditDirectory(root);
    expect(scorecard.stats.files).toBe(50_000);
    expect(scorecard.stats.truncated).toBe('stopped at the file cap (50000 entries)');
    expect(scorecard.results.filter(r => r.status === 'error')).toEqual([]);
  }, 120_000);
});

describe('malformed files', () => {
  it('records parse errors in the stats and finishes the audit', async () => {
    const root = await repo({
      Dockerfile: 'RUN apt-get install -y curl\nCMD ["./app"]\n',
      'services/api/Dockerfile': 'FROM\n\\\n',
      'docker-compose.yml': 'services:\n  web: [unclosed\n    image: "x\n',
      'compose.prod.yaml': 'services: 42\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps: {{{\n',
      '.gitlab-ci.yml': "test:\n  script: ['unterminated\n",
      'package.json': '{"name": "x", "dependencies": {',
      'pyproject.toml': '[project\nname = "x"\n',
      'pom.xml': '<project><dependencies><dependency><artifactId>x</artifactId></dependencies>',
      'go.mod': 'module\nrequire (\n',
      'requirements.txt': '-r\n--index-url\n===\nflask[\n',
      '.env.example': '=novalue\nKEY\n"quoted\n',
      'app.py': 'import os\nos.getenv(\n',
    });
    const scorecard = await auditDirectory(root);
    const errored = new Set(scorecard.stats.errors.map(e => e.path));
    expect([...errored].sort()).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.gitlab-ci.yml',
        'Dockerfile',
        'compose.prod.yaml',
        'docker-compose.yml',
        'package.json',
        'pom.xml',
        'pyproject.toml',
      ]),
    );
    expect(scorecard.stats.errors.find(e => e.path === 'docker-compose.yml')!.message).toMatch(/YAML/);
    expect(scorecard.stats.errors.find(e => e.path === 'Dockerfile')!.message).toMatch(/FROM/);
    expect(scorecard.results.filter(r => r.status === 'error')).toEqual([]);
    expect(scorecard.stats.files).toBe(13);
  });
});

describe('a directory it cannot read', () => {
  it('throws UnreadableRepositoryError for a missing directory', async () => {
    await expect(walkRepository(join(tmpdir(), 'readiness-no-such-dir-7f3a'))).rejects.toMatchObject({
      name: 'UnreadableRepositoryError',
      message: expect.stringContaining('does not exist'),
    });
    await expect(auditDirectory(join(tmpdir(), 'readiness-no-such-dir-7f3a'))).rejects.toMatchObject({
      name: 'UnreadableRepositoryError',
    });
  });

  it('throws UnreadableRepositoryError for a file', async () => {
    const root = await repo({ 'a.txt': 'x' });
    await expect(walkRepository(join(root, 'a.txt'))).rejects.toMatchObject({
      name: 'UnreadableRepositoryError',
      message: expect.stringContaining('is not a directory'),
    });
  });

  it('throws UnreadableRepositoryError when the root cannot be listed', async () => {
    const root = await repo({ 'a.txt': 'x' });
    const readdir = jest.spyOn(fsModule, 'readdirSync').mockImplementation(() => {
      throw errnoError('EACCES', `permission denied, scandir '${root}'`);
    });
    try {
      await expect(walkRepository(root)).rejects.toMatchObject({
        name: 'UnreadableRepositoryError',
        message: expect.stringContaining('permission denied'),
      });
    } finally {
      readdir.mockRestore();
    }
  });

  it('records an unreadable folder inside the tree and goes on', async () => {
    const root = await repo({ 'a.txt': 'x', 'locked/b.txt': 'y', 'open/c.txt': 'z' });
    const real = fsModule.readdirSync;
    const readdir = jest.spyOn(fsModule, 'readdirSync').mockImplementation(((path: nodeFs.PathLike, options: never) => {
      if (String(path) === join(root, 'locked')) {
        throw errnoError('EACCES', `permission denied, scandir '${join(root, 'locked')}'`);
      }
      return real(path, options);
    }) as typeof real);
    try {
      const snapshot = await walkRepository(root);
      expect(snapshot.files.map(f => f.path)).toEqual(['a.txt', 'open/c.txt']);
      expect(snapshot.errors).toEqual([{ path: 'locked', message: 'EACCES: permission denied' }]);
    } finally {
      readdir.mockRestore();
    }
  });

  it('records a file it cannot read and goes on', async () => {
    const root = await repo({ 'a.txt': 'x', 'b.txt': 'y' });
    const real = fsModule.openSync;
    const open = jest.spyOn(fsModule, 'openSync').mockImplementation(((...args: Parameters<typeof real>) => {
      if (String(args[0]) === join(root, 'b.txt')) throw errnoError('EACCES', `permission denied, open '${join(root, 'b.txt')}'`);
      return real(...args);
    }) as typeof real);
    try {
      const snapshot = await walkRepository(root);
      expect(snapshot.files.map(f => f.path)).toEqual(['a.txt']);
      expect(snapshot.skipped).toEqual([{ path: 'b.txt', reason: 'unreadable' }]);
      expect(snapshot.errors).toEqual([{ path: 'b.txt', message: 'EACCES: permission denied' }]);
    } finally {
      open.mockRestore();
    }
  });

  it("names a file that vanished by its repository path, not the server's", async () => {
    const root = await repo({ 'a.txt': 'x', 'b.txt': 'y', 'sub/.gitignore': '*.log\n' });
    const real = fsModule.openSync;
    const realRead = fsModule.readFileSync;
    // Node's own errors, which end with the absolute path they were given.
    const open = jest.spyOn(fsModule, 'openSync').mockImplementation(((...args: Parameters<typeof real>) => {
      if (String(args[0]) === join(root, 'b.txt')) return real(join(root, 'gone.txt'), args[1]);
      return real(...args);
    }) as typeof real);
    const read = jest.spyOn(fsModule, 'readFileSync').mockImplementation(((path: nodeFs.PathOrFileDescriptor, options: never) => {
      if (String(path) === join(root, 'sub/.gitignore')) return realRead(join(root, 'sub/gone'), options);
      return realRead(path, options);
    }) as typeof realRead);
    try {
      const snapshot = await walkRepository(root);
      expect(snapshot.errors).toEqual([
        { path: 'b.txt', message: 'ENOENT: no such file or directory' },
        { path: 'sub/.gitignore', message: 'ENOENT: no such file or directory' },
      ]);
      const scorecard = await auditDirectory(root);
      expect(scorecard.stats.errors.map(e => e.path)).toEqual(['b.txt', 'sub/.gitignore']);
      expect(JSON.stringify(scorecard)).not.toContain(root);
    } finally {
      open.mockRestore();
      read.mockRestore();
    }
  });
});

describe('file names that are not UTF-8', () => {
  // Linux names are bytes: 0xff and 0xfe never occur in UTF-8.
  const fileName = Buffer.from([0x72, 0x65, 0x6c, 0xff, 0x2e, 0x73, 0x68]); // rel\xff.sh
  const dirName = Buffer.from([0x64, 0xfe, 0x31]); // d\xfe1
  const token = fakeCredentials.githubToken(401);

  function plant(root: string) {
    const bytes = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map(p => (typeof p === 'string' ? Buffer.from(p) : p)));
    nodeFs.mkdirSync(bytes(root, '/scripts'), { recursive: true });
    nodeFs.writeFileSync(bytes(root, '/scripts/', fileName), `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n`);
    nodeFs.mkdirSync(bytes(root, '/', dirName));
    nodeFs.writeFileSync(bytes(root, '/', dirName, '/app.py'), '# TODO: retry\nprint("hi")\n');
  }

  function expectReadByBytes(snapshot: Awaited<ReturnType<typeof walkRepository>>) {
    expect(snapshot.files.map(f => f.path)).toEqual(expect.arrayContaining(['README.md', 'd\\xfe1/app.py', 'scripts/rel\\xff.sh']));
    expect(snapshot.files.find(f => f.path === 'd\\xfe1/app.py')?.text).toBe('# TODO: retry\nprint("hi")\n');
    expect(snapshot.files.find(f => f.path === 'scripts/rel\\xff.sh')?.text).toContain('GITHUB_TOKEN=');
    expect(snapshot.skipped).toEqual([]);
    expect(snapshot.errors).toEqual([]);
  }

  async function expectSeenByRules(root: string) {
    const scorecard = await auditDirectory(root);
    const secrets = scorecard.results.find(r => r.ruleId === 'security/hardcoded-secret');
    expect(secrets?.findings.map(f => f.path)).toContain('scripts/rel\\xff.sh');
    const text = JSON.stringify(scorecard);
    expect(text).not.toMatch(/no such file|ENOENT/i);
    expect(text).not.toContain('\uFFFD');
    expect(scorecard.stats.errors).toEqual([]);
  }

  it('reads them by their bytes and names them with the bytes escaped', async () => {
    expect.hasAssertions();
    const root = await repo({ 'README.md': '# x\n' });
    plant(root);
    expectReadByBytes(await walkRepository(root));
    await expectSeenByRules(root);
  });

  it('reads them by their bytes in a git checkout, tracked or not', async () => {
    expect.hasAssertions();
    const root = await repo({ 'README.md': '# x\n' });
    plant(root);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
      });
    git('init', '-q');
    git('add', 'README.md', 'scripts');
    git('commit', '-q', '-m', 'x');
    // d\xfe1/app.py stays untracked: listed by --others.
    const snapshot = await walkRepository(root);
    expectReadByBytes(snapshot);
    await expectSeenByRules(root);
  });

  it('escapes only the bytes outside valid UTF-8 sequences', () => {
    expect(displayFileName(Buffer.from('café.py'))).toBe('café.py');
    expect(displayFileName(Buffer.from('\uFFFD.txt'))).toBe('\uFFFD.txt');
    expect(displayFileName(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0x2e]))).toBe('caf\\xc3.');
    expect(displayFileName(Buffer.from([0xc0, 0xaf, 0x78]))).toBe('\\xc0\\xafx'); // overlong '/'
    expect(displayFileName(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80'); // a surrogate
    expect(displayFileName(Buffer.from([0xe2, 0x82, 0xac, 0xff]))).toBe('€\\xff');
  });
});
