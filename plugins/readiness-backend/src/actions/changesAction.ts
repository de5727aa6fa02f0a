import { HistoryPoint } from '../database/ReadinessStore';
import { ActionContext, registerEntityAction } from './context';
import { VERDICTS } from './schemas';

/**
 * readiness-get-changes: the latest audit against the one before it, from
 * the stored history.
 */
export function registerChangesAction(ctx: ActionContext) {
  registerEntityAction(ctx, {
    name: 'readiness-get-changes',
    title: 'Get Readiness Changes',
    description: `Tells what changed in a catalog component's production-readiness between its latest audit and the one before: the score change, whether the verdict changed, the change in the number of blockers, the categories whose score changed, and the rules that started failing ("newlyFailing") or stopped failing ("newlyPassing"). An audit is recorded each time one runs because the repository or the audit settings changed or a refresh was requested. "previous" is null when there has been only one audit; "rules" is null when either audit predates the recording of failing rules.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    output: z => {
      const point = z.object({
        auditedAt: z.string(),
        score: z.number(),
        verdict: z.enum(VERDICTS),
        blockers: z.number(),
      });
      const rule = z.object({ ruleId: z.string(), title: z.string() });
      return z.object({
        entityRef: z.string(),
        current: point
          .nullable()
          .describe('The latest audit; null if never audited'),
        previous: point.nullable().describe('The audit before it'),
        scoreDelta: z
          .number()
          .nullable()
          .describe('current.score - previous.score'),
        verdictChanged: z.boolean(),
        blockersDelta: z.number().nullable(),
        categories: z
          .array(
            z.object({
              id: z.string(),
              previous: z.number().nullable(),
              current: z.number().nullable(),
              delta: z
                .number()
                .nullable()
                .describe(
                  'Null when the category applies to only one of the two audits',
                ),
            }),
          )
          .describe('Only the categories whose score changed'),
        rules: z
          .object({
            newlyFailing: z.array(rule),
            newlyPassing: z.array(rule),
          })
          .nullable(),
      });
    },
    action: async entityRef => {
      const [current, previous] = await ctx.store.getHistory(entityRef, 2);
      const titles = await ruleTitles(ctx, entityRef);
      const describe = (ruleId: string) => ({
        ruleId,
        title: ctx.rules.get(ruleId)?.title ?? titles.get(ruleId) ?? ruleId,
      });
      const both = current && previous;
      return {
        output: {
          entityRef,
          current: current ? toPoint(current) : null,
          previous: previous ? toPoint(previous) : null,
          scoreDelta: both ? current.score - previous.score : null,
          verdictChanged: both ? current.verdict !== previous.verdict : false,
          blockersDelta: both ? current.blockers - previous.blockers : null,
          categories: both ? categoryChanges(previous, current) : [],
          rules:
            both && current.failingRules && previous.failingRules
              ? {
                  newlyFailing: difference(
                    current.failingRules,
                    previous.failingRules,
                  ).map(describe),
                  newlyPassing: difference(
                    previous.failingRules,
                    current.failingRules,
                  ).map(describe),
                }
              : null,
        },
      };
    },
  });
}

function toPoint(point: HistoryPoint) {
  return {
    auditedAt: point.auditedAt.toISOString(),
    score: point.score,
    verdict: point.verdict,
    blockers: point.blockers,
  };
}

function categoryChanges(previous: HistoryPoint, current: HistoryPoint) {
  const ids = [
    ...new Set([
      ...Object.keys(current.categories),
      ...Object.keys(previous.categories),
    ]),
  ].sort();
  return ids.flatMap(id => {
    const before = previous.categories[id] ?? null;
    const after = current.categories[id] ?? null;
    if (before === after) return [];
    return [
      {
        id,
        previous: before,
        current: after,
        delta: before !== null && after !== null ? after - before : null,
      },
    ];
  });
}

function difference(a: string[], b: string[]): string[] {
  const other = new Set(b);
  return a.filter(id => !other.has(id));
}

/** Titles of the rules in the current scorecard, for rules no longer registered. */
async function ruleTitles(
  ctx: ActionContext,
  entityRef: string,
): Promise<Map<string, string>> {
  const stored = await ctx.store.getScorecard(entityRef);
  return new Map(
    (stored?.scorecard?.results ?? []).map(r => [r.ruleId, r.title]),
  );
}
