import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { FixtureFiles, FixtureGitRepo } from '../testing/fixtureGit';
import { ScmServer, startScmServer } from '../testing/scmServer';
import { ScmRateLimitError, ScmRateLimits } from './rateLimits';

/**
 * The SCM's rate limit through Backstage's real GitHub and GitLab readers,
 * against the local SCM server: the host is paused until the reset, its
 * entities wait (released, not failed) while other hosts and local sources
 * are audited, and the API says they wait.
 */

jest.setTimeout(120_000);

const databases = testDatabases(['SQLITE_3']);

const GITHUB = 'github.limits.test';
const GITLAB = 'gitlab.limits.test';

const service = (name: string): FixtureFiles => ({
  'package.json': JSON.stringify({ name, scripts: { start: 'node a.js' } }),
  'a.js': "require('express')().listen(3000);\n",
});

const located = (name: string, location: string) =>
  component(name, 'team-a', {
    annotations: { 'backstage.io/source-location': location },
  });

const ref = (name: string) => `component:default/${name}`;
const sleepUntil = (time: Date) =>
  new Promise(resolve =>
    setTimeout(resolve, Math.max(0, time.getTime() - Date.now()) + 50),
  );

describe('SCM rate limits', () => {
  let scm: ScmServer;
  const repos: FixtureGitRepo[] = [];
  let knex: Knex;
  let store: DatabaseReadinessStore;
  let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];
  let trigger: () => Promise<void>;
  const integrations = () =>
    ScmIntegrations.fromConfig(
      mockServices.rootConfig({
        data: {
          integrations: {
            github: [{ host: GITHUB, apiBaseUrl: scm.githubApiBaseUrl }],
            gitlab: [{ host: GITLAB, apiBaseUrl: scm.gitlabApiBaseUrl }],
          },
        },
      }),
    );

  const requestsFor = (repoPath: string) =>
    scm.requests.filter(
      r =>
        r.url.includes(`/${repoPath}/`) ||
        r.url.includes(`/${repoPath}?`) ||
        r.url.endsWith(`/${repoPath}`) ||
        r.url.includes(encodeURIComponent(repoPath)),
    ).length;

  beforeAll(async () => {
    scm = await startScmServer();
    const repo = async (files: FixtureFiles) => {
      const created = await FixtureGitRepo.create(files);
      repos.push(created);
      return created;
    };
    scm.addGithubRepo('acme/limited', await repo(service('limited')));
    scm.addGithubRepo('acme/second', await repo(service('second')));
    scm.addGithubRepo('acme/open', await repo(service('open')));
    scm.addGitlabProject('acme/ledger', await repo(service('ledger')));
    scm.addGitlabProject('acme/throttled', await repo(service('throttled')));
    const local = await repo(service('local'));

    knex = await databases.init('SQLITE_3');
    const backend = await startReadinessBackend({
      knex,
      catalog: catalogServiceMock({
        entities: [
          located('a-limited', `url:https://${GITHUB}/acme/limited`),
          located('b-second', `url:https://${GITHUB}/acme/second/tree/main`),
          located('c-ledger', `url:https://${GITLAB}/acme/ledger`),
          located('d-local', `dir:${local.dir}`),
        ],
      }),
      rootConfig: {
        integrations: {
          github: [{ host: GITHUB, apiBaseUrl: scm.githubApiBaseUrl }],
          gitlab: [{ host: GITLAB, apiBaseUrl: scm.gitlabApiBaseUrl }],
        },
      },
      // One read at a time, in ref order: a-limited is read first.
      config: {
        concurrency: 1,
        fetchConcurrency: 1,
        checkConcurrency: 1,
        batchSize: 50,
        localRoots: [local.dir],
      },
    });
    store = backend.store;
    server = backend.server;
    trigger = () => backend.scheduler.triggerTask(REFRESH_TASK_ID);
  });

  afterAll(async () => {
    await scm.stop();
    for (const r of repos) await r.remove();
  });

  it('pauses a GitHub host on a 403 with x-ratelimit-remaining 0 until its reset, and audits the rest meanwhile', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 2;
    scm.fault(
      { route: 'github.status', url: '/acme/limited/', times: 1 },
      {
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 1.' },
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      },
    );
    await trigger();

    const until = new Date(reset * 1000);
    for (const name of ['a-limited', 'b-second']) {
      const card = await store.getScorecard(ref(name));
      expect(card).toMatchObject({
        scorecard: null,
        waiting: { host: GITHUB, until },
      });
      expect(card?.error).toBeUndefined();
      // released back, not failed: due at the reset, no attempt counted
      const state = await store.getRefreshState(ref(name));
      expect(state).toMatchObject({ attempts: 0, nextDueAt: until });
      expect(state?.leaseOwner).toBeUndefined();
      expect(state?.lastError).toBeUndefined();
    }
    // the second repository of the paused host was not asked for at all
    expect(requestsFor('acme/second')).toBe(0);
    // the other host and the local source went on
    for (const name of ['c-ledger', 'd-local']) {
      const card = await store.getScorecard(ref(name));
      expect(card?.scorecard).not.toBeNull();
      expect(card?.waiting).toBeUndefined();
    }
    expect(await store.pausedUntil(GITHUB, new Date())).toEqual(until);
    expect(await store.pausedUntil(GITLAB, new Date())).toBeUndefined();

    // the API says the entity waits, and until when, rather than an error
    const tab = await request(server).get(
      '/api/readiness/scorecards/component/default/a-limited',
    );
    expect(tab.status).toBe(200);
    expect(tab.body.waiting).toEqual({
      reason: 'scm-rate-limit',
      host: GITHUB,
      until: until.toISOString(),
    });
    expect(tab.body.error).toBeUndefined();
    const board = await request(server).get(
      '/api/readiness/leaderboard?includeUnscored=true',
    );
    const rows = new Map<string, any>(
      board.body.items.map((i: any) => [i.name, i]),
    );
    expect(rows.get('b-second').waiting).toEqual(tab.body.waiting);
    expect(rows.get('c-ledger').waiting).toBeUndefined();

    // Another replica, knowing nothing of it in memory, holds back too: the
    // pause is read from the database, and the reader is never called.
    const reader: UrlReaderService = {
      readUrl: jest.fn(),
      readTree: jest.fn(),
      search: jest.fn(),
    };
    const replica = ScmRateLimits.create({
      store,
      integrations: integrations(),
      logger: mockServices.logger.mock(),
    });
    try {
      await expect(
        replica.wrap(reader).readTree(`https://${GITHUB}/acme/open`),
      ).rejects.toEqual(new ScmRateLimitError(GITHUB, until));
      expect(reader.readTree).not.toHaveBeenCalled();
      // a GitLab read is not held back
      await replica.wrap(reader).readTree(`https://${GITLAB}/acme/ledger`);
      expect(reader.readTree).toHaveBeenCalledTimes(1);
    } finally {
      replica.close();
    }

    // Made due before the reset, they still wait and the host is not asked.
    scm.resetRequests();
    await knex('readiness_refresh_state')
      .whereIn('entity_ref', [ref('a-limited'), ref('b-second')])
      .update({ next_due_at: new Date(0) });
    await trigger();
    expect(scm.requests.filter(r => r.route.startsWith('github'))).toEqual([]);
    expect((await store.getScorecard(ref('a-limited')))?.waiting).toEqual({
      host: GITHUB,
      until,
    });

    // After the reset both are audited, and no longer wait.
    await sleepUntil(until);
    await trigger();
    for (const name of ['a-limited', 'b-second']) {
      const card = await store.getScorecard(ref(name));
      expect(card?.scorecard).not.toBeNull();
      expect(card?.waiting).toBeUndefined();
      expect(card?.error).toBeUndefined();
      expect(await store.getHistory(ref(name))).toHaveLength(1);
    }
    const after = await request(server).get(
      '/api/readiness/scorecards/component/default/a-limited',
    );
    expect(after.body.waiting).toBeUndefined();
    expect(after.body.scorecard).not.toBeNull();
  });

  it('pauses a GitLab host on a 429 for its Retry-After, before its RateLimit-Reset', async () => {
    const repoRef = ref('e-throttled');
    const catalog = catalogServiceMock({
      entities: [
        located('e-throttled', `url:https://${GITLAB}/acme/throttled`),
        located('f-open', `url:https://${GITHUB}/acme/open`),
      ],
    });
    const db = await databases.init('SQLITE_3');
    const backend = await startReadinessBackend({
      knex: db,
      catalog,
      rootConfig: {
        integrations: {
          github: [{ host: GITHUB, apiBaseUrl: scm.githubApiBaseUrl }],
          gitlab: [{ host: GITLAB, apiBaseUrl: scm.gitlabApiBaseUrl }],
        },
      },
      config: { concurrency: 1, fetchConcurrency: 1, checkConcurrency: 1 },
    });
    scm.fault(
      { route: 'gitlab.project', url: 'acme%2Fthrottled', times: 1 },
      {
        status: 429,
        body: { message: 'Retry later' },
        headers: {
          'Retry-After': '2',
          'RateLimit-Remaining': '0',
          // Retry-After says sooner, and wins
          'RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 600),
        },
      },
    );
    const before = Date.now();
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);

    const waiting = await backend.store.getScorecard(repoRef);
    expect(waiting?.waiting?.host).toBe(GITLAB);
    const until = waiting!.waiting!.until;
    expect(until.getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect(until.getTime()).toBeLessThan(Date.now() + 2000);
    expect(waiting?.error).toBeUndefined();
    expect(await backend.store.getRefreshState(repoRef)).toMatchObject({
      attempts: 0,
      nextDueAt: until,
    });
    // GitHub went on
    expect(
      (await backend.store.getScorecard(ref('f-open')))?.scorecard,
    ).not.toBeNull();
    const tab = await request(backend.server).get(
      '/api/readiness/scorecards/component/default/e-throttled',
    );
    expect(tab.body.waiting).toEqual({
      reason: 'scm-rate-limit',
      host: GITLAB,
      until: until.toISOString(),
    });

    await sleepUntil(until);
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);
    const audited = await backend.store.getScorecard(repoRef);
    expect(audited?.scorecard).not.toBeNull();
    expect(audited?.waiting).toBeUndefined();
  });
  it('lets every check in flight wait when the limit runs out under them, and finds them unchanged after the reset', async () => {
    const names = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    for (const name of names) {
      const created = await FixtureGitRepo.create(service(name));
      repos.push(created);
      scm.addGithubRepo(`acme/${name}`, created);
    }
    const db = await databases.init('SQLITE_3');
    const backend = await startReadinessBackend({
      knex: db,
      catalog: catalogServiceMock({
        entities: names.map(name =>
          located(name, `url:https://${GITHUB}/acme/${name}/tree/main`),
        ),
      }),
      rootConfig: {
        integrations: {
          github: [{ host: GITHUB, apiBaseUrl: scm.githubApiBaseUrl }],
        },
      },
      // Checks all at once, downloads one at a time.
      config: { concurrency: 1, fetchConcurrency: 1, checkConcurrency: 6 },
    });
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);
    for (const name of names) {
      expect(
        (await backend.store.getScorecard(ref(name)))?.scorecard,
      ).not.toBeNull();
    }

    // Due again; every check is answered late, and refused: the limit ran out.
    await db('readiness_refresh_state').update({ next_due_at: new Date(0) });
    const reset = Math.ceil(Date.now() / 1000) + 2;
    scm.resetRequests();
    scm.setLatency(200);
    scm.fault(
      { route: 'github.status', url: '/acme/w', times: names.length },
      {
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 1.' },
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      },
    );
    try {
      await backend.scheduler.triggerTask(REFRESH_TASK_ID);
    } finally {
      scm.setLatency(0);
    }
    // More than one check was asked before the first refusal came back.
    expect(scm.count('github.status')).toBeGreaterThan(1);
    const until = new Date(reset * 1000);
    for (const name of names) {
      const card = await backend.store.getScorecard(ref(name));
      expect(card?.waiting).toEqual({ host: GITHUB, until });
      expect(card?.error).toBeUndefined();
      expect(await backend.store.getRefreshState(ref(name))).toMatchObject({
        attempts: 0,
        nextDueAt: until,
      });
    }

    await sleepUntil(until);
    scm.clearFaults();
    scm.resetRequests();
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);
    expect(scm.archiveDownloads()).toBe(0);
    for (const name of names) {
      const card = await backend.store.getScorecard(ref(name));
      expect(card?.waiting).toBeUndefined();
      expect(card?.error).toBeUndefined();
      expect(card?.scorecard).not.toBeNull();
      // checked, not audited again
      expect(await backend.store.getHistory(ref(name))).toHaveLength(1);
    }
  });
});
