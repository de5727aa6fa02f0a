import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { AuditOutcome } from '../audit/EntityAuditor';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { SourceError } from '../sources/SourceError';
import { testDatabases, testStore } from '../testing/databases';
import { component } from '../testing/entities';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';
import {
  Auditor,
  ReadinessRefresher,
  RefresherOptions,
} from './ReadinessRefresher';

jest.setTimeout(60_000);

const databases = testDatabases();

const options: RefresherOptions = {
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 25 } },
  auditIntervalMs: 6 * 3600_000,
  concurrency: 2,
  batchSize: 5,
  leaseSeconds: 60,
  refreshImmediately: false,
  historyRetention: { days: 365, runs: 500 },
};

/** An auditor that takes a little while and records every call. */
class RecordingAuditor implements Auditor {
  readonly calls: Array<{
    ref: string;
    force?: boolean;
    previous?: { etag?: string };
  }> = [];
  result: (ref: string) => AuditOutcome | Error = () => ({
    status: 'audited',
    scorecard: scorecardWithScore(75),
    etag: 'etag-1',
    inputsHash: 'inputs-1',
  });

  async audit(
    entity: Entity,
    previous?: { etag?: string; inputsHash?: string },
    opts?: { force?: boolean },
  ): Promise<AuditOutcome> {
    const ref = stringifyEntityRef(entity);
    this.calls.push({ ref, force: opts?.force, previous });
    await new Promise(resolve => setTimeout(resolve, 2 + Math.random() * 8));
    const result = this.result(ref);
    if (result instanceof Error) throw result;
    return result;
  }
}

describe.each(databases.eachSupportedId())(
  'ReadinessRefresher on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
    });

    function refresher(
      entities: Entity[],
      auditor: Auditor,
      extra: Partial<Parameters<typeof ReadinessRefresher.create>[0]> = {},
    ) {
      return ReadinessRefresher.create({
        store,
        auditor,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        scheduler: mockServices.scheduler(),
        logger: mockServices.logger.mock(),
        options,
        ...extra,
      });
    }

    it('syncs the queue with the catalog components only', async () => {
      const entities: Entity[] = [
        component('a'),
        component('b'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { name: 'x', namespace: 'default' },
          spec: {
            type: 'openapi',
            lifecycle: 'production',
            owner: 'team-a',
            definition: '{}',
          },
        },
      ];
      const r = refresher(entities, new RecordingAuditor());
      expect(await r.syncWithCatalog()).toEqual({ added: 2, removed: 0 });
      expect(await store.getRefreshState('component:default/a')).toBeDefined();
      expect(await store.getRefreshState('api:default/x')).toBeUndefined();

      const fewer = refresher([component('a')], new RecordingAuditor());
      expect(await fewer.syncWithCatalog()).toEqual({ added: 0, removed: 1 });

      // an empty answer (a catalog still starting) removes nothing
      const empty = refresher([], new RecordingAuditor());
      expect(await empty.syncWithCatalog()).toEqual({ added: 0, removed: 0 });
      expect(await store.getRefreshState('component:default/a')).toBeDefined();
    });

    it('never audits an entity twice in one cycle with two replicas on one database', async () => {
      const entities = Array.from({ length: 40 }, (_, i) =>
        component(`svc-${i}`),
      );
      const second = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      const auditorA = new RecordingAuditor();
      const auditorB = new RecordingAuditor();
      const a = refresher(entities, auditorA, { id: 'replica-a' });
      const b = refresher(entities, auditorB, {
        id: 'replica-b',
        store: second,
      });

      await Promise.all([a.syncWithCatalog(), b.syncWithCatalog()]);
      const [countA, countB] = await Promise.all([
        a.processDue(),
        b.processDue(),
      ]);

      const refs = [...auditorA.calls, ...auditorB.calls].map(c => c.ref);
      expect(refs).toHaveLength(40);
      expect(new Set(refs).size).toBe(40);
      expect(countA + countB).toBe(40);
      expect(auditorA.calls.length).toBeGreaterThan(0);
      expect(auditorB.calls.length).toBeGreaterThan(0);

      // a second cycle finds nothing due
      expect(await Promise.all([a.processDue(), b.processDue()])).toEqual([
        0, 0,
      ]);
      const state = await store.getRefreshState('component:default/svc-0');
      expect(state?.leaseOwner).toBeUndefined();
      expect(state?.nextDueAt.getTime()).toBeGreaterThan(
        Date.now() + 5 * 3600_000,
      );
      expect(
        (await store.listScorecards({ limit: 500 }, undefined)).total,
      ).toBe(40);
    });

    it('has up to fetchConcurrency audits in flight (their engine work is limited by the auditor)', async () => {
      const inFlight = { now: 0, peak: 0 };
      const auditor: Auditor = {
        async audit() {
          inFlight.now += 1;
          inFlight.peak = Math.max(inFlight.peak, inFlight.now);
          await new Promise(resolve => setTimeout(resolve, 20));
          inFlight.now -= 1;
          return { status: 'unchanged' };
        },
      };
      const entities = Array.from({ length: 12 }, (_, i) =>
        component(`svc-${i}`),
      );
      await refresher(entities, auditor, {
        options: { ...options, batchSize: 12, fetchConcurrency: 6 },
      }).run();
      expect(inFlight.peak).toBe(6);

      // Without it, the audit concurrency bounds both.
      inFlight.peak = 0;
      await knex('readiness_refresh_state').update({
        next_due_at: new Date(0),
      });
      await refresher(entities, auditor, {
        options: { ...options, batchSize: 12 },
      }).run();
      expect(inFlight.peak).toBe(2);
    });

    it('claims the next batch while the slowest audit of the previous one still runs', async () => {
      let releaseSlow!: () => void;
      const slow = new Promise<void>(resolve => {
        releaseSlow = resolve;
      });
      const events: string[] = [];
      const auditor: Auditor = {
        async audit(entity) {
          const name = entity.metadata.name;
          events.push(`start ${name}`);
          if (name === 'svc-0') await slow;
          else await new Promise(resolve => setTimeout(resolve, 5));
          events.push(`end ${name}`);
          return {
            status: 'audited',
            scorecard: scorecardWithScore(80),
            etag: 'e',
            inputsHash: 'i',
          };
        },
      };
      const entities = Array.from({ length: 9 }, (_, i) =>
        component(`svc-${i}`),
      );
      const r = refresher(entities, auditor, {
        options: { ...options, batchSize: 3, fetchConcurrency: 2 },
      });
      await r.syncWithCatalog();
      const pass = r.processDue();
      // Everything else is audited while svc-0, of the first batch, hangs.
      while (events.filter(e => e.startsWith('end')).length < 8) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      expect(events).not.toContain('end svc-0');
      releaseSlow();
      expect(await pass).toBe(9);
      for (const entity of entities) {
        expect(
          (await store.getScorecard(stringifyEntityRef(entity)))?.scorecard
            ?.score,
        ).toBe(80);
      }
      // Every lease was released: nothing is left claimed.
      const claimed = await knex('readiness_refresh_state').whereNotNull(
        'lease_owner',
      );
      expect(claimed).toHaveLength(0);
    });

    it("takes over a dead replica's expired lease", async () => {
      let now = new Date('2025-05-01T12:00:00Z');
      const auditor = new RecordingAuditor();
      const r = refresher([component('a')], auditor, { clock: () => now });
      await r.syncWithCatalog();
      const claimed = await store.claimDue({
        owner: 'dead',
        limit: 10,
        leaseSeconds: 60,
        now,
      });
      expect(claimed).toHaveLength(1);

      expect(await r.processDue()).toBe(0);
      now = new Date(now.getTime() + 61_000);
      expect(await r.processDue()).toBe(1);
      expect(auditor.calls.map(c => c.ref)).toEqual(['component:default/a']);
    });

    it('passes the previous etag and forces an on-demand refresh', async () => {
      const auditor = new RecordingAuditor();
      const r = refresher([component('a')], auditor, {
        options: { ...options, refreshImmediately: true },
      });
      await r.syncWithCatalog();
      await r.processDue();
      expect(auditor.calls[0]).toMatchObject({
        force: false,
        previous: { etag: undefined },
      });

      auditor.result = () => ({ status: 'unchanged' });
      await r.requestRefresh('component:default/a');
      await r.processDue();
      expect(auditor.calls[1]).toMatchObject({
        force: true,
        previous: { etag: 'etag-1' },
      });
      expect(await r.isRefreshing('component:default/a')).toBe(false);
      expect(await store.getHistory('component:default/a')).toHaveLength(1);
      expect(
        (await store.getScorecard('component:default/a'))?.checkedAt,
      ).toBeDefined();
    });

    it('records unreadable repositories as errors, backs off, and goes on with the batch', async () => {
      const now = new Date('2025-05-01T12:00:00Z');
      const auditor = new RecordingAuditor();
      const result = auditor.result;
      auditor.result = ref =>
        ref === 'component:default/bad'
          ? new SourceError(
              'not-found',
              'Repository https://example.com/x was not found',
            )
          : result(ref);
      const r = refresher([component('bad'), component('good')], auditor, {
        clock: () => now,
      });
      await r.syncWithCatalog();
      expect(await r.processDue()).toBe(2);

      expect(await store.getScorecard('component:default/bad')).toMatchObject({
        score: null,
        error: 'Repository https://example.com/x was not found',
        owner: 'group:default/team-a',
      });
      expect(
        await store.getRefreshState('component:default/bad'),
      ).toMatchObject({
        attempts: 1,
        lastError: 'Repository https://example.com/x was not found',
        nextDueAt: new Date(now.getTime() + 2 * 60_000),
      });
      expect((await store.getScorecard('component:default/good'))?.score).toBe(
        75,
      );
    });

    it('records unexpected audit failures with a message', async () => {
      const auditor = new RecordingAuditor();
      auditor.result = () => new Error('disk full');
      const r = refresher([component('a')], auditor);
      await r.syncWithCatalog();
      await r.processDue();
      expect((await store.getScorecard('component:default/a'))?.error).toBe(
        'The audit failed: disk full',
      );
    });

    it('shows users no path of the server in a failure message', async () => {
      const auditor = new RecordingAuditor();
      auditor.result = () =>
        new Error(
          "ENOENT: no such file or directory, open '/srv/backstage/tmp/readiness-1/src/app.py'",
        );
      const r = refresher([component('a')], auditor);
      await r.syncWithCatalog();
      await r.processDue();
      const message =
        "The audit failed: ENOENT: no such file or directory, open '…/app.py'";
      expect((await store.getScorecard('component:default/a'))?.error).toBe(
        message,
      );
      expect(
        (await store.getRefreshState('component:default/a'))?.lastError,
      ).toBe(message);
    });

    it('forgets an entity that left the catalog after it was queued', async () => {
      const r = refresher([], new RecordingAuditor());
      await store.syncEntities(['component:default/gone'], new Date(0));
      expect(await r.processDue()).toBe(1);
      expect(
        await store.getRefreshState('component:default/gone'),
      ).toBeUndefined();
    });

    it('notifies the owner when the score drops beyond the threshold', async () => {
      const notifications = { send: jest.fn().mockResolvedValue(undefined) };
      const notifier = ReadinessNotifier.create({
        notifications,
        logger: mockServices.logger.mock(),
        settings: { enabled: true, scoreDropThreshold: 10, onNewBlocker: true },
      });
      const auditor = new RecordingAuditor();
      let now = new Date('2025-05-01T12:00:00Z');
      const r = refresher([component('a', 'team-z')], auditor, {
        notifier,
        clock: () => now,
      });
      await r.syncWithCatalog();
      await r.processDue();
      expect(notifications.send).not.toHaveBeenCalled();

      auditor.result = () => ({
        status: 'audited',
        scorecard: scorecardWithScore(60),
        etag: 'etag-2',
        inputsHash: 'inputs-1',
      });
      now = new Date(now.getTime() + options.auditIntervalMs + 1);
      await r.processDue();
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send.mock.calls[0][0]).toMatchObject({
        recipients: { type: 'entity', entityRef: 'group:default/team-z' },
        payload: {
          title: "a's readiness score dropped by 15 points",
          severity: 'normal',
        },
      });
    });

    it("names the audit's rule transitions in the notification", async () => {
      const notifications = { send: jest.fn().mockResolvedValue(undefined) };
      const notifier = ReadinessNotifier.create({
        notifications,
        logger: mockServices.logger.mock(),
        settings: { enabled: true, scoreDropThreshold: 10, onNewBlocker: true },
      });
      const auditor = new RecordingAuditor();
      auditor.result = () => ({
        status: 'audited',
        scorecard: makeScorecard([
          { ruleId: 'security/committed-env-file', severity: 'critical' },
          { ruleId: 'testing/has-tests', severity: 'high', status: 'fail' },
        ]),
        etag: 'etag-1',
        inputsHash: 'inputs-1',
      });
      let now = new Date('2025-05-01T12:00:00Z');
      const r = refresher([component('a', 'team-z')], auditor, {
        notifier,
        clock: () => now,
      });
      await r.syncWithCatalog();
      await r.processDue();
      auditor.result = () => ({
        status: 'audited',
        scorecard: makeScorecard([
          {
            ruleId: 'security/committed-env-file',
            severity: 'critical',
            status: 'fail',
          },
          { ruleId: 'testing/has-tests', severity: 'high' },
        ]),
        etag: 'etag-2',
        inputsHash: 'inputs-1',
      });
      now = new Date(now.getTime() + options.auditIntervalMs + 1);
      await r.processDue();
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send.mock.calls[0][0].payload.description).toContain(
        'Since the last audit: newly failing: Title of security/committed-env-file; fixed: Title of testing/has-tests.',
      );
    });

    it('runs as a scheduled task', async () => {
      const scheduler = mockServices.scheduler.mock();
      const r = refresher([component('a')], new RecordingAuditor(), {
        scheduler,
      });
      await r.start();
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'readiness-refresh',
          frequency: { minutes: 30 },
          timeout: { minutes: 25 },
        }),
      );
      // Each replica also polls the queue every third of the lease.
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'readiness-refresh-queue',
          scope: 'local',
          frequency: { milliseconds: 20_000 },
        }),
      );
      const task = scheduler.scheduleTask.mock.calls[0][0];
      await task.fn(new AbortController().signal);
      expect((await store.getScorecard('component:default/a'))?.score).toBe(75);
      await r.stop();
    });
  },
);
