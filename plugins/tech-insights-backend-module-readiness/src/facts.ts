import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  bandFor,
  CATEGORY_IDS,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import { DateTime } from 'luxon';

/** The id the readiness facts are stored and configured under. @public */
export const READINESS_FACT_RETRIEVER_ID = 'readinessFactRetriever';

/**
 * The version of {@link readinessFactSchema}; raised whenever a fact is
 * added, removed or changes meaning.
 * @public
 */
export const READINESS_FACT_SCHEMA_VERSION = '1.0.0';

/** How a rule stands in a scorecard, as the `ruleStatus` fact says it. @public */
export type ReadinessRuleFactStatus =
  | 'pass'
  | 'fail'
  | 'waived'
  | 'not-applicable'
  | 'error';

/** The facts published for one audited entity. @public */
export interface ReadinessFacts {
  score: number;
  verdict: string;
  productionReady: boolean;
  band: string;
  blockerCount: number;
  blockerRules: string[];
  failingRules: string[];
  categoryScores: Record<string, number | null>;
  ruleStatus: Record<string, ReadinessRuleFactStatus>;
  auditedAt: DateTime;
}

/**
 * Every readiness fact with its type and meaning. Tech Insights stores it
 * with the facts, and checks are validated against it.
 * @public
 */
export const readinessFactSchema: FactSchema = {
  score: {
    type: 'integer',
    description: 'Overall readiness score, 0 to 100',
  },
  verdict: {
    type: 'string',
    description:
      "Overall verdict: 'production-ready' (score of at least 80 and no blocker), 'not-ready' (a critical rule fails) or 'needs-work'",
  },
  productionReady: {
    type: 'boolean',
    description: "True when the verdict is 'production-ready'",
  },
  band: {
    type: 'string',
    description:
      "Band of the overall score: 'good' (75 and above), 'needs-work' (50 to 74), 'poor' (40 to 49) or 'critical' (below 40)",
  },
  blockerCount: {
    type: 'integer',
    description:
      'Number of production blockers: failing critical or high severity rules without a waiver',
  },
  blockerRules: {
    type: 'set',
    description:
      'Ids of the rules that block production, e.g. security/hardcoded-secret',
  },
  failingRules: {
    type: 'set',
    description:
      'Ids of every rule failing without a waiver, blockers included',
  },
  categoryScores: {
    type: 'object',
    description: `Score of each category, 0 to 100, keyed by category id (${CATEGORY_IDS.join(
      ', ',
    )}); null where no rule of the category applies`,
  },
  ruleStatus: {
    type: 'object',
    description:
      "Status of each rule, keyed by rule id: 'pass', 'fail', 'waived' (failing under an active waiver), 'not-applicable' or 'error'",
  },
  auditedAt: {
    type: 'datetime',
    description: 'When the audit that produced the scorecard ran',
  },
};

/** The facts of one scorecard, audited at `auditedAt`. @public */
export function readinessFacts(
  scorecard: Scorecard,
  auditedAt: Date,
): ReadinessFacts {
  const categoryScores: Record<string, number | null> = Object.fromEntries(
    CATEGORY_IDS.map(id => [id, null]),
  );
  for (const category of scorecard.categories) {
    categoryScores[category.id] = category.score;
  }
  const ruleStatus: Record<string, ReadinessRuleFactStatus> = {};
  const failingRules: string[] = [];
  for (const result of scorecard.results) {
    const waived = result.status === 'fail' && result.waiver !== undefined;
    ruleStatus[result.ruleId] = waived ? 'waived' : result.status;
    if (result.status === 'fail' && !waived) failingRules.push(result.ruleId);
  }
  const blockerRules = scorecard.blockers.map(blocker => blocker.ruleId);
  return {
    score: scorecard.score,
    verdict: scorecard.verdict,
    productionReady: scorecard.verdict === 'production-ready',
    band: bandFor(scorecard.score),
    blockerCount: blockerRules.length,
    blockerRules: [...new Set(blockerRules)].sort(),
    failingRules: [...new Set(failingRules)].sort(),
    categoryScores,
    ruleStatus,
    auditedAt: DateTime.fromJSDate(auditedAt, { zone: 'utc' }),
  };
}
