import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { lineOf } from '../../../facts';
import { pythonExceptBlocks, pythonLines } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { PYTHON_SERVERS, pythonServerFiles } from '../python';

const PRINT_CALL = /(^|[^\w.])print\s*\(/;
const PRINT_EXC = /\btraceback\.print_(exc|exception|tb)\s*\(/;
/** Words that make a print an error report. */
const ERROR_WORDS = /\b(error|errors|exception|failed|failure|fail|fails|traceback|crash(ed)?|could not|couldn't|cannot|unable to)\b|file\s*=\s*sys\.stderr|\bexc_info\b/i;

export default defineRule({
  id: 'code-quality/print-logging',
  category: 'code-quality',
  severity: 'medium',
  title: 'Server errors are logged, not printed',
  description:
    'Fails when Python server code (a project using Flask, Django, FastAPI or another web framework) reports errors with `print()`: any `print()` or `traceback.print_exc()` inside an `except` block, and `print()` calls elsewhere that report an error (an error word in the message, or `file=sys.stderr`). Tests, scripts, command-line entry points, migrations and examples are not checked.',
  rationale:
    'Printed errors carry no level, timestamp, request context or stack trace, are often buffered or lost under a WSGI/ASGI server, and never reach log aggregation or alerting: the failure happens and nobody is told.',
  remediation:
    'Use the logging module: `logger = logging.getLogger(__name__)` once per module, then `logger.exception("could not create order")` inside `except` blocks (it records the stack trace) and `logger.error(...)` elsewhere. Configure handlers and a format once at start-up.',
  evaluate(facts) {
    const servers = facts.stack.servers.filter(s => PYTHON_SERVERS.has(s));
    if (servers.length === 0) {
      return outcome.notApplicable('no Python server');
    }
    const files = pythonServerFiles(facts);
    if (files.length === 0) {
      return outcome.notApplicable('no Python server code outside tests and scripts');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      if (!/\bprint/.test(file.text)) continue;
      const reported = new Set<number>();
      for (const block of pythonExceptBlocks(file)) {
        for (const stmt of block.body) {
          if (reported.has(stmt.line)) continue;
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
      const text = file.text.split('\n');
      for (const l of pythonLines(file)) {
        if (reported.has(l.line) || !PRINT_CALL.test(l.code)) continue;
        const original = text.slice(l.line - 1, l.endLine).join('\n');
        if (!ERROR_WORDS.test(original)) continue;
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
