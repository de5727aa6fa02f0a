import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { DatabaseVisibilityIndex } from '../database/DatabaseVisibilityIndex';
import { hidingCatalog, isUser } from '../testing/catalog';
import { testDatabases, testStore } from '../testing/databases';
import { VisibilityIndex } from '../visibility/VisibilityIndex';
import { component } from '../testing/entities';
import { EntityVisibility } from './visibility';

const entities = [
  component('alpha'),
  component('bravo'),
  component('charlie', 'team-a', { namespace: 'ops' }),
  component('delta', 'team-a', { namespace: 'ops' }),
  component('echo', 'team-a', { namespace: 'web' }),
  { ...component('foxtrot'), kind: 'API' },
];

/** The catalog hiding `hidden` from users, recording what it was asked. */
function setUp(hidden: string[]) {
  const calls: Array<{ facets: string[]; filter: unknown }> = [];
  const inner = hidingCatalog(
    entities,
    (ref: string, credentials: BackstageCredentials) =>
      isUser(credentials) && hidden.includes(ref),
  );
  const catalog = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'getEntityFacets') {
        return (
          req: Parameters<CatalogService['getEntityFacets']>[0],
          opts: { credentials: BackstageCredentials },
        ) => {
          calls.push({ facets: req.facets, filter: req.filter });
          return target.getEntityFacets(req, opts);
        };
      }
      if (prop === 'getEntities') {
        throw new Error('the look-up must not list entities');
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as CatalogService;
  const visibility = new EntityVisibility({
    catalog,
    auth: mockServices.auth(),
  });
  return { visibility, calls };
}

const user = (name = 'jo') => mockCredentials.user(`user:default/${name}`);

describe('EntityVisibility', () => {
  it('filters nothing for a user from whom the catalog hides nothing', async () => {
    const { visibility, calls } = setUp([]);
    expect(await visibility.visibleRefs(user())).toBeUndefined();
    // Counts per namespace, as the user and as the plugin: no names asked.
    expect(calls.map(c => c.facets)).toEqual([
      ['metadata.namespace'],
      ['metadata.namespace'],
    ]);
  });

  it('names entities only where the catalog hides some, and never the hidden ones', async () => {
    const { visibility, calls } = setUp([
      'component:ops/delta',
      'component:web/echo',
    ]);
    const refs = await visibility.visibleRefs(user());
    expect(refs).toBeDefined();
    const seen = [
      'component:default/alpha',
      'component:default/bravo',
      'component:ops/charlie',
    ];
    for (const ref of seen) expect([ref, refs!.has(ref)]).toEqual([ref, true]);
    for (const ref of [
      'component:ops/delta',
      'component:web/echo',
      'api:default/foxtrot',
      'component:ops/unknown',
      'component:other/alpha',
    ]) {
      expect([ref, refs!.has(ref)]).toEqual([ref, false]);
    }
    // Names were asked for the one namespace where some, not all, are seen.
    expect(calls.filter(c => c.facets.includes('metadata.name'))).toEqual([
      {
        facets: ['metadata.name'],
        filter: { kind: 'component', 'metadata.namespace': 'ops' },
      },
    ]);
  });

  it('asks once per user within the cache period; service callers see all', async () => {
    const { visibility, calls } = setUp(['component:default/alpha']);
    const first = await visibility.visibleRefs(user());
    expect(await visibility.visibleRefs(user())).toBe(first);
    const asked = calls.length;
    await visibility.visibleRefs(user('sam'));
    expect(calls.length).toBeGreaterThan(asked);
    expect(
      await visibility.visibleRefs(mockCredentials.service()),
    ).toBeUndefined();
  });
});

describe('EntityVisibility with the permission decision and the index', () => {
  const databases = testDatabases(['SQLITE_3']);
  jest.setTimeout(60_000);

  const labelled = [
    component('alpha'),
    component('bravo', 'team-a', { labels: { hidden: 'true' } }),
    component('charlie', 'team-b', { namespace: 'ops' }),
  ];
  const notHidden = createCatalogConditionalDecision(
    catalogEntityReadPermission,
    { not: catalogConditions.hasLabel({ label: 'hidden' }) },
  );

  /**
   * The visibility over a real index on SQLite, refreshed from the
   * catalog, with the permissions service answering `decision` for
   * catalog.entity.read.
   */
  async function setUpIndexed(
    decision: PolicyDecision,
    options: { refresh?: boolean } = {},
  ) {
    const { knex } = await testStore(databases, 'SQLITE_3');
    const calls: string[] = [];
    const inner = catalogServiceMock({ entities: labelled });
    const catalog = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'getEntityFacets' || prop === 'getEntities') {
          calls.push(prop);
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as CatalogService;
    const auth = mockServices.auth();
    const logger = mockServices.logger.mock();
    let now = new Date('2025-03-01T10:00:00Z');
    const index = new VisibilityIndex({
      store: new DatabaseVisibilityIndex({ knex }),
      catalog,
      auth,
      logger,
      clock: () => now,
    });
    if (options.refresh !== false) await index.refresh();
    const asked: unknown[] = [];
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async requests => {
        asked.push(...requests.map(r => r.permission.name));
        return requests.map(() => decision);
      },
    });
    const visibility = new EntityVisibility({
      catalog,
      auth,
      permissions,
      index,
      logger,
    });
    const later = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    return { visibility, calls, asked, logger, later };
  }

  it('evaluates a conditional decision in the index, asking the catalog nothing', async () => {
    const { visibility, calls, asked } = await setUpIndexed(notHidden);
    const refs = await visibility.visibleRefs(user());
    expect(asked).toEqual(['catalog.entity.read']);
    expect(refs?.has('component:default/alpha')).toBe(true);
    expect(refs?.has('component:ops/charlie')).toBe(true);
    expect(refs?.has('component:default/bravo')).toBe(false);
    expect(refs?.has('component:default/unknown')).toBe(false);
    expect(calls).toEqual([]);
  });

  it('hides nothing when allowed and everything when denied', async () => {
    const allowed = await setUpIndexed({ result: AuthorizeResult.ALLOW });
    expect(await allowed.visibility.visibleRefs(user())).toBeUndefined();
    const denied = await setUpIndexed({ result: AuthorizeResult.DENY });
    const none = await denied.visibility.visibleRefs(user());
    expect(none?.has('component:default/alpha')).toBe(false);
    expect([...allowed.calls, ...denied.calls]).toEqual([]);
  });

  it('asks the catalog, saying so at debug level, for a rule the index does not know', async () => {
    const { visibility, calls, logger } = await setUpIndexed({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        resourceType: 'catalog-entity',
        rule: 'IS_IN_SYSTEM',
        params: { systemRef: 'system:default/shop' },
      },
    });
    // The mock catalog hides nothing: the counts agree, nothing is filtered.
    expect(await visibility.visibleRefs(user())).toBeUndefined();
    expect(calls).toContain('getEntityFacets');
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining('the rule IS_IN_SYSTEM'),
    );
  });

  it('asks the catalog when the index was never refreshed or is too old', async () => {
    const never = await setUpIndexed(notHidden, { refresh: false });
    expect(await never.visibility.visibleRefs(user())).toBeUndefined();
    expect(never.calls).toContain('getEntityFacets');

    const old = await setUpIndexed(notHidden);
    old.later(5 * 60_000);
    expect(
      (await old.visibility.visibleRefs(user()))?.has(
        'component:default/bravo',
      ),
    ).toBe(false);
    expect(old.calls).toEqual([]);
    // Refreshed at 10:00, asked past 10:05 (by another user, not cached).
    old.later(20_000);
    expect(await old.visibility.visibleRefs(user('sam'))).toBeUndefined();
    expect(old.calls).toContain('getEntityFacets');
  });

  it('keeps the index up to date from the catalog etags', async () => {
    const { knex } = await testStore(databases, 'SQLITE_3');
    let listed = labelled.map((e, i) => ({
      ...e,
      metadata: { ...e.metadata, etag: `e${i}` },
    }));
    const catalog = {
      async *streamEntities() {
        yield listed;
      },
      getEntitiesByRefs: jest.fn(
        async ({ entityRefs }: { entityRefs: string[] }) => ({
          items: entityRefs.map(
            ref => listed.find(e => stringifyEntityRef(e) === ref) ?? null,
          ),
        }),
      ),
    } as unknown as CatalogService;
    const store = new DatabaseVisibilityIndex({ knex });
    const index = new VisibilityIndex({
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(await index.refresh()).toEqual({ written: 3, removed: 0 });
    // Unchanged etags: nothing fetched again.
    expect(await index.refresh()).toEqual({ written: 0, removed: 0 });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    // bravo loses its label, charlie is deleted.
    listed = [
      listed[0],
      {
        ...component('bravo'),
        metadata: { ...component('bravo').metadata, etag: 'changed' },
      },
    ];
    expect(await index.refresh()).toEqual({ written: 1, removed: 1 });
    expect(
      await store.matching({ not: { key: 'metadata.labels.hidden' } }),
    ).toEqual(['component:default/alpha', 'component:default/bravo']);
    // A catalog answering nothing leaves the index as it is.
    listed = [];
    expect(await index.refresh()).toEqual({ written: 0, removed: 0 });
    expect((await store.etags()).size).toBe(2);
  });
});
