import { promises as fs } from 'node:fs';
import {
  CATEGORY_IDS,
  SEVERITIES,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { AuditConfig, RuleSettings } from '@readiness/backstage-plugin-readiness-node';
import { parse as parseYaml } from 'yaml';
import { CliError } from './errors';

/**
 * The configuration file of `readiness audit --config`, in YAML or JSON:
 *
 * ```yaml
 * severityWeights: { critical: 10, high: 5 }
 * categoryWeights: { security: 3 }
 * waivers:
 *   - rule: security/no-rate-limiting
 *     reason: rate limits live in the API gateway
 *     expires: 2025-12-31
 * disabledRules: [documentation/no-changelog]
 * settings: { testRatioTarget: 0.5 }
 * ```
 */
const TOP_LEVEL_KEYS = ['severityWeights', 'categoryWeights', 'waivers', 'disabledRules', 'settings'];
const SETTING_KEYS = ['testRatioTarget', 'todoPerKlocTarget', 'custom'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function weights<K extends string>(
  value: unknown,
  field: string,
  allowed: readonly K[],
  problems: Problems,
): Partial<Record<K, number>> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push(`${field} must be a mapping of ${allowed.join(', ')} to numbers, not ${describe(value)}`);
    return undefined;
  }
  const out: Partial<Record<K, number>> = {};
  for (const [key, weight] of Object.entries(value)) {
    if (!(allowed as readonly string[]).includes(key)) {
      problems.push(`${field}.${key} is not one of ${allowed.join(', ')}`);
    } else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      problems.push(`${field}.${key} must be a number of 0 or more, not ${describe(weight)}`);
    } else {
      out[key as K] = weight;
    }
  }
  return out;
}

function dateString(value: unknown): string | undefined {
  // YAML readers that follow 1.1 turn a bare 2025-12-31 into a date.
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))) {
    return value;
  }
  return undefined;
}

function waivers(value: unknown, knownRule: (id: string) => boolean, problems: Problems): Waiver[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`waivers must be a list, not ${describe(value)}`);
    return undefined;
  }
  const out: Waiver[] = [];
  value.forEach((entry, i) => {
    const at = `waivers[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at} must be a mapping with rule, reason and expires, not ${describe(entry)}`);
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!['rule', 'reason', 'expires'].includes(key)) problems.push(`${at}.${key} is not a waiver field (rule, reason, expires)`);
    }
    const { rule, reason } = entry;
    const expires = dateString(entry.expires);
    let ok = true;
    if (typeof rule !== 'string' || !rule) {
      problems.push(`${at}.rule must be a rule id`);
      ok = false;
    } else if (!knownRule(rule)) {
      problems.push(`${at}.rule '${rule}' is not a known rule id`);
      ok = false;
    }
    if (typeof reason !== 'string' || !reason.trim()) {
      problems.push(`${at}.reason must say why the rule is waived`);
      ok = false;
    }
    if (!expires) {
      problems.push(
        `${at}.expires must be a date like 2025-12-31 (${entry.expires === undefined ? 'missing' : `not ${describe(entry.expires)}`})`,
      );
      ok = false;
    }
    if (ok) out.push({ ruleId: rule as string, reason: (reason as string).trim(), expires: expires!, source: 'config' });
  });
  return out;
}

function ruleList(value: unknown, field: string, knownRule: (id: string) => boolean, problems: Problems) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    problems.push(`${field} must be a list of rule ids`);
    return undefined;
  }
  for (const id of value as string[]) {
    if (!knownRule(id)) problems.push(`${field} holds '${id}', which is not a known rule id`);
  }
  return value as string[];
}

function settings(value: unknown, problems: Problems): Partial<RuleSettings> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push(`settings must be a mapping, not ${describe(value)}`);
    return undefined;
  }
  const out: Partial<RuleSettings> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!SETTING_KEYS.includes(key)) {
      problems.push(`settings.${key} is not a setting (${SETTING_KEYS.join(', ')})`);
    } else if (key === 'custom') {
      if (isRecord(v)) out.custom = v;
      else problems.push(`settings.custom must be a mapping, not ${describe(v)}`);
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      problems.push(`settings.${key} must be a number of 0 or more, not ${describe(v)}`);
    } else {
      out[key as 'testRatioTarget' | 'todoPerKlocTarget'] = v;
    }
  }
  return out;
}

/**
 * Checks a parsed configuration document and turns it into the engine's
 * audit configuration. Throws a {@link CliError} listing every problem.
 */
export function validateConfig(doc: unknown, source: string, knownRule: (id: string) => boolean): AuditConfig {
  const problems: Problems = [];
  if (doc === undefined || doc === null) return {};
  if (!isRecord(doc)) {
    throw new CliError(`config file ${source} must hold a mapping, not ${describe(doc)}`);
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      problems.push(`${key} is not a configuration key (${TOP_LEVEL_KEYS.join(', ')})`);
    }
  }
  const config: AuditConfig = {};
  const sw = weights(doc.severityWeights, 'severityWeights', SEVERITIES, problems);
  if (sw) config.severityWeights = sw;
  const cw = weights(doc.categoryWeights, 'categoryWeights', CATEGORY_IDS, problems);
  if (cw) config.categoryWeights = cw;
  const w = waivers(doc.waivers, knownRule, problems);
  if (w) config.waivers = w;
  const disabled = ruleList(doc.disabledRules, 'disabledRules', knownRule, problems);
  if (disabled) config.disabledRules = disabled;
  const s = settings(doc.settings, problems);
  if (s) config.settings = s;
  if (problems.length) {
    throw new CliError(`config file ${source} is not valid:\n${problems.map(p => `  - ${p}`).join('\n')}`);
  }
  return config;
}

/** Reads, parses (YAML or JSON) and validates a configuration file. */
export async function loadConfig(path: string, knownRule: (id: string) => boolean): Promise<AuditConfig> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read config file ${path}: ${code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`,
    );
  }
  let doc: unknown;
  try {
    doc = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const kind = /\.json$/i.test(path) ? 'JSON' : 'YAML';
    throw new CliError(`config file ${path} is not valid ${kind}: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateConfig(doc, path, knownRule);
}
