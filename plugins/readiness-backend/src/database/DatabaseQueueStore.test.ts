import {
  at,
  entitySummary,
  T0,
  testDatabases,
  testStore,
} from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { DatabaseQueueStore } from './DatabaseQueueStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { DatabaseQueryStore } from './DatabaseQueryStore';
import { ClaimedEntity } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseQueueStore on %s',
  databaseId => {
    let queue: DatabaseQueueStore;
    let scorecards: DatabaseScorecardStore;
    let queries: DatabaseQueryStore;

    beforeEach(async () => {
      ({ queue, scorecards, queries } = (
        await testStore(databases, databaseId)
      ).store);
    });

    describe('refresh queue', () => {
      it('syncs with the catalog, adding due rows and forgetting removed entities', async () => {
        expect(
          await queue.syncEntities(
            ['component:default/a', 'component:default/b'],
            T0,
          ),
        ).toEqual({ added: 2, removed: 0 });
        await scorecards.saveAudit({
          entity: entitySummary('b'),
          scorecard: scorecardWithScore(50),
          auditedAt: T0,
        });
        await scorecards.saveAudit({
          entity: entitySummary('z'),
          scorecard: scorecardWithScore(50),
          auditedAt: T0,
        });
        expect(
          await queue.syncEntities(
            ['component:default/a', 'component:default/c'],
            at(1),
          ),
        ).toEqual({ added: 1, removed: 2 });
        expect(
          await queue.getRefreshState('component:default/b'),
        ).toBeUndefined();
        expect(
          await queries.getScorecard('component:default/b'),
        ).toBeUndefined();
        expect(
          await queries.getScorecard('component:default/z'),
        ).toBeUndefined();
        expect(await queries.getHistory('component:default/b')).toEqual([]);
        expect(
          await queue.getRefreshState('component:default/c'),
        ).toMatchObject({
          nextDueAt: at(1),
          priority: 0,
          attempts: 0,
        });
        // existing rows keep their schedule
        expect(
          (await queue.getRefreshState('component:default/a'))?.nextDueAt,
        ).toEqual(T0);
      });

      it('claims due rows once, by priority, and re-claims expired leases', async () => {
        await queue.syncEntities(
          ['component:default/a', 'component:default/b', 'component:default/c'],
          T0,
        );
        await queue.requestRefresh('component:default/c', at(0));

        const first = await queue.claimDue({
          owner: 'one',
          limit: 2,
          leaseSeconds: 60,
          now: at(1),
        });
        expect(first.map(c => c.entityRef)).toEqual([
          'component:default/c',
          'component:default/a',
        ]);
        expect(first[0].priority).toBe(1);

        const second = await queue.claimDue({
          owner: 'two',
          limit: 5,
          leaseSeconds: 60,
          now: at(1),
        });
        expect(second.map(c => c.entityRef)).toEqual(['component:default/b']);
        expect(
          await queue.claimDue({
            owner: 'two',
            limit: 5,
            leaseSeconds: 60,
            now: at(1),
          }),
        ).toEqual([]);

        // "one" dies; its leases expire and someone else picks the rows up
        const third = await queue.claimDue({
          owner: 'three',
          limit: 5,
          leaseSeconds: 60,
          now: at(3),
        });
        expect(third.map(c => c.entityRef).sort()).toEqual([
          'component:default/a',
          'component:default/b',
          'component:default/c',
        ]);
        const tokenOf = (claims: ClaimedEntity[], ref: string) =>
          claims.find(c => c.entityRef === ref)!.token;
        expect(tokenOf(third, 'component:default/a')).toBe(
          tokenOf(first, 'component:default/a') + 1,
        );
        expect(
          await queue.releaseClaim({
            entityRef: 'component:default/a',
            owner: 'one',
            token: tokenOf(first, 'component:default/a'),
            nextDueAt: at(60),
          }),
        ).toBe(false);
        expect(
          await queue.releaseClaim({
            entityRef: 'component:default/a',
            owner: 'three',
            token: tokenOf(third, 'component:default/a'),
            nextDueAt: at(60),
          }),
        ).toBe(true);
        expect(await queue.getRefreshState('component:default/a')).toEqual({
          entityRef: 'component:default/a',
          nextDueAt: at(60),
          leaseToken: 2,
          priority: 0,
          attempts: 0,
        });
      });

      it('counts failed attempts and keeps a refresh requested during an audit', async () => {
        await queue.syncEntities(['component:default/a'], T0);
        const [claim] = await queue.claimDue({
          owner: 'w',
          limit: 1,
          leaseSeconds: 60,
          now: at(1),
        });
        await queue.releaseClaim({
          entityRef: claim.entityRef,
          owner: 'w',
          token: claim.token,
          nextDueAt: at(2),
          error: 'boom',
          claimedPriority: claim.priority,
        });
        expect(
          await queue.getRefreshState('component:default/a'),
        ).toMatchObject({
          attempts: 1,
          lastError: 'boom',
          nextDueAt: at(2),
        });

        const [again] = await queue.claimDue({
          owner: 'w',
          limit: 1,
          leaseSeconds: 60,
          now: at(2),
        });
        expect(again.attempts).toBe(1);
        await queue.requestRefresh('component:default/a', at(2));
        expect(
          (await queue.getRefreshState('component:default/a'))?.leaseOwner,
        ).toBe('w');
        await queue.releaseClaim({
          entityRef: again.entityRef,
          owner: 'w',
          token: again.token,
          nextDueAt: at(60),
          claimedPriority: again.priority,
        });
        expect(
          await queue.getRefreshState('component:default/a'),
        ).toMatchObject({
          nextDueAt: at(2),
          priority: 1,
          attempts: 0,
        });
      });

      it('creates a queue row for a refresh of an entity not yet synced', async () => {
        await queue.requestRefresh('component:default/new', T0);
        expect(
          await queue.getRefreshState('component:default/new'),
        ).toMatchObject({
          priority: 1,
          nextDueAt: T0,
        });
        await queue.removeEntity('component:default/new');
        expect(
          await queue.getRefreshState('component:default/new'),
        ).toBeUndefined();
      });
    });
  },
);
