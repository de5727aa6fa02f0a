import {
  Band,
  Blocker,
  BuiltInCategoryId,
  CATEGORY_IDS,
  CATEGORY_TITLES,
  CategoryDefinition,
  CategoryId,
  CategoryScore,
  Fix,
  Priority,
  RuleResult,
  Severity,
  SEVERITIES,
  Verdict,
  Waiver,
} from './types';
import type { CategoryInfo } from './api';

/** Weights and waivers that shape a score. @public */
export interface ScoringOptions {
  severityWeights?: Partial<Record<Severity, number>>;
  /** Weights by category id, built-in or custom; over a custom category's own weight. */
  categoryWeights?: Partial<Record<CategoryId, number>>;
  /**
   * Custom categories, scored after the built-in ones in the order given. A
   * result whose category is neither built in nor declared here is scored
   * in a category of its own, titled by its id, after them.
   */
  categories?: CategoryDefinition[];
  waivers?: Waiver[];
  /** The day waivers are checked against; defaults to today. */
  now?: Date;
  /** Remediation text per rule id, copied into the fix list. */
  remediations?: Record<string, string>;
}

/** @public */
export const DEFAULT_SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
};

/** @public */
export const DEFAULT_CATEGORY_WEIGHTS: Record<BuiltInCategoryId, number> = {
  security: 2,
  testing: 1,
  infrastructure: 1,
  'code-quality': 1,
  database: 1,
  frontend: 1,
  observability: 1,
  cicd: 1,
  documentation: 1,
};

/** @public */
export const PRIORITY_BY_SEVERITY: Record<Severity, Priority> = {
  critical: 'P0',
  high: 'P1',
  medium: 'P2',
  low: 'P2',
};

/** @public */
export interface ScoreSummary {
  score: number;
  verdict: Verdict;
  categories: CategoryScore[];
  results: RuleResult[];
  blockers: Blocker[];
  strengths: Array<{ ruleId: string; category: CategoryId; title: string }>;
  fixes: Fix[];
}

/**
 * The categories a configuration scores, in scorecard order (the nine
 * built-in ones, then the custom ones), each with its title and the weight
 * it has in the overall score.
 * @public
 */
export function categoryCatalog(
  options: Pick<ScoringOptions, 'categories' | 'categoryWeights'> = {},
): CategoryInfo[] {
  return categoriesToScore([], options).map(({ id, title, weight }) => {
    const custom = options.categories?.find(c => c.id === id);
    return {
      id,
      title,
      weight,
      ...(custom?.description ? { description: custom.description } : {}),
      ...(custom ? { custom: true } : {}),
    };
  });
}

/** The band of a category score. @public */
export function bandFor(score: number): Band {
  if (score >= 75) return 'good';
  if (score >= 50) return 'needs-work';
  if (score >= 40) return 'poor';
  return 'critical';
}

/** Whether a waiver is still in force on `now` (expiry day inclusive). @public */
export function isWaiverActive(waiver: Waiver, now: Date): boolean {
  const expires = Date.parse(`${waiver.expires}T23:59:59.999Z`);
  if (Number.isNaN(expires)) return false;
  return expires >= now.getTime();
}

/** The value a result contributes, or undefined when it does not count. */
function resultValue(result: RuleResult): number | undefined {
  if (result.status === 'not-applicable' || result.status === 'error') {
    return undefined;
  }
  if (result.waiver) return 1;
  if (result.status === 'pass') return result.score ?? 1;
  return result.score ?? 0;
}

function isFailing(result: RuleResult): boolean {
  return result.status === 'fail' && !result.waiver;
}

interface Weights {
  severity: Record<Severity, number>;
}

/** A category the scorer lists: its id, title and weight in the overall score. */
interface ScoredCategory {
  id: CategoryId;
  title: string;
  weight: number;
}

/**
 * The categories a scorecard lists, in order: the nine built-in ones, the
 * custom ones declared, then any other category a result names.
 */
function categoriesToScore(
  results: RuleResult[],
  options: ScoringOptions,
): ScoredCategory[] {
  const weights = options.categoryWeights ?? {};
  const out: ScoredCategory[] = CATEGORY_IDS.map(id => ({
    id,
    title: CATEGORY_TITLES[id],
    weight: weights[id] ?? DEFAULT_CATEGORY_WEIGHTS[id],
  }));
  const seen = new Set<string>(CATEGORY_IDS);
  for (const category of options.categories ?? []) {
    if (seen.has(category.id)) continue;
    seen.add(category.id);
    out.push({
      id: category.id,
      title: category.title,
      weight: weights[category.id] ?? category.weight ?? 1,
    });
  }
  for (const result of results) {
    if (seen.has(result.category)) continue;
    seen.add(result.category);
    out.push({
      id: result.category,
      title: result.category,
      weight: weights[result.category] ?? 1,
    });
  }
  return out;
}

function categoryScores(
  results: RuleResult[],
  weights: Weights,
  scored: ScoredCategory[],
): { categories: CategoryScore[]; overall: number } {
  const categories: CategoryScore[] = [];
  let weighted = 0;
  let totalWeight = 0;
  for (const { id, title, weight } of scored) {
    let sum = 0;
    let total = 0;
    let passed = 0;
    let failed = 0;
    let applicable = 0;
    for (const result of results) {
      if (result.category !== id) continue;
      const value = resultValue(result);
      if (value === undefined) continue;
      const w = weights.severity[result.severity];
      sum += w * value;
      total += w;
      applicable += 1;
      if (isFailing(result)) failed += 1;
      else passed += 1;
    }
    if (total === 0) {
      categories.push({
        id,
        title,
        score: null,
        band: 'not-applicable',
        weight,
        passed,
        failed,
        applicable,
      });
      continue;
    }
    const exact = (100 * sum) / total;
    weighted += weight * exact;
    totalWeight += weight;
    const score = Math.round(exact);
    categories.push({
      id,
      title,
      score,
      band: bandFor(score),
      weight,
      passed,
      failed,
      applicable,
    });
  }
  return {
    categories,
    overall: totalWeight === 0 ? 0 : weighted / totalWeight,
  };
}

function applyWaivers(
  results: RuleResult[],
  waivers: Waiver[],
  now: Date,
): RuleResult[] {
  const byRule = new Map<string, Waiver>();
  for (const waiver of waivers) {
    if (isWaiverActive(waiver, now)) byRule.set(waiver.ruleId, waiver);
  }
  return results.map(result => {
    const waiver = byRule.get(result.ruleId);
    if (!waiver || result.status !== 'fail') {
      const { waiver: _drop, ...rest } = result;
      return rest;
    }
    return { ...result, waiver };
  });
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Turns rule results into the scorecard's scores, verdict, blockers,
 * strengths and fix list, as the scoring model (v1) defines them.
 * Pure and deterministic: the same input gives the same output.
 * @public
 */
export function scoreResults(
  rawResults: RuleResult[],
  options: ScoringOptions = {},
): ScoreSummary {
  const weights: Weights = {
    severity: { ...DEFAULT_SEVERITY_WEIGHTS, ...options.severityWeights },
  };
  const results = applyWaivers(
    rawResults,
    options.waivers ?? [],
    options.now ?? new Date(),
  );
  const scored = categoriesToScore(results, options);
  const { categories, overall } = categoryScores(results, weights, scored);
  const score = Math.round(overall);

  const failing = results.filter(isFailing);
  const blockers: Blocker[] = failing
    .filter(r => r.severity === 'critical' || r.severity === 'high')
    .map(r => ({
      ruleId: r.ruleId,
      category: r.category,
      severity: r.severity,
      title: r.title,
      findings: r.findings.length,
      ...(r.findings[0] ? { example: r.findings[0] } : {}),
    }))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.ruleId.localeCompare(b.ruleId),
    );

  const fixes: Fix[] = failing
    .map(r => {
      const fixed = results.map(x =>
        x.ruleId === r.ruleId ? { ...x, status: 'pass' as const, score: 1 } : x,
      );
      const gain = categoryScores(fixed, weights, scored).overall - overall;
      return {
        ruleId: r.ruleId,
        category: r.category,
        severity: r.severity,
        priority: PRIORITY_BY_SEVERITY[r.severity],
        title: r.title,
        remediation: options.remediations?.[r.ruleId] ?? '',
        expectedGain: Math.round(gain * 10) / 10,
      };
    })
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        b.expectedGain - a.expectedGain ||
        a.ruleId.localeCompare(b.ruleId),
    );

  const hasCritical = failing.some(r => r.severity === 'critical');
  let verdict: Verdict = 'needs-work';
  if (score >= 80 && blockers.length === 0) verdict = 'production-ready';
  else if (hasCritical) verdict = 'not-ready';

  const strengths = results
    .filter(r => r.status === 'pass')
    .map(r => ({ ruleId: r.ruleId, category: r.category, title: r.title }));

  return { score, verdict, categories, results, blockers, strengths, fixes };
}
