import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ReadinessDatabaseReader } from './ReadinessDatabaseReader';
import { createReadinessFactRetriever } from './ReadinessFactRetriever';
import { READINESS_FACT_RETRIEVER_ID } from './facts';

/**
 * Tech Insights module that publishes readiness scorecards as facts. It
 * reads the readiness plugin's database (`backend.database`, with its
 * `plugin.readiness` override), the way the readiness plugin itself does.
 * @public
 */
export const techInsightsModuleReadiness = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'readiness',
  register(reg) {
    reg.registerInit({
      deps: {
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({ factRetrievers, config, logger, lifecycle, catalog }) {
        const database = DatabaseManager.fromConfig(config).forPlugin(
          'readiness',
          { logger, lifecycle },
        );
        factRetrievers.addFactRetrievers({
          [READINESS_FACT_RETRIEVER_ID]: createReadinessFactRetriever({
            scorecards: ReadinessDatabaseReader.create({ database }),
            catalog,
          }),
        });
      },
    });
  },
});
