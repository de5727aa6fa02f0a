import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseReadinessStore } from '@readiness/backstage-plugin-readiness-backend';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { READINESS_FACT_RETRIEVER_ID } from './facts';
import { techInsightsModuleReadiness } from './module';
import {
  component,
  makeScorecard,
  retrieverContext,
  summary,
} from './testing/fixtures';

jest.setTimeout(60_000);

/** Stands in for the Tech Insights backend: owns its extension point. */
function techInsightsHost(retrievers: Record<string, FactRetriever>) {
  return createBackendPlugin({
    pluginId: 'tech-insights',
    register(env) {
      env.registerExtensionPoint(techInsightsFactRetrieversExtensionPoint, {
        addFactRetrievers(added) {
          Object.assign(retrievers, added);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('techInsightsModuleReadiness', () => {
  let directory: string;
  let config: object;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'readiness-ti-'));
    config = {
      backend: {
        database: { client: 'better-sqlite3', connection: { directory } },
      },
    };
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function start() {
    const retrievers: Record<string, FactRetriever> = {};
    const backend = await startTestBackend({
      features: [
        techInsightsHost(retrievers),
        techInsightsModuleReadiness,
        catalogServiceMock.factory({
          entities: [component('payments'), component('search')],
        }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return { backend, retrievers };
  }

  it("adds the readiness retriever, which reads the readiness plugin's database", async () => {
    // The readiness plugin's database, as the readiness plugin opens it.
    const readinessDatabase = DatabaseManager.fromConfig(
      new ConfigReader(config),
    ).forPlugin('readiness', {
      logger: mockServices.logger.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    });
    const store = await DatabaseReadinessStore.create({
      database: readinessDatabase,
    });
    const scorecard = makeScorecard([
      { ruleId: 'testing/has-tests', severity: 'medium', status: 'fail' },
      { ruleId: 'cicd/ci-present', severity: 'low', status: 'pass' },
    ]);
    await store.saveAudit({
      entity: summary('payments'),
      scorecard,
      auditedAt: new Date('2025-03-02T08:30:00.000Z'),
    });
    await (await readinessDatabase.getClient()).destroy();

    const { backend, retrievers } = await start();
    try {
      expect(Object.keys(retrievers)).toEqual([READINESS_FACT_RETRIEVER_ID]);
      const retriever = retrievers[READINESS_FACT_RETRIEVER_ID];
      expect(retriever.id).toBe(READINESS_FACT_RETRIEVER_ID);
      const facts = await retriever.handler(
        retrieverContext(retriever).context,
      );
      expect(facts).toEqual([
        {
          entity: { kind: 'Component', namespace: 'default', name: 'payments' },
          facts: expect.objectContaining({
            score: scorecard.score,
            failingRules: ['testing/has-tests'],
          }),
        },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('says what to do when the readiness database has no scorecards', async () => {
    const { backend, retrievers } = await start();
    try {
      const retriever = retrievers[READINESS_FACT_RETRIEVER_ID];
      await expect(
        retriever.handler(retrieverContext(retriever).context),
      ).rejects.toThrow(
        /Cannot read readiness scorecards from the readiness plugin's database.*in-memory SQLite is private/,
      );
    } finally {
      await backend.stop();
    }
  });
});
