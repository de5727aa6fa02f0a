import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../package.json';
import { auditCommand, AuditCommandOptions, FAIL_ON, FORMATS } from './commands/audit';
import { diffCommand, DiffCommandOptions } from './commands/diff';
import { fixCommand, FixCommandOptions } from './commands/fix';
import { rulesCommand, RulesCommandOptions } from './commands/rules';
import { CliError, EXIT } from './errors';
import { CliIo, processIo } from './io';

export type { CliIo, OutputStream } from './io';

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/**
 * Runs the CLI with process-style arguments (`[node, script, ...args]`) and
 * resolves to the exit code. Output goes to the injected streams; without
 * them, to the process, whose exit code is then set.
 */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const ctx = processIo(io);
  let exitCode: number = EXIT.ok;
  const program = new Command('readiness')
    .description('Production-readiness scorecards for a repository, from a terminal or CI')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: s => ctx.stdout.write(s),
      writeErr: s => ctx.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('audit')
    .description('audit a repository directory and print its scorecard')
    .argument('<dir>', 'the repository to audit')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <score>', 'exit with code 1 when the score is below this', integer(0, 100))
    .option('-c, --config <file>', 'YAML or JSON file with weights, waivers, disabled rules and settings')
    .option('--only <ids>', 'run only these rule or category ids (comma-separated)')
    .option('--skip <ids>', 'do not run these rule or category ids (comma-separated)')
    .option('--title <title>', 'title of the Markdown report')
    .option('--link-base <url>', 'prefix of source links in the Markdown report')
    .option('--max-files <n>', 'stop the walk after this many files', integer(1, 10_000_000))
    .option('--no-gitignore', 'read the files .gitignore lists too (a tree extracted from a repository archive holds only committed files)')
    .option('--baseline <report>', 'an earlier JSON report or SARIF log: mark each finding new, unchanged or absent')
    .addOption(
      new Option('--fail-on <what>', 'exit with code 1 when a new blocker appears (needs --baseline)').choices(FAIL_ON),
    )
    .option('--sarif <file>', 'also write the SARIF log to this file')
    .option('--color', 'colour the table output')
    .option('--no-color', 'never colour the output')
    .option('-v, --verbose', 'report progress and statistics on stderr')
    .action(async (dir: string, options: AuditCommandOptions) => {
      exitCode = await auditCommand(dir, options, ctx);
    });

  program
    .command('diff')
    .description('print what changed between two reports: score, verdict, categories, new and fixed findings')
    .argument('<before>', 'the earlier JSON report (or SARIF log)')
    .argument('<after>', 'the later JSON report (or SARIF log)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (before: string, after: string, options: DiffCommandOptions) => {
      exitCode = await diffCommand(before, after, options, ctx);
    });

  program
    .command('fix')
    .description('apply the fixes the failing rules offer (or print them with --dry-run), then show the score before and after')
    .argument('<dir>', 'the repository to fix')
    .option('--only <ids>', 'fix only these rule or category ids (comma-separated)')
    .option('--dry-run', 'print the unified diff and write nothing')
    .option('-c, --config <file>', 'YAML or JSON file with weights, waivers, disabled rules and settings')
    .action(async (dir: string, options: FixCommandOptions) => {
      exitCode = await fixCommand(dir, options, ctx);
    });

  program
    .command('rules')
    .description('list the rule catalog')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: RulesCommandOptions) => {
      exitCode = rulesCommand(options, ctx);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every usage error exits 2.
      exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (e instanceof CliError) {
      ctx.stderr.write(`readiness: ${e.message}\n`);
      exitCode = e.exitCode;
    } else {
      ctx.stderr.write(`readiness: unexpected error: ${(e as Error).stack ?? e}\n`);
      exitCode = EXIT.usage;
    }
  }
  if (!io.stdout && !io.stderr) process.exitCode = exitCode;
  return exitCode;
}
