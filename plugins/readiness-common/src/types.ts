/**
 * The readiness scorecard contract shared by the engine, the backend, the
 * frontend and the CLI. Bump {@link SCORECARD_SCHEMA_VERSION} on any breaking
 * change to these shapes.
 */

/** @public */
export const SCORECARD_SCHEMA_VERSION = 1;

/** @public */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/** @public */
export const CATEGORY_IDS = [
  'security',
  'testing',
  'infrastructure',
  'code-quality',
  'database',
  'frontend',
  'observability',
  'cicd',
  'documentation',
] as const;

/** One of the nine built-in categories. @public */
export type BuiltInCategoryId = (typeof CATEGORY_IDS)[number];

/**
 * A category id: one of the built-in {@link CATEGORY_IDS}, or a custom
 * category an organisation declares in its configuration (lower-case
 * kebab-case, never a built-in id).
 * @public
 */
export type CategoryId = string;

/** @public */
export const CATEGORY_TITLES: Record<BuiltInCategoryId, string> = {
  security: 'Security',
  testing: 'Testing',
  infrastructure: 'Infrastructure',
  'code-quality': 'Code quality',
  database: 'Database',
  frontend: 'Frontend',
  observability: 'Observability',
  cicd: 'CI/CD',
  documentation: 'Documentation',
};

/**
 * A category as configuration declares it, or a built-in one as
 * {@link BUILT_IN_CATEGORIES} describes it.
 * @public
 */
export interface CategoryDefinition {
  id: CategoryId;
  title: string;
  /** Its weight in the overall score; 1 when not given. */
  weight?: number;
  description?: string;
}

/** Whether an id names one of the nine built-in categories. @public */
export function isBuiltInCategory(id: string): id is BuiltInCategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(id);
}

/**
 * The title of a category: a custom category's from the definitions given
 * (or the categories of a scorecard), a built-in one's from
 * {@link CATEGORY_TITLES}, otherwise the id itself.
 * @public
 */
export function categoryTitle(
  id: CategoryId,
  known: ReadonlyArray<{ id: string; title: string }> = [],
): string {
  const found = known.find(category => category.id === id);
  if (found) return found.title;
  return isBuiltInCategory(id) ? CATEGORY_TITLES[id] : id;
}

/** Self-description of a rule, as served by the rule catalog. @public */
export interface RuleMeta {
  /** Stable public id, `<category>/<name>`. Never renamed. */
  id: string;
  category: CategoryId;
  severity: Severity;
  title: string;
  /** What the rule detects. */
  description: string;
  /** Why it matters in production. */
  rationale: string;
  /** How to fix a failure. */
  remediation: string;
  /** Set when the rule is kept only for compatibility. */
  deprecated?: boolean;
}

/** @public */
export type RuleStatus = 'pass' | 'fail' | 'not-applicable' | 'error';

/** One located problem. Excerpts are redacted before they leave the engine. @public */
export interface Finding {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** 1-based line, where one exists. */
  line?: number;
  /** A short, redacted excerpt of the offending text. */
  excerpt?: string;
  message: string;
  /**
   * `low` where the finding sits in tests, fixtures, docs or examples and is
   * less likely to be a real production problem.
   */
  confidence?: 'high' | 'low';
  /**
   * The finding's identity across audits: it hashes the rule, the path and
   * the finding's normalised context, not its line, so it survives line
   * shifts and unrelated edits. Absent in scorecards written before it was
   * kept.
   */
  fingerprint?: string;
}

/** @public */
export interface Waiver {
  ruleId: string;
  reason: string;
  /** ISO date (YYYY-MM-DD); the waiver is void from the day after. */
  expires: string;
  /** Where the waiver came from: `annotation` or `config`. */
  source?: string;
}

/** @public */
export interface RuleResult {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  title: string;
  status: RuleStatus;
  /** Graded value in [0, 1] for rules that measure a degree; 1 for pass, 0 for fail otherwise. */
  score?: number;
  findings: Finding[];
  /** Why a rule is not applicable, or what went wrong for `error`. */
  message?: string;
  /** Set when an active waiver covers this rule's failure. */
  waiver?: Waiver;
}

/** @public */
export type Band = 'good' | 'needs-work' | 'poor' | 'critical';

/** @public */
export type Verdict = 'production-ready' | 'needs-work' | 'not-ready';

/** @public */
export interface CategoryScore {
  id: CategoryId;
  title: string;
  /** null when the category is not applicable. */
  score: number | null;
  band: Band | 'not-applicable';
  weight: number;
  passed: number;
  failed: number;
  applicable: number;
}

/** @public */
export interface Blocker {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  title: string;
  findings: number;
  /** The first finding, to point the reader somewhere. */
  example?: Finding;
}

/** @public */
export type Priority = 'P0' | 'P1' | 'P2';

/** @public */
export interface Fix {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  priority: Priority;
  title: string;
  remediation: string;
  /** Overall points won back if this rule passed. */
  expectedGain: number;
}

/** @public */
export interface AuditStats {
  files: number;
  /** Files counted but not read (binary, too large, vendored, ignored). */
  skipped: number;
  bytes: number;
  durationMs: number;
  /** Set when the walk stopped at a cap; says which. */
  truncated?: string;
  /** Files that could not be parsed, with the reason. */
  errors: Array<{ path: string; message: string }>;
}

/** @public */
export interface Scorecard {
  schemaVersion: number;
  score: number;
  verdict: Verdict;
  categories: CategoryScore[];
  results: RuleResult[];
  blockers: Blocker[];
  /** Rules that pass: what is done well. */
  strengths: Array<{ ruleId: string; category: CategoryId; title: string }>;
  fixes: Fix[];
  stats: AuditStats;
  /** Stacks detected, e.g. `python`, `flask`, `react`, `docker`. */
  stack: string[];
  generatedAt: string;
  engineVersion: string;
}
