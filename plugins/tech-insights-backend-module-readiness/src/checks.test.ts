import {
  FlatTechInsightFact,
  TechInsightFact,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotImplementedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseReadinessStore } from '@readiness/backstage-plugin-readiness-backend';
import { readFileSync } from 'fs';
import { DateTime } from 'luxon';
import { resolve } from 'path';
import { parse } from 'yaml';
import { createReadinessFactRetriever } from './ReadinessFactRetriever';
import {
  retrieverContext,
  SAMPLE_CATALOG,
  seedSample,
} from './testing/fixtures';

jest.setTimeout(60_000);

/** The README's configuration block that holds the example checks. */
function readmeChecksConfig(): object {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m =>
    parse(m[1]),
  );
  const config = blocks.find(b => b?.techInsights?.factChecker);
  if (!config) throw new Error('The README has no factChecker block');
  return config;
}

/**
 * The Tech Insights store's reads as its database answers them: facts as
 * the JSON they were stored as, schemas with their id and version.
 */
function storeOf(
  retriever: ReturnType<typeof createReadinessFactRetriever>,
  facts: TechInsightFact[],
): TechInsightsStore {
  const stored = new Map<string, FlatTechInsightFact>(
    facts.map(f => [
      stringifyEntityRef(f.entity),
      {
        id: retriever.id,
        entity: f.entity,
        facts: JSON.parse(JSON.stringify(f.facts)),
        timestamp: DateTime.now(),
      },
    ]),
  );
  const notUsed = () => {
    throw new NotImplementedError('not used by the fact checker');
  };
  return {
    async getLatestFactsByIds(ids, entity) {
      const row = stored.get(entity);
      return row && ids.includes(row.id) ? { [row.id]: row } : {};
    },
    async getLatestSchemas(ids) {
      return !ids || ids.includes(retriever.id)
        ? [
            {
              ...retriever.schema,
              id: retriever.id,
              version: retriever.version,
            } as any,
          ]
        : [];
    },
    insertFacts: notUsed,
    getEntities: notUsed,
    getFactsBetweenTimestampsByIds: notUsed,
    insertFactSchema: notUsed,
  };
}

describe('the README example checks, run by the JSON rules engine module', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  it('validate against the fact schema and judge the stored scorecards', async () => {
    const store = await DatabaseReadinessStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    await seedSample(store);
    const retriever = createReadinessFactRetriever({
      scorecards: store,
      catalog: catalogServiceMock({ entities: SAMPLE_CATALOG }),
    });
    const facts = await retriever.handler(retrieverContext(retriever).context);

    const checker = JsonRulesEngineFactCheckerFactory.fromConfig(
      new ConfigReader(readmeChecksConfig()),
      { logger: mockServices.logger.mock() },
    ).construct(storeOf(retriever, facts));

    const checks = await checker.getChecks();
    expect(checks.map(c => c.id)).toEqual([
      'readinessProductionReady',
      'readinessSecurity',
      'readinessNoHardcodedSecret',
    ]);
    for (const check of checks) {
      expect(await checker.validate(check)).toEqual({ valid: true });
    }
    // A check on a fact the schema does not have is refused.
    expect(
      await checker.validate({
        ...checks[0],
        rule: {
          conditions: {
            all: [{ fact: 'readinessScore', operator: 'equal', value: 1 }],
          },
        },
      }),
    ).toMatchObject({ valid: false });

    const results = async (name: string) =>
      Object.fromEntries(
        (await checker.runChecks(`component:default/${name}`)).map(r => [
          r.check.id,
          r.result,
        ]),
      );
    expect(await results('orders')).toEqual({
      readinessProductionReady: true,
      readinessSecurity: true,
      readinessNoHardcodedSecret: true,
    });
    // A blocker: the hard-coded secret fails, security scores 38.
    expect(await results('payments')).toEqual({
      readinessProductionReady: false,
      readinessSecurity: false,
      readinessNoHardcodedSecret: false,
    });
    // The secret is waived: security passes, the failing README keeps the
    // score under 80.
    expect(await results('storefront')).toEqual({
      readinessProductionReady: false,
      readinessSecurity: true,
      readinessNoHardcodedSecret: true,
    });
  });
});
