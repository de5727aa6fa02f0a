import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { lineOf } from '../../../facts';
import { PythonLine, pythonExceptBlocks, pythonLines } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { CLI_DECORATOR, PYTHON_SERVERS, pythonServerFiles, startsGrpcServer } from '../python';
import { optionalConfigAt } from '../../../facts/configClasses';

const PRINT_CALL = /(^|[^\w.])print\s*\(/;
const PRINT_EXC = /\btraceback\.print_(exc|exception|tb)\s*\(/;
/** Words that make a print an error report. */
const ERROR_WORDS = /\b(error|errors|exception|failed|failure|fail|fails|traceback|crash(ed)?|could not|couldn't|cannot|unable to)\b|file\s*=\s*sys\.stderr|\bexc_info\b/i;
/** Words that make a print a warning report: counted in server code that never logs, where print is the only channel. */
const WARNING_WORDS = /\b(warning|not set|missing|invalid|should not)\b/i;
/** A deprecation notice: it tells callers about a future change (`… will raise an exception in a future release`), it reports no error. */
const DEPRECATION_NOTICE = /\b(?:deprecated|deprecation|will be removed|(?:in|with) a future (?:minor |major )?(?:release|version))\b/i;
/** Logging the code sets up or uses: the `logging` module, a Django `LOGGING` dict, Flask's `app.logger`, structlog, loguru. */
const USES_LOGGING = /^\s*(?:import\s+(?:logging|structlog)\b|from\s+(?:logging|structlog|loguru)\b)|\bgetLogger\(|^LOGGING\s*=|\b(?:app|current_app)\.logger\b/m;
/** Ends the process: `sys.exit(1)`, `exit()`, `os._exit(2)`, `raise SystemExit(…)`. */
const EXIT = /^(?:(?:sys\.)?exit\s*\(|quit\s*\(|os\._exit\s*\(|raise\s+SystemExit\b)/;

/**
 * A fatal start-up message: a print at import time (outside any function) directly followed, in the same block,
 * by ending the process. It runs before the application (and its logging) is set up, and nothing runs after it.
 */
function isFatalBootstrapPrint(lines: PythonLine[], index: number): boolean {
  const print = lines[index];
  const next = lines.slice(index + 1).find(l => l.indent <= print.indent);
  if (!next || next.indent !== print.indent || !EXIT.test(next.code)) return false;
  let indent = print.indent;
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    if (lines[i].indent >= indent) continue;
    indent = lines[i].indent;
    if (/^(?:async\s+)?def\s/.test(lines[i].code)) return false;
  }
  return true;
}

/**
 * Whether a line runs inside a command-line command: a function (or one it is nested in) decorated as a Click or Typer
 * command (`@app.cli.command()` in a module that also serves requests). Its prints are the command's terminal output.
 */
function inCliCommand(lines: PythonLine[], index: number, text: string[]): boolean {
  let indent = lines[index].indent;
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    if (lines[i].indent >= indent) continue;
    indent = lines[i].indent;
    if (!/^(?:async\s+)?def\s/.test(lines[i].code)) continue;
    for (let d = i - 1; d >= 0 && lines[d].indent === indent && lines[d].code.startsWith('@'); d--) {
      if (CLI_DECORATOR.test(text.slice(lines[d].line - 1, lines[d].endLine).join(' ').trim())) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'code-quality/print-logging',
  category: 'code-quality',
  severity: 'medium',
  title: 'Server errors are logged, not printed',
  description:
    'Fails when Python server code (a project using Flask, Django, FastAPI or another web framework, or starting a gRPC server) reports errors with `print()`: any `print()` or `traceback.print_exc()` inside an `except` block, and `print()` calls elsewhere that report an error (an error word in the message, or `file=sys.stderr`) or, in server code that never uses logging, a warning ("warning", "missing", "not set", "should not"). A fatal start-up message printed at import time right before the process exits, and a deprecation notice printed outside an `except` block ("deprecated", "will be removed", "in a future release"), are not checked. Tests, scripts, command-line entry points and commands (a `cli/` package, a module of Click/Typer/`flask.cli` commands, a function decorated as a command), migrations and examples are not checked: their prints are terminal output.',
  rationale:
    'Printed errors carry no level, timestamp, request context or stack trace, are often buffered or lost under a WSGI/ASGI server, and never reach log aggregation or alerting: the failure happens and nobody is told.',
  remediation:
    'Use the logging module: `logger = logging.getLogger(__name__)` once per module, then `logger.exception("could not create order")` inside `except` blocks (it records the stack trace) and `logger.error(...)` elsewhere. Configure handlers and a format once at start-up.',
  evaluate(facts) {
    const servers = facts.stack.servers.filter(s => PYTHON_SERVERS.has(s));
    if (servers.length === 0 && !facts.files.some(startsGrpcServer)) {
      return outcome.notApplicable('no Python server');
    }
    const files = pythonServerFiles(facts);
    if (files.length === 0) {
      return outcome.notApplicable('no Python server code outside tests and scripts');
    }
    // Logging set up only in an optional configuration class (`'unix': UnixConfig`) is not what the server runs with.
    const logs = files.some(file =>
      file.text.split('\n').some((text, i) => USES_LOGGING.test(text) && !optionalConfigAt(facts, file.path, i + 1)),
    );
    const reportWords = logs ? ERROR_WORDS : new RegExp(`${ERROR_WORDS.source}|${WARNING_WORDS.source}`, 'i');
    const findings: Finding[] = [];
    for (const file of files) {
      if (!/\bprint/.test(file.text)) continue;
      const reported = new Set<number>();
      const lines = pythonLines(file);
      const text = file.text.split('\n');
      const commandLines = new Set(
        lines.filter((l, i) => (PRINT_CALL.test(l.code) || PRINT_EXC.test(l.code)) && inCliCommand(lines, i, text)).map(l => l.line),
      );
      for (const block of pythonExceptBlocks(file)) {
        for (const stmt of block.body) {
          if (reported.has(stmt.line) || commandLines.has(stmt.line)) continue;
          let call: string | undefined;
          if (PRINT_CALL.test(stmt.code)) call = 'print()';
          else if (PRINT_EXC.test(stmt.code)) call = 'traceback.print_exc()';
          if (!call) continue;
          reported.add(stmt.line);
          findings.push({
            path: file.path,
            line: stmt.line,
            excerpt: lineOf(file, stmt.line),
            message: `\`${call}\` reports an error in an \`except\` block (line ${block.header.line}); use \`logger.exception(...)\` so the error reaches the logs with its stack trace`,
          });
        }
      }
      for (const [index, l] of lines.entries()) {
        if (reported.has(l.line) || commandLines.has(l.line) || !PRINT_CALL.test(l.code)) continue;
        const original = text.slice(l.line - 1, l.endLine).join('\n');
        if (!reportWords.test(original) || DEPRECATION_NOTICE.test(original) || isFatalBootstrapPrint(lines, index)) continue;
        reported.add(l.line);
        findings.push({
          path: file.path,
          line: l.line,
          excerpt: lineOf(file, l.line),
          message: '`print()` reports an error; use `logger.error(...)` so it gets a level, a timestamp and reaches the logs',
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
