import {
  leaderboardPage,
  validateLeaderboardQuery,
} from '../service/leaderboard';
import { ActionContext } from './context';
import { BANDS, VERDICTS } from './schemas';

const DEFAULT_LIMIT = 50;

/**
 * readiness-query-leaderboard: the REST leaderboard, through the same
 * validation and query. The action's input is typed JSON; it is checked
 * against the spec's GET /leaderboard parameters, so bounds and defaults
 * are the REST API's.
 */
export function registerLeaderboardAction(ctx: ActionContext) {
  ctx.actionsRegistry.register({
    name: 'readiness-query-leaderboard',
    title: 'Query Readiness Leaderboard',
    description: `Lists catalog components by production-readiness score, like the Readiness leaderboard page: filter by owner (a group ref such as "group:default/team-a", or just "team-a"), kind, lifecycle, band (good, needs-work, poor, critical), score range (minScore, maxScore, 0 to 100) or a case-insensitive text search "q" in names, titles and refs; order by score, name, owner or auditedAt, ascending or descending; page with limit (1 to 500, default 50) and offset. Each row has the score, verdict, band, number of blockers and audit time; "total" counts every match. Only components the caller can see in the catalog are listed or counted. Components never audited successfully are left out unless includeUnscored is true.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .optional()
            .describe(
              'Owner entity ref; a bare name means a group in the default namespace',
            ),
          kind: z.string().optional().describe('Entity kind, e.g. Component'),
          lifecycle: z
            .string()
            .optional()
            .describe('Lifecycle, e.g. production or experimental'),
          band: z.enum(BANDS).optional(),
          minScore: z.number().int().optional(),
          maxScore: z.number().int().optional(),
          q: z
            .string()
            .optional()
            .describe(
              'Case-insensitive search in names, titles and entity refs',
            ),
          orderBy: z
            .enum(['score', 'name', 'owner', 'auditedAt'])
            .optional()
            .describe('Default: score'),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z.number().int().optional().describe('1 to 500; default 50'),
          offset: z.number().int().optional().describe('Default 0'),
          includeUnscored: z
            .boolean()
            .optional()
            .describe('Also list components without a successful audit'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              entityRef: z.string(),
              kind: z.string(),
              namespace: z.string(),
              name: z.string(),
              title: z.string().optional(),
              owner: z.string().optional(),
              lifecycle: z.string().optional(),
              score: z
                .number()
                .nullable()
                .describe(
                  'Null only for components never audited successfully',
                ),
              verdict: z.enum(VERDICTS).nullable(),
              band: z.enum(BANDS).nullable(),
              blockers: z.number(),
              auditedAt: z.string().nullable(),
              error: z
                .string()
                .optional()
                .describe('Why the latest audit failed, or what it ignored'),
              waiting: z
                .object({
                  reason: z.literal('scm-rate-limit'),
                  host: z.string(),
                  until: z.string(),
                })
                .optional()
                .describe(
                  "Set while the component waits for its SCM's API rate limit to reset (until, ISO time); it is audited then, nothing failed",
                ),
            }),
          ),
          total: z.number().describe('How many components match the filters'),
          offset: z.number(),
          limit: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const query = validateLeaderboardQuery(
        Object.fromEntries(
          Object.entries(input).filter(([, value]) => value !== undefined),
        ),
      );
      const page = await leaderboardPage(ctx, query, credentials);
      return {
        output: {
          ...page,
          offset: query.offset ?? 0,
          limit: query.limit ?? DEFAULT_LIMIT,
        },
      };
    },
  });
}
