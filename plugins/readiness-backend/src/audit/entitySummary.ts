import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntitySummary } from '../database/ReadinessStore';

/** The columns the store keeps about an entity. @public */
export function summarizeEntity(entity: Entity): EntitySummary {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as { owner?: unknown; lifecycle?: unknown };
  let owner: string | undefined;
  if (typeof spec.owner === 'string' && spec.owner) {
    try {
      owner = stringifyEntityRef(
        parseEntityRef(spec.owner, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        }),
      );
    } catch {
      owner = undefined;
    }
  }
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(owner ? { owner } : {}),
    ...(typeof spec.lifecycle === 'string' && spec.lifecycle
      ? { lifecycle: spec.lifecycle }
      : {}),
  };
}
