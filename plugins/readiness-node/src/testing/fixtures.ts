import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleResult } from '@readiness/backstage-plugin-readiness-common';
import { evaluateRule } from '../engine/audit';
import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '../facts';
import { DEFAULT_RULE_SETTINGS, ReadinessRule, RuleSettings } from '../rules/types';

/** A fixture repository: file path to content. @public */
export type FixtureFiles = Record<string, string>;

/** Evaluates one rule over an in-memory fixture repository, as the engine would. @public */
export function runRule(
  rule: ReadinessRule,
  files: FixtureFiles,
  settings: Partial<RuleSettings> = {},
): RuleResult {
  const facts = buildFacts(snapshotFromFiles(files));
  return evaluateRule(rule, facts, { ...DEFAULT_RULE_SETTINGS, ...settings });
}

/**
 * A result's findings without their fingerprints: for tests about what a finding says and where,
 * which the fingerprint's own tests do not need to repeat. @public
 */
export function findingsOf(result: RuleResult): Array<Omit<RuleResult['findings'][number], 'fingerprint'>> {
  return result.findings.map(({ fingerprint: _fingerprint, ...finding }) => finding);
}

/** Writes a fixture repository to a new temporary directory and returns its path. @public */
export async function writeFixtureRepo(files: FixtureFiles): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'readiness-fixture-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    await fs.mkdir(dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
  return root;
}
