import { testDatabases, testStore } from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { EntitySummary } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

const REF = 'component:default/a';
const entity: EntitySummary = {
  entityRef: REF,
  kind: 'Component',
  namespace: 'default',
  name: 'a',
  owner: 'group:default/team-a',
};

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(databases.eachSupportedId())(
  'Fenced leases on %s',
  databaseId => {
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      ({ store } = await testStore(databases, databaseId));
      await store.syncEntities([REF], T0);
    });

    const claim = async (owner: string, now: Date) =>
      store.claimDue({ owner, limit: 10, leaseSeconds: 60, now });

    it('gives every claim of an entity a higher token', async () => {
      expect((await store.getRefreshState(REF))?.leaseToken).toBe(0);
      const [first] = await claim('one', at(0));
      expect(first.token).toBe(1);
      expect(await claim('two', at(30))).toEqual([]);
      const [second] = await claim('two', at(61));
      expect(second.token).toBe(2);
      await store.releaseClaim({
        entityRef: REF,
        owner: 'two',
        token: second.token,
        nextDueAt: at(61),
      });
      const [third] = await claim('one', at(62));
      expect(third.token).toBe(3);
      expect(await store.getRefreshState(REF)).toMatchObject({
        leaseOwner: 'one',
        leaseToken: 3,
      });
    });

    it("makes a crashed replica's entity claimable once its lease expires, and only then", async () => {
      const [dead] = await claim('dead', at(0));
      expect(await claim('alive', at(59))).toEqual([]);
      const [taken] = await claim('alive', at(61));
      expect(taken).toMatchObject({ entityRef: REF, token: dead.token + 1 });
      expect((await store.getRefreshState(REF))?.leaseOwner).toBe('alive');
    });

    it("rejects a stale replica's save and keeps the newer scorecard", async () => {
      const [stale] = await claim('one', at(0));
      // "one" stalls past its lease; "two" claims the entity and saves first.
      const [fresh] = await claim('two', at(90));
      expect(
        await store.saveAudit({
          entity,
          scorecard: scorecardWithScore(80, ['security/new']),
          etag: 'fresh',
          auditedAt: at(95),
          lease: { owner: 'two', token: fresh.token },
        }),
      ).toBe(true);
      expect(
        await store.releaseClaim({
          entityRef: REF,
          owner: 'two',
          token: fresh.token,
          nextDueAt: at(3600),
        }),
      ).toBe(true);

      const staleLease = { owner: 'one', token: stale.token };
      expect(
        await store.saveAudit({
          entity: { ...entity, title: 'Stale' },
          scorecard: scorecardWithScore(30, ['security/old']),
          etag: 'stale',
          auditedAt: at(120),
          lease: staleLease,
        }),
      ).toBe(false);
      expect(
        await store.saveError({
          entity,
          error: 'stale failure',
          checkedAt: at(120),
          lease: staleLease,
        }),
      ).toBe(false);
      expect(
        await store.markUnchanged({
          entity: { ...entity, title: 'Stale' },
          checkedAt: at(120),
          lease: staleLease,
        }),
      ).toBe(false);
      expect(
        await store.completeUnchanged([
          {
            entity: { ...entity, title: 'Stale' },
            checkedAt: at(120),
            release: { entityRef: REF, ...staleLease, nextDueAt: at(121) },
          },
        ]),
      ).toBe(0);
      expect(
        await store.releaseClaim({
          entityRef: REF,
          ...staleLease,
          nextDueAt: at(121),
          error: 'stale failure',
        }),
      ).toBe(false);

      const stored = await store.getScorecard(REF);
      expect(stored).toMatchObject({ score: 80, etag: 'fresh' });
      expect(stored?.title).toBeUndefined();
      expect(stored?.error).toBeUndefined();
      expect(stored?.checkedAt).toEqual(at(95));
      expect(await store.getBlockerRuleIds(REF)).toEqual(['security/new']);
      expect((await store.getHistory(REF)).map(h => h.score)).toEqual([80]);
      expect(await store.getRefreshState(REF)).toEqual({
        entityRef: REF,
        nextDueAt: at(3600),
        leaseToken: fresh.token,
        priority: 0,
        attempts: 0,
      });
    });

    it('rejects a save under a claim that was superseded before anything was saved', async () => {
      const [stale] = await claim('one', at(0));
      await claim('two', at(61));
      expect(
        await store.saveAudit({
          entity,
          scorecard: scorecardWithScore(30),
          auditedAt: at(62),
          lease: { owner: 'one', token: stale.token },
        }),
      ).toBe(false);
      expect(await store.getScorecard(REF)).toBeUndefined();
      expect(await store.getHistory(REF)).toEqual([]);
    });

    it('rejects the save of an entity removed while it was audited', async () => {
      const [held] = await claim('one', at(0));
      await store.syncEntities(['component:default/other'], at(1));
      expect(
        await store.saveAudit({
          entity,
          scorecard: scorecardWithScore(30),
          auditedAt: at(2),
          lease: { owner: 'one', token: held.token },
        }),
      ).toBe(false);
      expect(await store.getScorecard(REF)).toBeUndefined();
    });

    it('saves and releases with the current token even after the lease expired, if nobody claimed it since', async () => {
      const [held] = await claim('one', at(0));
      const lease = { owner: 'one', token: held.token };
      expect(
        await store.saveAudit({
          entity,
          scorecard: scorecardWithScore(70),
          auditedAt: at(100),
          lease,
        }),
      ).toBe(true);
      expect(
        await store.releaseClaim({
          entityRef: REF,
          ...lease,
          nextDueAt: at(3600),
        }),
      ).toBe(true);
      expect((await store.getScorecard(REF))?.score).toBe(70);
    });

    it('does nothing on a release with a stale or unknown token', async () => {
      const [held] = await claim('one', at(0));
      const before = await store.getRefreshState(REF);
      for (const token of [held.token - 1, held.token + 1]) {
        expect(
          await store.releaseClaim({
            entityRef: REF,
            owner: 'one',
            token,
            nextDueAt: at(3600),
            error: 'boom',
          }),
        ).toBe(false);
      }
      // Another owner's release with the right number is refused as well.
      expect(
        await store.releaseClaim({
          entityRef: REF,
          owner: 'two',
          token: held.token,
          nextDueAt: at(3600),
        }),
      ).toBe(false);
      expect(await store.getRefreshState(REF)).toEqual(before);
      expect(before).toMatchObject({
        leaseOwner: 'one',
        leaseExpiresAt: at(60),
        attempts: 0,
      });
      expect(await claim('two', at(30))).toEqual([]);
    });

    it('extends a held lease past its first expiry and refuses to extend a superseded one', async () => {
      const [held] = await claim('one', at(0));
      const extend = (token: number, now: Date) =>
        store.extendLeases({
          owner: 'one',
          leases: [{ entityRef: REF, token }],
          leaseSeconds: 60,
          now,
        });
      expect(await extend(held.token, at(40))).toEqual([REF]);
      expect((await store.getRefreshState(REF))?.leaseExpiresAt).toEqual(
        at(100),
      );
      expect(await claim('two', at(80))).toEqual([]);
      expect(await extend(held.token, at(90))).toEqual([REF]);
      expect(await claim('two', at(140))).toEqual([]);

      const [taken] = await claim('two', at(151));
      expect(taken.token).toBe(held.token + 1);
      expect(await extend(held.token, at(152))).toEqual([]);
      expect(await store.getRefreshState(REF)).toMatchObject({
        leaseOwner: 'two',
        leaseExpiresAt: at(211),
      });
      expect(
        await store.extendLeases({
          owner: 'one',
          leases: [],
          leaseSeconds: 60,
          now: at(153),
        }),
      ).toEqual([]);
    });

    it('extends only the leases of a batch that are still held', async () => {
      await store.syncEntities([REF, 'component:default/b'], T0);
      const claims = await claim('one', at(0));
      expect(claims).toHaveLength(2);
      const [taken] = await store.claimDue({
        owner: 'two',
        limit: 1,
        leaseSeconds: 60,
        now: at(61),
      });
      const kept = await store.extendLeases({
        owner: 'one',
        leases: claims.map(c => ({ entityRef: c.entityRef, token: c.token })),
        leaseSeconds: 60,
        now: at(62),
      });
      expect(kept).toEqual(
        claims.map(c => c.entityRef).filter(ref => ref !== taken.entityRef),
      );
    });
  },
);
