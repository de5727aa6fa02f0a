import { Entity } from '@backstage/catalog-model';
import { searchRows } from './searchRows';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Orders',
    namespace: 'Ops',
    uid: 'u-1',
    etag: 'e-1',
    labels: { Tier: 'Gold' },
    annotations: { 'backstage.io/source-location': 'url:https://x/' },
    tags: ['java', 'Java', 'web'],
    description: 'x'.repeat(201),
  },
  spec: { type: 'service', owner: 'team-a', ports: [80, 443], extra: null },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/Team-A' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ],
};

describe('searchRows', () => {
  it('holds what the catalog search table holds for the rules, in lower case', () => {
    const rows = searchRows(entity);
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: 'kind', value: 'component' },
        { key: 'metadata.name', value: 'orders' },
        { key: 'metadata.namespace', value: 'ops' },
        { key: 'metadata.uid', value: 'u-1' },
        { key: 'metadata.labels.tier', value: 'gold' },
        {
          key: 'metadata.annotations.backstage.io/source-location',
          value: 'url:https://x/',
        },
        { key: 'metadata.tags', value: 'java' },
        { key: 'metadata.tags.java', value: 'true' },
        { key: 'metadata.tags', value: 'web' },
        { key: 'metadata.tags.web', value: 'true' },
        // Over 200 characters: the key stays, the value does not.
        { key: 'metadata.description', value: null },
        { key: 'spec.type', value: 'service' },
        { key: 'spec.ports', value: '80' },
        { key: 'spec.ports', value: '443' },
        { key: 'spec.extra', value: null },
        { key: 'relations.ownedby', value: 'group:default/team-a' },
      ]),
    );
    // Duplicates folded by case are one row; etag and other relations are not indexed.
    expect(rows.filter(r => r.key === 'metadata.tags')).toHaveLength(2);
    expect(rows.filter(r => r.key === 'metadata.tags.java')).toHaveLength(1);
    expect(rows.some(r => r.key === 'metadata.etag')).toBe(false);
    expect(rows.some(r => r.key.startsWith('relations.partof'))).toBe(false);
  });

  it('puts an entity without a namespace in the default one', () => {
    const rows = searchRows({
      ...entity,
      metadata: { name: 'x' },
      spec: undefined,
    });
    expect(rows).toContainEqual({
      key: 'metadata.namespace',
      value: 'default',
    });
    expect(rows.some(r => r.key.startsWith('spec'))).toBe(false);
  });

  it('leaves out keys over 200 characters', () => {
    const long = 'k'.repeat(200);
    const rows = searchRows({
      ...entity,
      metadata: { name: 'x', labels: { [long]: 'v' } },
    });
    expect(rows.some(r => r.key.includes(long))).toBe(false);
  });
});
