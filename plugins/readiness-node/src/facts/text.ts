import { SourceFile } from '../engine/snapshot';

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

/** The trimmed text of a 1-based line, cut to a readable length. */
export function lineOf(file: SourceFile, line: number, max = 160): string {
  const starts = startsOf(file);
  if (line < 1 || line > starts.length) return '';
  const start = starts[line - 1];
  const end = line < starts.length ? starts[line] - 1 : file.text.length;
  const raw = file.text.slice(start, end).trim();
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
