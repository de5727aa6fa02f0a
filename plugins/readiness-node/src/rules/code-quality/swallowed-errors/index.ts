import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { isLowConfidencePath, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { isGeneratedOrMinified } from '../../../facts/generated';
import { maskSource, pythonExceptBlocks } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { goDiscards } from './go';

/** Languages with `catch (…) { }` blocks. */
const BRACE_LANGUAGES = new Set(['javascript', 'typescript', 'java', 'kotlin', 'csharp', 'php', 'swift', 'cpp']);

/** `catch`, an optional parameter list (one level of nested parentheses), an optional C# filter, an empty body. */
const EMPTY_CATCH =
  /\bcatch\b\s*(?:\((?:[^()]|\([^()]{0,200}\)){0,300}\))?\s*(?:when\s*\((?:[^()]|\([^()]{0,200}\)){0,300}\)\s*)?\{\s*\}/g;
/** A promise `.catch` whose handler does nothing. */
const EMPTY_PROMISE_CATCH =
  /\.catch\s*\(\s*(?:(?:async\s*)?(?:\(\s*[\w$]*\s*(?::\s*[\w$.<>[\]| ]{1,100})?\s*\)|[\w$]+)\s*=>\s*(?:\{\s*\}|undefined|null|void\s+0)|function\s*[\w$]*\s*\([^)]{0,200}\)\s*\{\s*\})\s*\)/g;

/** A Python statement that does nothing: `pass`, `...`, or a lone string. */
const PY_NOTHING = /^(pass|\.\.\.|[rRbBuUfF]{0,2}("""|'''|"|')\s*\2)$/;

/** Whether an `except` clause catches everything: bare, Exception, BaseException (alone or in a tuple). */
function catchesEverything(caught: string): boolean {
  const types = caught.replace(/\s+as\s+\w+\s*$/, '').replace(/[()]/g, '');
  if (!types.trim()) return true;
  return types.split(',').some(t => /^(builtins\.)?(Exception|BaseException)$/.test(t.trim()));
}

/**
 * Whether the value of the promise chain ending in the `.catch` at `offset` is used: assigned, returned, passed as
 * an argument or the body of an arrow (`const found = await fs.stat(p).catch(() => undefined)`). The handler then
 * turns the rejection into a fallback value the code goes on to check, not into silence. Read backwards from the
 * `.catch` to the start of its statement, over bracketed code.
 */
function resultIsUsed(code: string, offset: number): boolean {
  let depth = 0;
  // The statement's own text, read backwards, without what its brackets hold.
  let statement = '';
  for (let at = offset - 1; at >= 0; at--) {
    const c = code[at];
    if (c === ')' || c === ']') {
      depth++;
      continue;
    }
    if (c === '(' || c === '[') {
      if (depth === 0) return true; // an argument or an array element
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (c === ';' || c === '{' || c === '}') break;
    statement = c + statement;
  }
  return /^\s*(?:const|let|var|return|yield|export)\b|(?:^|[^=!<>])=(?!=)|=>\s*(?:await\s+)?[\w$.]*\s*$|[?:]|&&|\|\|/.test(statement);
}

/**
 * A comment that only restates what the block does (`// ignored`, `// Swallow exception`, `// do nothing`, `// Fail
 * silently`, `// Handle other exceptions`) gives no reason for ignoring the error; nor does commented-out code (a log
 * call that was switched off).
 */
const BARE_ACKNOWLEDGEMENT =
  /^(?:(?:just\s+|silently\s+|intentionally\s+)?(?:swallow(?:ed|s|ing)?|ignor(?:e|ed|es|ing)|suppress(?:ed|es)?)(?:\s+(?:the|this|any|all))?(?:\s+(?:exceptions?|errors?|it))?(?:\s+silently)?|(?:do|does)\s+nothing|nothing(?:\s+to\s+do)?|no-?op|fail(?:s)?\s+silently|silently\s+fail|handle\s+(?:(?:other|the|this)\s+)?(?:exceptions?|errors?)(?:\s+or\s+log\s+(?:the|it)(?:\s+error)?)?|todo)[.!]*$/i;

function givesNoReason(body: string): boolean {
  const lines = body
    .split('\n')
    .map(l => l.replace(/^\s*(?:\/\/+|\/\*+|\*+\/|\*|#)?/, '').replace(/\*+\/\s*$/, '').trim())
    .filter(l => l !== '');
  if (lines.length === 0) return false;
  if (lines.every(l => /;$|^[{}]$/.test(l))) return true;
  return BARE_ACKNOWLEDGEMENT.test(lines.join(' '));
}

export default defineRule({
  id: 'code-quality/swallowed-errors',
  category: 'code-quality',
  severity: 'low',
  title: 'Errors are not silently swallowed',
  description:
    'Fails on error handlers that do nothing: Python `except:` / `except Exception:` / `except BaseException:` whose body is only `pass` or `...`, and empty `catch` blocks in JavaScript, TypeScript, Java, Kotlin, C#, PHP and Swift (a block holding only a comment that says why is reported as a low-confidence note; a comment that only restates it, such as `// ignored`, `// Swallow exception` or `// do nothing`, or commented-out code, gives no reason and is reported as empty), promise `.catch(() => {})` whose result nobody uses (assigned, returned or passed on, it turns the rejection into a fallback value the code checks), and in Go an empty `if err != nil {}` or a call statement that drops the only result, an error, of a standard function or method (`json.Unmarshal(data, &v)`, `server.ListenAndServe()` on an `http.Server`; best-effort `os.Remove`/`RemoveAll`/`Setenv`/`Unsetenv` are left alone, as golangci-lint leaves them). Handlers in tests are reported with low confidence; generated, minified and copied third-party library files are skipped.',
  rationale:
    'A handler that does nothing turns a failure into silence: data is lost or left half-written, the caller believes the operation succeeded, and nobody has a log line to start from when users report it.',
  remediation:
    'Catch the specific error you expect, and at least log it with context (`logger.exception(...)`, `logger.warn({ err }, ...)`). If ignoring it is truly right, catch only that type and say why in the code, or re-throw anything else.',
  evaluate(facts) {
    const files = facts.files.filter(f => {
      const language = languageOf(f.path);
      // Generated, minified and copied third-party code is fixed upstream, not by the repository's owners.
      return (language === 'python' || language === 'go' || (language && BRACE_LANGUAGES.has(language))) && !isGeneratedOrMinified(f);
    });
    if (files.length === 0) {
      return outcome.notApplicable('no code in a language whose error handling the rule reads');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      const low = isLowConfidencePath(file.path) ? { confidence: 'low' as const } : {};
      if (languageOf(file.path) === 'python') {
        if (!/\bexcept\b/.test(file.text)) continue;
        for (const block of pythonExceptBlocks(file)) {
          if (!catchesEverything(block.caught)) continue;
          if (block.body.length === 0 || !block.body.every(s => PY_NOTHING.test(s.code))) continue;
          const clause = block.caught ? `except ${block.caught.replace(/\s+as\s+\w+$/, '')}` : 'except';
          findings.push({
            path: file.path,
            line: block.header.line,
            excerpt: lineOf(file, block.header.line),
            message: `\`${clause}: pass\` silently discards every error raised in the \`try\` block`,
            ...low,
          });
        }
        continue;
      }
      if (languageOf(file.path) === 'go') {
        for (const discard of goDiscards(facts, file)) {
          findings.push({ path: file.path, line: discard.line, excerpt: lineOf(file, discard.line), message: discard.message, ...low });
        }
        continue;
      }
      if (!/catch/.test(file.text)) continue;
      const { code } = maskSource(file);
      for (const [pattern, what] of [
        [EMPTY_CATCH, 'An empty `catch` block silently discards the error'],
        [EMPTY_PROMISE_CATCH, 'A `.catch()` handler that does nothing silently discards the rejection'],
      ] as const) {
        for (const m of code.matchAll(pattern)) {
          if (pattern === EMPTY_PROMISE_CATCH && resultIsUsed(code, m.index!)) continue;
          // A body that holds a comment says why it ignores the error: a deliberate decision, reported as a
          // low-confidence note (ESLint's no-empty accepts it).
          const open = m[0].lastIndexOf('{');
          const close = m[0].lastIndexOf('}');
          const body = open !== -1 && close > open ? file.text.slice(m.index! + open + 1, m.index! + close) : '';
          const bare = givesNoReason(body);
          const commented = /\S/.test(body) && !bare;
          const line = lineOfOffset(file, m.index! + (m[0].startsWith('.') ? 1 : 0));
          let message: string = what;
          if (commented) message = `${what}; a comment says why, so it may be deliberate`;
          else if (bare) message = `${what}; its comment only says so and gives no reason`;
          findings.push({
            path: file.path,
            line,
            excerpt: lineOf(file, line),
            message,
            ...(commented ? { confidence: 'low' as const } : low),
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
