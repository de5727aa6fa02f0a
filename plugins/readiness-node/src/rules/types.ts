import { Finding, RuleMeta } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../facts';
import type { RuleFix } from '../fixes/edits';

/**
 * A finding as a rule reports it. `secrets` names the credential values the
 * finding is about: the engine cuts them wherever they appear in the
 * scorecard (messages, excerpts, blocker examples) and never emits the field.
 * @public
 */
export interface RuleFinding extends Finding {
  secrets?: string[];
}

/** What a rule's evaluation says about a repository. @public */
export type RuleOutcome =
  | { status: 'pass'; message?: string }
  | { status: 'fail'; findings: RuleFinding[]; message?: string }
  | { status: 'not-applicable'; message: string }
  /** A degree in [0, 1]; 1 passes, anything lower fails with its findings. */
  | { status: 'graded'; score: number; findings: RuleFinding[]; message?: string };

/** Settings a rule may read; graded rules take their targets from here. @public */
export interface RuleSettings {
  /** Test files per source file below which testing/low-test-ratio fails. */
  testRatioTarget: number;
  /** TODO/FIXME/HACK markers per 1,000 lines above which code-quality/todo-debt fails. */
  todoPerKlocTarget: number;
  /** Free-form settings for custom rules, by rule id. */
  custom: Record<string, unknown>;
}

/** @public */
export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  testRatioTarget: 0.3,
  todoPerKlocTarget: 2,
  custom: {},
};

/**
 * A self-describing readiness rule: metadata plus a pure evaluation over the
 * facts collected once per audit. A rule never reads files itself.
 * @public
 */
export interface ReadinessRule extends RuleMeta {
  evaluate(facts: Facts, settings: RuleSettings): RuleOutcome;
  /**
   * The file edits that make a failing rule pass, computed from the same
   * facts; nothing when no mechanical change can. Optional.
   */
  fix?(facts: Facts, settings: RuleSettings): RuleFix | undefined;
}

/** Declares a rule; a typed identity function for rule modules. @public */
export function defineRule(rule: ReadinessRule): ReadinessRule {
  return rule;
}

/** Shorthand outcomes. @public */
export const outcome = {
  pass(message?: string): RuleOutcome {
    return message ? { status: 'pass', message } : { status: 'pass' };
  },
  notApplicable(message: string): RuleOutcome {
    return { status: 'not-applicable', message };
  },
  /** Fails when there are findings, passes otherwise. */
  fromFindings(findings: RuleFinding[], passMessage?: string): RuleOutcome {
    if (findings.length === 0) return outcome.pass(passMessage);
    return { status: 'fail', findings };
  },
  fail(findings: RuleFinding[], message?: string): RuleOutcome {
    return message
      ? { status: 'fail', findings, message }
      : { status: 'fail', findings };
  },
};
