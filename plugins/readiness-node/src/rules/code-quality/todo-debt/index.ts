import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { isTestFile, languageOf, lineOf, lineOfOffset, outsideJvmPackages } from '../../../facts';
import { DOCS_SEGMENT, EXAMPLES_SEGMENT } from '../../../facts/paths';
import { isGeneratedOrMinified } from '../../../facts/generated';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome, RuleOutcome } from '../../types';

/** Data, docs and examples: their comments are not the product's debt. */
const SKIPPED = new RegExp(String.raw`(^|/)(fixtures?|__fixtures__|__mocks__|testdata|test-data|${EXAMPLES_SEGMENT}|${DOCS_SEGMENT})/`, 'i');
/** TODO, FIXME, HACK as words; XXX only as a marker (`XXX:`, `XXX fix`), not in `XXX-XXX` or `X.XXX`. */
const MARKER = /(?<![\w-])(TODO|FIXME|HACK)(?![\w-])|(?<![\w.\/-])XXX(?=[:\s(!]|$)|@todo\b/gm;
const MAX_FINDINGS = 50;

/** Whether a character code is white space or a line terminator, as `String.prototype.trim` and `\s` define them. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** How many of the `\n`-separated lines of a text hold something other than white space, without splitting it. */
function nonBlankLines(text: string): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!blank) count += 1;
      blank = true;
    } else if (blank && !isSpace(c)) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
}

export default defineRule({
  id: 'code-quality/todo-debt',
  category: 'code-quality',
  severity: 'low',
  title: 'Little TODO debt',
  description:
    'Graded: TODO, FIXME, HACK and XXX markers in code comments per 1,000 lines of code outside tests, fixtures, docs and examples, against the configured target (`todoPerKlocTarget`, 2 by default). At or below the target the rule passes; above it the score is target ÷ density. Findings list the markers (the first 50).',
  rationale:
    'Each marker is work someone knew was missing: an unhandled case, a shortcut, a known bug. Many of them in shipped code mean the gaps are piling up faster than they are closed, and nobody tracks them.',
  remediation:
    'Turn markers that matter into tracked issues (and link the issue in the comment), fix the quick ones, and delete the stale ones. Keep new markers out of the main branch unless they point to an issue.',
  evaluate(facts, settings): RuleOutcome {
    const target = settings.todoPerKlocTarget > 0 ? settings.todoPerKlocTarget : 2;
    let lines = 0;
    let markers = 0;
    const findings: Finding[] = [];
    for (const file of facts.files) {
      // Tests are measured on their own rules: a note repeated across test files is not the product's debt.
      if (!languageOf(file.path) || SKIPPED.test(outsideJvmPackages(file.path)) || isTestFile(file.path)) continue;
      // Generated, minified and copied third-party code: its markers are someone else's.
      if (isGeneratedOrMinified(file)) continue;
      const { code, comments } = maskSource(file);
      lines += nonBlankLines(code);
      for (const comment of comments) {
        for (const m of comment.text.matchAll(MARKER)) {
          markers += 1;
          if (findings.length >= MAX_FINDINGS) continue;
          const line = lineOfOffset(file, comment.start + m.index!);
          const lineEnd = comment.text.indexOf('\n', m.index!);
          const note = comment.text
            .slice(m.index!, lineEnd === -1 ? undefined : lineEnd)
            .replace(/\*\/\s*$/, '')
            .trim();
          findings.push({
            path: file.path,
            line,
            excerpt: lineOf(file, line),
            message: note.length > 120 ? `${note.slice(0, 120)}…` : note,
          });
        }
      }
    }
    if (lines === 0) {
      return outcome.notApplicable('no source code');
    }
    const density = (markers * 1000) / lines;
    const summary = `${markers} TODO/FIXME/HACK/XXX marker(s) in ${lines} lines of code: ${density.toFixed(1)} per 1,000 lines, target ${target}`;
    if (density <= target) {
      return { status: 'graded', score: 1, findings: [], message: summary };
    }
    return {
      status: 'graded',
      score: target / density,
      findings,
      message: markers > MAX_FINDINGS ? `${summary} (the first ${MAX_FINDINGS} are listed)` : summary,
    };
  },
});
