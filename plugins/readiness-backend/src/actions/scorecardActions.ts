import { NotFoundError } from '@backstage/errors';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { ActionContext, registerEntityAction } from './context';
import { BANDS, SEVERITIES, VERDICTS } from './schemas';

/** readiness-get-scorecard and readiness-get-blockers-and-fixes. */
export function registerScorecardActions(ctx: ActionContext) {
  registerEntityAction(ctx, {
    name: 'readiness-get-scorecard',
    title: 'Get Readiness Scorecard',
    description: `Returns the production-readiness scorecard summary of a catalog component: its overall score out of 100, the verdict (production-ready, needs-work or not-ready), the band (good from 75, needs-work from 50, poor from 40, critical below 40; production-ready needs 80 and no blockers), the score of each category (security, testing, infrastructure, code quality, database, frontend, observability, CI/CD, documentation; null where the category does not apply), how many rules passed, failed, were waived or did not apply, how many blockers and fixes there are, and when it was audited.
"audited" is false for a component that has no successful audit yet; "lastError" then says why, if an audit failed.
Use readiness-get-blockers-and-fixes for what to fix, and readiness-explain-rule for what a rule means.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    output: z =>
      z.object({
        entityRef: z.string().describe('The canonical entity reference'),
        audited: z
          .boolean()
          .describe(
            'Whether a successful audit exists; if not, score, verdict, band, categories and counts are null',
          ),
        score: z.number().nullable().describe('Overall score, 0 to 100'),
        verdict: z.enum(VERDICTS).nullable(),
        band: z.enum(BANDS).nullable(),
        auditedAt: z
          .string()
          .nullable()
          .describe('When the scorecard was produced (ISO 8601)'),
        categories: z
          .array(
            z.object({
              id: z.string(),
              title: z.string(),
              score: z
                .number()
                .nullable()
                .describe('0 to 100; null when the category does not apply'),
              band: z.enum([
                'good',
                'needs-work',
                'poor',
                'critical',
                'not-applicable',
              ]),
              passed: z.number(),
              failed: z.number(),
              applicable: z.number(),
            }),
          )
          .nullable(),
        counts: z
          .object({
            rules: z.number().describe('Rules evaluated'),
            passed: z.number(),
            failed: z
              .number()
              .describe('Failing rules not covered by a waiver'),
            waived: z
              .number()
              .describe('Failing rules covered by an active waiver'),
            notApplicable: z.number(),
            errored: z.number().describe('Rules that could not be evaluated'),
            findings: z.number().describe('Findings of the failing rules'),
            blockers: z.number().describe('Failures that block production'),
            fixes: z.number().describe('Entries of the fix list'),
          })
          .nullable(),
        refreshing: z
          .boolean()
          .describe('Whether a refresh is queued or running'),
        lastError: z
          .string()
          .optional()
          .describe('Why the latest audit failed, or what it ignored'),
      }),
    action: async entityRef => {
      const [stored, refreshing] = await Promise.all([
        ctx.store.getScorecard(entityRef),
        ctx.refresher.isRefreshing(entityRef),
      ]);
      const card = stored?.scorecard ?? null;
      return {
        output: {
          entityRef,
          audited: card !== null,
          score: card?.score ?? null,
          verdict: card?.verdict ?? null,
          band: card ? stored?.band ?? null : null,
          auditedAt: card ? stored?.auditedAt?.toISOString() ?? null : null,
          categories: card
            ? card.categories.map(c => ({
                id: c.id,
                title: c.title,
                score: c.score,
                band: c.band,
                passed: c.passed,
                failed: c.failed,
                applicable: c.applicable,
              }))
            : null,
          counts: card ? countResults(card) : null,
          refreshing,
          ...(stored?.error ? { lastError: stored.error } : {}),
        },
      };
    },
  });

  registerEntityAction(ctx, {
    name: 'readiness-get-blockers-and-fixes',
    title: 'Get Readiness Blockers and Fixes',
    description: `Returns what stands between a catalog component and production: its production blockers (failing rules of high or critical severity, each with its number of findings and the first one's file, line and message) and its fix list, ordered P0 first, each fix with its remediation and its expected gain: the points of the overall score won back if that rule passed.
Fails with a not-found error when the component has not been audited yet. Use readiness-explain-rule for a rule's full explanation.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    output: z =>
      z.object({
        entityRef: z.string(),
        score: z.number().describe('Overall score, 0 to 100'),
        verdict: z.enum(VERDICTS),
        auditedAt: z.string().nullable(),
        blockers: z.array(
          z.object({
            ruleId: z.string(),
            title: z.string(),
            category: z.string(),
            severity: z.enum(SEVERITIES),
            findings: z.number().describe('How many findings the rule has'),
            example: z
              .object({
                path: z.string(),
                line: z.number().optional(),
                message: z.string(),
              })
              .optional()
              .describe('The first finding'),
          }),
        ),
        fixes: z.array(
          z.object({
            ruleId: z.string(),
            title: z.string(),
            category: z.string(),
            severity: z.enum(SEVERITIES),
            priority: z.enum(['P0', 'P1', 'P2']),
            remediation: z.string(),
            expectedGain: z
              .number()
              .describe('Overall points won back if this rule passed'),
          }),
        ),
      }),
    action: async entityRef => {
      const stored = await ctx.store.getScorecard(entityRef);
      const card = stored?.scorecard;
      if (!card) {
        throw new NotFoundError(`${entityRef} has not been audited yet`);
      }
      return {
        output: {
          entityRef,
          score: card.score,
          verdict: card.verdict,
          auditedAt: stored.auditedAt?.toISOString() ?? null,
          blockers: card.blockers.map(b => ({
            ruleId: b.ruleId,
            title: b.title,
            category: b.category,
            severity: b.severity,
            findings: b.findings,
            ...(b.example
              ? {
                  example: {
                    path: b.example.path,
                    ...(b.example.line !== undefined
                      ? { line: b.example.line }
                      : {}),
                    message: b.example.message,
                  },
                }
              : {}),
          })),
          fixes: card.fixes.map(f => ({
            ruleId: f.ruleId,
            title: f.title,
            category: f.category,
            severity: f.severity,
            priority: f.priority,
            remediation: f.remediation,
            expectedGain: f.expectedGain,
          })),
        },
      };
    },
  });
}

function countResults(card: Scorecard) {
  const counts = {
    rules: card.results.length,
    passed: 0,
    failed: 0,
    waived: 0,
    notApplicable: 0,
    errored: 0,
    findings: 0,
    blockers: card.blockers.length,
    fixes: card.fixes.length,
  };
  for (const result of card.results) {
    if (result.status === 'pass') counts.passed++;
    else if (result.status === 'not-applicable') counts.notApplicable++;
    else if (result.status === 'error') counts.errored++;
    else if (result.waiver) counts.waived++;
    else {
      counts.failed++;
      counts.findings += result.findings.length;
    }
  }
  return counts;
}
