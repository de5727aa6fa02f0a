import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { isLowConfidencePath, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';

const CALL = /\b(sys\.path\.(insert|append|extend)|site\.addsitedir)\s*\(|\bsys\.path\s*(\+=|=)\s*/g;
const STRING = /(?:\b[rRbBuUfF]{1,2})?("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;
/** An absolute path: `/opt/x`, `C:\x`, `C:/x`, `\\server\share`, or a home directory `~/x`. */
const ABSOLUTE = /^(\/[\w.~-]|[A-Za-z]:[\\/]|\\\\\w|~[\\/])/;

/** The argument text of a call starting at `open` (the index of its `(`), by bracket depth. */
function argumentsAt(code: string, open: number): [number, number] {
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    const c = code[k];
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) return [open + 1, k];
    } else if (c === '\n' && depth === 0) return [open, k];
  }
  return [open + 1, code.length];
}

export default defineRule({
  id: 'code-quality/hardcoded-sys-path',
  category: 'code-quality',
  severity: 'medium',
  title: 'No hard-coded absolute import paths',
  description:
    'Fails when Python code extends the import path with an absolute path literal: `sys.path.insert(0, "/opt/app/lib")`, `sys.path.append("C:\\\\libs")`, `site.addsitedir("/srv/x")`. Paths built from `__file__` or relative paths pass.',
  rationale:
    'An absolute path ties the code to one machine layout: it breaks on every other laptop, container or CI runner, and silently imports whatever happens to live at that path on the server.',
  remediation:
    'Make the code an installable package (`pip install -e .`, a pyproject.toml with the package listed) or set `PYTHONPATH` in the environment. If a path must be added at run time, build it from the file location: `Path(__file__).resolve().parent / "lib"`.',
  evaluate(facts) {
    const files = facts.files.filter(f => languageOf(f.path) === 'python');
    if (files.length === 0) {
      return outcome.notApplicable('no Python code');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      if (!/sys\.path|addsitedir/.test(file.text)) continue;
      const { code } = maskSource(file);
      for (const m of code.matchAll(CALL)) {
        const isCall = m[0].trimEnd().endsWith('(');
        const [from, to] = isCall
          ? argumentsAt(code, m.index! + m[0].lastIndexOf('('))
          : argumentsAt(code, m.index! + m[0].length);
        const args = file.text.slice(from, to);
        const literal = [...args.matchAll(STRING)]
          .map(s => s[1].slice(1, -1))
          .find(value => ABSOLUTE.test(value.replace(/\\\\/g, '\\')));
        if (!literal) continue;
        const line = lineOfOffset(file, m.index!);
        findings.push({
          path: file.path,
          line,
          excerpt: lineOf(file, line),
          message: `The import path is extended with the absolute path \`${literal}\`, which exists only on machines laid out that way`,
          ...(isLowConfidencePath(file.path) ? { confidence: 'low' as const } : {}),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
