import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { hidingCatalog, isUser } from '../testing/catalog';
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
