import {
  CATEGORY_IDS,
  CategoryId,
  Scorecard,
  SEVERITIES,
  Severity,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';
import { FINGERPRINT_PATTERN, resultFingerprint } from '../engine/fingerprint';
import { redactText } from '../secrets/redact';
import { isFailing } from './format';

/**
 * Baselines: the reported findings of an earlier audit, read back from its JSON or SARIF report, and the
 * comparison of an audit with one by finding fingerprint. A reported finding is a finding of a failing,
 * unwaived rule (what SARIF lists); a failing rule without findings counts as one, identified by its rule
 * and the shape of its message.
 */

/** The SARIF `partialFingerprints` key of a finding's fingerprint. @public */
export const SARIF_FINGERPRINT_KEY = 'readinessFinding/v1';

/** Whether a finding is new since the baseline, in it still, or gone. @public */
export type BaselineState = 'new' | 'unchanged' | 'absent';

/** One reported finding of an audit, as a report gives it back. @public */
export interface ReportedFinding {
  fingerprint: string;
  ruleId: string;
  category?: CategoryId;
  severity?: Severity;
  path?: string;
  line?: number;
  message: string;
}

/** What a JSON or SARIF report says about its audit. @public */
export interface ReportSummary {
  format: 'json' | 'sarif';
  score?: number;
  verdict?: Verdict;
  /** Per category, from JSON reports only (SARIF does not carry them). */
  categories?: Array<{ id: string; title: string; score: number | null }>;
  findings: ReportedFinding[];
}

/** A baseline or report that cannot be read; its message names the file and what is wrong. @public */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** A blocker is a failing finding of a critical or high rule, after waivers (see the scoring model). */
export function isBlockerFinding(finding: Pick<ReportedFinding, 'severity'>): boolean {
  return finding.severity === 'critical' || finding.severity === 'high';
}

/** The reported findings of a scorecard, in report order. @public */
export function reportedFindings(scorecard: Scorecard): ReportedFinding[] {
  return scorecard.results.filter(isFailing).flatMap(r => {
    const base = { ruleId: r.ruleId, category: r.category, severity: r.severity };
    if (r.findings.length === 0) {
      return [{ ...base, fingerprint: resultFingerprint(r), message: r.message ?? r.title }];
    }
    return r.findings.map(f => ({
      ...base,
      fingerprint: f.fingerprint ?? '',
      path: f.path,
      ...(f.line !== undefined ? { line: f.line } : {}),
      message: f.message,
    }));
  });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const severityOf = (v: unknown): Severity | undefined => (SEVERITIES as readonly unknown[]).includes(v) ? (v as Severity) : undefined;
/** A category id as reports write them: a built-in one, or a custom one in lower-case kebab-case. */
const categoryOf = (v: unknown): CategoryId | undefined =>
  (CATEGORY_IDS as readonly unknown[]).includes(v) || (typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v)) ? (v as CategoryId) : undefined;
const VERDICTS: readonly string[] = ['production-ready', 'needs-work', 'not-ready'];
const verdictOf = (v: unknown): Verdict | undefined => (VERDICTS.includes(v as string) ? (v as Verdict) : undefined);

function fingerprintOf(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string') {
    throw new BaselineError(
      `${name} has a finding without a fingerprint (${where}); it was written by an older readiness: audit the baseline again`,
    );
  }
  if (!FINGERPRINT_PATTERN.test(value)) throw new BaselineError(`${name} has a malformed fingerprint at ${where}: ${JSON.stringify(value).slice(0, 60)}`);
  return value;
}

function fromJsonReport(doc: Obj, name: string): ReportSummary {
  if (!Array.isArray(doc.results)) throw new BaselineError(`${name} is not a readiness JSON report: it has no results list`);
  const findings: ReportedFinding[] = [];
  doc.results.forEach((r: unknown, i) => {
    if (!isObj(r) || typeof r.ruleId !== 'string') throw new BaselineError(`${name}: results[${i}] has no rule id`);
    if (r.status !== 'fail' || r.waiver !== undefined) return;
    const base = { ruleId: r.ruleId, category: categoryOf(r.category), severity: severityOf(r.severity) };
    const list = Array.isArray(r.findings) ? r.findings : [];
    if (list.length === 0) {
      const message = redactText(str(r.message) ?? str(r.title) ?? r.ruleId);
      findings.push({ ...base, fingerprint: resultFingerprint({ ruleId: r.ruleId, message, title: message }), message });
      return;
    }
    list.forEach((f: unknown, j) => {
      if (!isObj(f)) throw new BaselineError(`${name}: results[${i}].findings[${j}] is not an object`);
      const line = num(f.line);
      findings.push({
        ...base,
        fingerprint: fingerprintOf(f.fingerprint, name, `results[${i}].findings[${j}]`),
        path: str(f.path),
        ...(line !== undefined ? { line } : {}),
        message: redactText(str(f.message) ?? ''),
      });
    });
  });
  const categories = Array.isArray(doc.categories)
    ? doc.categories.filter(isObj).map(c => ({ id: String(c.id), title: str(c.title) ?? String(c.id), score: num(c.score) ?? null }))
    : undefined;
  return { format: 'json', score: num(doc.score), verdict: verdictOf(doc.verdict), categories, findings };
}

function fromSarif(doc: Obj, name: string): ReportSummary {
  const runs = Array.isArray(doc.runs) ? doc.runs.filter(isObj) : [];
  const run = runs.find(r => isObj(r.tool) && isObj(r.tool.driver) && r.tool.driver.name === 'readiness');
  if (!run) throw new BaselineError(`${name} is a SARIF log without a readiness run`);
  const driver = (run.tool as Obj).driver as Obj;
  const rules = Array.isArray(driver.rules) ? driver.rules.filter(isObj) : [];
  const ruleProps = new Map(rules.map(r => [String(r.id), isObj(r.properties) ? r.properties : {}]));
  const findings: ReportedFinding[] = [];
  (Array.isArray(run.results) ? run.results : []).forEach((r: unknown, i) => {
    if (!isObj(r) || typeof r.ruleId !== 'string') throw new BaselineError(`${name}: results[${i}] has no rule id`);
    // Results a SARIF log lists as absent were not found by that audit.
    if (r.baselineState === 'absent') return;
    const props = ruleProps.get(r.ruleId) ?? {};
    const location = Array.isArray(r.locations) && isObj(r.locations[0]) ? r.locations[0] : undefined;
    const physical = location && isObj(location.physicalLocation) ? location.physicalLocation : undefined;
    const uri = physical && isObj(physical.artifactLocation) ? str(physical.artifactLocation.uri) : undefined;
    const line = physical && isObj(physical.region) ? num(physical.region.startLine) : undefined;
    let path: string | undefined;
    try {
      path = uri === undefined ? undefined : uri.split('/').map(decodeURIComponent).join('/');
    } catch {
      path = uri;
    }
    const fingerprints = isObj(r.partialFingerprints) ? r.partialFingerprints : {};
    findings.push({
      fingerprint: fingerprintOf(fingerprints[SARIF_FINGERPRINT_KEY], name, `results[${i}]`),
      ruleId: r.ruleId,
      category: categoryOf(props.category),
      severity: severityOf(props.severity),
      ...(path !== undefined ? { path } : {}),
      ...(line !== undefined ? { line } : {}),
      message: redactText(isObj(r.message) ? str(r.message.text) ?? '' : ''),
    });
  });
  const properties = isObj(run.properties) ? run.properties : {};
  return { format: 'sarif', score: num(properties.score), verdict: verdictOf(properties.verdict), findings };
}

/**
 * Reads a readiness JSON report or SARIF log (told apart by content, not by file name). Messages are
 * redacted again: a report edited by hand must not bring a credential into what is written next.
 * @param name - how errors name the file
 * @public
 */
export function parseReport(text: string, name: string): ReportSummary {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc)) throw new BaselineError(`${name} is not a readiness JSON report or SARIF log`);
  if (Array.isArray(doc.runs)) return fromSarif(doc, name);
  if ('schemaVersion' in doc && 'results' in doc) return fromJsonReport(doc, name);
  throw new BaselineError(`${name} is not a readiness JSON report or SARIF log`);
}

/** An audit compared with a baseline. @public */
export interface BaselineComparison {
  /** The state of each reported finding of the audit, by fingerprint. */
  states: ReadonlyMap<string, 'new' | 'unchanged'>;
  /** The reported findings of the audit that the baseline does not have. */
  added: ReportedFinding[];
  unchanged: number;
  /** The baseline's findings the audit no longer reports. */
  absent: ReportedFinding[];
  /** The new findings that are blockers: of a critical or high rule. */
  newBlockers: ReportedFinding[];
}

/** Compares the reported findings of an audit with a baseline's, by fingerprint. @public */
export function compareFindingSets(current: ReportedFinding[], baseline: ReportedFinding[]): BaselineComparison {
  const before = new Set(baseline.map(f => f.fingerprint));
  const now = new Set(current.map(f => f.fingerprint));
  const states = new Map<string, 'new' | 'unchanged'>();
  const added: ReportedFinding[] = [];
  let unchanged = 0;
  for (const f of current) {
    if (before.has(f.fingerprint)) {
      states.set(f.fingerprint, 'unchanged');
      unchanged += 1;
    } else {
      states.set(f.fingerprint, 'new');
      added.push(f);
    }
  }
  const absent = baseline.filter(f => !now.has(f.fingerprint));
  return { states, added, unchanged, absent, newBlockers: added.filter(isBlockerFinding) };
}

/** Compares a scorecard with a baseline report. @public */
export function compareWithBaseline(scorecard: Scorecard, baseline: ReportSummary): BaselineComparison {
  return compareFindingSets(reportedFindings(scorecard), baseline.findings);
}
