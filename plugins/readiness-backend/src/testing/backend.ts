import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestBackendOptions,
} from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { readinessPlugin } from '../plugin';

/** What a test backend running the readiness plugin is made of. */
export interface ReadinessBackendOptions<TExtensionPoints extends any[]> {
  knex: Knex;
  catalog: CatalogService;
  /** The `readiness` config, over `refreshImmediately: false` and `visibilityIndex: false`. */
  config?: JsonObject;
  /** More root config beside `readiness`, e.g. `integrations`. */
  rootConfig?: JsonObject;
  /** The permissions service; by default every request is allowed. */
  permissions?: ServiceFactory;
  /** More features: modules, service factories. */
  features?: TestBackendOptions<TExtensionPoints>['features'];
  extensionPoints?: TestBackendOptions<TExtensionPoints>['extensionPoints'];
}

/**
 * Starts the readiness plugin on a test backend with the given database and
 * catalog, and opens the store it uses (already migrated by the plugin).
 */
export async function startReadinessBackend<TExtensionPoints extends any[]>(
  options: ReadinessBackendOptions<TExtensionPoints>,
): Promise<{
  server: TestBackend['server'];
  scheduler: SchedulerService;
  store: DatabaseReadinessStore;
}> {
  const scheduler = mockServices.scheduler();
  const { server } = await startTestBackend({
    extensionPoints: options.extensionPoints,
    features: [
      readinessPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          // The hiding catalogs of the tests stand for policies the
          // permissions mock does not know: the API asks the catalog.
          readiness: {
            refreshImmediately: false,
            visibilityIndex: false,
            ...options.config,
          },
        },
      }),
      options.permissions ??
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => options.catalog,
      }),
      ...(options.features ?? []),
    ],
  });
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex: options.knex }),
    skipMigrations: true,
  });
  return { server, scheduler, store };
}
