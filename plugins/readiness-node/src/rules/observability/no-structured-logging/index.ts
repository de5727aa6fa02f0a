import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { defineRule, outcome } from '../../types';
import { capitalise } from '../../../facts/text';
import { Ecosystem, evidenceOf, isCommentLine, serverUnits, ServiceUnit, Signal, unitLabel } from '../../../facts/services';
import { judgedUnits } from '../units';
import { isTestFile, isToolingPath } from '../../../facts/paths';
import { isUiComponentPath } from '../../../facts/codeSearch';
import { isMigrationPath } from '../../../facts/sql';
import { optionalConfigAt } from '../../../facts/configClasses';
import { importGraph } from '../../../facts/imports';
import type { Facts } from '../../../facts';

/** What counts as a configured logging framework, per ecosystem. */
const LOGGING: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'structlog',
      'loguru',
      'python-json-logger',
      'json-log-formatter',
      'eliot',
      'logbook',
    ],
    code: [
      /\blogging\.(?:basicConfig|config\.dictConfig|config\.fileConfig|getLogger)\(/,
      /\b(?:dictConfig|fileConfig|getLogger)\(/,
      /^\s*(?:import\s+structlog|from\s+structlog\b|from\s+loguru\s+import)/m,
      /^LOGGING\s*=\s*\{/m,
      /\b(?:app|current_app)\.logger\.\w+\(/,
    ],
  },
  node: {
    deps: [
      'pino',
      'pino-http',
      'winston',
      'bunyan',
      'log4js',
      'nestjs-pino',
      'loglevel',
      'consola',
      'signale',
      'roarr',
      'tslog',
      '@logtape/logtape',
      'loglayer',
      'adze',
      '@aws-lambda-powertools/logger',
      'express-winston',
      'hapi-pino',
      '@logtail/node',
      // Backstage backend plugins log through the framework's logger service.
      '@backstage/backend-plugin-api',
      '@backstage/backend-defaults',
    ],
    code: [
      /\b(?:require\(\s*|from\s+)['"](?:pino|winston|bunyan|log4js|loglevel|consola|tslog|signale|roarr|loglayer|adze)['"]/,
      // LogTape, also imported from JSR by Deno and Bun code.
      /\b(?:require\(\s*|from\s+)['"](?:jsr:|npm:)?@logtape\/logtape(?:@[^'"]*)?['"]/,
      /import\s*\{[^}]*\bLogger\b[^}]*\}\s*from\s*['"]@nestjs\/common['"]/,
      /\b[Ff]astify\(\s*\{[^)]*?\blogger\s*:\s*(?!false)/,
    ],
  },
  jvm: {
    deps: [
      /^spring-boot-starter/,
      'spring-boot',
      'slf4j-api',
      'slf4j-simple',
      /^logback-/,
      /^log4j-/,
      'jboss-logging',
      /^quarkus-/,
      /^micronaut-runtime/,
      /^kotlin-logging/,
      'logstash-logback-encoder',
      'ktor-server-call-logging',
      'dropwizard-core',
    ],
    code: [
      /\bLoggerFactory\.getLogger\(|\bLogManager\.getLogger\(|\bLogger\.getLogger\(|\bKotlinLogging\.logger\b/,
      /@(?:Slf4j|Log4j2?|CommonsLog|Log|XSlf4j|JBossLog|Flogger)\b/,
    ],
  },
  go: {
    deps: [
      'go.uber.org/zap',
      'github.com/rs/zerolog',
      'github.com/sirupsen/logrus',
      'github.com/go-logr/logr',
      'github.com/go-kit/log',
      'github.com/apex/log',
      'github.com/inconshreveable/log15',
      'github.com/hashicorp/go-hclog',
      'github.com/charmbracelet/log',
      'github.com/phuslu/log',
      'golang.org/x/exp/slog',
    ],
    code: [
      /"log\/slog"/,
      /"go\.uber\.org\/zap"|"github\.com\/rs\/zerolog|"github\.com\/sirupsen\/logrus"/,
      // Echo's levelled logger (gommon), imported to log through it.
      /"github\.com\/labstack\/gommon\/log"/,
    ],
    // Echo's built-in logging once the code sets it up: its levelled logger given a level, output or header, or its
    // request-logger middleware (JSON lines by default). Calling `e.Logger.Fatal(e.Start(…))` alone sets up nothing,
    // and plain-text access logs (gin's `gin.Logger()`, negroni's logger) are not structured.
    configured: [
      {
        deps: [/^github\.com\/labstack\/echo(?:\/v\d+)?$/],
        code: [
          /\.Logger\.Set(?:Level|Output|Header|Prefix)\(/,
          /\.Use\(\s*(?:\w+\.)?(?:Logger|LoggerWithConfig|RequestLoggerWithConfig)\(/,
        ],
      },
    ],
  },
  dotnet: {
    deps: [
      /^serilog/,
      /^nlog/,
      /^microsoft\.extensions\.logging/,
      'log4net',
      'microsoft.aspnetcore.app',
    ],
    code: [
      /\bILogger(?:<|\b)/,
      /\bUseSerilog\(|\bAddLogging\(|\bbuilder\.Logging\b|\bLog\.Logger\s*=/,
      /\bWebApplication\.CreateBuilder\(|\bHost\.CreateDefaultBuilder\(/,
    ],
  },
  ruby: {
    deps: [
      'rails',
      'semantic_logger',
      'rails_semantic_logger',
      'lograge',
      'ougai',
    ],
    code: [/\bLogger\.new\(|\bRails\.logger\b/],
  },
};

/**
 * Migration tooling: versioned migrations and the harness that runs them (Alembic's `alembic/env.py`, Flask-Migrate's
 * `migrations/env.py`). What it sets up serves the migration run, not the server.
 */
function isMigrationTooling(path: string): boolean {
  return isMigrationPath(path) || /(^|\/)alembic\//i.test(path);
}

/** A Python module run as a program: `if __name__ == "__main__":`. */
const PYTHON_MAIN_GUARD = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m;
/** Code that starts a web server itself (`uvicorn.run(app)`, `app.run()`, aiohttp's `web.run_app`). */
const STARTS_SERVER = /\b(?:uvicorn|hypercorn|waitress|gunicorn)\.\w+\(|\bapp\.run\(|\bweb\.run_app\(|\bserve_forever\(/;

/**
 * A one-shot program beside the server rather than part of it, whose logging set-up serves only its own run: a
 * script in a scripts, bin or tools folder, or a Python module run as a program (`if __name__ == "__main__":`, a
 * seeder such as `app/initial_data.py`) that no other file of the unit imports and that starts no server. The unit's
 * own entry file is never one.
 */
function isOneShotScript(facts: Facts, unit: ServiceUnit, file: SourceFile): boolean {
  if (file.path === unit.path) return false;
  if (isToolingPath(file.path)) return true;
  if (unit.ecosystem !== 'python' || !PYTHON_MAIN_GUARD.test(file.text) || STARTS_SERVER.test(file.text)) return false;
  const others = new Set(unit.files.filter(f => f !== file));
  return !importGraph(facts).reachedFrom(file, others, undefined, 1);
}

/** Ad-hoc output calls, per ecosystem. */
const PRINTS: Record<Ecosystem, RegExp> = {
  python: /^\s*print\(/,
  node: /\bconsole\.(?:log|error|warn|info|debug)\(/,
  jvm: /\bSystem\.(?:out|err)\.print(?:ln|f)?\(|^\s*println\(|\.printStackTrace\(\)/,
  go: /\b(?:fmt\.(?:Print|Println|Printf)|log\.(?:Print|Println|Printf|Fatal|Fatalf|Fatalln))\(/,
  dotnet: /\bConsole\.(?:Write|WriteLine)\(/,
  ruby: /^\s*(?:puts|print)\b/,
};

/** Decorators that make a Python function a command-line command: Flask's `@app.cli.command()`, click and typer commands. */
const PYTHON_CLI_DECORATOR = /^\s*@(?:[\w.]+\.cli\.command|click\.command|click\.group|[\w.]*\.command)\b/;
/** Django management commands: what they print is their output to the operator. */
const MANAGEMENT_COMMAND = /(^|\/)management\/commands\//;

/**
 * The lines of a Python file that belong to command-line commands (the decorated function and its body): a
 * seeder's `print(num, 'users added.')` is the command's output to whoever runs it, not what the server logs.
 */
function pythonCliLines(lines: string[]): Set<number> {
  const cli = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!PYTHON_CLI_DECORATOR.test(lines[i])) continue;
    let def = i + 1;
    while (def < lines.length && /^\s*@/.test(lines[def])) def++;
    const head = /^(\s*)(?:async\s+)?def\s/.exec(lines[def] ?? '');
    if (!head) continue;
    const indent = head[1].length;
    let end = def + 1;
    while (end < lines.length && (lines[end].trim() === '' || /^\s*/.exec(lines[end])![0].length > indent)) end++;
    for (let k = def; k < end; k++) cli.add(k);
    i = end - 1;
  }
  return cli;
}

function printCalls(unit: ServiceUnit): {
  count: number;
  first?: { path: string; line: number; text: string };
} {
  const pattern = PRINTS[unit.ecosystem];
  let count = 0;
  let first: { path: string; line: number; text: string } | undefined;
  for (const file of unit.files) {
    // What the server logs: not scripts beside it, its tests, or components rendered in a browser.
    if (isToolingPath(file.path) || isTestFile(file.path) || isUiComponentPath(file.path)) continue;
    if (unit.ecosystem === 'python' && MANAGEMENT_COMMAND.test(file.path)) continue;
    const lines = file.text.split('\n');
    // Command-line commands print their output to whoever runs them.
    const cli = unit.ecosystem === 'python' && /\.command\b/.test(file.text) ? pythonCliLines(lines) : undefined;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      if (!pattern.test(text) || isCommentLine(text) || cli?.has(i)) continue;
      count += 1;
      first ??= {
        path: file.path,
        line: i + 1,
        text: text.trim().slice(0, 160),
      };
    }
  }
  return { count, first };
}

const PRINT_NAME: Record<Ecosystem, string> = {
  python: 'print()',
  node: 'console',
  jvm: 'System.out / println',
  go: 'fmt / the standard log package',
  dotnet: 'Console.WriteLine',
  ruby: 'puts',
};

export default defineRule({
  id: 'observability/no-structured-logging',
  category: 'observability',
  severity: 'high',
  title: 'Servers use a logging framework',
  description:
    'Fails for each server application that has no logging framework configured and reports only through print / console: Python `logging` (basicConfig, dictConfig, getLogger), structlog or loguru; pino, winston, bunyan, log4js, LogTape, consola, tslog, loglevel, signale, roarr, LogLayer, Adze or the NestJS logger; SLF4J / Logback / Log4j2 (Spring Boot starters include Logback); Go `log/slog`, zap, zerolog, logrus, or Echo\'s levelled logger or request-logger middleware set up in code (the standard `log` package and plain-text access logs such as gin\'s do not count); Serilog, NLog or Microsoft.Extensions.Logging. Logging set up only by the migration harness (Alembic env.py), only by a one-shot script (in a scripts, bin or tools folder, or a Python module run as a program with `if __name__ == "__main__":` that no other file of the server imports and that starts no server, such as a seeder `app/initial_data.py`; the server\'s entry file is never one) or only in an optional configuration class (not the default, production or deployed one) does not count. The `print()` calls of command-line commands (Flask `cli.command`, click and typer commands, Django management commands) are their output to the operator and are not counted as what the server reports.',
  rationale:
    'print and console output has no levels, no timestamps you can trust, no request context and no structure a log pipeline can index. When something breaks in production, the evidence is missing or unsearchable.',
  remediation:
    "Configure the ecosystem's logging library at startup with a JSON formatter and levels (for example `logging.config.dictConfig` or structlog in Python, pino in Node.js, Logback in Spring Boot, `slog.NewJSONHandler` in Go, Serilog in .NET) and replace print / console calls with logger calls.",
  evaluate(facts) {
    const servers = judgedUnits(
      facts,
      serverUnits,
      'no server application (workers and frontends only)',
    );
    if (typeof servers === 'string') return outcome.notApplicable(servers);
    // Logging the server itself sets up: not the migration harness's (Alembic's env.py), nor a one-shot script's (a
    // seeder run once), nor a Python configuration class only an optional entry of the configuration map selects
    // (`'unix': UnixConfig`).
    const serverSetUp = (unit: ServiceUnit) => (file: SourceFile, line: number) =>
      !isMigrationTooling(file.path) && !optionalConfigAt(facts, file.path, line) && !isOneShotScript(facts, unit, file);
    const findings: Finding[] = [];
    for (const unit of servers) {
      if (evidenceOf(unit, LOGGING[unit.ecosystem], serverSetUp(unit))) continue;
      const prints = printCalls(unit);
      const how =
        prints.count > 0
          ? `it reports through ${PRINT_NAME[unit.ecosystem]} only (${
              prints.count
            } call${prints.count === 1 ? '' : 's'})`
          : 'it writes no logs at all';
      findings.push({
        path: prints.first?.path ?? unit.path,
        ...(prints.first
          ? { line: prints.first.line, excerpt: prints.first.text }
          : {}),
        ...(!prints.first && unit.line ? { line: unit.line } : {}),
        message: `${capitalise(
          unitLabel(unit),
        )} has no logging framework configured; ${how}`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
