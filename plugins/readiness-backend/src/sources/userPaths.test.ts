import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeLocalTarget,
  relativeToRootsDeep,
  withoutServerPaths,
} from './userPaths';

describe('withoutServerPaths', () => {
  it('makes paths under the repository root relative, and the root itself "."', () => {
    const root = '/var/tmp/backstage-abc123';
    expect(
      withoutServerPaths(
        `EACCES: permission denied, open '${root}/config/app.yaml'`,
        [root],
      ),
    ).toBe(`EACCES: permission denied, open 'config/app.yaml'`);
    expect(
      withoutServerPaths(`cannot read directory ${root}: it does not exist`, [
        root,
      ]),
    ).toBe('cannot read directory .: it does not exist');
    expect(withoutServerPaths(`see file://${root}/a/b.txt`, [`${root}/`])).toBe(
      'see a/b.txt',
    );
  });

  it('leaves a longer name that merely starts like the root alone, then cuts it', () => {
    expect(withoutServerPaths('open /srv/repo-old/x', ['/srv/repo'])).toBe(
      'open …/x',
    );
    expect(withoutServerPaths('open /other/srv/repo/x', ['/srv/repo'])).toBe(
      'open …/x',
    );
  });

  it('cuts any other absolute path to its last segment', () => {
    expect(
      withoutServerPaths(
        "ENOENT: no such file or directory, scandir '/home/backstage/app/examples/repos/x'",
      ),
    ).toBe("ENOENT: no such file or directory, scandir '…/x'");
    expect(withoutServerPaths('failed at /opt/app/node_modules/a/b.js.')).toBe(
      'failed at …/b.js.',
    );
    expect(withoutServerPaths('(C:\\Users\\svc\\repo\\x.txt)')).toBe(
      '(…/x.txt)',
    );
    expect(withoutServerPaths('in file:///srv/catalog/x.yaml')).toBe(
      'in …/x.yaml',
    );
  });

  it('keeps URLs, refs, rule ids and plain slashes', () => {
    const kept = [
      'Repository https://github.com/o/r/tree/main was not found',
      'url:https://example.com/x.zip could not be read: 401 Bad credentials',
      'rule security/committed-env-file on component:default/alpha',
      'the readiness.dev/source-location annotation',
      'dir:./repos/orders and dir:../other',
      '3 / 4 files',
    ];
    for (const message of kept) {
      expect(withoutServerPaths(message)).toBe(message);
    }
  });

  it('knows a root by its real path too', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'readiness-paths-'));
    try {
      const real = await fs.realpath(dir);
      const link = `${dir}-link`;
      await fs.symlink(real, link);
      try {
        expect(withoutServerPaths(`open '${real}/a.txt'`, [link])).toBe(
          "open 'a.txt'",
        );
      } finally {
        await fs.rm(link, { force: true });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('relativeToRootsDeep', () => {
  it('rewrites the root in every string, and nothing else', () => {
    const root = '/tmp/readiness-xyz';
    const value = {
      score: 40,
      findings: [
        { path: 'a.json', message: `cannot parse ${root}/a.json` },
        { path: 'api.ts', message: 'no /health endpoint' },
      ],
      stats: { errors: [{ path: 'b', message: `EISDIR, read '${root}/b'` }] },
      nothing: null,
    };
    expect(relativeToRootsDeep(value, [root])).toEqual({
      score: 40,
      findings: [
        { path: 'a.json', message: 'cannot parse a.json' },
        { path: 'api.ts', message: 'no /health endpoint' },
      ],
      stats: { errors: [{ path: 'b', message: "EISDIR, read 'b'" }] },
      nothing: null,
    });
  });
});

describe('describeLocalTarget', () => {
  it('shows relative targets as written and absolute ones by their last segment', () => {
    expect(describeLocalTarget('dir:./repos/orders')).toBe(
      'dir:./repos/orders',
    );
    expect(describeLocalTarget('file:../svc')).toBe('file:../svc');
    expect(describeLocalTarget('dir:/srv/repos/orders/')).toBe('dir:…/orders');
    expect(describeLocalTarget('dir:/')).toBe('dir:…');
  });
});
