import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { AuditOutcome } from '../audit/EntityAuditor';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessStore } from '../database/ReadinessStore';
import { readReadinessOptions } from '../options';
import { testDatabases, testStore } from '../testing/databases';
import { component } from '../testing/entities';
import { scorecardWithScore } from '../testing/scorecards';
import {
  Auditor,
  QUEUE_TASK_ID,
  ReadinessRefresher,
  RefresherDeps,
  RefresherOptions,
} from './ReadinessRefresher';

jest.setTimeout(60_000);

const databases = testDatabases();

const options: RefresherOptions = {
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 25 } },
  auditIntervalMs: 6 * 3600_000,
  concurrency: 1,
  batchSize: 5,
  leaseSeconds: 60,
  refreshImmediately: false,
  historyRetention: { days: 365, runs: 500 },
  // No heartbeat unless a test asks for one.
  heartbeatMs: 3600_000,
};

/** Waits, in short real-time steps, until `check` holds. */
async function eventually(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  throw new Error('condition never held');
}

/** An auditor whose audits wait until the test lets them finish. */
class GatedAuditor implements Auditor {
  readonly started: string[] = [];
  #open!: () => void;
  readonly #gate = new Promise<void>(resolve => {
    this.#open = resolve;
  });
  constructor(private readonly score: number) {}

  open() {
    this.#open();
  }

  async audit(entity: Entity): Promise<AuditOutcome> {
    this.started.push(stringifyEntityRef(entity));
    await this.#gate;
    return {
      status: 'audited',
      scorecard: scorecardWithScore(this.score),
      etag: `etag-${this.score}`,
      inputsHash: 'inputs',
    };
  }
}

const REF = 'component:default/a';

describe.each(databases.eachSupportedId())(
  'ReadinessRefresher leases on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;
    let now: Date;
    const T0 = new Date('2025-05-01T12:00:00Z');
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
      now = T0;
    });

    /** Another replica: its own store on the same database, the shared clock. */
    async function replica(
      id: string,
      auditor: Auditor,
      extra: Partial<RefresherDeps> = {},
    ) {
      const own = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      const logger = mockServices.logger.mock();
      const refresher = ReadinessRefresher.create({
        store: own,
        auditor,
        catalog: catalogServiceMock({
          entities: [component('a'), component('b')],
        }),
        auth: mockServices.auth(),
        scheduler: mockServices.scheduler(),
        logger,
        options,
        clock: () => now,
        id,
        ...extra,
      });
      return { refresher, logger, store: own };
    }

    const warnings = (logger: { warn: jest.MockInstance<void, any[]> }) =>
      logger.warn.mock.calls.map(call => String(call[0]));

    it('rejects the save of an audit paused past its lease once another replica took the entity over, keeping the newer scorecard', async () => {
      await store.syncEntities([REF], T0);
      const slow = new GatedAuditor(30);
      const one = await replica('one', slow);
      const pass = one.refresher.processDue();
      await eventually(() => slow.started.length === 1);

      // "one" is paused (no heartbeat) past its lease; "two" takes over.
      now = at(61);
      const fast = new GatedAuditor(90);
      fast.open();
      const two = await replica('two', fast);
      expect(await two.refresher.processDue()).toBe(1);
      expect((await store.getScorecard(REF))?.score).toBe(90);

      slow.open();
      await pass;
      const stored = await store.getScorecard(REF);
      expect(stored).toMatchObject({ score: 90, etag: 'etag-90' });
      expect((await store.getHistory(REF)).map(h => h.score)).toEqual([90]);
      expect(await store.getRefreshState(REF)).toMatchObject({
        nextDueAt: new Date(at(61).getTime() + options.auditIntervalMs),
        priority: 0,
        attempts: 0,
      });
      expect((await store.getRefreshState(REF))?.leaseOwner).toBeUndefined();
      expect(warnings(one.logger)).toEqual([
        expect.stringContaining(`discarded its audit of ${REF}`),
      ]);
      expect(warnings(two.logger)).toEqual([]);
    });

    it('discards the result of an audit whose heartbeat finds the lease taken over, without writing', async () => {
      await store.syncEntities([REF], T0);
      const slow = new GatedAuditor(30);
      let partitioned = false;
      const one = await replica('one', slow, {
        options: { ...options, heartbeatMs: 10 },
      });
      const saves = jest.spyOn(one.store, 'saveAudit');
      const errors = jest.spyOn(one.store, 'saveError');
      const extend = one.store.extendLeases.bind(one.store);
      jest
        .spyOn(one.store, 'extendLeases')
        .mockImplementation(async (...args) => {
          if (partitioned) throw new Error('connection reset');
          return extend(...args);
        });
      const pass = one.refresher.processDue();
      await eventually(() => slow.started.length === 1);

      // "one" loses the database for longer than its lease; "two" takes over.
      partitioned = true;
      now = at(61);
      const fast = new GatedAuditor(90);
      fast.open();
      const two = await replica('two', fast);
      expect(await two.refresher.processDue()).toBe(1);

      partitioned = false;
      await eventually(() =>
        warnings(one.logger).some(w => w.includes(`lost the lease of ${REF}`)),
      );
      slow.open();
      await pass;
      expect(saves).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      expect((await store.getScorecard(REF))?.score).toBe(90);
      expect((await store.getHistory(REF)).map(h => h.score)).toEqual([90]);
    });

    it("keeps a long audit's lease, and its batch's, with a heartbeat that stops when the audit ends", async () => {
      await store.syncEntities([REF, 'component:default/b'], T0);
      const slow = new GatedAuditor(40);
      const one = await replica('one', slow, {
        options: { ...options, heartbeatMs: 10 },
      });
      const extensions = jest.spyOn(one.store, 'extendLeases');
      const pass = one.refresher.processDue();
      await eventually(() => slow.started.length === 1);

      const expiry = async (ref: string) =>
        (await store.getRefreshState(ref))?.leaseExpiresAt?.getTime();
      for (const seconds of [50, 100, 150]) {
        now = at(seconds);
        await eventually(
          async () =>
            (await expiry(REF)) === at(seconds + 60).getTime() &&
            (await expiry('component:default/b')) ===
              at(seconds + 60).getTime(),
        );
      }
      // Far past the first lease, the other replica finds nothing to claim.
      const idle = new GatedAuditor(90);
      idle.open();
      const two = await replica('two', idle);
      expect(await two.refresher.processDue()).toBe(0);
      expect(idle.started).toEqual([]);

      slow.open();
      expect(await pass).toBe(2);
      expect((await store.getScorecard(REF))?.score).toBe(40);
      expect((await store.getScorecard('component:default/b'))?.score).toBe(40);
      expect((await store.getRefreshState(REF))?.leaseOwner).toBeUndefined();
      expect(warnings(one.logger)).toEqual([]);

      const calls = extensions.mock.calls.length;
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(extensions.mock.calls.length).toBe(calls);
    });

    it("audits a crashed replica's entities again within two minutes with the default configuration", async () => {
      const defaults = readReadinessOptions(new ConfigReader({}), '/srv');
      const scheduler = mockServices.scheduler.mock();
      const auditor = new GatedAuditor(80);
      auditor.open();
      const survivor = await replica('survivor', auditor, {
        options: defaults,
        scheduler,
      });
      await survivor.refresher.start();
      const poll = scheduler.scheduleTask.mock.calls
        .map(call => call[0])
        .find(task => task.id === QUEUE_TASK_ID)!;
      expect(poll).toMatchObject({ scope: 'local' });
      const everyMs = (poll.frequency as { milliseconds: number }).milliseconds;

      // The crashed replica had just extended its lease (the latest expiry
      // a crash can leave behind) when it died at T0.
      await store.syncEntities([REF], T0);
      const dead: ReadinessStore = store;
      await dead.claimDue({
        owner: 'crashed',
        limit: 1,
        leaseSeconds: defaults.leaseSeconds,
        now: T0,
      });

      // The survivor's poll runs every `everyMs`, at any phase after the crash.
      let elapsedMs = 0;
      while (auditor.started.length === 0) {
        elapsedMs += everyMs;
        now = new Date(T0.getTime() + elapsedMs);
        await poll.fn(new AbortController().signal);
        if (elapsedMs > 3600_000) break;
      }
      expect(auditor.started).toEqual([REF]);
      expect(elapsedMs).toBeLessThanOrEqual(120_000);
      expect((await store.getScorecard(REF))?.score).toBe(80);
      await survivor.refresher.stop();
    });
  },
);
