import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { DatabaseVisibilityIndex } from '../database/DatabaseVisibilityIndex';
import { readinessPlugin } from '../plugin';
import { entitySummary, testDatabases } from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { VISIBILITY_INDEX_TASK_ID } from '../visibility/VisibilityIndex';

jest.setTimeout(120_000);

const databases = testDatabases();

const entity = (name: string, owner: string, hidden = false): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(hidden ? { labels: { 'example.com/hidden': 'true' } } : {}),
    annotations: {
      'backstage.io/managed-by-location': 'url:https://example.com/',
      'backstage.io/managed-by-origin-location': 'url:https://example.com/',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const entities = [
  entity('alpha', 'group:default/team-a'),
  entity('bravo', 'group:default/team-b'),
  entity('secret', 'group:default/team-a', true),
  entity('owned-secret', 'group:default/team-b', true),
];

/**
 * Users see no Component labelled hidden, except those their group owns:
 * a conditional decision the catalog applies in SQL, and the Readiness
 * plugin in its visibility index.
 */
const policy: PermissionPolicy = {
  async handle(req, user) {
    if (isPermission(req.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(req.permission, {
        anyOf: [
          catalogConditions.isEntityOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
          { not: catalogConditions.hasLabel({ label: 'example.com/hidden' }) },
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  },
};

/** Users' groups, as a sign-in resolver would claim them. */
const groups: Record<string, string> = {
  'user:default/jo': 'group:default/team-b',
  'user:default/sam': 'group:default/team-c',
};

/** The permission framework on one backend: the policy above, asked in process. */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { auth: coreServices.auth },
  factory({ auth }): PermissionsService {
    const decide = async (
      requests: Array<{ permission: any }>,
      credentials: any,
    ): Promise<PolicyDecision[]> => {
      const userRef = auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : undefined;
      const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
      return Promise.all(
        requests.map(r =>
          userRef
            ? policy.handle(
                { permission: r.permission },
                {
                  credentials,
                  info: {
                    userEntityRef: userRef,
                    ownershipEntityRefs: [userRef, groups[userRef]].filter(
                      Boolean,
                    ),
                  },
                },
              )
            : allow,
        ),
      );
    };
    return {
      authorizeConditional: (requests, { credentials }) =>
        decide(requests, credentials) as any,
      async authorize(requests, { credentials }) {
        const decisions = await decide(requests, credentials);
        return decisions.map(d => ({
          result:
            d.result === AuthorizeResult.ALLOW
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }));
      },
    };
  },
});

const providerModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'visibility-test-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'visibility-test',
          async connect(connection) {
            await connection.applyMutation({
              type: 'full',
              entities: entities.map(e => ({
                entity: e,
                locationKey: 'visibility-test',
              })),
            });
          },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'visibility through a real catalog and a conditional policy on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let readinessKnex: Knex;

    beforeAll(async () => {
      const knexes: Record<string, Knex> = {};
      const knexOf = async (pluginId: string) =>
        (knexes[pluginId] ??= await databases.init(databaseId));
      const scheduler = mockServices.scheduler();
      ({ server } = await startTestBackend({
        features: [
          catalogPlugin,
          providerModule,
          readinessPlugin,
          permissionsFactory,
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: async ({ plugin }) =>
              mockServices.database({ knex: await knexOf(plugin.getId()) }),
          }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              readiness: {
                refreshImmediately: false,
                schedule: { initialDelay: { hours: 24 } },
              },
            },
          }),
        ],
      }));
      // The catalog processes and stitches the entities.
      for (let tries = 0; ; tries++) {
        const res = await request(server)
          .get('/api/catalog/entities/by-query?filter=kind=component')
          .set('authorization', mockCredentials.service.header());
        if (res.body.totalItems === entities.length) break;
        if (tries > 100)
          throw new Error(`catalog: ${JSON.stringify(res.body)}`);
        await new Promise(r => setTimeout(r, 300));
      }
      readinessKnex = await knexOf('readiness');
      const store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: readinessKnex }),
        skipMigrations: true,
      });
      for (const [i, e] of entities.entries()) {
        await store.saveAudit({
          entity: entitySummary(e.metadata.name, {
            owner: e.spec!.owner as string,
          }),
          scorecard: scorecardWithScore(90 - i * 10),
          auditedAt: new Date('2025-02-01T00:00:00Z'),
        });
      }
      await scheduler.triggerTask(VISIBILITY_INDEX_TASK_ID);
    });

    afterAll(async () => {
      await server?.stop?.();
    });

    const names = async (path: string, user: string) => {
      const res = await request(server)
        .get(`/api/readiness${path}`)
        .set('authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return res.body;
    };

    it('serves each user the entities the catalog shows them, and no other', async () => {
      // The catalog's own answer, for comparison.
      const catalogSees = async (user: string) =>
        (
          await request(server)
            .get('/api/catalog/entities/by-query?filter=kind=component')
            .set('authorization', mockCredentials.user.header(user))
        ).body.items
          .map((e: Entity) => e.metadata.name)
          .sort();

      const jo = await names('/leaderboard', 'user:default/jo');
      expect(jo.items.map((i: { name: string }) => i.name).sort()).toEqual([
        'alpha',
        'bravo',
        'owned-secret',
      ]);
      expect(jo.total).toBe(3);
      expect(jo.items.map((i: { name: string }) => i.name).sort()).toEqual(
        await catalogSees('user:default/jo'),
      );

      const sam = await names('/leaderboard', 'user:default/sam');
      expect(sam.items.map((i: { name: string }) => i.name).sort()).toEqual([
        'alpha',
        'bravo',
      ]);
      expect(JSON.stringify(sam)).not.toContain('secret');
      expect(sam.items.map((i: { name: string }) => i.name).sort()).toEqual(
        await catalogSees('user:default/sam'),
      );
    });

    it('keeps hidden entities out of the aggregates', async () => {
      // Each team's hidden entity (scored 70 and 60) is left out.
      const owners = await names('/owners', 'user:default/sam');
      expect(
        owners.items.map(
          (o: { owner: string; entities: number; averageScore: number }) => [
            o.owner,
            o.entities,
            o.averageScore,
          ],
        ),
      ).toEqual([
        ['group:default/team-a', 1, 90],
        ['group:default/team-b', 1, 80],
      ]);
      const hidden = await request(server)
        .get('/api/readiness/scorecards/component/default/secret')
        .set('authorization', mockCredentials.user.header('user:default/sam'));
      expect(hidden.status).toBe(404);
    });

    it('answered from the index, refreshed from the catalog', async () => {
      const index = new DatabaseVisibilityIndex({ knex: readinessKnex });
      expect(await index.refreshedAt()).toBeDefined();
      expect([...(await index.etags()).keys()].sort()).toEqual([
        'component:default/alpha',
        'component:default/bravo',
        'component:default/owned-secret',
        'component:default/secret',
      ]);
    });

    it('serves a service caller everything', async () => {
      const res = await request(server)
        .get('/api/readiness/leaderboard')
        .set('authorization', mockCredentials.service.header());
      expect(res.body.total).toBe(4);
    });
  },
);
