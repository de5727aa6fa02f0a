import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LeaderboardQuery } from '@readiness/backstage-plugin-readiness-common';
import Ajv from 'ajv';
import { ScorecardRow } from '../database/ReadinessStore';
import { spec } from '../schema/openapi.generated';
import { RouteContext } from './context';
import {
  LeaderboardItem,
  LeaderboardResponse,
  ScmRateLimitWait,
} from './types';
import { ApiRoutes } from './validation';

/** GET /leaderboard: scored entities, filtered, ordered and paged. */
export function leaderboardRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/leaderboard',
    handler: async ({ query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const body: LeaderboardResponse = await leaderboardPage(
        ctx,
        query,
        credentials,
      );
      res.json(body);
    },
  });
}

type Parameter = { name: string; schema: object };

/** The spec's parameters of GET /leaderboard, references resolved. */
function leaderboardParameters(): Parameter[] {
  return spec.paths['/leaderboard'].get.parameters.map(parameter =>
    '$ref' in parameter
      ? spec.components.parameters[
          parameter.$ref.replace('#/components/parameters/', '') as 'offset'
        ]
      : parameter,
  );
}

/**
 * The leaderboard query as a JSON schema object, made of the spec's
 * parameters (their `#/components/...` references resolve against the
 * spec's components, kept beside them).
 */
const leaderboardQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    leaderboardParameters().map(p => [p.name, p.schema]),
  ),
  components: spec.components,
};

let validateQuery: ReturnType<Ajv['compile']> | undefined;

/**
 * Checks a leaderboard query given as typed JSON (the actions' input)
 * against the spec of GET /leaderboard, so it has the REST API's bounds;
 * anything invalid is an InputError naming the parameter.
 */
export function validateLeaderboardQuery(input: unknown): LeaderboardQuery {
  if (!validateQuery) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    validateQuery = ajv.compile(leaderboardQuerySchema);
  }
  if (!validateQuery(input)) {
    const ajv = new Ajv();
    throw new InputError(
      `Invalid leaderboard query: ${ajv.errorsText(validateQuery.errors, {
        dataVar: 'query',
      })}`,
    );
  }
  return input as LeaderboardQuery;
}

/**
 * What the spec cannot say of a leaderboard query: the score range in
 * order, the owner as a full entity ref (a bare name is a group in the
 * default namespace), the search text without surrounding blanks.
 */
export function normalizeLeaderboardQuery(
  query: LeaderboardQuery,
): LeaderboardQuery {
  if (
    query.minScore !== undefined &&
    query.maxScore !== undefined &&
    query.minScore > query.maxScore
  ) {
    throw new InputError(
      'Invalid query: minScore: minScore must not exceed maxScore',
    );
  }
  return {
    ...query,
    ...(query.owner !== undefined
      ? {
          owner: stringifyEntityRef(
            parseEntityRef(query.owner, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          ),
        }
      : {}),
    q: query.q?.trim() || undefined,
    lifecycle: query.lifecycle?.trim(),
  };
}

/**
 * The category of a leaderboard query, when it names one: a built-in
 * category or a custom one this backend's configuration declares. The spec
 * checks its form only; any other id is an InputError naming the parameter.
 */
export function checkLeaderboardCategory(
  query: LeaderboardQuery,
  categoryIds: readonly string[],
): void {
  if (query.category === undefined || categoryIds.includes(query.category)) {
    return;
  }
  throw new InputError(
    `Invalid query: category: '${
      query.category
    }' is not a category this backend scores (${categoryIds.join(', ')})`,
  );
}

/** One page of the leaderboard, over the entities the caller can see. */
export async function leaderboardPage(
  ctx: Pick<RouteContext, 'store' | 'visibility' | 'rules'>,
  query: LeaderboardQuery,
  credentials: BackstageCredentials,
): Promise<LeaderboardResponse> {
  checkLeaderboardCategory(query, ctx.rules.categoryIds());
  const normalized = normalizeLeaderboardQuery(query);
  const visible = await ctx.visibility.visibleRefs(credentials);
  const { items, total } = await ctx.store.listScorecards(normalized, visible);
  return { items: items.map(toLeaderboardItem), total };
}

/** A leaderboard row as the API serves it. */
export function toLeaderboardItem(row: ScorecardRow): LeaderboardItem {
  return {
    entityRef: row.entityRef,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.lifecycle ? { lifecycle: row.lifecycle } : {}),
    score: row.score,
    verdict: row.verdict,
    band: row.band,
    blockers: row.blockers,
    auditedAt: row.auditedAt?.toISOString() ?? null,
    ...(row.error ? { error: row.error } : {}),
    ...(row.waiting ? { waiting: waitingOf(row.waiting) } : {}),
  };
}

/** The rate limit an entity waits for, as the API serves it. */
export function waitingOf(waiting: {
  host: string;
  until: Date;
}): ScmRateLimitWait {
  return {
    reason: 'scm-rate-limit',
    host: waiting.host,
    until: waiting.until.toISOString(),
  };
}
