import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { FixtureFiles, FixtureGitRepo } from '../testing/fixtureGit';
import { ScmServer, startScmServer } from '../testing/scmServer';

/**
 * The backend audits GitHub and GitLab sources through Backstage's own URL
 * readers (the core urlReader service, not a mock), pointed at the local
 * SCM server. The store is not what is tested here, so SQLite only.
 */

jest.setTimeout(180_000);

const databases = testDatabases(['SQLITE_3']);

const GITHUB = 'github.fixture.test';
const GITLAB = 'gitlab.fixture.test';
const GITHUB_TOKEN = ['ghp', randomBytes(12).toString('hex')].join('_');
const GITLAB_TOKEN = ['glpat', randomBytes(12).toString('hex')].join('-');

/** A small service with a committed .env (a blocker) and `extra` files. */
const service = (name: string, extra = 0): FixtureFiles => {
  const files: FixtureFiles = {
    'package.json': JSON.stringify({
      name,
      scripts: { start: 'node server.js' },
    }),
    'server.js': "require('express')().listen(3000);\n",
    '.env': 'DB_PASSWORD=changeme-please-now\n',
  };
  for (let i = 0; i < extra; i++) files[`docs/note-${i}.md`] = `# ${i}\n`;
  return files;
};

const under = (prefix: string, files: FixtureFiles): FixtureFiles =>
  Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      `${prefix}/${path}`,
      content,
    ]),
  );

const MONO_SERVICES = ['api', 'web', 'worker', 'billing', 'search'];

const located = (name: string, url: string) =>
  component(name, 'team-a', {
    annotations: { 'backstage.io/source-location': `url:${url}` },
  });

const ref = (name: string) => `component:default/${name}`;

describe('GitHub and GitLab sources through the real URL readers', () => {
  let scm: ScmServer;
  const repos: FixtureGitRepo[] = [];
  let mono: FixtureGitRepo;
  let shop: FixtureGitRepo;
  let trunk: FixtureGitRepo;
  let ledger: FixtureGitRepo;
  let knex: Knex;
  let store: DatabaseReadinessStore;
  let triggerRefresh: () => Promise<void>;

  const repo = async (files: FixtureFiles, defaultBranch?: string) => {
    const created = await FixtureGitRepo.create(files, { defaultBranch });
    repos.push(created);
    return created;
  };

  /** Makes the given entities due without forcing an audit (as their interval running out does). */
  const makeDue = async (names: string[]) => {
    await knex('readiness_refresh_state')
      .whereIn('entity_ref', names.map(ref))
      .update({ next_due_at: new Date(0), priority: 0, attempts: 0 });
  };

  /** Archive downloads of one repository. */
  const downloadsOf = (repoPath: string) =>
    scm.requests.filter(
      r =>
        (r.route === 'github.codeload' || r.route === 'gitlab.archive') &&
        r.status === 200 &&
        (r.url.includes(`/${repoPath}/`) ||
          r.url.includes(encodeURIComponent(repoPath))),
    ).length;

  beforeAll(async () => {
    scm = await startScmServer();
    mono = await repo(
      Object.assign(
        { 'README.md': '# mono\n' },
        ...MONO_SERVICES.map((name, i) =>
          under(`services/${name}`, service(name, i)),
        ),
      ),
    );
    // The committed .env is also listed in .gitignore: an archive holds it all the same.
    shop = await repo({
      ...service('shop'),
      '.gitignore': '.env\nnode_modules/\n',
    });
    trunk = await repo(service('trunk-svc', 2), 'trunk');
    ledger = await repo({
      'README.md': '# ledger\n',
      ...under('backend', service('ledger', 1)),
    });
    const forbidden = await repo(service('forbidden'));
    const slow = await repo(service('slow'));
    const huge = await repo({
      ...service('huge'),
      // incompressible, so the archive is as large as the file
      'assets/blob.bin': randomBytes(3 * 1024 * 1024),
    });
    const broken = await repo(service('broken'));

    scm.addGithubRepo('acme/mono', mono);
    scm.addGithubRepo('acme/shop', shop);
    scm.addGithubRepo('acme/trunk', trunk);
    scm.addGithubRepo('acme/forbidden', forbidden);
    scm.addGithubRepo('acme/slow', slow);
    scm.addGithubRepo('acme/huge', huge);
    scm.renameGithubRepo('acme/old-shop', 'acme/shop');
    scm.addGitlabProject('acme/platform/ledger', ledger);
    scm.addGitlabProject('acme/platform/broken', broken);

    scm.fault(
      { route: 'github.status', url: '/acme/forbidden/' },
      {
        status: 403,
        body: { message: 'Resource not accessible by integration' },
        headers: { 'x-ratelimit-remaining': '4999' },
      },
    );
    scm.fault({ route: 'github.status', url: '/acme/slow/' }, { hang: true });
    scm.fault(
      {
        route: 'gitlab.archive',
        url: encodeURIComponent('acme/platform/broken'),
      },
      { status: 500, body: { message: '500 Internal Server Error' } },
    );

    const entities = [
      ...MONO_SERVICES.map(name =>
        located(
          `mono-${name}`,
          `https://${GITHUB}/acme/mono/tree/main/services/${name}`,
        ),
      ),
      located('shop', `https://${GITHUB}/acme/shop`),
      located('trunk', `https://${GITHUB}/acme/trunk`),
      located('renamed', `https://${GITHUB}/acme/old-shop/tree/main`),
      located(
        'ledger',
        `https://${GITLAB}/acme/platform/ledger/-/tree/main/backend`,
      ),
      located(
        'ledger-root',
        `https://${GITLAB}/acme/platform/ledger/-/tree/main`,
      ),
      located('ledger-default', `https://${GITLAB}/acme/platform/ledger`),
      located('missing', `https://${GITHUB}/acme/missing/tree/main`),
      located(
        'no-folder',
        `https://${GITHUB}/acme/mono/tree/main/services/nope`,
      ),
      located('forbidden', `https://${GITHUB}/acme/forbidden`),
      located('slow', `https://${GITHUB}/acme/slow`),
      located('huge', `https://${GITHUB}/acme/huge`),
      located('broken', `https://${GITLAB}/acme/platform/broken`),
    ];

    knex = await databases.init('SQLITE_3');
    const backend = await startReadinessBackend({
      knex,
      catalog: catalogServiceMock({ entities }),
      rootConfig: {
        integrations: {
          github: [
            {
              host: GITHUB,
              apiBaseUrl: scm.githubApiBaseUrl,
              token: GITHUB_TOKEN,
            },
          ],
          gitlab: [
            {
              host: GITLAB,
              apiBaseUrl: scm.gitlabApiBaseUrl,
              token: GITLAB_TOKEN,
            },
          ],
        },
      },
      config: {
        concurrency: 3,
        batchSize: 50,
        limits: { maxArchiveBytes: 1024 * 1024, readTimeoutSeconds: 5 },
      },
    });
    store = backend.store;
    triggerRefresh = () => backend.scheduler.triggerTask(REFRESH_TASK_ID);
    await triggerRefresh();
  });

  afterAll(async () => {
    await scm.stop();
    for (const r of repos) await r.remove();
  });

  it('audits a repository root on its default branch, a folder at a ref, and a GitLab folder', async () => {
    const shopCard = await store.getScorecard(ref('shop'));
    expect(shopCard?.error).toBeUndefined();
    expect(shopCard?.etag).toBe(await shop.resolve('main'));
    expect(shopCard?.scorecard?.blockers.map(b => b.ruleId)).toContain(
      'security/committed-env-file',
    );

    // the default branch is asked of the API, not assumed to be main
    const trunkCard = await store.getScorecard(ref('trunk'));
    expect(trunkCard?.etag).toBe(await trunk.resolve('trunk'));
    expect(trunkCard?.scorecard?.stats.files).toBe(5);

    const api = await store.getScorecard(ref('mono-api'));
    const monoSha = (await mono.resolve('main'))!;
    expect(api?.etag).toBe(monoSha);
    expect(api?.links?.base).toBe(
      `https://${GITHUB}/acme/mono/blob/${monoSha}/services/api/`,
    );

    const ledgerCard = await store.getScorecard(ref('ledger'));
    expect(ledgerCard?.error).toBeUndefined();
    expect(ledgerCard?.scorecard?.stats.files).toBe(4);
    expect(ledgerCard?.links?.base).toBe(
      `https://${GITLAB}/acme/platform/ledger/-/blob/${await ledger.resolve(
        'main',
      )}/backend/`,
    );
    expect(
      (await store.getScorecard(ref('ledger-root')))?.scorecard?.stats.files,
    ).toBe(5);
    // a folder and the root at the same ref are read once; the location
    // that names no branch is read on its own, after asking for the default
    expect(downloadsOf('acme/platform/ledger')).toBe(2);
    const byDefault = await store.getScorecard(ref('ledger-default'));
    expect(byDefault?.etag).toBe(await ledger.resolve('main'));
    expect(byDefault?.scorecard?.stats.files).toBe(5);
  });

  it('follows a redirect of a renamed repository', async () => {
    const renamed = await store.getScorecard(ref('renamed'));
    expect(renamed?.error).toBeUndefined();
    expect(renamed?.etag).toBe(await shop.resolve('main'));
  });

  it('reads a monorepo once and audits each entity on its own folder', async () => {
    expect(downloadsOf('acme/mono')).toBe(1);
    for (const [i, name] of MONO_SERVICES.entries()) {
      const card = await store.getScorecard(ref(`mono-${name}`));
      expect(card?.error).toBeUndefined();
      // package.json, server.js, .env and the service's own i notes
      expect(card?.scorecard?.stats.files).toBe(3 + i);
    }
  });

  it('turns each failure into an error row that says what to do, and audits the rest', async () => {
    const errorOf = async (name: string) =>
      (await store.getScorecard(ref(name)))?.error ?? '';
    expect(await errorOf('missing')).toBe(
      `Repository https://${GITHUB}/acme/missing/tree/main was not found (404): check the repository, branch and path in the backstage.io/source-location annotation, and that the credentials of the integrations.github entry for ${GITHUB} can read the repository`,
    );
    expect(await errorOf('no-folder')).toMatch(
      /^The folder services\/nope was not found in repository https:\/\/github\.fixture\.test\/acme\/mono\/tree\/main at commit [0-9a-f]{12}: check the path in the backstage\.io\/source-location annotation$/,
    );
    expect(await errorOf('forbidden')).toBe(
      `Repository https://${GITHUB}/acme/forbidden could not be read: access was refused (403 Forbidden); give the token of the integrations.github entry for ${GITHUB} read access to this repository`,
    );
    expect(await errorOf('slow')).toMatch(
      /could not be read within 5 s \(readiness\.limits\.readTimeoutSeconds\): the SCM did not answer in time; the audit is retried with back-off/,
    );
    expect(await errorOf('huge')).toBe(
      `Repository https://${GITHUB}/acme/huge is too large to audit: its archive holds more than 1 MiB of files (readiness.limits.maxArchiveBytes), so the download was stopped; raise the limit to audit it`,
    );
    expect(await errorOf('broken')).toMatch(
      /could not be read: the SCM answered 500 Internal Server Error, a failure on its side; the audit is retried with back-off/,
    );
    for (const name of [
      'missing',
      'no-folder',
      'forbidden',
      'slow',
      'huge',
      'broken',
    ]) {
      const error = await errorOf(name);
      expect(error).not.toContain('127.0.0.1');
      expect(error).not.toContain('/api/v');
      expect(error).not.toContain(GITHUB_TOKEN);
      expect(error).not.toContain(GITLAB_TOKEN);
      expect(await store.getScorecard(ref(name))).toMatchObject({
        scorecard: null,
      });
    }
    // the readers sent the configured tokens; none of them reached a message
    const auth = scm.requests.map(r => String(r.headers.authorization ?? ''));
    expect(auth.some(a => a.includes(GITHUB_TOKEN))).toBe(true);
    expect(auth.some(a => a.includes(GITLAB_TOKEN))).toBe(true);
  });

  it('downloads nothing for unchanged trees, and one archive for a changed monorepo', async () => {
    const good = [
      ...MONO_SERVICES.map(n => `mono-${n}`),
      'shop',
      'trunk',
      'ledger',
      'ledger-root',
      'ledger-default',
    ];
    scm.resetRequests();
    await makeDue(good);
    await triggerRefresh();
    expect(scm.archiveDownloads()).toBe(0);
    expect(scm.count('github.status', 'gitlab.commits')).toBeGreaterThan(0);
    for (const name of good) {
      expect(await store.getHistory(ref(name))).toHaveLength(1);
    }

    const changed = await mono.commit({ 'services/web/extra.md': '# new\n' });
    scm.resetRequests();
    await makeDue(good);
    await triggerRefresh();
    expect(downloadsOf('acme/mono')).toBe(1);
    expect(scm.archiveDownloads()).toBe(1);
    for (const [i, name] of MONO_SERVICES.entries()) {
      const card = await store.getScorecard(ref(`mono-${name}`));
      expect(card?.etag).toBe(changed);
      expect(card?.scorecard?.stats.files).toBe(
        3 + i + (name === 'web' ? 1 : 0),
      );
      expect(await store.getHistory(ref(`mono-${name}`))).toHaveLength(2);
    }
    expect(await store.getHistory(ref('shop'))).toHaveLength(1);
  });
});
