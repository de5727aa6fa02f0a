import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { ClaimedEntity, EntitySummary } from './ReadinessStore';

jest.setTimeout(60_000);

// PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is
// set; containers are never started from here.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

function entity(
  name: string,
  extra: Partial<EntitySummary> = {},
): EntitySummary {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    owner: 'group:default/team-a',
    lifecycle: 'production',
    ...extra,
  };
}

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      });
    });

    it('migrates up and down', async () => {
      expect(await knex.schema.hasTable('readiness_scorecards')).toBe(true);
      expect(await knex.schema.hasTable('readiness_history')).toBe(true);
      expect(await knex.schema.hasTable('readiness_refresh_state')).toBe(true);
      expect(await knex.schema.hasTable('readiness_blockers')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      expect(await knex.schema.hasTable('readiness_scorecards')).toBe(false);
      expect(await knex.schema.hasTable('readiness_refresh_state')).toBe(false);
    });

    it('skips migrations when asked', async () => {
      const fresh = await databases.init(databaseId);
      await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
        skipMigrations: true,
      });
      expect(await fresh.schema.hasTable('readiness_scorecards')).toBe(false);
    });

    it('stores an audit, its blockers and a history point', async () => {
      const scorecard = makeScorecard([
        {
          ruleId: 'security/committed-env-file',
          severity: 'critical',
          status: 'fail',
        },
        { ruleId: 'testing/has-tests', severity: 'high', status: 'fail' },
        { ruleId: 'documentation/readme', severity: 'low' },
      ]);
      await store.saveAudit({
        entity: entity('payments', { title: 'Payments' }),
        scorecard,
        etag: 'abc',
        inputsHash: 'h1',
        auditedAt: T0,
      });

      const stored = await store.getScorecard('component:default/payments');
      expect(stored).toMatchObject({
        entityRef: 'component:default/payments',
        kind: 'Component',
        title: 'Payments',
        owner: 'group:default/team-a',
        score: scorecard.score,
        verdict: 'not-ready',
        blockers: 2,
        etag: 'abc',
        inputsHash: 'h1',
      });
      expect(stored?.auditedAt?.toISOString()).toBe(T0.toISOString());
      expect(stored?.scorecard).toEqual(scorecard);
      expect(stored?.error).toBeUndefined();
      expect(
        await store.getBlockerRuleIds('component:default/payments'),
      ).toEqual(['security/committed-env-file', 'testing/has-tests']);

      const history = await store.getHistory('component:default/payments');
      expect(history).toEqual([
        {
          auditedAt: T0,
          score: scorecard.score,
          verdict: 'not-ready',
          categories: expect.objectContaining({
            security: 0,
            documentation: 100,
            cicd: null,
          }),
          blockers: 2,
        },
      ]);
      expect(
        await store.getScorecard('component:default/missing'),
      ).toBeUndefined();
    });

    it('reads the audit state without the scorecard document', async () => {
      const scorecard = makeScorecard([
        {
          ruleId: 'security/committed-env-file',
          severity: 'critical',
          status: 'fail',
        },
      ]);
      await store.saveAudit({
        entity: entity('state'),
        scorecard,
        etag: 'e1',
        inputsHash: 'h1',
        auditedAt: T0,
      });
      expect(await store.getAuditState('component:default/state')).toEqual({
        etag: 'e1',
        inputsHash: 'h1',
        score: scorecard.score,
      });
      expect(
        await store.getAuditState('component:default/none'),
      ).toBeUndefined();
    });

    it('replaces blockers on the next audit and orders history newest first', async () => {
      await store.saveAudit({
        entity: entity('a'),
        scorecard: scorecardWithScore(40, ['security/x', 'security/y']),
        auditedAt: at(0),
      });
      await store.saveAudit({
        entity: entity('a'),
        scorecard: scorecardWithScore(70, ['security/y']),
        auditedAt: at(10),
      });
      expect(await store.getBlockerRuleIds('component:default/a')).toEqual([
        'security/y',
      ]);
      const history = await store.getHistory('component:default/a');
      expect(history.map(h => h.score)).toEqual([70, 40]);
      expect(await store.getHistory('component:default/a', 1)).toHaveLength(1);
    });

    it('keeps the last good scorecard when an audit fails, and clears the etag', async () => {
      await store.saveAudit({
        entity: entity('a'),
        scorecard: scorecardWithScore(66),
        etag: 'e1',
        inputsHash: 'h',
        auditedAt: at(0),
      });
      await store.saveError({
        entity: entity('a', { owner: 'group:default/team-b' }),
        error: 'repository not found',
        checkedAt: at(5),
      });
      const stored = await store.getScorecard('component:default/a');
      expect(stored).toMatchObject({
        score: 66,
        error: 'repository not found',
        owner: 'group:default/team-b',
      });
      expect(stored?.etag).toBeUndefined();
      expect(stored?.checkedAt).toEqual(at(5));
      expect(stored?.auditedAt).toEqual(at(0));

      await store.saveError({
        entity: entity('never'),
        error: 'no source location',
        checkedAt: at(5),
      });
      expect(await store.getScorecard('component:default/never')).toMatchObject(
        {
          score: null,
          scorecard: null,
          error: 'no source location',
        },
      );
    });

    it('marks an unchanged source as checked without a history point', async () => {
      await store.saveAudit({
        entity: entity('a'),
        scorecard: scorecardWithScore(50),
        etag: 'e1',
        auditedAt: at(0),
      });
      await store.markUnchanged({
        entity: entity('a', { title: 'New title' }),
        checkedAt: at(30),
      });
      const stored = await store.getScorecard('component:default/a');
      expect(stored?.checkedAt).toEqual(at(30));
      expect(stored?.auditedAt).toEqual(at(0));
      expect(stored?.title).toBe('New title');
      expect(stored?.etag).toBe('e1');
      expect(await store.getHistory('component:default/a')).toHaveLength(1);
    });

    it('marks unchanged and releases the leases of a batch in one transaction', async () => {
      await store.syncEntities(['component:default/a'], T0);
      await store.saveAudit({
        entity: entity('a'),
        scorecard: scorecardWithScore(50),
        etag: 'e1',
        auditedAt: at(0),
      });
      const [claim] = await store.claimDue({
        owner: 'w',
        limit: 1,
        leaseSeconds: 60,
        now: at(1),
      });
      expect(claim.entityRef).toBe('component:default/a');
      const release = {
        entityRef: 'component:default/a',
        owner: 'w',
        token: claim.token,
        nextDueAt: at(90),
        claimedPriority: claim.priority,
      };
      expect(
        await store.completeUnchanged([
          { entity: entity('a'), checkedAt: at(2), release },
        ]),
      ).toBe(1);
      expect(
        (await store.getScorecard('component:default/a'))?.checkedAt,
      ).toEqual(at(2));
      expect(await store.getRefreshState('component:default/a')).toMatchObject({
        nextDueAt: at(90),
        priority: 0,
      });
      // A lease that is no longer ours is not released.
      expect(
        await store.completeUnchanged([
          { entity: entity('a'), checkedAt: at(3), release },
        ]),
      ).toBe(0);
      expect(await store.completeUnchanged([])).toBe(0);
    });

    describe('listings', () => {
      beforeEach(async () => {
        const rows: Array<[string, number, Partial<EntitySummary>, string[]]> =
          [
            ['alpha', 90, { title: 'Alpha 100%_done' }, []],
            ['bravo', 45, { owner: 'group:default/team-b' }, ['security/x']],
            [
              'charlie',
              72,
              { lifecycle: 'experimental' },
              ['security/x', 'testing/y'],
            ],
            ['delta', 30, { owner: 'group:default/team-b' }, ['security/x']],
            ['echo', 88, { kind: 'Component' }, []],
          ];
        for (const [i, [name, score, extra, blockers]] of rows.entries()) {
          await store.saveAudit({
            entity: entity(name, extra),
            scorecard: scorecardWithScore(score, blockers),
            auditedAt: at(i),
          });
        }
        await store.saveError({
          entity: entity('foxtrot'),
          error: 'boom',
          checkedAt: at(9),
        });
      });

      it('orders by score descending by default and pages', async () => {
        const page = await store.listScorecards({ limit: 2 }, undefined);
        expect(page.total).toBe(5);
        expect(page.items.map(i => i.name)).toEqual(['alpha', 'echo']);
        const next = await store.listScorecards(
          { limit: 2, offset: 2 },
          undefined,
        );
        expect(next.items.map(i => i.name)).toEqual(['charlie', 'bravo']);
        expect(next.items[1]).toMatchObject({
          entityRef: 'component:default/bravo',
          score: 45,
          band: 'poor',
          blockers: 1,
          owner: 'group:default/team-b',
        });
      });

      it('filters by owner, lifecycle, band, score range, kind and text', async () => {
        const names = async (q: Parameters<typeof store.listScorecards>[0]) =>
          (await store.listScorecards(q, undefined)).items.map(i => i.name);
        expect(await names({ owner: 'group:default/team-b' })).toEqual([
          'bravo',
          'delta',
        ]);
        expect(await names({ owner: 'GROUP:default/TEAM-B' })).toEqual([
          'bravo',
          'delta',
        ]);
        expect(await names({ lifecycle: 'experimental' })).toEqual(['charlie']);
        expect(await names({ band: 'good' })).toEqual(['alpha', 'echo']);
        expect(await names({ minScore: 45, maxScore: 80 })).toEqual([
          'charlie',
          'bravo',
        ]);
        expect(await names({ kind: 'component', orderBy: 'name' })).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
          'echo',
        ]);
        expect(await names({ kind: 'api' })).toEqual([]);
        expect(await names({ q: 'ALPHA' })).toEqual(['alpha']);
        expect(await names({ q: '100%_' })).toEqual(['alpha']);
        expect(await names({ q: 'a%e' })).toEqual([]);
        expect(await names({ q: 'h_' })).toEqual([]);
        expect(await names({ orderBy: 'auditedAt', order: 'asc' })).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
          'echo',
        ]);
        expect(
          await names({ orderBy: 'score', order: 'asc', limit: 1 }),
        ).toEqual(['delta']);
      });

      it('lists never-scored entities only when asked, last', async () => {
        const all = await store.listScorecards(
          { includeUnscored: true },
          undefined,
        );
        expect(all.total).toBe(6);
        expect(all.items[5]).toMatchObject({
          name: 'foxtrot',
          score: null,
          error: 'boom',
        });
        const asc = await store.listScorecards(
          { includeUnscored: true, order: 'asc' },
          undefined,
        );
        expect(asc.items[5].name).toBe('foxtrot');
      });

      it('counts and lists only visible entities', async () => {
        const visible = new Set([
          'component:default/bravo',
          'component:default/echo',
        ]);
        const page = await store.listScorecards({}, visible);
        expect(page.total).toBe(2);
        expect(page.items.map(i => i.name)).toEqual(['echo', 'bravo']);
        expect((await store.listScorecards({}, new Set())).total).toBe(0);

        const many = new Set(visible);
        for (let i = 0; i < 3000; i++) many.add(`component:default/other-${i}`);
        expect((await store.listScorecards({}, many)).total).toBe(2);
      });

      it('pages and orders within the visible entities', async () => {
        const visible = new Set([
          'component:default/alpha',
          'component:default/charlie',
          'component:default/delta',
          'component:default/foxtrot',
        ]);
        const byName = await store.listScorecards(
          { orderBy: 'name', order: 'desc', limit: 2, offset: 1 },
          visible,
        );
        expect(byName.total).toBe(3);
        expect(byName.items.map(i => i.name)).toEqual(['charlie', 'alpha']);
        expect(byName.items[0]).toMatchObject({ score: 72, blockers: 2 });
        const withUnscored = await store.listScorecards(
          { includeUnscored: true, orderBy: 'auditedAt' },
          visible,
        );
        expect(withUnscored.items.map(i => i.name)).toEqual([
          'delta',
          'charlie',
          'alpha',
          'foxtrot',
        ]);
        const beyond = await store.listScorecards({ offset: 10 }, visible);
        expect(beyond).toEqual({ items: [], total: 3 });
      });

      it('aggregates blockers by entity count, within visibility', async () => {
        expect(await store.listBlockers(undefined)).toEqual([
          {
            ruleId: 'security/x',
            title: 'Title of security/x',
            severity: 'high',
            category: 'security',
            count: 3,
            entities: [
              'component:default/bravo',
              'component:default/charlie',
              'component:default/delta',
            ],
          },
          expect.objectContaining({ ruleId: 'testing/y', count: 1 }),
        ]);
        expect(
          await store.listBlockers(
            new Set(['component:default/bravo', 'component:default/alpha']),
          ),
        ).toEqual([
          expect.objectContaining({
            ruleId: 'security/x',
            count: 1,
            entities: ['component:default/bravo'],
          }),
        ]);
      });

      it('aggregates owners within visibility', async () => {
        expect(await store.listOwners(undefined)).toEqual([
          {
            owner: 'group:default/team-a',
            entities: 3,
            averageScore: 83,
            band: 'good',
            blockers: 2,
            notReady: 0,
          },
          {
            owner: 'group:default/team-b',
            entities: 2,
            averageScore: 38,
            band: 'critical',
            blockers: 2,
            notReady: 0,
          },
        ]);
        expect(
          await store.listOwners(new Set(['component:default/delta'])),
        ).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-b',
            entities: 1,
            averageScore: 30,
            blockers: 1,
          }),
        ]);
      });

      it('lists score summaries within visibility', async () => {
        expect(
          await store.listSummaries(new Set(['component:default/alpha'])),
        ).toEqual([
          {
            entityRef: 'component:default/alpha',
            score: 90,
            band: 'good',
            verdict: 'production-ready',
            blockers: 0,
          },
        ]);
        expect(await store.listSummaries(undefined)).toHaveLength(5);
      });
    });

    describe('refresh queue', () => {
      it('syncs with the catalog, adding due rows and forgetting removed entities', async () => {
        expect(
          await store.syncEntities(
            ['component:default/a', 'component:default/b'],
            T0,
          ),
        ).toEqual({ added: 2, removed: 0 });
        await store.saveAudit({
          entity: entity('b'),
          scorecard: scorecardWithScore(50),
          auditedAt: T0,
        });
        await store.saveAudit({
          entity: entity('z'),
          scorecard: scorecardWithScore(50),
          auditedAt: T0,
        });
        expect(
          await store.syncEntities(
            ['component:default/a', 'component:default/c'],
            at(1),
          ),
        ).toEqual({ added: 1, removed: 2 });
        expect(
          await store.getRefreshState('component:default/b'),
        ).toBeUndefined();
        expect(await store.getScorecard('component:default/b')).toBeUndefined();
        expect(await store.getScorecard('component:default/z')).toBeUndefined();
        expect(await store.getHistory('component:default/b')).toEqual([]);
        expect(
          await store.getRefreshState('component:default/c'),
        ).toMatchObject({
          nextDueAt: at(1),
          priority: 0,
          attempts: 0,
        });
        // existing rows keep their schedule
        expect(
          (await store.getRefreshState('component:default/a'))?.nextDueAt,
        ).toEqual(T0);
      });

      it('claims due rows once, by priority, and re-claims expired leases', async () => {
        await store.syncEntities(
          ['component:default/a', 'component:default/b', 'component:default/c'],
          T0,
        );
        await store.requestRefresh('component:default/c', at(0));

        const first = await store.claimDue({
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

        const second = await store.claimDue({
          owner: 'two',
          limit: 5,
          leaseSeconds: 60,
          now: at(1),
        });
        expect(second.map(c => c.entityRef)).toEqual(['component:default/b']);
        expect(
          await store.claimDue({
            owner: 'two',
            limit: 5,
            leaseSeconds: 60,
            now: at(1),
          }),
        ).toEqual([]);

        // "one" dies; its leases expire and someone else picks the rows up
        const third = await store.claimDue({
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
          await store.releaseClaim({
            entityRef: 'component:default/a',
            owner: 'one',
            token: tokenOf(first, 'component:default/a'),
            nextDueAt: at(60),
          }),
        ).toBe(false);
        expect(
          await store.releaseClaim({
            entityRef: 'component:default/a',
            owner: 'three',
            token: tokenOf(third, 'component:default/a'),
            nextDueAt: at(60),
          }),
        ).toBe(true);
        expect(await store.getRefreshState('component:default/a')).toEqual({
          entityRef: 'component:default/a',
          nextDueAt: at(60),
          leaseToken: 2,
          priority: 0,
          attempts: 0,
        });
      });

      it('counts failed attempts and keeps a refresh requested during an audit', async () => {
        await store.syncEntities(['component:default/a'], T0);
        const [claim] = await store.claimDue({
          owner: 'w',
          limit: 1,
          leaseSeconds: 60,
          now: at(1),
        });
        await store.releaseClaim({
          entityRef: claim.entityRef,
          owner: 'w',
          token: claim.token,
          nextDueAt: at(2),
          error: 'boom',
          claimedPriority: claim.priority,
        });
        expect(
          await store.getRefreshState('component:default/a'),
        ).toMatchObject({
          attempts: 1,
          lastError: 'boom',
          nextDueAt: at(2),
        });

        const [again] = await store.claimDue({
          owner: 'w',
          limit: 1,
          leaseSeconds: 60,
          now: at(2),
        });
        expect(again.attempts).toBe(1);
        await store.requestRefresh('component:default/a', at(2));
        expect(
          (await store.getRefreshState('component:default/a'))?.leaseOwner,
        ).toBe('w');
        await store.releaseClaim({
          entityRef: again.entityRef,
          owner: 'w',
          token: again.token,
          nextDueAt: at(60),
          claimedPriority: again.priority,
        });
        expect(
          await store.getRefreshState('component:default/a'),
        ).toMatchObject({
          nextDueAt: at(2),
          priority: 1,
          attempts: 0,
        });
      });

      it('creates a queue row for a refresh of an entity not yet synced', async () => {
        await store.requestRefresh('component:default/new', T0);
        expect(
          await store.getRefreshState('component:default/new'),
        ).toMatchObject({
          priority: 1,
          nextDueAt: T0,
        });
        await store.removeEntity('component:default/new');
        expect(
          await store.getRefreshState('component:default/new'),
        ).toBeUndefined();
      });
    });

    describe('history retention', () => {
      beforeEach(async () => {
        for (let day = 0; day < 10; day++) {
          for (const name of ['a', 'b']) {
            await store.saveAudit({
              entity: entity(name),
              scorecard: scorecardWithScore(50 + day),
              auditedAt: new Date(T0.getTime() + day * 86_400_000),
            });
          }
        }
      });

      it('prunes by age', async () => {
        const now = new Date(T0.getTime() + 10 * 86_400_000);
        expect(await store.pruneHistory({ days: 3 }, now)).toBe(14);
        expect(
          (await store.getHistory('component:default/a')).map(h => h.score),
        ).toEqual([59, 58, 57]);
      });

      it('prunes by number of runs per entity', async () => {
        expect(await store.pruneHistory({ runs: 4 }, T0)).toBe(12);
        expect(
          (await store.getHistory('component:default/b')).map(h => h.score),
        ).toEqual([59, 58, 57, 56]);
      });

      it('prunes by runs when an audit is saved', async () => {
        await store.saveAudit(
          {
            entity: entity('a'),
            scorecard: scorecardWithScore(99),
            auditedAt: new Date(T0.getTime() + 11 * 86_400_000),
          },
          { runs: 2 },
        );
        expect(
          (await store.getHistory('component:default/a')).map(h => h.score),
        ).toEqual([99, 59]);
        expect(await store.getHistory('component:default/b')).toHaveLength(10);
      });
    });
  },
);
