import {
  CategoryDefinition,
  CategoryId,
  Finding,
  RuleMeta,
  RuleResult,
  SCORECARD_SCHEMA_VERSION,
  Scorecard,
  scoreResults,
  Severity,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { buildFacts, Facts } from '../facts';
import { syntaxErrors } from '../facts/syntax';
import { redactDeep, redactText } from '../secrets/redact';
import { findingFingerprint, numberDuplicates } from './fingerprint';
import { builtinRules } from '../rules';
import { RuleRegistry } from '../rules/registry';
import { DEFAULT_RULE_SETTINGS, ReadinessRule, RuleFinding, RuleSettings } from '../rules/types';
import { Snapshot, WalkLimits } from '../snapshot';
import { walkRepository } from '../snapshot/walk';

/** The engine's version, stamped on every scorecard. @public */
export const ENGINE_VERSION = '0.1.0';

/** Configuration of one audit: weights, waivers, rule selection, targets. @public */
export interface AuditConfig {
  severityWeights?: Partial<Record<Severity, number>>;
  /** Weights by category id, built-in or custom. */
  categoryWeights?: Partial<Record<CategoryId, number>>;
  /** Custom categories beside the built-in ones; rules name them as their category. */
  categories?: CategoryDefinition[];
  waivers?: Waiver[];
  /** Rules reported as not applicable, `disabled by configuration`. */
  disabledRules?: string[];
  /** When set, only these rule ids (or category ids) run. */
  only?: string[];
  /** Rule ids (or category ids) that do not run. */
  skip?: string[];
  settings?: Partial<RuleSettings>;
}

/** @public */
export interface AuditOptions {
  /** Rules to run; the built-in catalog when absent. */
  rules?: RuleRegistry | ReadinessRule[];
  config?: AuditConfig;
  limits?: Partial<WalkLimits>;
  /**
   * Leave out what `.gitignore` files list (outside a git checkout). Default true; false for a tree extracted
   * from a repository archive, which holds exactly the committed files.
   */
  gitignore?: boolean;
  /** The clock, for waiver expiry and the timestamp. */
  now?: Date;
  onProgress?: (message: string) => void;
}

function selects(list: string[] | undefined, rule: RuleMeta): boolean {
  return !!list?.some(entry => entry === rule.id || entry === rule.category);
}

const MAX_EXCERPT = 240;
const MAX_MESSAGE = 1000;

/**
 * Redacts, then shortens. Redaction reads a bounded prefix only, so a
 * pathological line costs nothing, and a secret inside what is shown is
 * always whole when it is masked.
 */
function redactBounded(text: string, max: number): string {
  const redacted = redactText(text.length > max * 4 ? text.slice(0, max * 4) : text);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

const compareFindings = (a: Finding, b: Finding) =>
  a.path.localeCompare(b.path) ||
  (a.line ?? 0) - (b.line ?? 0) ||
  a.message.localeCompare(b.message);

function cleanFinding(ruleId: string, finding: RuleFinding): Finding {
  const out: Finding = {
    path: finding.path,
    message: redactBounded(finding.message, MAX_MESSAGE),
  };
  if (finding.line !== undefined) out.line = finding.line;
  if (finding.excerpt !== undefined) out.excerpt = redactBounded(finding.excerpt, MAX_EXCERPT);
  if (finding.confidence) out.confidence = finding.confidence;
  // From the excerpt and message as shown (the values the rule names masked there too), plus a
  // stretched digest of those values: the fingerprint never hashes a credential quickly.
  out.fingerprint = findingFingerprint(ruleId, { ...redactDeep(out, finding.secrets ?? []), secrets: finding.secrets });
  return out;
}

/** A rule's findings as the report gives them: cleaned, sorted, their fingerprints numbered. */
function cleanFindings(ruleId: string, findings: RuleFinding[]): Finding[] {
  return numberDuplicates(findings.map(f => cleanFinding(ruleId, f)).sort(compareFindings));
}

/**
 * Runs one rule, turning its outcome (or its crash) into a result. The
 * credential values its findings name are added to `secrets`, for the
 * scorecard-wide redaction.
 */
export function evaluateRule(
  rule: ReadinessRule,
  facts: Facts,
  settings: RuleSettings,
  secrets?: Set<string>,
): RuleResult {
  const base = {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
  };
  try {
    const outcome = rule.evaluate(facts, settings);
    if (secrets && 'findings' in outcome) {
      for (const finding of outcome.findings) for (const secret of finding.secrets ?? []) secrets.add(secret);
    }
    switch (outcome.status) {
      case 'pass':
        return { ...base, status: 'pass', score: 1, findings: [], ...(outcome.message ? { message: outcome.message } : {}) };
      case 'not-applicable':
        return { ...base, status: 'not-applicable', findings: [], message: outcome.message };
      case 'fail': {
        const findings = cleanFindings(rule.id, outcome.findings);
        // Findings only in tests, fixtures, docs or examples are kept as notes
        // but do not fail the rule: they are rarely production problems.
        if (findings.length > 0 && findings.every(f => f.confidence === 'low')) {
          return {
            ...base,
            status: 'pass',
            score: 1,
            findings,
            message: 'only low-confidence findings, in tests, fixtures, docs or examples',
          };
        }
        return {
          ...base,
          status: 'fail',
          score: 0,
          findings,
          ...(outcome.message ? { message: redactText(outcome.message) } : {}),
        };
      }
      case 'graded': {
        const score = Math.max(0, Math.min(1, Number.isFinite(outcome.score) ? outcome.score : 0));
        const rounded = Math.round(score * 1000) / 1000;
        return {
          ...base,
          status: rounded >= 1 ? 'pass' : 'fail',
          score: rounded,
          findings: cleanFindings(rule.id, outcome.findings),
          ...(outcome.message ? { message: redactText(outcome.message) } : {}),
        };
      }
      default:
        throw new Error('rule returned an unknown outcome');
    }
  } catch (e) {
    return {
      ...base,
      status: 'error',
      findings: [],
      message: redactText(`rule failed: ${(e as Error).message}`),
    };
  }
}

/** Audits a snapshot already in memory. Pure: no I/O. @public */
export function auditSnapshot(
  snapshot: Snapshot,
  options: AuditOptions & { durationMs?: number } = {},
): Scorecard {
  return auditWithFacts(snapshot, options).scorecard;
}

/**
 * An audit with what it was computed from: the facts, the rule registry, the
 * settings, and the credential values the findings named (for redacting any
 * further output, such as suggested diffs).
 * @public
 */
export interface AuditRun {
  scorecard: Scorecard;
  facts: Facts;
  registry: RuleRegistry;
  settings: RuleSettings;
  secrets: ReadonlySet<string>;
}

/** Audits a snapshot and keeps the facts and secrets the audit found. Pure: no I/O. @public */
export function auditWithFacts(
  snapshot: Snapshot,
  options: AuditOptions & { durationMs?: number } = {},
): AuditRun {
  const started = Date.now();
  const registry =
    options.rules instanceof RuleRegistry
      ? options.rules
      : new RuleRegistry(options.rules ?? builtinRules, { categories: options.config?.categories });
  const config = options.config ?? {};
  const settings: RuleSettings = { ...DEFAULT_RULE_SETTINGS, ...config.settings };
  const facts = buildFacts(snapshot);
  const secrets = new Set<string>();
  const results: RuleResult[] = registry.list().map(rule => {
    const disabled =
      config.disabledRules?.includes(rule.id) ||
      (config.only && config.only.length > 0 && !selects(config.only, rule)) ||
      selects(config.skip, rule);
    if (disabled) {
      return {
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        title: rule.title,
        status: 'not-applicable',
        findings: [],
        message: 'disabled by configuration',
      };
    }
    return evaluateRule(rule, facts, settings, secrets);
  });
  const remediations = Object.fromEntries(registry.list().map(r => [r.id, r.remediation]));
  const summary = scoreResults(results, {
    severityWeights: config.severityWeights,
    categoryWeights: config.categoryWeights,
    ...(config.categories?.length ? { categories: config.categories } : {}),
    waivers: config.waivers,
    now: options.now,
    remediations,
  });
  const errors = [...snapshot.errors, ...facts.parseErrors, ...syntaxErrors(facts)]
    .map(e => ({ path: e.path, message: redactText(e.message) }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
  // One redaction pass over everything the scorecard holds, not field by field: a
  // credential a rule found is cut in blocker examples and fix texts as in its finding.
  const scorecard = redactDeep<Scorecard>({
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    ...summary,
    stats: {
      files: snapshot.files.length,
      skipped: snapshot.skipped.length,
      bytes: snapshot.bytes,
      durationMs: (options.durationMs ?? 0) + (Date.now() - started),
      ...(snapshot.truncated ? { truncated: snapshot.truncated } : {}),
      errors,
    },
    stack: facts.stack.tags,
    generatedAt: (options.now ?? new Date()).toISOString(),
    engineVersion: ENGINE_VERSION,
  }, secrets);
  return { scorecard, facts, registry, settings, secrets };
}

/** Walks a directory once and audits it. @public */
export async function auditDirectory(
  dir: string,
  options: AuditOptions = {},
): Promise<Scorecard> {
  const started = Date.now();
  const snapshot = await walkRepository(dir, {
    limits: options.limits,
    ...(options.gitignore === false ? { gitignore: false } : {}),
    onProgress: options.onProgress
      ? n => options.onProgress!(`read ${n} files`)
      : undefined,
  });
  return auditSnapshot(snapshot, { ...options, durationMs: Date.now() - started });
}
