import {
  RuleMeta,
  RuleResult,
  Scorecard,
  Severity,
} from '@readiness/backstage-plugin-readiness-common';
import { builtinRules } from '../rules';
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

  const results = scorecard.results.filter(isFailing).flatMap(r => {
    const base = {
      ruleId: r.ruleId,
      ruleIndex: indexById.get(r.ruleId)!,
      level: SARIF_LEVELS[r.severity],
    };
    if (r.findings.length === 0) {
      return [{ ...base, message: { text: r.message ?? r.title } }];
    }
    return r.findings.map(f => {
      const location: SarifLocation = {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.path), uriBaseId: '%SRCROOT%' },
        },
      };
      if (f.line !== undefined && f.line >= 1) {
        location.physicalLocation.region = {
          startLine: f.line,
          ...(f.excerpt ? { snippet: { text: f.excerpt } } : {}),
        };
      }
      return {
        ...base,
        message: { text: f.message },
        locations: [location],
        partialFingerprints: { readinessLocation: `${r.ruleId}@${locationOf(f)}` },
        ...(f.confidence ? { properties: { confidence: f.confidence } } : {}),
      };
    });
  });

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
