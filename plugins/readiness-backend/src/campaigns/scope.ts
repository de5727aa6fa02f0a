import { AuthService } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CampaignScope } from '@readiness/backstage-plugin-readiness-common';
import { summarizeEntity } from '../audit/entitySummary';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { SharedCache } from '../service/sharedCache';
import { CoveredEntity } from './progress';

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.owner',
  'relations',
];

/**
 * The catalog filter of a scope: each field given is a condition (AND), the
 * values of a field alternatives (OR), as the catalog's filters compare
 * them (case-insensitively). Owners and systems are matched through the
 * entity's `ownedBy` and `partOf` relations, so `spec.owner: team-a` and
 * `group:default/team-a` are the same owner. Only audited kinds are asked
 * for; a scope naming other kinds only covers nothing (null).
 */
export function scopeFilter(scope: CampaignScope): EntityFilterQuery | null {
  const audited = AUDITED_KINDS.map(k => k.toLocaleLowerCase('en-US'));
  const kinds = scope.kind
    ? audited.filter(k =>
        scope.kind!.some(s => s.toLocaleLowerCase('en-US') === k),
      )
    : audited;
  if (kinds.length === 0) return null;
  // A single value is given as such, a list only for alternatives.
  const values = (list: string[]) => (list.length === 1 ? list[0] : list);
  const filter: Record<string, string | symbol | (string | symbol)[]> = {
    kind: values(kinds),
  };
  if (scope.type) filter['spec.type'] = values(scope.type);
  if (scope.lifecycle) filter['spec.lifecycle'] = values(scope.lifecycle);
  if (scope.owner) {
    filter[`relations.${RELATION_OWNED_BY}`] = values(scope.owner);
  }
  if (scope.system) filter['relations.partOf'] = values(scope.system);
  if (scope.tags) filter['metadata.tags'] = values(scope.tags);
  for (const [key, value] of Object.entries(scope.annotations ?? {})) {
    filter[`metadata.annotations.${key}`] =
      value === true ? CATALOG_FILTER_EXISTS : value;
  }
  return filter;
}

/** The owner of an entity: its `ownedBy` relation, else its `spec.owner`. */
function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  return relation?.targetRef ?? summarizeEntity(entity).owner;
}

/**
 * The entities each scope covers, asked of the catalog with the plugin's
 * own credentials (what callers may see is applied afterwards, from the
 * catalog's visibility, as everywhere in the API). Answers are kept for 10 s
 * per scope, so a page that lists campaigns and opens one asks the catalog
 * once, and then served up to 30 s old while the catalog is asked again, so
 * no caller waits for a large scope's listing but the first.
 */
export class CampaignScopes {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #cache = new SharedCache<CoveredEntity[]>({
    freshMs: 10_000,
    staleMs: 30_000,
    max: 100,
  });

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /** The covered entities, by ref. */
  covered(scope: CampaignScope): Promise<CoveredEntity[]> {
    return this.#cache.get(JSON.stringify(scope), () => this.#lookUp(scope));
  }

  async #lookUp(scope: CampaignScope): Promise<CoveredEntity[]> {
    const filter = scopeFilter(scope);
    if (!filter) return [];
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntities(
      { filter, fields: FIELDS },
      { credentials },
    );
    return items
      .map(entity => {
        const owner = ownerOf(entity);
        return {
          entityRef: stringifyEntityRef(entity),
          ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
          ...(owner ? { owner } : {}),
        };
      })
      .sort((a, b) =>
        a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef),
      );
  }
}
