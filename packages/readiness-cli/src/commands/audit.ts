import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORY_IDS, Scorecard } from '@readiness/backstage-plugin-readiness-common';
import {
  AuditConfig,
  auditWithFacts,
  BaselineComparison,
  BaselineError,
  compareWithBaseline,
  parseReport,
  planFixes,
  ReportSummary,
  builtinRules,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderTable,
  RuleRegistry,
  SuggestedFix,
  UnreadableRepositoryError,
  VERDICT_LABELS,
  walkRepository,
} from '@readiness/backstage-plugin-readiness-node';
import { loadConfig } from '../config';
import { CliError, EXIT } from '../errors';
import { CliIo } from '../io';

export const FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface AuditCommandOptions {
  format: Format;
  output?: string;
  failUnder?: number;
  config?: string;
  only?: string;
  skip?: string;
  verbose?: boolean;
  color?: boolean;
  title?: string;
  linkBase?: string;
  maxFiles?: number;
  /** False with `--no-gitignore`: files .gitignore lists are read too. */
  gitignore?: boolean;
  baseline?: string;
  failOn?: FailOn;
  sarif?: string;
}

export const FAIL_ON = ['new'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Splits a comma-separated list of rule or category ids and checks each one: a rule the registry
 * runs, a built-in category, or one of the custom `categories` the configuration declares.
 */
export function selection(
  value: string | undefined,
  flag: string,
  registry: RuleRegistry,
  categories: readonly string[] = CATEGORY_IDS,
): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (ids.length === 0) {
    throw new CliError(`${flag} needs at least one rule or category id`);
  }
  const unknown = ids.filter(id => !registry.has(id) && !categories.includes(id));
  if (unknown.length) {
    throw new CliError(
      `unknown rule or category id${unknown.length > 1 ? 's' : ''} in ${flag}: ${unknown.join(', ')} (run \`readiness rules\` to list them)`,
    );
  }
  return ids;
}

export async function checkDirectory(dir: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot audit ${dir}: ${code === 'ENOENT' ? 'no such directory' : (e as Error).message}`,
    );
  }
  if (!stat.isDirectory()) throw new CliError(`cannot audit ${dir}: it is not a directory`);
}

function render(
  scorecard: Scorecard,
  options: AuditCommandOptions,
  color: boolean,
  baseline: BaselineComparison | undefined,
  suggestedFixes: SuggestedFix[],
): string {
  switch (options.format) {
    case 'json':
      return renderJson(scorecard, { baseline });
    case 'markdown':
      return renderMarkdown(scorecard, { title: options.title, linkBase: options.linkBase, suggestedFixes });
    case 'sarif':
      return renderSarif(scorecard, { baseline });
    default:
      return renderTable(scorecard, { color });
  }
}

/** Reads a baseline: a JSON report or SARIF log of an earlier audit. */
export async function readReportFile(path: string, shown: string): Promise<ReportSummary> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return parseReport(text, shown);
  } catch (e) {
    if (e instanceof BaselineError) throw new CliError(e.message);
    throw e;
  }
}

async function writeReport(io: CliIo, file: string, text: string): Promise<void> {
  try {
    await fs.writeFile(resolve(io.cwd, file), text);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Progress on stderr: an updating line on a terminal, plain lines with --verbose. */
function progressReporter(io: CliIo, verbose: boolean) {
  const tty = !!io.stderr.isTTY;
  let shown = false;
  return {
    onProgress:
      tty || verbose
        ? (message: string) => {
            shown = true;
            io.stderr.write(tty ? `\r\u001b[Kreadiness: ${message}` : `readiness: ${message}\n`);
          }
        : undefined,
    done() {
      if (tty && shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** `readiness audit <dir>`: walks, audits, renders and applies the threshold. */
export async function auditCommand(dirArg: string, options: AuditCommandOptions, io: CliIo): Promise<number> {
  const builtins = new RuleRegistry(builtinRules);
  const dir = resolve(io.cwd, dirArg);
  const fileConfig = options.config
    ? await loadConfig(resolve(io.cwd, options.config), id => builtins.has(id))
    : {};
  // The custom categories the configuration declares come after the built-in ones.
  const registry = new RuleRegistry(builtinRules, { categories: fileConfig.categories });
  const only = selection(options.only, '--only', registry, registry.categoryIds());
  const skip = selection(options.skip, '--skip', registry, registry.categoryIds());
  const config: AuditConfig = { ...fileConfig, ...(only ? { only } : {}), ...(skip ? { skip } : {}) };
  if (options.failOn && !options.baseline) {
    throw new CliError(`--fail-on ${options.failOn} needs --baseline <report>: the findings are new relative to it`);
  }
  await checkDirectory(dir);
  // Read before the audit, so a bad baseline costs no audit.
  const baselineReport = options.baseline ? await readReportFile(resolve(io.cwd, options.baseline), options.baseline) : undefined;

  const progress = progressReporter(io, !!options.verbose);
  let scorecard: Scorecard;
  let suggestedFixes: SuggestedFix[] = [];
  try {
    const started = Date.now();
    const onProgress = progress.onProgress;
    const snapshot = await walkRepository(dir, {
      limits: options.maxFiles ? { maxFiles: options.maxFiles } : undefined,
      ...(options.gitignore === false ? { gitignore: false } : {}),
      onProgress: onProgress ? n => onProgress(`read ${n} files`) : undefined,
    });
    const run = auditWithFacts(snapshot, { rules: registry, config, durationMs: Date.now() - started });
    scorecard = run.scorecard;
    // The review shows the changes the failing rules offer, redacted like the rest of it.
    // An incomplete walk may have missed the files a fix would create: no suggestions then.
    if (options.format === 'markdown' && !snapshot.truncated) suggestedFixes = planFixes(run).fixes;
  } catch (e) {
    if (e instanceof UnreadableRepositoryError) throw new CliError(e.message);
    throw e;
  } finally {
    progress.done();
  }
  if (options.verbose) {
    const { stats } = scorecard;
    io.stderr.write(
      `readiness: audited ${stats.files} files (${stats.skipped} skipped, ${stats.errors.length} parse errors) in ${stats.durationMs} ms\n`,
    );
  }
  if (scorecard.stats.truncated) {
    io.stderr.write(`readiness: warning: incomplete audit, the walk ${scorecard.stats.truncated}\n`);
  }

  const baseline = baselineReport ? compareWithBaseline(scorecard, baselineReport) : undefined;
  const color =
    options.color ?? (!options.output && !!io.stdout.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
  const text = render(scorecard, options, options.output ? false : color, baseline, suggestedFixes);
  if (options.sarif) {
    await writeReport(io, options.sarif, renderSarif(scorecard, { baseline }));
  }
  if (options.output) {
    await writeReport(io, options.output, text);
    io.stderr.write(
      `readiness: ${scorecard.score}/100 ${VERDICT_LABELS[scorecard.verdict]}; wrote the ${options.format} report to ${options.output}\n`,
    );
  } else {
    io.stdout.write(text);
  }

  if (baseline) {
    io.stderr.write(
      `readiness: against ${options.baseline}: ${baseline.added.length} new (${baseline.newBlockers.length} blocking), ${baseline.unchanged} unchanged, ${baseline.absent.length} gone\n`,
    );
  }
  let exitCode: number = EXIT.ok;
  if (options.failUnder !== undefined && scorecard.score < options.failUnder) {
    io.stderr.write(`readiness: score ${scorecard.score} is below --fail-under ${options.failUnder}\n`);
    exitCode = EXIT.belowThreshold;
  }
  if (options.failOn === 'new' && baseline && baseline.newBlockers.length > 0) {
    for (const f of baseline.newBlockers) {
      const where = f.path === undefined ? '' : ` ${f.path}${f.line === undefined ? '' : `:${f.line}`}`;
      io.stderr.write(`readiness: new blocker: ${f.severity} ${f.ruleId}${where}\n`);
    }
    exitCode = EXIT.newBlockers;
  }
  return exitCode;
}
