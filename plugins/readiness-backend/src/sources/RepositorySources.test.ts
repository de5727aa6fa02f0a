import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fingerprintDirectory,
  resolveAllowedDirectory,
} from './localDirectory';
import { RepositorySources } from './RepositorySources';
import { SourceError } from './SourceError';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  sourceLinksFor,
  withoutCredentials,
  withoutUrlCredentials,
} from './sourceLinks';
import { resolveSourceLocation, SourceLocation } from './sourceLocation';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

async function expectSourceError(
  promise: Promise<unknown>,
  reason: string,
  message: RegExp,
) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(message);
}

describe('resolveSourceLocation', () => {
  it('prefers the readiness annotation over backstage.io/source-location', () => {
    expect(
      resolveSourceLocation(
        entity({
          'readiness.dev/source-location':
            'url:https://github.com/o/r/tree/main/svc',
          'backstage.io/source-location':
            'url:https://github.com/o/r/tree/main/',
        }),
      ),
    ).toEqual({
      type: 'url',
      target: 'https://github.com/o/r/tree/main/svc',
      annotation: 'readiness.dev/source-location',
    });
  });

  it('resolves relative dir: and file: targets against the entity file location', () => {
    const managed = {
      'backstage.io/managed-by-location': 'file:/srv/catalog/entities.yaml',
    };
    expect(
      resolveSourceLocation(
        entity({
          ...managed,
          'backstage.io/source-location': 'dir:./repos/orders/',
        }),
      ),
    ).toMatchObject({ type: 'dir', path: '/srv/catalog/repos/orders' });
    expect(
      resolveSourceLocation(
        entity({ ...managed, 'backstage.io/source-location': 'file:../other' }),
      ),
    ).toMatchObject({ type: 'dir', path: '/srv/other' });
    expect(
      resolveSourceLocation(
        entity({ 'backstage.io/source-location': 'dir:/abs/path' }),
      ),
    ).toMatchObject({ type: 'dir', path: '/abs/path' });
  });

  it('explains what is missing or unsupported', () => {
    expect(() => resolveSourceLocation(entity({}))).toThrow(
      /no readiness.dev\/source-location/,
    );
    expect(() =>
      resolveSourceLocation(
        entity({ 'backstage.io/source-location': 'github:o/r' }),
      ),
    ).toThrow(/location type 'github'/);
    expect(() =>
      resolveSourceLocation(
        entity({ 'backstage.io/source-location': 'https://x' }),
      ),
    ).toThrow(/not a location reference/);
    expect(() =>
      resolveSourceLocation(
        entity({ 'backstage.io/source-location': 'nonsense' }),
      ),
    ).toThrow(/not a location reference/);
    expect(() =>
      resolveSourceLocation(
        entity({
          'backstage.io/source-location': 'dir:./x',
          'backstage.io/managed-by-location':
            'url:https://github.com/o/r/blob/main/catalog-info.yaml',
        }),
      ),
    ).toThrow(/only be resolved for entities registered from a file: location/);
  });
});

describe('sourceLinksFor', () => {
  const SHA = '0123456789abcdef0123456789abcdef01234567';
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com' }, { host: 'ghe.example.com' }],
        gitlab: [
          { host: 'gitlab.com' },
          {
            host: 'git.example.com',
            apiBaseUrl: 'https://git.example.com/api/v4',
          },
        ],
        azure: [{ host: 'dev.azure.com' }],
      },
    }),
  );
  const url = (target: string): SourceLocation => ({
    type: 'url',
    target,
    annotation: 'backstage.io/source-location',
  });

  it.each([
    [
      'a GitHub subfolder, at the commit',
      'https://github.com/o/r/tree/main/services/api',
      SHA,
      {
        base: `https://github.com/o/r/blob/${SHA}/services/api/`,
        lineAnchor: '#L',
      },
    ],
    [
      'a GitHub repository root, at the commit',
      'https://github.com/o/r.git',
      SHA,
      { base: `https://github.com/o/r/blob/${SHA}/`, lineAnchor: '#L' },
    ],
    [
      'a GitHub Enterprise host from the integrations config',
      'https://ghe.example.com/team/svc/tree/release/',
      SHA.toUpperCase(),
      {
        base: `https://ghe.example.com/team/svc/blob/${SHA}/`,
        lineAnchor: '#L',
      },
    ],
    [
      'GitHub at the ref when the reader tells no commit',
      'https://github.com/o/r/tree/main/svc/',
      'W/"abc"',
      { base: 'https://github.com/o/r/blob/main/svc/', lineAnchor: '#L' },
    ],
    [
      'a GitLab subfolder in nested groups, at the commit',
      'https://gitlab.com/g/sub/r/-/tree/develop/backend',
      SHA,
      {
        base: `https://gitlab.com/g/sub/r/-/blob/${SHA}/backend/`,
        lineAnchor: '#L',
      },
    ],
    [
      'a self-hosted GitLab repository root',
      'https://git.example.com/g/r',
      SHA,
      { base: `https://git.example.com/g/r/-/blob/${SHA}/`, lineAnchor: '#L' },
    ],
    [
      'a Bitbucket Cloud subfolder, at the abbreviated commit',
      'https://bitbucket.org/ws/r/src/main/svc',
      'a1b2c3d4e5f6',
      {
        base: 'https://bitbucket.org/ws/r/src/a1b2c3d4e5f6/svc/',
        lineAnchor: '#lines-',
      },
    ],
  ])('links %s', (_name, target, etag, expected) => {
    expect(sourceLinksFor(integrations, url(target), etag)).toEqual(expected);
  });

  it('never keeps credentials, a query or a fragment of the location', () => {
    const links = sourceLinksFor(
      integrations,
      url(
        'https://bot:hunter2-secret@github.com/o/r/tree/main/svc?token=t0ps3cret#x',
      ),
      SHA,
    );
    expect(links).toEqual({
      base: `https://github.com/o/r/blob/${SHA}/svc/`,
      lineAnchor: '#L',
    });
    expect(JSON.stringify(links)).not.toMatch(/bot|hunter2|t0ps3cret/);
  });

  it('gives none for local directories, unknown hosts and query-path SCMs', () => {
    expect(
      sourceLinksFor(
        integrations,
        { type: 'dir', path: '/x', annotation: '', written: 'dir:/x' },
        SHA,
      ),
    ).toBeUndefined();
    for (const target of [
      'https://example.com/x.zip',
      'https://dev.azure.com/org/p/_git/r?path=/svc',
      'https://github.com/o/r/pulls/3',
      'ftp://github.com/o/r',
      'not a url',
    ]) {
      expect({
        target,
        links: sourceLinksFor(integrations, url(target), SHA),
      }).toEqual({
        target,
        links: undefined,
      });
    }
  });

  it('removes user information from locations and messages', () => {
    expect(
      withoutCredentials('https://u:p@github.com/o/r?private_token=x'),
    ).toBe('https://github.com/o/r');
    expect(
      withoutUrlCredentials('GET https://u:p@h/x failed; see http://a@b/c'),
    ).toBe('GET https://h/x failed; see http://b/c');
  });
});

describe('local directories', () => {
  let root: string;
  let repo: string;

  beforeEach(async () => {
    root = await fs.realpath(
      await fs.mkdtemp(join(tmpdir(), 'readiness-roots-')),
    );
    repo = join(root, 'allowed', 'repo');
    await fs.mkdir(join(repo, 'src'), { recursive: true });
    await fs.writeFile(join(repo, 'README.md'), '# Repo\n');
    await fs.writeFile(join(repo, 'src', 'main.py'), 'print(1)\n');
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('allows directories under a root, by their real path', async () => {
    const allowed = join(root, 'allowed');
    expect(await resolveAllowedDirectory(repo, [allowed])).toBe(repo);
    expect(
      await resolveAllowedDirectory(join(repo, 'README.md'), [allowed]),
    ).toBe(repo);
  });

  it('refuses directories outside every root, also through symbolic links', async () => {
    expect.assertions(15);
    const allowed = join(root, 'allowed');
    const outside = join(root, 'outside');
    await fs.mkdir(outside);
    await expectSourceError(
      resolveAllowedDirectory(outside, [allowed]),
      'disallowed',
      /outside/,
    );
    await expectSourceError(
      resolveAllowedDirectory(join(allowed, '..', 'outside'), [allowed]),
      'disallowed',
      /outside/,
    );
    await fs.symlink(outside, join(allowed, 'escape'));
    await expectSourceError(
      resolveAllowedDirectory(join(allowed, 'escape'), [allowed]),
      'disallowed',
      /leads outside/,
    );
    await expectSourceError(
      resolveAllowedDirectory(repo, []),
      'disallowed',
      /localRoots/,
    );
    await expectSourceError(
      resolveAllowedDirectory(join(allowed, 'missing'), [allowed]),
      'not-found',
      /does not exist/,
    );
  });

  it('fingerprints a tree so that edits, additions and removals change it', async () => {
    const first = await fingerprintDirectory(repo);
    expect(await fingerprintDirectory(repo)).toBe(first);
    expect(first).toMatch(/^dir:2:/);

    await fs.mkdir(join(repo, 'node_modules', 'x'), { recursive: true });
    await fs.writeFile(join(repo, 'node_modules', 'x', 'index.js'), '1');
    expect(await fingerprintDirectory(repo)).toBe(first);

    await fs.writeFile(join(repo, 'src', 'main.py'), 'print(12)\n');
    const edited = await fingerprintDirectory(repo);
    expect(edited).not.toBe(first);
    await fs.writeFile(join(repo, 'Dockerfile'), 'FROM python\n');
    const added = await fingerprintDirectory(repo);
    expect(added).not.toBe(edited);
    await fs.rm(join(repo, 'Dockerfile'));
    expect(await fingerprintDirectory(repo)).toBe(edited);
  });

  it('sees an edit of a file whose name is not UTF-8', async () => {
    // f\xff.py: Linux names are bytes, and 0xff never occurs in UTF-8.
    const name = Buffer.concat([
      Buffer.from(join(repo, 'src', 'f')),
      Buffer.from([0xff]),
      Buffer.from('.py'),
    ]);
    await fs.writeFile(name, 'x = 1\n');
    const before = await fingerprintDirectory(repo);
    expect(before).toMatch(/^dir:3:/);
    await fs.writeFile(name, 'x = 1000\n');
    expect(await fingerprintDirectory(repo)).not.toBe(before);
  });

  it('opens an allowed directory in place and reports it unchanged by fingerprint', async () => {
    const sources = RepositorySources.create({
      urlReader: mockServices.urlReader.mock(),
      localRoots: [join(root, 'allowed')],
      logger: mockServices.logger.mock(),
    });
    const target = entity({ 'readiness.dev/source-location': `dir:${repo}` });
    const opened = await sources.open(target);
    expect(opened).toMatchObject({ status: 'ready', dir: repo });
    if (opened.status !== 'ready') throw new Error('unreachable');
    await opened.release();
    expect(await fs.stat(repo)).toBeDefined();
    expect(await sources.open(target, { etag: opened.etag })).toEqual({
      status: 'unchanged',
      etag: opened.etag,
    });
  });
});

describe('messages for users', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.realpath(
      await fs.mkdtemp(join(tmpdir(), 'readiness-messages-')),
    );
    await fs.mkdir(join(root, 'allowed', 'repos'), { recursive: true });
    await fs.mkdir(join(root, 'outside'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function messageOf(
    annotations: Record<string, string>,
    localRoots = [join(root, 'allowed')],
  ): Promise<string> {
    const sources = RepositorySources.create({
      urlReader: mockServices.urlReader.mock(),
      localRoots,
      logger: mockServices.logger.mock(),
    });
    const error = await sources.open(entity(annotations)).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    return error.message;
  }

  it('name a local source as the annotation writes it, never by its server path', async () => {
    const managed = {
      'backstage.io/managed-by-location': `file:${root}/allowed/catalog-info.yaml`,
    };
    const messages = [
      await messageOf({
        ...managed,
        'readiness.dev/source-location': 'dir:./repos/missing',
      }),
      await messageOf({
        ...managed,
        'readiness.dev/source-location': 'dir:../outside',
      }),
      await messageOf(
        { ...managed, 'readiness.dev/source-location': 'dir:./repos' },
        [],
      ),
      await messageOf({
        'readiness.dev/source-location': `dir:${root}/outside/svc`,
      }),
      await messageOf({
        'readiness.dev/source-location': `${root}/allowed/repos`,
      }),
    ];
    expect(messages).toEqual([
      'The local source dir:./repos/missing does not exist',
      'The local source dir:../outside is outside the directories allowed by readiness.localRoots',
      'The local source dir:./repos is not audited: no directory is allowed (set readiness.localRoots)',
      'The local source dir:…/svc is outside the directories allowed by readiness.localRoots',
      "The readiness.dev/source-location annotation '…/repos' is not a location reference such as url:https://… or dir:./path",
    ]);
    for (const message of messages) {
      expect(message).not.toContain(root);
      expect(message).not.toContain(tmpdir());
    }
  });

  it('name a symbolic link out of the roots by the annotation too', async () => {
    await fs.symlink(join(root, 'outside'), join(root, 'allowed', 'escape'));
    const message = await messageOf({
      'backstage.io/managed-by-location': `file:${root}/allowed/catalog-info.yaml`,
      'backstage.io/source-location': 'dir:./escape',
    });
    expect(message).toBe(
      'The local source dir:./escape leads outside the directories allowed by readiness.localRoots',
    );
  });

  it('cut server paths out of what a URL reader says', async () => {
    const sources = RepositorySources.create({
      urlReader: mockServices.urlReader.mock({
        readTree: async () => ({
          etag: 'sha-1',
          dir: async () => {
            throw new Error(
              `ENOSPC: no space left on device, mkdir '${root}/backstage-tree-1/src'`,
            );
          },
          files: async () => [],
          archive: async () => {
            throw new Error('not used');
          },
        }),
      }),
      localRoots: [],
      logger: mockServices.logger.mock(),
    });
    const error = await sources
      .open(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/o/r/tree/main/',
        }),
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(error.message).toBe(
      "Repository https://github.com/o/r/tree/main/ could not be read: ENOSPC: no space left on device, mkdir '…/src'",
    );
  });
});

describe('url sources', () => {
  const target = entity({
    'backstage.io/source-location': 'url:https://github.com/o/r/tree/main/',
  });

  function sourcesWith(
    readTree: UrlReaderService['readTree'],
    shareTreesMs = 0,
  ) {
    const urlReader = mockServices.urlReader.mock({ readTree });
    return {
      urlReader,
      sources: RepositorySources.create({
        urlReader,
        localRoots: [],
        limits: { maxFileBytes: 100 },
        logger: mockServices.logger.mock(),
        shareTreesMs,
      }),
    };
  }

  it('reads a repository once for the folders opened together, checks it is current for later ones, and deletes it on close', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const dir = await writeFixtureRepo({
      'a/README.md': '# a\n',
      'b/README.md': '# b\n',
    });
    let calls = 0;
    const { sources, urlReader } = sourcesWith(async (_url, options) => {
      calls += 1;
      await new Promise(resolve => setTimeout(resolve, 20));
      if (options?.etag === sha) throw new NotModifiedError();
      return {
        etag: sha,
        dir: async () => dir,
        files: async () => [],
        archive: async () => {
          throw new Error('not used');
        },
      };
    }, 60_000);
    const at = (folder: string) =>
      entity({
        'backstage.io/source-location': `url:https://github.com/o/r/tree/main/${folder}`,
      });
    const [a, b] = await Promise.all([
      sources.open(at('a'), { etag: 'older' }),
      sources.open(at('b')),
    ]);
    expect(calls).toBe(1);
    expect(a).toMatchObject({ status: 'ready', dir: join(dir, 'a') });
    expect(b).toMatchObject({ status: 'ready', dir: join(dir, 'b') });
    if (a.status !== 'ready' || b.status !== 'ready')
      throw new Error('unreachable');
    await a.release();
    await b.release();
    // a later entity: the reader is asked whether the tree is still current
    const again = await sources.open(at('b'), { etag: 'older' });
    expect(urlReader.readTree.mock.calls.map(c => c[1]?.etag)).toEqual([
      'older',
      sha,
    ]);
    expect(again).toMatchObject({ status: 'ready', dir: join(dir, 'b') });
    // and an entity that saw this commit is unchanged
    expect(await sources.open(at('a'), { etag: sha })).toEqual({
      status: 'unchanged',
      etag: sha,
    });
    if (again.status === 'ready') await again.release();
    await expect(fs.stat(dir)).resolves.toBeDefined();
    await sources.close();
    await expect(fs.stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('extracts the tree to a temporary directory and removes it on release', async () => {
    const dir = await writeFixtureRepo({ 'README.md': '# x\n' });
    const { sources, urlReader } = sourcesWith(async () => ({
      etag: 'sha-1',
      dir: async () => dir,
      files: async () => [],
      archive: async () => {
        throw new Error('not used');
      },
    }));
    const opened = await sources.open(target, { etag: 'sha-0' });
    expect(opened).toMatchObject({
      status: 'ready',
      dir,
      etag: 'sha-1',
      linkBase: 'https://github.com/o/r/blob/main/',
    });
    // GitHub and GitLab trees are read at the repository root at the ref
    const [url, options] = urlReader.readTree.mock.calls[0];
    expect(url).toBe('https://github.com/o/r/tree/main');
    expect(options?.etag).toBe('sha-0');
    expect(options?.filter?.('src/index.ts', { size: 10 })).toBe(true);
    expect(options?.filter?.('node_modules/x/index.js', { size: 10 })).toBe(
      false,
    );
    expect(options?.filter?.('big.json', { size: 1000 })).toBe(false);

    if (opened.status !== 'ready') throw new Error('unreachable');
    await opened.release();
    await expect(fs.stat(dir)).rejects.toThrow(/ENOENT/);
  });

  describe('with a download limit', () => {
    const repoAt = (i: number) =>
      entity({
        'backstage.io/source-location': `url:https://github.com/o/r${i}/tree/main/`,
      });

    /** A reader whose checks take 20 ms and downloads 120 ms, counting both in flight. */
    async function countingReader(changed: boolean) {
      const dir = await writeFixtureRepo({ 'README.md': '# x\n' });
      const seen = { checks: 0, maxChecks: 0, downloads: 0, maxDownloads: 0 };
      const pause = (ms: number) =>
        new Promise(resolve => setTimeout(resolve, ms));
      const readTree: UrlReaderService['readTree'] = async (_url, options) => {
        seen.checks += 1;
        seen.maxChecks = Math.max(seen.maxChecks, seen.checks);
        await pause(20);
        seen.checks -= 1;
        if (options?.etag && !changed) throw new NotModifiedError();
        return {
          etag: 'sha-new',
          dir: async () => {
            seen.downloads += 1;
            seen.maxDownloads = Math.max(seen.maxDownloads, seen.downloads);
            await pause(120);
            seen.downloads -= 1;
            const copy = await fs.mkdtemp(join(tmpdir(), 'readiness-dl-'));
            await fs.cp(dir, copy, { recursive: true });
            return copy;
          },
          files: async () => [],
          archive: async () => {
            throw new Error('not used');
          },
        };
      };
      const urlReader = mockServices.urlReader.mock({ readTree });
      const sources = RepositorySources.create({
        urlReader,
        localRoots: [],
        logger: mockServices.logger.mock(),
        shareTreesMs: 0,
        downloadConcurrency: 2,
        // Less than the four rounds of downloads the last ones wait for:
        // waiting for a slot is not timed.
        sourceLimits: { readTimeoutMs: 400 },
      });
      return { sources, seen, dir };
    }

    async function openAll(sources: RepositorySources, etag?: string) {
      const opened = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          sources.open(repoAt(i), etag ? { etag } : {}),
        ),
      );
      for (const o of opened) if (o.status === 'ready') await o.release();
      return opened.map(o => o.status);
    }

    it('keeps every check in flight when nothing changed', async () => {
      const { sources, seen } = await countingReader(false);
      expect(await openAll(sources, 'sha-old')).toEqual(
        Array(8).fill('unchanged'),
      );
      expect(seen.maxChecks).toBe(8);
      expect(seen.maxDownloads).toBe(0);
    });

    it('starts at most that many reads without an etag', async () => {
      const { sources, seen } = await countingReader(true);
      expect(await openAll(sources)).toEqual(Array(8).fill('ready'));
      expect(seen.maxChecks).toBe(2);
      expect(seen.maxDownloads).toBe(2);
    });

    it('lets checks that found a change download in turn, without timing the wait', async () => {
      const { sources, seen } = await countingReader(true);
      expect(await openAll(sources, 'sha-old')).toEqual(Array(8).fill('ready'));
      expect(seen.maxChecks).toBe(8);
      expect(seen.maxDownloads).toBe(2);
    });

    it('still times out a download that takes too long once it has its slot', async () => {
      expect.assertions(3);
      const readTree: UrlReaderService['readTree'] = async () => ({
        etag: 'sha-new',
        dir: () => new Promise<string>(() => {}),
        files: async () => [],
        archive: async () => {
          throw new Error('not used');
        },
      });
      const sources = RepositorySources.create({
        urlReader: mockServices.urlReader.mock({ readTree }),
        localRoots: [],
        logger: mockServices.logger.mock(),
        downloadConcurrency: 1,
        sourceLimits: { readTimeoutMs: 50 },
      });
      await expectSourceError(
        sources.open(target, { etag: 'sha-old' }),
        'unreadable',
        /could not be read within/,
      );
    });
  });

  it('skips an unchanged tree', async () => {
    const { sources } = sourcesWith(async () => {
      throw new NotModifiedError();
    });
    expect(await sources.open(target, { etag: 'sha-1' })).toEqual({
      status: 'unchanged',
      etag: 'sha-1',
    });
  });

  it('turns reader failures into source errors', async () => {
    expect.assertions(6);
    await expectSourceError(
      sourcesWith(async () => {
        throw new NotFoundError('nope');
      }).sources.open(target),
      'not-found',
      /was not found/,
    );
    await expectSourceError(
      sourcesWith(async () => {
        throw new Error('401 Bad credentials');
      }).sources.open(target),
      'unreadable',
      /could not be read: 401 Bad credentials/,
    );
  });

  it('links at the commit the reader read', async () => {
    const sha = 'fedcba9876543210fedcba9876543210fedcba98';
    const dir = await writeFixtureRepo({ 'svc/README.md': '# x\n' });
    const { sources, urlReader } = sourcesWith(async () => ({
      etag: sha,
      dir: async () => dir,
      files: async () => [],
      archive: async () => {
        throw new Error('not used');
      },
    }));
    const opened = await sources.open(
      entity({
        'backstage.io/source-location':
          'url:https://gitlab.com/g/r/-/tree/main/svc',
      }),
    );
    expect(opened).toMatchObject({
      status: 'ready',
      links: {
        base: `https://gitlab.com/g/r/-/blob/${sha}/svc/`,
        lineAnchor: '#L',
      },
      linkBase: `https://gitlab.com/g/r/-/blob/${sha}/svc/`,
      dir: join(dir, 'svc'),
    });
    expect(urlReader.readTree.mock.calls[0][0]).toBe(
      'https://gitlab.com/g/r/-/tree/main',
    );
    if (opened.status === 'ready') await opened.release();
  });

  it('names a location with credentials without them', async () => {
    const secretTarget =
      'https://bot:hunter2-secret@github.com/o/r/tree/main/?access_token=t0ps3cret';
    const { sources } = sourcesWith(async url => {
      throw new Error(`Request to ${url} failed with 500`);
    });
    const error = await sources
      .open(entity({ 'backstage.io/source-location': `url:${secretTarget}` }))
      .catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toContain('https://github.com/o/r/tree/main/');
    expect(error.message).not.toMatch(/bot|hunter2|t0ps3cret/);
  });
});
