import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  categoryCatalog,
  readinessPermissions,
} from '@readiness/backstage-plugin-readiness-common';
import {
  ReadinessRule,
  readinessRulesExtensionPoint,
} from '@readiness/backstage-plugin-readiness-node';
import { registerReadinessActions } from './actions';
import { EntityAuditor } from './audit/EntityAuditor';
import { CampaignReminders } from './campaigns/CampaignReminders';
import { CampaignService } from './campaigns/CampaignService';
import {
  readCampaignReminderOptions,
  readConfiguredCampaigns,
  vocabularyOf,
} from './campaigns/definition';
import { CampaignScopes } from './campaigns/scope';
import { DatabaseCampaignStore } from './database/DatabaseCampaignStore';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { DatabaseVisibilityIndex } from './database/DatabaseVisibilityIndex';
import { FixService } from './fixes/FixService';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { readReadinessOptions } from './options';
import { createRuleRegistry } from './rules/createRuleRegistry';
import { readCustomRules } from './rules/customRules';
import { createRuleDocsReader } from './rules/ruleDocs';
import { ReadinessRefresher } from './scheduler/ReadinessRefresher';
import { createRouter } from './service/router';
import { ScmRateLimits } from './sources/rateLimits';
import { RepositorySources } from './sources/RepositorySources';
import { VisibilityIndex } from './visibility/VisibilityIndex';

/**
 * The Readiness backend plugin: scheduled audits of the catalog's
 * components, stored scorecards, the REST API and actions for the actions
 * registry.
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    const moduleRules: ReadinessRule[] = [];
    env.registerExtensionPoint(readinessRulesExtensionPoint, {
      addRules(...rules) {
        moduleRules.push(...rules);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        instanceMetadata: coreServices.rootInstanceMetadata,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const options = readReadinessOptions(deps.config);
        const rules = createRuleRegistry({
          moduleRules,
          configRules: readCustomRules(deps.config, options.audit.categories),
          categories: options.audit.categories,
        });
        const store = await DatabaseReadinessStore.create({
          database: deps.database,
        });
        const rateLimits = ScmRateLimits.create({
          store,
          integrations: ScmIntegrations.fromConfig(deps.config),
          logger: deps.logger,
        });
        const integrations = ScmIntegrations.fromConfig(deps.config);
        const sources = RepositorySources.create({
          urlReader: rateLimits.wrap(deps.urlReader),
          localRoots: options.localRoots,
          limits: options.limits,
          sourceLimits: options.sourceLimits,
          logger: deps.logger,
          integrations,
          downloadConcurrency: options.fetchConcurrency,
        });
        const auditor = EntityAuditor.create({ rules, options, sources });
        const refresher = ReadinessRefresher.create({
          store,
          auditor,
          catalog: deps.catalog,
          auth: deps.auth,
          scheduler: deps.scheduler,
          logger: deps.logger,
          options,
          notifier: ReadinessNotifier.create({
            notifications: deps.notifications,
            instanceMetadata: deps.instanceMetadata,
            logger: deps.logger,
            settings: options.notifications,
          }),
        });

        const campaignStore = new DatabaseCampaignStore({
          knex: await deps.database.getClient(),
        });
        const campaigns = new CampaignService({
          store: campaignStore,
          scopes: new CampaignScopes({
            catalog: deps.catalog,
            auth: deps.auth,
          }),
          configured: readConfiguredCampaigns(deps.config, vocabularyOf(rules)),
        });
        const reminders = CampaignReminders.create({
          campaigns,
          store: campaignStore,
          notifications: deps.notifications,
          instanceMetadata: deps.instanceMetadata,
          logger: deps.logger,
          options: readCampaignReminderOptions(deps.config),
          notificationsEnabled: options.notifications.enabled,
        });
        const ruleDocs = createRuleDocsReader(rules);
        const visibilityIndex =
          deps.config.getOptionalBoolean('readiness.visibilityIndex') === false
            ? undefined
            : new VisibilityIndex({
                store: new DatabaseVisibilityIndex({
                  knex: await deps.database.getClient(),
                }),
                catalog: deps.catalog,
                auth: deps.auth,
                logger: deps.logger,
              });
        deps.permissionsRegistry.addPermissions(readinessPermissions);
        deps.httpRouter.use(
          await createRouter({
            store,
            rules,
            refresher,
            catalog: deps.catalog,
            auth: deps.auth,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger: deps.logger,
            ruleDocs,
            fixes: FixService.create({ suggester: auditor, integrations }),
            campaigns,
            categories: categoryCatalog(options.audit),
            visibilityIndex,
          }),
        );
        registerReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          store,
          rules,
          refresher,
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          ruleDocs,
          visibilityIndex,
        });
        await refresher.start();
        await visibilityIndex?.start(deps.scheduler);
        const stopReminders = new AbortController();
        await reminders.start(deps.scheduler, stopReminders.signal);
        deps.lifecycle.addShutdownHook(async () => {
          stopReminders.abort();
          await refresher.stop();
          await sources.close();
          rateLimits.close();
        });
      },
    });
  },
});
