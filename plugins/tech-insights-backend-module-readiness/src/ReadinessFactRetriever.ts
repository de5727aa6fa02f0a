import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReadinessQueryStore } from '@readiness/backstage-plugin-readiness-backend';
import {
  READINESS_FACT_RETRIEVER_ID,
  READINESS_FACT_SCHEMA_VERSION,
  readinessFactSchema,
  readinessFacts,
} from './facts';

/** The entities readiness audits. @public */
export const READINESS_DEFAULT_ENTITY_FILTER = [{ kind: ['component'] }];

/** Where the retriever reads scorecards: the readiness store's read side. @public */
export type ReadinessScorecardSource = Pick<
  ReadinessQueryStore,
  'getScorecards'
>;

/** @public */
export interface ReadinessFactRetrieverOptions {
  /** The readiness store, or anything that reads scorecards like it. */
  scorecards: ReadinessScorecardSource;
  /** The catalog, to list the entities that match the entity filter. */
  catalog: CatalogService;
  /** Which entities the facts are about; Components by default. */
  entityFilter?: FactRetriever['entityFilter'];
  /** Entities read from the catalog, and scorecards from the store, per page. */
  pageSize?: number;
}

/**
 * A Tech Insights fact retriever that publishes each entity's current
 * readiness scorecard as facts (see {@link readinessFactSchema}). The
 * entities come from the catalog, filtered by the entity filter Tech
 * Insights passes in; those without a scorecard yet are skipped.
 * @public
 */
export function createReadinessFactRetriever(
  options: ReadinessFactRetrieverOptions,
): FactRetriever {
  const { scorecards, catalog, pageSize = 500 } = options;
  return {
    id: READINESS_FACT_RETRIEVER_ID,
    version: READINESS_FACT_SCHEMA_VERSION,
    title: 'Production readiness',
    description:
      'Score, verdict, category scores, blockers and rule statuses of the latest readiness audit',
    entityFilter: options.entityFilter ?? READINESS_DEFAULT_ENTITY_FILTER,
    schema: readinessFactSchema,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const credentials = await ctx.auth.getOwnServiceCredentials();
      const facts: TechInsightFact[] = [];
      let entities = 0;
      for await (const page of catalog.streamEntities(
        {
          filter: ctx.entityFilter,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
          pageSize,
        },
        { credentials },
      )) {
        entities += page.length;
        const byRef = new Map(page.map(e => [stringifyEntityRef(e), e]));
        for (const row of await scorecards.getScorecards([...byRef.keys()])) {
          const entity = byRef.get(row.entityRef);
          if (!entity || !row.scorecard) continue;
          facts.push({
            entity: {
              namespace: entity.metadata.namespace ?? 'default',
              kind: entity.kind,
              name: entity.metadata.name,
            },
            facts: {
              ...readinessFacts(
                row.scorecard,
                row.auditedAt ?? new Date(row.scorecard.generatedAt),
              ),
            },
          });
        }
      }
      // One order whatever the paging: by entity ref, as the store reads.
      const ref = (f: TechInsightFact) => stringifyEntityRef(f.entity);
      facts.sort((a, b) => (ref(a) < ref(b) ? -1 : Number(ref(a) > ref(b))));
      ctx.logger.info(
        `Readiness facts for ${facts.length} of ${entities} entities; the others have no scorecard yet`,
      );
      return facts;
    },
  };
}
