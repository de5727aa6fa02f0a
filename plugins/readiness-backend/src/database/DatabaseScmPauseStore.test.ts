import {
  at,
  entitySummary,
  T0,
  testDatabases,
  testStore,
} from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

const REF = 'component:default/payments';
const entity = entitySummary('payments');

describe.each(databases.eachSupportedId())(
  'SCM rate-limit pauses and waiting entities on %s',
  databaseId => {
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      ({ store } = await testStore(databases, databaseId));
    });

    /** Claims the entity as `owner`; its lease. */
    const claim = async (owner = 'replica-a', now = T0) => {
      const [claimed] = await store.claimDue({
        owner,
        limit: 1,
        leaseSeconds: 60,
        now,
      });
      return { owner, token: claimed.token, claimed };
    };

    it('keeps one pause per host, the later one winning, until it ends', async () => {
      await store.pauseHost('github.com', at(10), T0);
      await store.pauseHost('github.com', at(5), at(1));
      await store.pauseHost('gitlab.com', at(2), T0);
      expect(await store.pausedUntil('github.com', at(1))).toEqual(at(10));
      expect(await store.pausedUntil('gitlab.com', at(1))).toEqual(at(2));
      expect(await store.pausedUntil('gitlab.com', at(2))).toBeUndefined();
      expect(await store.pausedUntil('bitbucket.org', T0)).toBeUndefined();
      await store.pauseHost('github.com', at(20), at(2));
      expect(await store.pausedUntil('github.com', at(15))).toEqual(at(20));
    });

    it('releases a waiting entity until the reset without failing it, and keeps its last scorecard and error', async () => {
      await store.syncEntities([REF], T0);
      await store.saveAudit({
        entity,
        scorecard: scorecardWithScore(72),
        auditedAt: T0,
        warning: 'A waiver was ignored',
      });
      // two failures before, and a refresh requested
      const first = await claim();
      await store.releaseClaim({
        entityRef: REF,
        owner: first.owner,
        token: first.token,
        nextDueAt: T0,
        error: 'boom',
      });
      await store.requestRefresh(REF, T0);
      const lease = await claim('replica-a', at(1));
      expect(lease.claimed.attempts).toBe(1);

      // a stale lease changes nothing
      expect(
        await store.saveWaiting({
          entity,
          host: 'github.com',
          until: at(30),
          lease: { owner: lease.owner, token: lease.token - 1 },
        }),
      ).toBe(false);
      expect((await store.getScorecard(REF))?.waiting).toBeUndefined();

      expect(
        await store.saveWaiting({
          entity,
          host: 'github.com',
          until: at(30),
          lease,
        }),
      ).toBe(true);
      const stored = await store.getScorecard(REF);
      expect(stored).toMatchObject({
        score: 72,
        error: 'A waiver was ignored',
        waiting: { host: 'github.com', until: at(30) },
      });
      const state = await store.getRefreshState(REF);
      expect(state).toMatchObject({
        nextDueAt: at(30),
        attempts: 1,
        priority: 1,
        lastError: 'boom',
      });
      expect(state?.leaseOwner).toBeUndefined();
      // not claimable before the reset, claimable after it
      expect(
        await store.claimDue({
          owner: 'b',
          limit: 5,
          leaseSeconds: 60,
          now: at(29),
        }),
      ).toEqual([]);
      const { items } = await store.listScorecards(
        { includeUnscored: true },
        undefined,
      );
      expect(items[0].waiting).toEqual({ host: 'github.com', until: at(30) });

      const after = await claim('replica-b', at(31));
      expect(
        await store.saveAudit({
          entity,
          scorecard: scorecardWithScore(80),
          auditedAt: at(31),
          lease: after,
        }),
      ).toBe(true);
      expect((await store.getScorecard(REF))?.waiting).toBeUndefined();
    });

    it('lists an entity never audited as waiting, and forgets the wait on the next failure or unchanged check', async () => {
      await store.syncEntities([REF], T0);
      const lease = await claim();
      await store.saveWaiting({
        entity,
        host: 'gitlab.com',
        until: at(5),
        lease,
      });
      const { items, total } = await store.listScorecards(
        { includeUnscored: true },
        undefined,
      );
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        entityRef: REF,
        score: null,
        waiting: { host: 'gitlab.com', until: at(5) },
      });
      expect(items[0].error).toBeUndefined();

      const next = await claim('replica-a', at(6));
      await store.saveError({
        entity,
        error: 'Repository not found',
        checkedAt: at(6),
        lease: next,
      });
      expect(await store.getScorecard(REF)).toMatchObject({
        error: 'Repository not found',
      });
      expect((await store.getScorecard(REF))?.waiting).toBeUndefined();

      await store.releaseClaim({ entityRef: REF, ...next, nextDueAt: at(7) });
      const third = await claim('replica-a', at(8));
      await store.saveWaiting({
        entity,
        host: 'gitlab.com',
        until: at(9),
        lease: third,
      });
      await store.markUnchanged({ entity, checkedAt: at(10) });
      expect((await store.getScorecard(REF))?.waiting).toBeUndefined();
    });
  },
);
