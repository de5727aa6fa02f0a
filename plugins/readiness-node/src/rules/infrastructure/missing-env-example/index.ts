import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { EnvVarRead, Facts } from '../../../facts';
import { dirname, isLowConfidencePath, isTestFile } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isUnder, projectOf, projectsOf } from '../../../facts/projects';
import { isToolingPath } from '../../../facts/paths';
import { excerptAt, isVendored } from '../containers';
import { failingPaths } from '../../../fixes/edits';
import { fixEnvExample } from './fix';

/**
 * Variables set by the shell, the platform or the build tool rather than by whoever deploys. `PORT` is not one:
 * platforms set it, but whoever runs the service elsewhere chooses it, and it belongs in the template.
 */
const AMBIENT = new Set([
  'NODE_ENV',
  'PATH',
  'HOME',
  'USER',
  'USERNAME',
  'PWD',
  'SHELL',
  'TERM',
  'LANG',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'HOSTNAME',
  'CI',
  'DEBUG',
  'MODE',
  'DEV',
  'PROD',
  'SSR',
  'BASE_URL',
  'PUBLIC_URL',
  'JEST_WORKER_ID',
  'VITEST',
]);
const AMBIENT_PREFIX = /^(GITHUB_|RUNNER_|npm_)/;

/** Folders holding a template that documents the variables: `.env.example`, `.env.sample`, `env.template`… */
function templateDirs(facts: Facts): string[] {
  return facts.envFiles.filter(env => env.kind === 'example' && !isVendored(env.path)).map(env => dirname(env.path));
}

/** The reads of variables whoever deploys the service sets: not in tests, tooling or vendored code, not ambient. */
export function configuredReads(facts: Facts): EnvVarRead[] {
  return facts.envReads.filter(
    r =>
      !isVendored(r.path) &&
      !isTestFile(r.path) &&
      !isLowConfidencePath(r.path) &&
      // Scripts, benchmarks and test support configure themselves, not the service.
      !isToolingPath(r.path) &&
      !isAmbientName(r.name),
  );
}

/** Variables the shell, the platform or the build tool sets. */
export function isAmbientName(name: string): boolean {
  return AMBIENT.has(name) || AMBIENT_PREFIX.test(name);
}

export default defineRule({
  id: 'infrastructure/missing-env-example',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Environment variables are documented in a .env.example',
  description:
    'Fails when application code reads environment variables but no `.env.example` (or `.env.sample` / `.env.template`) documents them, in the project or above it.',
  rationale:
    'Configuration that only exists in the code is discovered by reading every file or by crashing at start-up. A committed template tells whoever deploys the service which settings exist, which are required and what shape they take, without sharing real values.',
  remediation:
    'Commit a `.env.example` next to the project that lists every variable the code reads, with placeholder values and a comment per setting, and keep the real `.env` out of git.',
  evaluate(facts) {
    const reads = configuredReads(facts);
    if (reads.length === 0) {
      return outcome.notApplicable('the code reads no environment variables');
    }
    // A Spring `${NAME:default}` placeholder documents its variable and its default where it is read.
    const undocumented = reads.filter(r => !(r.placeholder && r.fallback !== undefined));
    if (undocumented.length === 0) {
      return outcome.pass('every environment variable is read through a ${NAME:default} placeholder that documents its default');
    }
    const projects = projectsOf(facts);
    const templates = templateDirs(facts);
    const byRoot = new Map<string, EnvVarRead[]>();
    for (const read of undocumented) {
      // The nearest project (a directory with a manifest), or the repository.
      const root = projectOf(projects, read.path)?.dir ?? '';
      const covered = templates.some(dir => isUnder(dirname(read.path), dir) || isUnder(dir, root));
      if (covered) continue;
      const list = byRoot.get(root) ?? [];
      list.push(read);
      byRoot.set(root, list);
    }
    const findings: Finding[] = [];
    for (const [root, list] of [...byRoot.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const first = [...list].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)[0];
      const names = [...new Set(list.map(r => r.name))].sort();
      const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
      findings.push({
        path: first.path,
        line: first.line,
        excerpt: excerptAt(facts, first.path, first.line),
        message: `${root ? `\`${root}\`` : 'The code'} reads ${names.length} environment variable${
          names.length === 1 ? '' : 's'
        } (${shown}) but no .env.example documents them`,
        confidence: 'high',
      });
    }
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    // Every read the template should list, tooling and defaulted placeholders included: documentation/env-vars-undocumented checks them all.
    const listed = facts.envReads.filter(r => !isVendored(r.path) && !isTestFile(r.path) && !isLowConfidencePath(r.path) && !isAmbientName(r.name));
    return fixEnvExample(facts, listed, failingPaths(this.evaluate(facts, settings)));
  },
});
