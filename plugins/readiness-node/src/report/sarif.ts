import {
  RuleMeta,
  RuleResult,
  Scorecard,
  Severity,
} from '@readiness/backstage-plugin-readiness-common';
import { resultFingerprint } from '../engine/fingerprint';
import { builtinRules } from '../rules';
import { BaselineComparison, ReportedFinding, SARIF_FINGERPRINT_KEY } from './baseline';
import { isFailing, locationOf } from './format';

/** @public */
export interface SarifReportOptions {
  /**
   * Metadata of the rules that ran, for descriptions and help text; the
   * built-in catalog by default. Rules missing from it fall back to the
   * scorecard's own titles and remediations.
   */
  rules?: ReadonlyArray<RuleMeta>;
  /** Where the tool is documented. */
  informationUri?: string;
  /**
   * The audit compared with a baseline: every result gets its
   * `baselineState` (`new` or `unchanged`), and the baseline's findings
   * gone since are added as results whose state is `absent`.
   */
  baseline?: BaselineComparison;
}

/** SARIF result level by severity. @public */
export const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning ranks security alerts by this CVSS-like number. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.0',
};

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region?: { startLine: number; snippet?: { text: string } };
  };
}

function locationFor(path: string, line: number | undefined, excerpt?: string): SarifLocation {
  const location: SarifLocation = {
    physicalLocation: {
      artifactLocation: { uri: uriOf(path), uriBaseId: '%SRCROOT%' },
    },
  };
  if (line !== undefined && line >= 1) {
    location.physicalLocation.region = {
      startLine: line,
      ...(excerpt ? { snippet: { text: excerpt } } : {}),
    };
  }
  return location;
}

function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(result: RuleResult, meta: RuleMeta | undefined, remediation: string | undefined) {
  const help = meta?.remediation ?? remediation ?? result.title;
  const description = meta?.description ?? result.title;
  return {
    id: result.ruleId,
    name: result.ruleId
      .split(/[/-]/)
      .map(part => part.charAt(0).toUpperCase() + part.slice(1))
      .join(''),
    shortDescription: { text: result.title },
    fullDescription: { text: description },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: SARIF_LEVELS[result.severity] },
    properties: {
      category: result.category,
      severity: result.severity,
      tags: [result.category, 'readiness'],
      ...(result.category === 'security'
        ? { 'security-severity': SECURITY_SEVERITY[result.severity] }
        : {}),
    },
  };
}

/** A baseline finding the audit no longer reports, as a SARIF result whose state is `absent`. */
function absentResult(f: ReportedFinding, indexById: Map<string, number>) {
  const index = indexById.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    ...(f.severity ? { level: SARIF_LEVELS[f.severity] } : {}),
    message: { text: f.message || f.ruleId },
    ...(f.path !== undefined ? { locations: [locationFor(f.path, f.line)] } : {}),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    baselineState: 'absent',
  };
}

/**
 * The scorecard as SARIF 2.1.0, for code scanning tools: one run of the
 * `readiness` driver that describes every rule and reports one result per
 * finding of each failing, unwaived rule.
 * @public
 */
export function renderSarif(scorecard: Scorecard, options: SarifReportOptions = {}): string {
  const metaById = new Map((options.rules ?? builtinRules).map(r => [r.id, r]));
  const remediationById = new Map(scorecard.fixes.map(f => [f.ruleId, f.remediation]));
  const rules = scorecard.results.map(r =>
    ruleDescriptor(r, metaById.get(r.ruleId), remediationById.get(r.ruleId) || undefined),
  );
  const indexById = new Map(scorecard.results.map((r, i) => [r.ruleId, i]));

  const { baseline } = options;
  const stateOf = (fingerprint: string) =>
    baseline ? { baselineState: baseline.states.get(fingerprint) ?? 'new' } : {};
  const results: object[] = scorecard.results.filter(isFailing).flatMap((r): object[] => {
    const base = {
      ruleId: r.ruleId,
      ruleIndex: indexById.get(r.ruleId)!,
      level: SARIF_LEVELS[r.severity],
    };
    if (r.findings.length === 0) {
      const fingerprint = resultFingerprint(r);
      return [
        {
          ...base,
          message: { text: r.message ?? r.title },
          partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint },
          ...stateOf(fingerprint),
        },
      ];
    }
    return r.findings.map(f => ({
      ...base,
      message: { text: f.message },
      locations: [locationFor(f.path, f.line, f.excerpt)],
      partialFingerprints: {
        readinessLocation: `${r.ruleId}@${locationOf(f)}`,
        ...(f.fingerprint ? { [SARIF_FINGERPRINT_KEY]: f.fingerprint } : {}),
      },
      ...(f.fingerprint ? stateOf(f.fingerprint) : {}),
      ...(f.confidence ? { properties: { confidence: f.confidence } } : {}),
    }));
  });
  for (const gone of baseline?.absent ?? []) results.push(absentResult(gone, indexById));

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'readiness',
            version: scorecard.engineVersion,
            semanticVersion: scorecard.engineVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        results,
        properties: {
          score: scorecard.score,
          verdict: scorecard.verdict,
          schemaVersion: scorecard.schemaVersion,
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
