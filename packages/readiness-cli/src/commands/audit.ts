import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORY_IDS, Scorecard } from '@readiness/backstage-plugin-readiness-common';
import {
  AuditConfig,
  auditDirectory,
  builtinRules,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderTable,
  RuleRegistry,
  UnreadableRepositoryError,
  VERDICT_LABELS,
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
}

/** Splits a comma-separated list of rule or category ids and checks each one. */
export function selection(value: string | undefined, flag: string, registry: RuleRegistry): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (ids.length === 0) {
    throw new CliError(`${flag} needs at least one rule or category id`);
  }
  const unknown = ids.filter(id => !registry.has(id) && !(CATEGORY_IDS as readonly string[]).includes(id));
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

function render(scorecard: Scorecard, options: AuditCommandOptions, color: boolean): string {
  switch (options.format) {
    case 'json':
      return renderJson(scorecard);
    case 'markdown':
      return renderMarkdown(scorecard, { title: options.title, linkBase: options.linkBase });
    case 'sarif':
      return renderSarif(scorecard);
    default:
      return renderTable(scorecard, { color });
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
  const registry = new RuleRegistry(builtinRules);
  const dir = resolve(io.cwd, dirArg);
  const only = selection(options.only, '--only', registry);
  const skip = selection(options.skip, '--skip', registry);
  const fileConfig = options.config
    ? await loadConfig(resolve(io.cwd, options.config), id => registry.has(id))
    : {};
  const config: AuditConfig = { ...fileConfig, ...(only ? { only } : {}), ...(skip ? { skip } : {}) };
  await checkDirectory(dir);

  const progress = progressReporter(io, !!options.verbose);
  let scorecard: Scorecard;
  try {
    scorecard = await auditDirectory(dir, {
      rules: registry,
      config,
      limits: options.maxFiles ? { maxFiles: options.maxFiles } : undefined,
      onProgress: progress.onProgress,
    });
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

  const color =
    options.color ?? (!options.output && !!io.stdout.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
  const text = render(scorecard, options, options.output ? false : color);
  if (options.output) {
    const target = resolve(io.cwd, options.output);
    try {
      await fs.writeFile(target, text);
    } catch (e) {
      throw new CliError(`cannot write ${options.output}: ${(e as Error).message}`);
    }
    io.stderr.write(
      `readiness: ${scorecard.score}/100 ${VERDICT_LABELS[scorecard.verdict]}; wrote the ${options.format} report to ${options.output}\n`,
    );
  } else {
    io.stdout.write(text);
  }

  if (options.failUnder !== undefined && scorecard.score < options.failUnder) {
    io.stderr.write(`readiness: score ${scorecard.score} is below --fail-under ${options.failUnder}\n`);
    return EXIT.belowThreshold;
  }
  return EXIT.ok;
}
