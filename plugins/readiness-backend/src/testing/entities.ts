import { Entity } from '@backstage/catalog-model';

/** A production service component in the catalog. */
export function component(
  name: string,
  owner = 'team-a',
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}
