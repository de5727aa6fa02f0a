import { promises as fs } from 'node:fs';
import { AuditConfig, parseAuditConfig } from '@readiness/backstage-plugin-readiness-node';
import { parse as parseYaml } from 'yaml';
import { CliError } from './errors';

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

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
 * categories:            # custom categories beside the nine built-in ones
 *   - { id: operations, title: Operations, weight: 2 }
 * ```
 *
 * Checks a parsed configuration document with the engine's audit configuration schema (the one
 * the backend reads `readiness.*` with) and turns it into the engine's audit configuration.
 * Throws a {@link CliError} listing every problem, each at its config path.
 */
export function validateConfig(doc: unknown, source: string, knownRule: (id: string) => boolean): AuditConfig {
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CliError(`config file ${source} must hold a mapping, not ${describe(doc)}`);
  }
  const parsed = parseAuditConfig(doc, { knownRule, strict: true });
  if (!parsed.success) {
    throw new CliError(`config file ${source} is not valid:\n${parsed.problems.map(p => `  - ${p}`).join('\n')}`);
  }
  const { waivers, ...config } = parsed.config;
  return { ...config, ...(waivers ? { waivers: waivers.map(w => w.waiver) } : {}) };
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
