/**
 * Code that runs only in development: the branch of an `if` whose condition says the process runs in a
 * development environment (`if (app.Environment.IsDevelopment())`, `if (process.env.NODE_ENV !== 'production')`,
 * `if settings.DEBUG:`), or the `else` of one that says it runs in production. Read from the files' syntax trees.
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { syntaxTree } from './syntax';
import type { SyntaxNode } from './syntax';

/** A condition that holds only in development, in C#, JavaScript/TypeScript or Python. */
const DEVELOPMENT = [
  /^(?:[\w.]+\.)?IsDevelopment\(\)$/,
  /^(?:[\w.]+\.)?IsEnvironment\(\s*(?:"Development"|Environments\.Development)\s*\)$/,
  /^(?:process\.env\.NODE_ENV|process\.env\[['"]NODE_ENV['"]\])\s*!==?\s*['"]production['"]$/,
  /^['"]production['"]\s*!==?\s*process\.env\.NODE_ENV$/,
  /^(?:process\.env\.NODE_ENV|process\.env\[['"]NODE_ENV['"]\])\s*===?\s*['"](?:development|dev)['"]$/,
  /^['"](?:development|dev)['"]\s*===?\s*process\.env\.NODE_ENV$/,
  /^import\.meta\.env\.DEV$/,
  /^(?:settings\.DEBUG|app\.debug|current_app\.debug|DEBUG|app\.config\[['"]DEBUG['"]\]|current_app\.config\[['"]DEBUG['"]\])$/,
];

/** A condition that holds only in production: its `else` runs only in development. */
const PRODUCTION = [
  /^(?:[\w.]+\.)?IsProduction\(\)$/,
  /^(?:process\.env\.NODE_ENV|process\.env\[['"]NODE_ENV['"]\])\s*===?\s*['"]production['"]$/,
  /^['"]production['"]\s*===?\s*process\.env\.NODE_ENV$/,
  /^import\.meta\.env\.PROD$/,
];

function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

/** The conjuncts of a condition, or undefined when it has an alternative (`||`, `or`) anywhere. */
function conjuncts(condition: string): string[] | undefined {
  const t = unwrap(condition);
  if (/\|\||\bor\b/.test(t)) return undefined;
  return t.split(/&&|\band\b/).map(unwrap);
}

function negated(text: string): string | undefined {
  const m = /^(?:!|not\s+)(.+)$/s.exec(text);
  return m ? unwrap(m[1]) : undefined;
}

/** Whether a condition holds only in development (`when` true) or only in production (`when` false). */
function saysDevelopment(condition: string, when: boolean): boolean {
  const parts = conjuncts(condition);
  if (!parts) {
    // `a || b` is false only when both are: its `else` is development-only when one of them is production-only.
    if (when) return false;
    const t = unwrap(condition);
    return t.split(/\|\||\bor\b/).map(unwrap).some(p => saysDevelopment(p, false));
  }
  if (!when) return parts.length === 1 && saysDevelopmentPart(parts[0], false);
  return parts.some(p => saysDevelopmentPart(p, true));
}

function saysDevelopmentPart(part: string, when: boolean): boolean {
  const inner = negated(part);
  if (inner !== undefined) return saysDevelopmentPart(inner, !when);
  return (when ? DEVELOPMENT : PRODUCTION).some(re => re.test(part));
}

function contains(node: SyntaxNode | null, offset: number): boolean {
  if (!node) return false;
  const { start, end } = node.range();
  return start.index <= offset && offset < end.index;
}

/**
 * The condition of the development-only branch around a line of a file (the `if` that guards it, and its
 * line), or undefined when the line runs in every environment or the file cannot be parsed. `index`, when
 * given, is the offset in the file of the code in question; otherwise the line's first character is.
 */
export function developmentOnlyBranch(
  facts: Facts,
  file: SourceFile,
  line: number,
  index?: number,
): { line: number; condition: string } | undefined {
  const tree = syntaxTree(facts, file);
  if (!tree) return undefined;
  const lines = file.text.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  const offset =
    index ?? lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + (lines[line - 1].length - lines[line - 1].trimStart().length);
  for (const branch of tree.nodesOfKind('if_statement')) {
    if (!contains(branch, offset)) continue;
    const condition = branch.field('condition');
    if (!condition || contains(condition, offset)) continue;
    const inThen = contains(branch.field('consequence'), offset);
    const text = condition.text();
    if (inThen ? saysDevelopment(text, true) : saysDevelopment(text, false) && alternativeHolds(branch, offset)) {
      return { line: tree.lineOf(branch), condition: unwrap(text) };
    }
  }
  return undefined;
}

/** Whether an offset lies in the `else` part of an `if` (not in a nested `elif` with its own condition). */
function alternativeHolds(branch: SyntaxNode, offset: number): boolean {
  const alternatives = branch.fieldChildren('alternative');
  const alternative = alternatives.find(a => contains(a, offset));
  return !!alternative && alternative.kind() !== 'elif_clause';
}
