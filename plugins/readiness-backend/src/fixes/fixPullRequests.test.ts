import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FixPullRequestResponse,
  SuggestedFixesResponse,
} from '@readiness/backstage-plugin-readiness-common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog } from '../testing/catalog';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { FixtureFiles, FixtureGitRepo } from '../testing/fixtureGit';
import { ScmServer, startScmServer, WRITE_ROUTES } from '../testing/scmServer';

/**
 * Suggested fixes and the pull and merge requests that apply them, end to
 * end: the backend reads the audited commit through Backstage's URL readers
 * and writes through @octokit/rest and the GitLab REST API, all against the
 * local SCM server. The store is not what is tested here, so SQLite only.
 */

jest.setTimeout(180_000);

const databases = testDatabases(['SQLITE_3']);

const GITHUB = 'github.fixture.test';
const GITLAB = 'gitlab.fixture.test';
/** A GitHub host configured without credentials. */
const BARE = 'bare.fixture.test';
const GITHUB_TOKEN = ['ghp', randomBytes(12).toString('hex')].join('_');
const GITLAB_TOKEN = ['glpat', randomBytes(12).toString('hex')].join('-');
/** A credential committed in the Dockerfile that a fix rewrites. */
const COMMITTED_SECRET = ['ghp', 'Zq8v'.repeat(9)].join('_');

/** A service whose Dockerfile runs as root and names a credential, with a committed .env. */
const service = (name: string): FixtureFiles => ({
  'package.json': JSON.stringify({
    name,
    scripts: { start: 'node server.js' },
  }),
  'server.js':
    "const app = require('express')();\napp.listen(process.env.PORT || 3000);\n",
  '.env': 'PORT=3000\n',
  Dockerfile: [
    'FROM node:20-slim',
    'WORKDIR /app',
    `ENV RELEASE_TOKEN=${COMMITTED_SECRET}`,
    'COPY . .',
    'CMD ["node", "server.js"]',
    '',
  ].join('\n'),
});

const located = (name: string, url: string) =>
  component(name, 'team-a', {
    annotations: { 'backstage.io/source-location': `url:${url}` },
  });

const ref = (name: string) => `component:default/${name}`;
const api = (name: string) =>
  `/api/readiness/scorecards/component/default/${name}`;

const VIEWER = 'user:default/viewer';
const viewer = () => mockCredentials.user.header(VIEWER);
const userRef = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

describe('suggested fixes and their pull requests', () => {
  let scm: ScmServer;
  const repos: FixtureGitRepo[] = [];
  let shop: FixtureGitRepo;
  let ledger: FixtureGitRepo;
  let store: DatabaseReadinessStore;
  let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];
  let shopAudited: string;

  const repo = async (files: FixtureFiles) => {
    const created = await FixtureGitRepo.create(files);
    repos.push(created);
    return created;
  };

  beforeAll(async () => {
    scm = await startScmServer();
    shop = await repo(service('shop'));
    ledger = await repo({
      'README.md': '# ledger\n',
      ...Object.fromEntries(
        Object.entries(service('ledger')).map(([p, c]) => [`backend/${p}`, c]),
      ),
    });
    scm.addGithubRepo('acme/shop', shop);
    scm.addGithubRepo('acme/locked', await repo(service('locked')));
    scm.addGithubRepo('acme/bare', await repo(service('bare')));
    scm.addGitlabProject('acme/platform/ledger', ledger);
    scm.fault(
      { route: 'github.createRef', url: '/acme/locked/' },
      {
        status: 403,
        body: { message: 'Resource not accessible by integration' },
      },
    );

    const entities = [
      located('shop', `https://${GITHUB}/acme/shop`),
      located('locked', `https://${GITHUB}/acme/locked`),
      located('bare', `https://${BARE}/acme/bare`),
      located(
        'ledger',
        `https://${GITLAB}/acme/platform/ledger/-/tree/main/backend`,
      ),
      located('secret-shop', `https://${GITHUB}/acme/shop`),
    ];
    const backend = await startReadinessBackend({
      knex: await databases.init('SQLITE_3'),
      catalog: hidingCatalog(
        entities,
        (entityRef, credentials) =>
          entityRef === ref('secret-shop') && userRef(credentials) === VIEWER,
      ),
      rootConfig: {
        integrations: {
          github: [
            {
              host: GITHUB,
              apiBaseUrl: scm.githubApiBaseUrl,
              token: GITHUB_TOKEN,
            },
            { host: BARE, apiBaseUrl: scm.githubApiBaseUrl },
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
      // The viewer may see entities but not open pull requests.
      permissions: createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize: async (
            requests: Array<{ permission: { name: string } }>,
            { credentials }: { credentials: BackstageCredentials },
          ) =>
            requests.map(r => ({
              result:
                r.permission.name === 'readiness.fix.create' &&
                userRef(credentials) === VIEWER
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
          authorizeConditional: async (requests: unknown[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }),
      }) as any,
    });
    server = backend.server;
    store = backend.store;
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);
    shopAudited = (await shop.resolve('main'))!;
    // The repository moves on after the audit: fixes apply to the audited commit.
    await shop.commit({ 'NEWS.md': '# later\n' }, 'Later work');
  });

  afterAll(async () => {
    await scm.stop();
    for (const r of repos) await r.remove();
  });

  it('serves the suggested fixes at the audited commit, diffs redacted', async () => {
    expect((await store.getScorecard(ref('shop')))?.etag).toBe(shopAudited);
    const res = await request(server).get(`${api('shop')}/fixes`);
    expect(res.status).toBe(200);
    const body = res.body as SuggestedFixesResponse;
    expect(body.commit).toBe(shopAudited);
    expect(body.pullRequest).toEqual({ supported: true });
    const ids = body.fixes.map(f => f.ruleId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'infrastructure/missing-dockerignore',
        'infrastructure/dockerfile-runs-as-root',
        'security/committed-env-file',
      ]),
    );
    // in the order of the scorecard's fix list
    const card = (await store.getScorecard(ref('shop')))!.scorecard!;
    const order = card.fixes.map(f => f.ruleId).filter(id => ids.includes(id));
    expect(ids).toEqual(order);
    for (const fix of body.fixes) {
      expect(fix.expectedGain).toBe(
        card.fixes.find(f => f.ruleId === fix.ruleId)!.expectedGain,
      );
    }
    const root = body.fixes.find(
      f => f.ruleId === 'infrastructure/dockerfile-runs-as-root',
    )!;
    expect(root.files).toEqual([{ path: 'Dockerfile', action: 'modify' }]);
    expect(root.diff).toContain('+USER');
    // the Dockerfile's credential is in the diff's context, redacted
    expect(root.diff).toContain('ENV RELEASE_TOKEN=');
    expect(JSON.stringify(res.body)).not.toContain(COMMITTED_SECRET);
    // the later commit is not what the fixes were computed from
    expect(JSON.stringify(res.body)).not.toContain('NEWS.md');
  });

  it('opens a GitHub pull request from the audited commit with the fixed files and a body that lists them', async () => {
    const suggested = (await request(server).get(`${api('shop')}/fixes`))
      .body as SuggestedFixesResponse;
    scm.resetRequests();
    const res = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({});
    expect(res.status).toBe(201);
    const opened = res.body as FixPullRequestResponse;
    expect(opened.rules).toEqual(suggested.fixes.map(f => f.ruleId));
    const gain =
      Math.round(
        suggested.fixes.reduce((sum, f) => sum + f.expectedGain, 0) * 10,
      ) / 10;
    expect(opened.expectedGain).toBe(gain);
    expect(opened.base).toBe('main');
    expect(opened.branch).toMatch(
      new RegExp(`^readiness/fixes-${shopAudited.slice(0, 12)}-[0-9a-f]{8}$`),
    );

    expect(scm.pullRequests).toHaveLength(1);
    const [pull] = scm.pullRequests;
    expect(pull).toMatchObject({
      host: 'github',
      repository: 'acme/shop',
      head: opened.branch,
      base: 'main',
      url: opened.url,
    });
    for (const fix of suggested.fixes) {
      expect(pull.body).toContain(`\`${fix.ruleId}\``);
    }
    expect(pull.body).toContain(`**+${gain} points**`);
    expect(pull.body).not.toContain(COMMITTED_SECRET);

    // one commit on the audited one, writing exactly the planned files
    const head = (await shop.resolve(opened.branch))!;
    expect(await shop.resolve(`${head}^`)).toBe(shopAudited);
    const planned = [
      ...new Set(suggested.fixes.flatMap(f => f.files.map(x => x.path))),
    ].sort();
    expect((await shop.changedPaths(shopAudited, head)).sort()).toEqual(
      planned,
    );
    const dockerfile = (await shop.readFile(head, 'Dockerfile'))!.toString();
    expect(dockerfile).toMatch(/^USER /m);
    // the file as written keeps its real content
    expect(dockerfile).toContain(COMMITTED_SECRET);
    expect((await shop.readFile(head, '.gitignore'))!.toString()).toContain(
      '.env',
    );

    // written with the integration's token
    const writes = scm.requests.filter(r => WRITE_ROUTES.includes(r.route));
    expect(writes.map(r => r.route)).toEqual([
      'github.createTree',
      'github.createCommit',
      'github.createRef',
      'github.createPull',
    ]);
    for (const write of writes) {
      expect(String(write.headers.authorization)).toContain(GITHUB_TOKEN);
    }
  });

  it('refuses to open the same fixes twice: the branch exists (409)', async () => {
    const res = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /^The branch readiness\/fixes-[0-9a-f]{12}-[0-9a-f]{8} already exists in acme\/shop on github\.fixture\.test: .* delete the branch to open a new one$/,
    );
    expect(scm.pullRequests).toHaveLength(1);
  });

  it('opens a request for some rules only', async () => {
    const res = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({ rules: ['infrastructure/missing-dockerignore'] });
    expect(res.status).toBe(201);
    expect(res.body.rules).toEqual(['infrastructure/missing-dockerignore']);
    const head = (await shop.resolve(res.body.branch))!;
    expect(await shop.changedPaths(shopAudited, head)).toEqual([
      '.dockerignore',
    ]);
    expect(scm.pullRequests.at(-1)?.title).toBe(
      'Readiness: Add a .dockerignore to the repository root',
    );
  });

  it('opens a GitLab merge request in the entity folder of a monorepo', async () => {
    scm.resetRequests();
    const audited = (await store.getScorecard(ref('ledger')))!.etag!;
    const suggested = (await request(server).get(`${api('ledger')}/fixes`))
      .body as SuggestedFixesResponse;
    const res = await request(server)
      .post(`${api('ledger')}/fixes/pull-request`)
      .send({});
    expect(res.status).toBe(201);
    expect(res.body.base).toBe('main');
    const pull = scm.pullRequests.at(-1)!;
    expect(pull).toMatchObject({
      host: 'gitlab',
      repository: 'acme/platform/ledger',
      head: res.body.branch,
      base: 'main',
      url: res.body.url,
      number: res.body.number,
    });
    expect(pull.body).toContain('in `backend/`');
    const head = (await ledger.resolve(res.body.branch))!;
    expect(await ledger.resolve(`${head}^`)).toBe(audited);
    const planned = [
      ...new Set(
        suggested.fixes.flatMap(f => f.files.map(x => `backend/${x.path}`)),
      ),
    ].sort();
    expect((await ledger.changedPaths(audited, head)).sort()).toEqual(planned);
    const writes = scm.requests.filter(r => WRITE_ROUTES.includes(r.route));
    expect(writes.map(r => r.route)).toEqual([
      'gitlab.createBranch',
      'gitlab.createCommit',
      'gitlab.createMergeRequest',
    ]);
    for (const write of writes) {
      expect(String(write.headers.authorization)).toContain(GITLAB_TOKEN);
    }
  });

  it('answers 403 to a user without readiness.fix.create, and writes nothing', async () => {
    scm.resetRequests();
    const seen = await request(server)
      .get(`${api('ledger')}/fixes`)
      .set('Authorization', viewer());
    expect(seen.status).toBe(200);
    const res = await request(server)
      .post(`${api('ledger')}/fixes/pull-request`)
      .set('Authorization', viewer())
      .send({});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('readiness.fix.create');
    expect(scm.requests.filter(r => WRITE_ROUTES.includes(r.route))).toEqual(
      [],
    );
  });

  it('answers 404 for an entity the user cannot see, before any permission or SCM call', async () => {
    scm.resetRequests();
    for (const path of ['/fixes', '/fixes/pull-request']) {
      const call =
        path === '/fixes'
          ? request(server).get(`${api('secret-shop')}${path}`)
          : request(server)
              .post(`${api('secret-shop')}${path}`)
              .send({});
      const res = await call.set('Authorization', viewer());
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'No entity component:default/secret-shop found',
      );
    }
    expect(scm.requests).toEqual([]);
  });

  it('turns SCM and setup failures into 4xx and 502 answers that say what to do', async () => {
    const locked = await request(server)
      .post(`${api('locked')}/fixes/pull-request`)
      .send({});
    expect(locked.status).toBe(502);
    expect(locked.body.error.message).toBe(
      `The credentials of the integrations.github entry for ${GITHUB} may not write to acme/locked on ${GITHUB} (403 Forbidden while creating the branch): give the token the repo scope, or the GitHub App Contents and Pull requests read and write access`,
    );

    const bare = await request(server)
      .post(`${api('bare')}/fixes/pull-request`)
      .send({});
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(
      /^The integrations\.github entry for bare\.fixture\.test has no credentials for acme\/bare: add a token/,
    );

    const bad = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({ rules: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    expect(bad.body.error.message).toMatch(/body\/rules must be array/);

    const unknown = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({ rules: ['security/committed-env-file'], draft: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /must NOT have additional properties/,
    );

    const large = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({
        rules: ['security/committed-env-file'],
        pad: 'x'.repeat(20_000),
      });
    expect(large.status).toBe(413);

    const malformed = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .set('Content-Type', 'application/json')
      .send('{"rules": [');
    expect(malformed.status).toBe(400);

    const nothing = await request(server)
      .post(`${api('shop')}/fixes/pull-request`)
      .send({ rules: ['documentation/no-such-rule'] });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.message).toMatch(
      /^None of documentation\/no-such-rule has a change to suggest/,
    );

    for (const res of [locked, bare, bad, nothing]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toContain(GITHUB_TOKEN);
    }
  });
});
