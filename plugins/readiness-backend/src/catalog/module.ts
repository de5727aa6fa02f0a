import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ReadinessBandProcessor } from './ReadinessBandProcessor';

/**
 * Catalog module that labels audited entities with their readiness band
 * (`readiness.dev/band`) and score (`readiness.dev/score`).
 * @public
 */
export const catalogModuleReadinessBand = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'readiness-band',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
      },
      async init({ catalog, discovery, auth, logger, config }) {
        catalog.addProcessor(
          ReadinessBandProcessor.create({
            discovery,
            auth,
            logger,
            cacheSeconds: config.getOptionalNumber(
              'readiness.catalog.cacheSeconds',
            ),
          }),
        );
      },
    });
  },
});
