import { SourceFile } from '../snapshot';

const lineStarts = new WeakMap<SourceFile, number[]>();

function startsOf(file: SourceFile): number[] {
  let starts = lineStarts.get(file);
  if (!starts) {
    starts = [0];
    const text = file.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    lineStarts.set(file, starts);
  }
  return starts;
}

/** 1-based line of a character offset in a file, by binary search. */
export function lineOfOffset(file: SourceFile, offset: number): number {
  const starts = startsOf(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offset of the end of a 0-based line (its newline, or the end of the text). */
function endOfLine(file: SourceFile, index: number): number {
  const starts = startsOf(file);
  return index + 1 < starts.length ? starts[index + 1] - 1 : file.text.length;
}

/** The trimmed text of a 1-based line, cut to a readable length. */
export function lineOf(file: SourceFile, line: number, max = 160): string {
  const starts = startsOf(file);
  if (line < 1 || line > starts.length) return '';
  const raw = file.text.slice(starts[line - 1], endOfLine(file, line - 1)).trim();
  return raw.length > max ? `${raw.slice(0, max)}…` : raw;
}

/** @public */
export interface TextMatch {
  file: SourceFile;
  line: number;
  match: RegExpExecArray;
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * A global copy of a pattern, made once per pattern: callers' patterns keep
 * their own `lastIndex`, and the copy is compiled once rather than per file.
 */
function globalCopyOf(pattern: RegExp): RegExp {
  let re = globalCopies.get(pattern);
  if (!re) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    re = new RegExp(pattern.source, flags);
    globalCopies.set(pattern, re);
  }
  return re;
}

/**
 * Every match of a global regular expression in a file, with its line.
 * Stops after `limit` matches to bound the work on pathological files.
 */
export function matchAll(
  file: SourceFile,
  pattern: RegExp,
  limit = 200,
): TextMatch[] {
  const re = globalCopyOf(pattern);
  re.lastIndex = 0;
  const out: TextMatch[] = [];
  for (let m = re.exec(file.text); m !== null; m = re.exec(file.text)) {
    out.push({ file, line: lineOfOffset(file, m.index), match: m });
    if (out.length >= limit) break;
    if (m[0].length === 0) re.lastIndex += 1;
  }
  return out;
}

/**
 * The matches of `pattern` that start on a line holding `hint`, or on the
 * line before one (where a name and its value may sit a line apart).
 *
 * For patterns whose matches of interest always contain the hint near their
 * start (`name = "value"` where the name must be a secret-sounding one), this
 * finds every such match that {@link matchAll} finds while running the pattern
 * over a few lines instead of the whole file. Each run of candidate lines is
 * searched on its own, with one more line so a match may end past it; a
 * match is only ever reported where the pattern really matches the file.
 */
export function matchAllNear(
  file: SourceFile,
  pattern: RegExp,
  hint: RegExp,
  limit = 200,
): TextMatch[] {
  const text = file.text;
  const starts = startsOf(file);
  const re = globalCopyOf(pattern);
  const out: TextMatch[] = [];
  const searchRun = (first: number, last: number): boolean => {
    const from = starts[first];
    const acceptBefore = endOfLine(file, last) + 1;
    const slice = text.slice(from, endOfLine(file, Math.min(last + 1, starts.length - 1)));
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      if (from + m.index >= acceptBefore) break;
      m.index += from;
      out.push({ file, line: lineOfOffset(file, m.index), match: m });
      if (out.length >= limit) return false;
      if (m[0].length === 0) re.lastIndex += 1;
    }
    return true;
  };
  let runFirst = -1;
  let runLast = -1;
  for (const line of linesHolding(file, hint)) {
    const first = Math.max(0, line - 1);
    if (runLast >= 0 && first <= runLast + 1) {
      runLast = line;
      continue;
    }
    if (runLast >= 0 && !searchRun(runFirst, runLast)) return out;
    runFirst = first;
    runLast = line;
  }
  if (runLast >= 0) searchRun(runFirst, runLast);
  return out;
}

const linesHoldingCache = new WeakMap<SourceFile, Map<RegExp, number[]>>();

/** The 0-based lines of a file holding `hint`, found once per file and hint. */
export function linesHolding(file: SourceFile, hint: RegExp): number[] {
  let byHint = linesHoldingCache.get(file);
  if (!byHint) {
    byHint = new Map();
    linesHoldingCache.set(file, byHint);
  }
  let lines = byHint.get(hint);
  if (!lines) {
    lines = [];
    const text = file.text;
    const re = globalCopyOf(hint);
    re.lastIndex = 0;
    for (let h = re.exec(text); h !== null; h = re.exec(text)) {
      const line = lineOfOffset(file, h.index) - 1;
      lines.push(line);
      // The rest of this line cannot add a line.
      const end = text.indexOf('\n', h.index);
      if (end === -1) break;
      re.lastIndex = Math.max(end, h.index + 1);
    }
    byHint.set(hint, lines);
  }
  return lines;
}

/**
 * Patterns that together match wherever any of `patterns` matches: one
 * alternation per flag set (`g` and `y` dropped). A text none of them
 * matches can match none of the originals, so one search rules a file out
 * for a whole family of patterns. Named groups become plain groups (names
 * may repeat across patterns); a pattern with a backreference stays alone.
 */
export function unionOf(patterns: RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const pattern of patterns) {
    const flags = pattern.flags.replace(/[gy]/g, '');
    if (/\\[1-9]|\\k</.test(pattern.source)) {
      alone.push(new RegExp(pattern.source, flags));
      continue;
    }
    const source = `(?:${pattern.source.replace(/\(\?<(?![=!])[A-Za-z_$][\w$]*>/g, '(?:')})`;
    const sources = byFlags.get(flags) ?? [];
    sources.push(source);
    byFlags.set(flags, sources);
  }
  return [...[...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags)), ...alone];
}

/** Upper-cases the first letter of a message built from a unit label. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
