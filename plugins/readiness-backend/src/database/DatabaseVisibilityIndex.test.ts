import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogConditions } from '@backstage/plugin-catalog-backend/alpha';
import {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { T0, testDatabases, testStore } from '../testing/databases';
import { translateConditions } from '../visibility/conditions';
import { searchRows } from '../visibility/searchRows';
import { DatabaseVisibilityIndex } from './DatabaseVisibilityIndex';

jest.setTimeout(60_000);

const databases = testDatabases();

function component(
  name: string,
  extra: {
    owner?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    tags?: string[];
    lifecycle?: string;
    kind?: string;
  } = {},
): Entity {
  const owner = extra.owner ?? 'group:default/team-a';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: {
      name,
      namespace: 'default',
      etag: `etag-${name}`,
      labels: extra.labels,
      annotations: extra.annotations,
      tags: extra.tags,
    },
    spec: {
      type: 'service',
      lifecycle: extra.lifecycle ?? 'production',
      owner,
    },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities = [
  component('alpha', { tags: ['java'] }),
  component('bravo', {
    owner: 'group:default/team-b',
    labels: { hidden: 'true' },
  }),
  component('charlie', {
    annotations: { 'github.com/project-slug': 'Acme/Charlie' },
    lifecycle: 'experimental',
  }),
  component('delta', { owner: 'user:default/jo', labels: { Tier: 'Gold' } }),
  component('echo', { kind: 'System' }),
];

describe.each(databases.eachSupportedId())(
  'the visibility index on %s',
  databaseId => {
    let index: DatabaseVisibilityIndex;

    beforeEach(async () => {
      const { knex } = await testStore(databases, databaseId);
      index = new DatabaseVisibilityIndex({ knex });
      await index.put(
        entities.map(e => ({
          entityRef: stringifyEntityRef(e),
          etag: e.metadata.etag,
          rows: searchRows(e),
        })),
      );
    });

    /** The names the criteria let through, evaluated in the database. */
    const visible = async (
      criteria: PermissionCriteria<PermissionCondition>,
    ) => {
      const translation = translateConditions(criteria);
      if (!('filter' in translation)) throw new Error(translation.unknown);
      const refs = await index.matching(translation.filter);
      return refs.map(ref => ref.replace(/^.*\//, '')).sort();
    };

    it.each([
      [
        catalogConditions.isEntityKind({ kinds: ['component'] }),
        ['alpha', 'bravo', 'charlie', 'delta'],
      ],
      [catalogConditions.isEntityKind({ kinds: [] }), []],
      [
        catalogConditions.isEntityOwner({
          claims: ['group:default/team-b', 'user:default/JO'],
        }),
        ['bravo', 'delta'],
      ],
      [catalogConditions.hasLabel({ label: 'hidden' }), ['bravo']],
      [catalogConditions.hasLabel({ label: 'tier', value: 'gold' }), ['delta']],
      [catalogConditions.hasLabel({ label: 'tier', value: 'silver' }), []],
      [
        catalogConditions.hasAnnotation({
          annotation: 'github.com/project-slug',
          value: 'acme/charlie',
        }),
        ['charlie'],
      ],
      [
        catalogConditions.hasMetadata({ key: 'tags', value: 'JAVA' }),
        ['alpha'],
      ],
      [catalogConditions.hasMetadata({ key: 'tags.java' }), ['alpha']],
      [
        catalogConditions.hasSpec({ key: 'lifecycle', value: 'experimental' }),
        ['charlie'],
      ],
      [
        catalogConditions.hasSpec({ key: 'owner' }),
        ['alpha', 'bravo', 'charlie', 'delta', 'echo'],
      ],
    ])('evaluates %j', async (condition, names) => {
      expect(await visible(condition)).toEqual(names);
    });

    it('evaluates allOf, anyOf and not, nested', async () => {
      expect(
        await visible({
          not: catalogConditions.hasLabel({ label: 'hidden' }),
        }),
      ).toEqual(['alpha', 'charlie', 'delta', 'echo']);
      expect(
        await visible({
          anyOf: [
            catalogConditions.isEntityOwner({ claims: ['user:default/jo'] }),
            {
              allOf: [
                catalogConditions.isEntityKind({ kinds: ['Component'] }),
                { not: catalogConditions.hasLabel({ label: 'hidden' }) },
                {
                  not: catalogConditions.hasSpec({
                    key: 'lifecycle',
                    value: 'production',
                  }),
                },
              ],
            },
          ],
        }),
      ).toEqual(['charlie', 'delta']);
      expect(await visible({ allOf: [] } as any)).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);
      expect(await visible({ anyOf: [] } as any)).toEqual([]);
      expect(await visible({ not: { anyOf: [] } } as any)).toHaveLength(5);
    });

    it('replaces an entity written again and forgets a removed one', async () => {
      const bravo = component('bravo', { owner: 'group:default/team-b' });
      await index.put([
        {
          entityRef: 'component:default/bravo',
          etag: 'etag-2',
          rows: searchRows(bravo),
        },
      ]);
      await index.remove(['component:default/alpha']);
      expect(
        await visible(catalogConditions.hasLabel({ label: 'hidden' })),
      ).toEqual([]);
      expect(
        await visible({ not: catalogConditions.hasLabel({ label: 'hidden' }) }),
      ).toEqual(['bravo', 'charlie', 'delta', 'echo']);
      const etags = await index.etags();
      expect(etags.get('component:default/bravo')).toBe('etag-2');
      expect(etags.has('component:default/alpha')).toBe(false);
    });

    it('records when it last matched the catalog', async () => {
      expect(await index.refreshedAt()).toBeUndefined();
      await index.markRefreshed(T0);
      const later = new Date(T0.getTime() + 30_000);
      await index.markRefreshed(later);
      expect(await index.refreshedAt()).toEqual(later);
    });
  },
);
