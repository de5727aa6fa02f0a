import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { T0, testDatabases, testStore } from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

const REF = 'component:default/a';

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
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

    it('adds the fencing token to existing queue rows, and removes it on the way down', async () => {
      const fresh = await databases.init(databaseId);
      const directory = `${__dirname}/../../migrations`;
      await fresh.migrate.up({ directory });
      await fresh('readiness_refresh_state').insert({
        entity_ref: REF,
        next_due_at: T0,
        priority: 0,
        attempts: 0,
      });
      const upgraded = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
      });
      expect((await upgraded.getRefreshState(REF))?.leaseToken).toBe(0);
      const [claim] = await upgraded.claimDue({
        owner: 'w',
        limit: 1,
        leaseSeconds: 60,
        now: T0,
      });
      expect(claim.token).toBe(1);
      await fresh.migrate.down({
        directory,
        name: '20261203120000_lease_token.js',
      });
      expect(
        await fresh.schema.hasColumn('readiness_refresh_state', 'lease_token'),
      ).toBe(false);
      expect(
        await fresh('readiness_refresh_state').pluck('entity_ref'),
      ).toEqual([REF]);
    });

    it('adds failing rules to existing history, and removes them on the way down', async () => {
      const fresh = await databases.init(databaseId);
      const directory = `${__dirname}/../../migrations`;
      await fresh.migrate.up({ directory });
      await fresh.migrate.up({ directory });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'failing_rules'),
      ).toBe(false);
      await fresh('readiness_history').insert({
        entity_ref: REF,
        audited_at: T0,
        score: 50,
        verdict: 'needs-work',
        categories: '{}',
        blockers: 1,
      });
      const upgraded = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
      });
      await upgraded.saveAudit({
        entity: {
          entityRef: REF,
          kind: 'Component',
          namespace: 'default',
          name: 'a',
        },
        scorecard: scorecardWithScore(40, ['security/x']),
        auditedAt: new Date(T0.getTime() + 60_000),
      });
      expect(
        (await upgraded.getHistory(REF)).map(h => [h.score, h.failingRules]),
      ).toEqual([
        [40, ['security/x']],
        [50, undefined],
      ]);
      await fresh.migrate.down({
        directory,
        name: '20261210120000_history_failing_rules.js',
      });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'failing_rules'),
      ).toBe(false);
      expect(await fresh('readiness_history').pluck('score')).toEqual(
        expect.arrayContaining([40, 50]),
      );
    });

    it('adds finding fingerprints to existing history, and removes them on the way down', async () => {
      const fresh = await databases.init(databaseId);
      const directory = `${__dirname}/../../migrations`;
      for (let i = 0; i < 4; i += 1) await fresh.migrate.up({ directory });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'failing_findings'),
      ).toBe(false);
      await fresh('readiness_history').insert({
        entity_ref: REF,
        audited_at: T0,
        score: 50,
        verdict: 'needs-work',
        categories: '{}',
        blockers: 1,
        failing_rules: '["security/x"]',
      });
      const upgraded = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
      });
      const card = scorecardWithScore(40, ['security/x']);
      await upgraded.saveAudit({
        entity: {
          entityRef: REF,
          kind: 'Component',
          namespace: 'default',
          name: 'a',
        },
        scorecard: {
          ...card,
          results: card.results.map(r => ({
            ...r,
            findings: r.findings.map(f => ({
              ...f,
              fingerprint: '0123456789abcdef0123',
            })),
          })),
        },
        auditedAt: new Date(T0.getTime() + 60_000),
      });
      expect(
        (await upgraded.getHistory(REF)).map(h => [h.score, h.failingFindings]),
      ).toEqual([
        [40, ['0123456789abcdef0123']],
        [50, undefined],
      ]);
      await fresh.migrate.down({
        directory,
        name: '20261224120000_history_finding_fingerprints.js',
      });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'failing_findings'),
      ).toBe(false);
      expect(await fresh('readiness_history').pluck('score')).toEqual(
        expect.arrayContaining([40, 50]),
      );
    });

    it('adds links to existing scorecards, and removes them on the way down', async () => {
      const fresh = await databases.init(databaseId);
      const directory = `${__dirname}/../../migrations`;
      for (let i = 0; i < 3; i += 1) await fresh.migrate.up({ directory });
      expect(
        await fresh.schema.hasColumn('readiness_scorecards', 'link_base'),
      ).toBe(false);
      const entity = (name: string) => ({
        entityRef: `component:default/${name}`,
        kind: 'Component',
        namespace: 'default',
        name,
      });
      await fresh('readiness_scorecards').insert({
        entity_ref: 'component:default/old',
        kind: 'Component',
        namespace: 'default',
        name: 'old',
        score: 50,
        verdict: 'needs-work',
        band: 'poor',
        blockers: 0,
        scorecard: JSON.stringify(scorecardWithScore(50)),
      });
      const upgraded = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
      });
      expect(
        (await upgraded.getScorecard('component:default/old'))?.links,
      ).toBeUndefined();
      const links = {
        base: 'https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/svc/',
        lineAnchor: '#L',
      };
      await upgraded.saveAudit({
        entity: entity('new'),
        scorecard: scorecardWithScore(70),
        links,
        auditedAt: T0,
      });
      expect(
        (await upgraded.getScorecard('component:default/new'))?.links,
      ).toEqual(links);
      // An audit of a source without links clears the previous ones.
      await upgraded.saveAudit({
        entity: entity('new'),
        scorecard: scorecardWithScore(71),
        auditedAt: new Date(T0.getTime() + 60_000),
      });
      expect(
        (await upgraded.getScorecard('component:default/new'))?.links,
      ).toBeUndefined();
      await fresh.migrate.down({
        directory,
        name: '20261217120000_scorecard_links.js',
      });
      expect(
        await fresh.schema.hasColumn('readiness_scorecards', 'link_base'),
      ).toBe(false);
      expect(
        await fresh.schema.hasColumn(
          'readiness_scorecards',
          'link_line_anchor',
        ),
      ).toBe(false);
      expect(
        (await fresh('readiness_scorecards').pluck('entity_ref')).sort(),
      ).toEqual(['component:default/new', 'component:default/old']);
    });

    it('builds the queue, scorecard and query stores on one database', async () => {
      await store.queue.syncEntities([REF], T0);
      const [claim] = await store.queue.claimDue({
        owner: 'w',
        limit: 1,
        leaseSeconds: 60,
        now: T0,
      });
      expect(
        await store.scorecards.saveAudit({
          entity: {
            entityRef: REF,
            kind: 'Component',
            namespace: 'default',
            name: 'a',
          },
          scorecard: scorecardWithScore(64),
          auditedAt: T0,
          lease: { owner: 'w', token: claim.token },
        }),
      ).toBe(true);
      expect((await store.queries.getScorecard(REF))?.score).toBe(64);
      // The combined store answers the same.
      expect((await store.getScorecard(REF))?.score).toBe(64);
      expect(await store.getRefreshState(REF)).toEqual(
        await store.queue.getRefreshState(REF),
      );
    });
  },
);
