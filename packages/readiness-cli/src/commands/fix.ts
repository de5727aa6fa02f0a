import { resolve } from 'node:path';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import {
  AuditRun,
  auditWithFacts,
  builtinRules,
  FixPlan,
  planFixes,
  RuleRegistry,
  UnreadableRepositoryError,
  UnsafeFixError,
  walkRepository,
  writePlannedFiles,
} from '@readiness/backstage-plugin-readiness-node';
import { loadConfig } from '../config';
import { CliError, EXIT } from '../errors';
import { CliIo } from '../io';
import { checkDirectory, selection } from './audit';

export interface FixCommandOptions {
  only?: string;
  dryRun?: boolean;
  config?: string;
}

const points = (n: number) => `${n >= 0 ? '+' : ''}${Math.round(n * 10) / 10}`;

async function audit(dir: string, registry: RuleRegistry, config: Awaited<ReturnType<typeof loadConfig>>): Promise<AuditRun> {
  try {
    return auditWithFacts(await walkRepository(dir), { rules: registry, config });
  } catch (e) {
    if (e instanceof UnreadableRepositoryError) throw new CliError(e.message);
    throw e;
  }
}

function listFixes(plan: FixPlan, io: CliIo, after?: Scorecard): void {
  const status = new Map(after?.results.map(r => [r.ruleId, r.status]));
  const width = Math.max(...plan.fixes.map(f => f.ruleId.length));
  for (const fix of plan.fixes) {
    const now = after ? `  ${status.get(fix.ruleId) === 'pass' ? 'passes now' : `still ${status.get(fix.ruleId)}`}` : '';
    io.stdout.write(`  ${fix.ruleId.padEnd(width)}  expected ${points(fix.expectedGain).padStart(5)}${now}  ${fix.summary}\n`);
    for (const note of fix.notes) io.stdout.write(`    note: ${note}\n`);
  }
}

/**
 * `readiness fix <dir>`: audits, asks the failing rules for their fixes,
 * prints the diff (`--dry-run`) or writes it, then audits again and prints
 * the score before and after beside the expected gain.
 */
export async function fixCommand(dirArg: string, options: FixCommandOptions, io: CliIo): Promise<number> {
  const registry = new RuleRegistry(builtinRules);
  const dir = resolve(io.cwd, dirArg);
  const only = selection(options.only, '--only', registry);
  const config = options.config ? await loadConfig(resolve(io.cwd, options.config), id => registry.has(id)) : {};
  await checkDirectory(dir);

  const before = await audit(dir, registry, config);
  const selected = only && new Set(only);
  const plan = planFixes(before, {
    select: selected ? rule => selected.has(rule.id) || selected.has(rule.category) : undefined,
  });
  const { score } = before.scorecard;
  if (plan.fixes.length === 0) {
    io.stdout.write(`No fix to offer${only ? ` for ${only.join(', ')}` : ''}. Score ${score}/100.\n`);
    return EXIT.ok;
  }
  const expected = plan.fixes.reduce((sum, f) => sum + f.expectedGain, 0);
  const files = `${plan.files.length} file${plan.files.length === 1 ? '' : 's'}`;
  if (options.dryRun) {
    io.stdout.write(plan.diff);
    io.stdout.write(`\n${plan.fixes.length} fix${plan.fixes.length === 1 ? '' : 'es'} would write ${files} (dry run: nothing written):\n`);
    listFixes(plan, io);
    io.stdout.write(`Score ${score}/100; expected after the fixes: ${points(expected)}\n`);
    return EXIT.ok;
  }
  try {
    await writePlannedFiles(dir, plan.files);
  } catch (e) {
    if (e instanceof UnsafeFixError) throw new CliError(`${e.message}; nothing was written`);
    throw e;
  }
  const after = await audit(dir, registry, config);
  io.stdout.write(plan.diff);
  io.stdout.write(`\nWrote ${files} for ${plan.fixes.length} rule${plan.fixes.length === 1 ? '' : 's'}:\n`);
  listFixes(plan, io, after.scorecard);
  const passing = plan.fixes.filter(f => after.scorecard.results.find(r => r.ruleId === f.ruleId)?.status === 'pass');
  const expectedPassing = passing.reduce((sum, f) => sum + f.expectedGain, 0);
  io.stdout.write(
    `Score ${score}/100 -> ${after.scorecard.score}/100: realised ${points(after.scorecard.score - score)}, expected ${points(expectedPassing)} for the ${passing.length} rule${passing.length === 1 ? '' : 's'} that pass now${
      passing.length < plan.fixes.length ? ` (${points(expected)} had all ${plan.fixes.length} passed)` : ''
    }\n`,
  );
  return EXIT.ok;
}
