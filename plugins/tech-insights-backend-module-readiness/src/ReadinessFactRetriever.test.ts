import { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseReadinessStore } from '@readiness/backstage-plugin-readiness-backend';
import { DateTime } from 'luxon';
import {
  createReadinessFactRetriever,
  READINESS_DEFAULT_ENTITY_FILTER,
} from './ReadinessFactRetriever';
import { READINESS_FACT_RETRIEVER_ID, readinessFactSchema } from './facts';
import {
  AUDITED_AT,
  factSchemaMismatches,
  retrieverContext,
  SAMPLE_CATALOG,
  seedSample,
} from './testing/fixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const names = (facts: TechInsightFact[]) =>
  facts.map(f => `${f.entity.kind}:${f.entity.namespace}/${f.entity.name}`);

describe.each(databases.eachSupportedId())(
  'the readiness fact retriever on %s',
  databaseId => {
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      });
      await seedSample(store);
    });

    function retriever(pageSize?: number) {
      return createReadinessFactRetriever({
        scorecards: store,
        catalog: catalogServiceMock({ entities: SAMPLE_CATALOG }),
        pageSize,
      });
    }

    it('declares every fact with a type and a description', () => {
      const r = retriever();
      expect(r.id).toBe(READINESS_FACT_RETRIEVER_ID);
      expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(r.entityFilter).toEqual(READINESS_DEFAULT_ENTITY_FILTER);
      expect(r.schema).toBe(readinessFactSchema);
      expect(Object.keys(r.schema).sort()).toEqual(
        [
          'auditedAt',
          'band',
          'blockerCount',
          'blockerRules',
          'categoryScores',
          'failingRules',
          'productionReady',
          'ruleStatus',
          'score',
          'verdict',
        ].sort(),
      );
      for (const fact of Object.values(r.schema)) {
        expect(fact.description.length).toBeGreaterThan(10);
      }
    });

    it('publishes the stored scorecards of the audited Components, skipping the others without error', async () => {
      const r = retriever();
      const { context, logger } = retrieverContext(r);
      const facts = await r.handler(context);

      // search (never audited), billing (no good audit yet), the System
      // (outside the filter) and ghost (gone from the catalog) have none.
      expect(names(facts)).toEqual([
        'Component:default/orders',
        'Component:default/payments',
        'Component:default/storefront',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('Readiness facts for 3 of 5 entities'),
      );

      for (const fact of facts) {
        expect(factSchemaMismatches(fact.facts, r.schema)).toEqual([]);
        const ref = `component:default/${fact.entity.name}`;
        const stored = (await store.getScorecard(ref))!;
        const card = stored.scorecard!;
        expect(fact.facts).toEqual({
          score: stored.score,
          verdict: stored.verdict,
          productionReady: stored.verdict === 'production-ready',
          band: stored.band,
          blockerCount: stored.blockers,
          blockerRules: (await store.getBlockerRuleIds(ref)).sort(),
          failingRules: expect.any(Array),
          categoryScores: expect.objectContaining(
            Object.fromEntries(card.categories.map(c => [c.id, c.score])),
          ),
          ruleStatus: expect.any(Object),
          auditedAt: expect.any(DateTime),
        });
        expect((fact.facts.auditedAt as DateTime).toJSDate()).toEqual(
          stored.auditedAt,
        );
        expect(Object.keys(fact.facts.ruleStatus as object).sort()).toEqual(
          card.results.map(result => result.ruleId).sort(),
        );
        expect(fact.timestamp).toBeUndefined();
      }

      const payments = facts.find(f => f.entity.name === 'payments')!.facts;
      expect(payments).toMatchObject({
        productionReady: false,
        verdict: 'needs-work',
        blockerCount: 1,
        blockerRules: ['security/hardcoded-secret'],
        failingRules: ['security/hardcoded-secret'],
        ruleStatus: {
          'security/hardcoded-secret': 'fail',
          'security/no-rate-limiting': 'waived',
          'testing/has-tests': 'pass',
          'database/migrations': 'not-applicable',
          'cicd/ci-present': 'pass',
        },
      });
      expect(payments.categoryScores).toMatchObject({
        security: expect.any(Number),
        testing: 100,
        database: null,
        frontend: null,
      });
      expect((payments.auditedAt as DateTime).toISO()).toBe(
        AUDITED_AT.toISOString(),
      );

      const orders = facts.find(f => f.entity.name === 'orders')!.facts;
      expect(orders).toMatchObject({
        score: 100,
        verdict: 'production-ready',
        productionReady: true,
        band: 'good',
        blockerCount: 0,
        blockerRules: [],
        failingRules: [],
      });
    });

    it('honours the entity filter Tech Insights passes in', async () => {
      const r = retriever();
      const services = await r.handler(
        retrieverContext(r, { kind: 'component', 'spec.type': 'service' })
          .context,
      );
      expect(names(services)).toEqual([
        'Component:default/orders',
        'Component:default/payments',
      ]);

      const systems = await r.handler(
        retrieverContext(r, [{ kind: 'system' }]).context,
      );
      expect(names(systems)).toEqual(['System:default/commerce']);
      expect(systems[0].facts).toMatchObject({
        failingRules: ['testing/has-tests'],
        ruleStatus: { 'testing/has-tests': 'fail' },
      });
    });

    it('gives the same facts page by page', async () => {
      const whole = retriever();
      const paged = retriever(1);
      const spy = jest.spyOn(store, 'getScorecards');
      const expected = await whole.handler(retrieverContext(whole).context);
      const calls = spy.mock.calls.length;
      expect(await paged.handler(retrieverContext(paged).context)).toEqual(
        expected,
      );
      expect(calls).toBe(1);
      expect(spy.mock.calls.length - calls).toBe(5);
    });

    it('returns no facts, without error, when nothing matches', async () => {
      const r = retriever();
      expect(
        await r.handler(retrieverContext(r, { kind: 'api' }).context),
      ).toEqual([]);
    });
  },
);
