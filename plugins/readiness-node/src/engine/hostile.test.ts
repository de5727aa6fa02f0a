import * as nodeFs from 'node:fs';
import fsModule, { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureRepo } from '../testing';
import { auditDirectory } from './audit';
import { walkRepository } from './walk';
import { trackReads } from './trackReads.testutil';

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
        throw errnoError('EACCES', 'permission denied');
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
      if (String(args[0]) === join(root, 'b.txt')) throw errnoError('EACCES', 'permission denied');
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
});
