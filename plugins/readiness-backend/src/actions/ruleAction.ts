import { NotFoundError } from '@backstage/errors';
import { ActionContext } from './context';
import { SEVERITIES } from './schemas';

/** readiness-explain-rule: a rule's documentation. */
export function registerRuleAction(ctx: ActionContext) {
  ctx.actionsRegistry.register({
    name: 'readiness-explain-rule',
    title: 'Explain Readiness Rule',
    description: `Explains a production-readiness rule by its id (e.g. "security/committed-env-file", as named in a scorecard's blockers, fixes or changes): its title, severity, category, what it detects, why it matters in production, and how to fix a failure. "docs" holds the rule's longer documentation in Markdown, where it has one.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          ruleId: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'The rule id, "<category>/<name>", e.g. "testing/has-tests"',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          severity: z.enum(SEVERITIES),
          category: z.string(),
          description: z.string().describe('What the rule detects'),
          rationale: z.string().describe('Why it matters in production'),
          remediation: z.string().describe('How to fix a failure'),
          deprecated: z
            .boolean()
            .describe('Whether the rule is kept only for compatibility'),
          docs: z
            .string()
            .optional()
            .describe("The rule's documentation, in Markdown"),
        }),
    },
    action: async ({ input }) => {
      const ruleId = input.ruleId.trim();
      const rule = ctx.rules.get(ruleId);
      if (!rule) {
        throw new NotFoundError(`No readiness rule ${ruleId}`);
      }
      const docs = await ctx.ruleDocs?.(rule.id);
      return {
        output: {
          id: rule.id,
          title: rule.title,
          severity: rule.severity,
          category: rule.category,
          description: rule.description,
          rationale: rule.rationale,
          remediation: rule.remediation,
          deprecated: rule.deprecated === true,
          ...(docs ? { docs } : {}),
        },
      };
    },
  });
}
