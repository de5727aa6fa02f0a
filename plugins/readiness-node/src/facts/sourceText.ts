import { SourceFile } from '../snapshot';
import { extname, languageOf } from './paths';

/**
 * Source text with comments and string contents blanked out, so that rules
 * can search code without being fooled by text in comments or strings.
 *
 * `code` has the same length and line breaks as the original text: every
 * character of a comment, and every character between the quotes of a string
 * literal, is a space. Offsets found in `code` are valid offsets in the file.
 */
export interface MaskedSource {
  code: string;
  /** Comments in source order, with their body text (markers stripped). */
  comments: SourceComment[];
  /** 1-based lines that begin inside a multi-line string or comment. */
  continuedLines: Set<number>;
}

/** @public */
export interface SourceComment {
  /** Offset of the comment's first character in the file. */
  start: number;
  end: number;
  /** 1-based line where the comment starts. */
  line: number;
  /** The comment as written, markers included. */
  text: string;
}

interface Syntax {
  lineComments: string[];
  block?: [string, string];
  /** How a single quote behaves: a string, a character literal, or nothing special. */
  singleQuote: 'string' | 'char' | 'none';
  /** Whether `"` opens a string (in SQL it quotes an identifier). */
  doubleQuote: boolean;
  backtick: 'template' | 'raw' | 'none';
  tripleQuotes: boolean;
  regexLiterals: boolean;
}

const C_LIKE: Syntax = {
  lineComments: ['//'],
  block: ['/*', '*/'],
  singleQuote: 'char',
  doubleQuote: true,
  backtick: 'none',
  tripleQuotes: false,
  regexLiterals: false,
};

const SYNTAX_BY_LANGUAGE: Record<string, Syntax> = {
  python: {
    lineComments: ['#'],
    singleQuote: 'string',
    doubleQuote: true,
    backtick: 'none',
    tripleQuotes: true,
    regexLiterals: false,
  },
  javascript: { ...C_LIKE, singleQuote: 'string', backtick: 'template', regexLiterals: true },
  typescript: { ...C_LIKE, singleQuote: 'string', backtick: 'template', regexLiterals: true },
  java: { ...C_LIKE, tripleQuotes: true },
  kotlin: { ...C_LIKE, tripleQuotes: true },
  scala: { ...C_LIKE, tripleQuotes: true },
  csharp: { ...C_LIKE, tripleQuotes: true },
  fsharp: { ...C_LIKE, block: ['(*', '*)'], tripleQuotes: true },
  go: { ...C_LIKE, backtick: 'raw' },
  rust: C_LIKE,
  swift: { ...C_LIKE, tripleQuotes: true },
  c: C_LIKE,
  cpp: C_LIKE,
  php: { ...C_LIKE, lineComments: ['//', '#'], singleQuote: 'string' },
  ruby: {
    lineComments: ['#'],
    singleQuote: 'string',
    doubleQuote: true,
    backtick: 'raw',
    tripleQuotes: false,
    regexLiterals: false,
  },
  elixir: {
    lineComments: ['#'],
    singleQuote: 'string',
    doubleQuote: true,
    backtick: 'none',
    tripleQuotes: true,
    regexLiterals: false,
  },
};

const SQL_SYNTAX: Syntax = {
  lineComments: ['--'],
  block: ['/*', '*/'],
  singleQuote: 'string',
  doubleQuote: false,
  backtick: 'none',
  tripleQuotes: false,
  regexLiterals: false,
};

const SHELL_SYNTAX: Syntax = {
  lineComments: ['#'],
  singleQuote: 'string',
  doubleQuote: true,
  backtick: 'none',
  tripleQuotes: false,
  regexLiterals: false,
};

function syntaxOf(path: string): Syntax | undefined {
  const language = languageOf(path);
  if (language) return SYNTAX_BY_LANGUAGE[language];
  const ext = extname(path);
  if (ext === '.sql') return SQL_SYNTAX;
  if (ext === '.sh' || ext === '.bash') return SHELL_SYNTAX;
  return undefined;
}

/** Whether {@link maskSource} knows the comment and string syntax of a path. */
export function hasKnownSyntax(path: string): boolean {
  return syntaxOf(path) !== undefined;
}

const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

const cache = new WeakMap<SourceFile, MaskedSource>();

/**
 * Blanks out comments and string contents of a source file, by the syntax of
 * its language. Files of unknown syntax are returned unchanged, without
 * comments. Never throws; results are cached per file.
 */
export function maskSource(file: SourceFile): MaskedSource {
  const cached = cache.get(file);
  if (cached) return cached;
  const syntax = syntaxOf(file.path);
  const result = syntax
    ? mask(file.text, syntax)
    : { code: file.text, comments: [], continuedLines: new Set<number>() };
  cache.set(file, result);
  return result;
}

const triggerCache = new WeakMap<Syntax, RegExp>();

/** The characters at which something other than plain code may start. */
function triggersOf(syntax: Syntax): RegExp {
  let re = triggerCache.get(syntax);
  if (!re) {
    const chars = new Set<string>(["'"]);
    for (const m of syntax.lineComments) chars.add(m[0]);
    if (syntax.block) chars.add(syntax.block[0][0]);
    if (syntax.doubleQuote) chars.add('"');
    if (syntax.backtick !== 'none') chars.add('`');
    if (syntax.regexLiterals) chars.add('/');
    re = new RegExp(`[${[...chars].map(c => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`, 'g');
    triggerCache.set(syntax, re);
  }
  return re;
}

function mask(text: string, syntax: Syntax): MaskedSource {
  const n = text.length;
  const chunks: string[] = [];
  const comments: SourceComment[] = [];
  const continuedLines = new Set<number>();
  let copied = 0;
  // Line bookkeeping: `line` is the line of offset `lineAt`; positions only move forward.
  let line = 1;
  let lineAt = 0;
  const lineOfPos = (pos: number): number => {
    for (let nl = text.indexOf('\n', lineAt); nl !== -1 && nl < pos; nl = text.indexOf('\n', lineAt)) {
      line += 1;
      lineAt = nl + 1;
    }
    return line;
  };

  /** Blanks [from, to) except line breaks, and marks the lines that start inside it. */
  const blank = (from: number, to: number) => {
    const end = Math.min(to, n);
    if (end <= from) return;
    const firstBreak = text.indexOf('\n', from);
    const multiline = firstBreak !== -1 && firstBreak < end;
    chunks.push(
      text.slice(copied, from),
      multiline ? text.slice(from, end).replace(/[^\n]/g, ' ') : ' '.repeat(end - from),
    );
    copied = end;
    if (!multiline) return;
    for (let nl = firstBreak; nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
      continuedLines.add(lineOfPos(nl + 1));
    }
  };

  /** The last character of code before `pos`, skipping whitespace and comments. */
  const lastCodeChar = (pos: number): string => {
    let k = pos - 1;
    let c = comments.length - 1;
    while (k >= 0) {
      while (c >= 0 && comments[c].start > k) c -= 1;
      if (c >= 0 && k < comments[c].end) {
        k = comments[c].start - 1;
        continue;
      }
      const ch = text[k];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return ch;
      k -= 1;
    }
    return '';
  };

  const precededByKeyword = (pos: number): boolean =>
    /\b(return|typeof|case|do|else|in|of|yield|await|void|throw|delete)\s*$/.test(text.slice(Math.max(0, pos - 12), pos));

  const trigger = triggersOf(syntax);
  let i = 0;
  while (i < n) {
    trigger.lastIndex = i;
    const found = trigger.exec(text);
    if (!found) break;
    i = found.index;
    const c = text[i];
    // Line comments.
    let lineMarker: string | undefined;
    for (const m of syntax.lineComments) {
      if (text.startsWith(m, i)) {
        lineMarker = m;
        break;
      }
    }
    // `#` in PHP is also `#[Attribute]`; treat it as code.
    if (lineMarker && !(lineMarker === '#' && syntax.lineComments.includes('//') && text[i + 1] === '[')) {
      let end = text.indexOf('\n', i);
      if (end === -1) end = n;
      comments.push({ start: i, end, line: lineOfPos(i), text: text.slice(i, end) });
      blank(i, end);
      i = end;
      continue;
    }
    // Block comments.
    if (syntax.block && text.startsWith(syntax.block[0], i)) {
      const close = text.indexOf(syntax.block[1], i + syntax.block[0].length);
      const end = close === -1 ? n : close + syntax.block[1].length;
      comments.push({ start: i, end, line: lineOfPos(i), text: text.slice(i, end) });
      blank(i, end);
      i = end;
      continue;
    }
    if ((c === '"' && syntax.doubleQuote) || (c === "'" && syntax.singleQuote === 'string')) {
      const three = c === '"' ? '"""' : "'''";
      const triple = syntax.tripleQuotes && text.startsWith(three, i);
      const open = triple ? 3 : 1;
      let k = i + open;
      let closed = false;
      while (k < n) {
        const d = text[k];
        if (d === '\\') {
          k += 2;
          continue;
        }
        if (!triple && d === '\n') break;
        if (d === c && (!triple || text.startsWith(three, k))) {
          closed = true;
          break;
        }
        k += 1;
      }
      const contentEnd = Math.min(k, n);
      blank(i + open, contentEnd);
      i = closed ? contentEnd + open : contentEnd;
      continue;
    }
    if (c === "'" && syntax.singleQuote === 'char') {
      const m = /^'(\\.[^'\n]{0,8}|[^'\\\n]{1,2})'/.exec(text.slice(i, i + 14));
      if (m) {
        blank(i + 1, i + m[0].length - 1);
        i += m[0].length;
        continue;
      }
      i += 1;
      continue;
    }
    if (c === '`' && syntax.backtick !== 'none') {
      let k = i + 1;
      let depth = 0;
      while (k < n) {
        const d = text[k];
        if (syntax.backtick === 'template') {
          if (d === '\\') {
            k += 2;
            continue;
          }
          if (d === '$' && text[k + 1] === '{') {
            depth += 1;
            k += 2;
            continue;
          }
          if (depth > 0 && d === '}') depth -= 1;
        }
        if (d === '`' && depth === 0) break;
        k += 1;
      }
      blank(i + 1, Math.min(k, n));
      i = Math.min(k + 1, n);
      continue;
    }
    if (c === '/' && syntax.regexLiterals) {
      const prev = lastCodeChar(i);
      if (prev === '' || REGEX_PRECEDERS.has(prev) || precededByKeyword(i)) {
        let k = i + 1;
        let inClass = false;
        while (k < n && text[k] !== '\n') {
          const d = text[k];
          if (d === '\\') {
            k += 2;
            continue;
          }
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          k += 1;
        }
        if (k < n && text[k] === '/') {
          blank(i + 1, k);
          i = k + 1;
          continue;
        }
      }
    }
    i += 1;
  }
  chunks.push(text.slice(copied));
  return { code: chunks.join(''), comments, continuedLines };
}

/** A Python logical line: physical lines joined across brackets, backslashes and strings. */
export interface PythonLine {
  /** 1-based first physical line. */
  line: number;
  /** 1-based last physical line. */
  endLine: number;
  /** Width of the leading whitespace of the first physical line (a tab counts 8). */
  indent: number;
  /** Masked code of the whole logical line, trimmed, physical lines joined by a space. */
  code: string;
  /** Offset of the first code character in the file. */
  offset: number;
}

const pythonCache = new WeakMap<SourceFile, PythonLine[]>();

function indentWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (ch === ' ') w += 1;
    else if (ch === '\t') w += 8 - (w % 8);
    else break;
  }
  return w;
}

/**
 * The logical lines of a Python file (blank and comment-only lines left out),
 * from which the block structure can be read by indentation.
 */
export function pythonLines(file: SourceFile): PythonLine[] {
  const cached = pythonCache.get(file);
  if (cached) return cached;
  const { code, continuedLines } = maskSource(file);
  const physical = code.split('\n');
  const out: PythonLine[] = [];
  let current: PythonLine | undefined;
  let depth = 0;
  let backslash = false;
  let offset = 0;
  physical.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const text = raw.replace(/\r$/, '');
    const trimmed = text.trim();
    const continued = current !== undefined && (depth > 0 || backslash || continuedLines.has(lineNo));
    if (continued && current) {
      if (trimmed) current.code = `${current.code} ${trimmed}`.trim();
      current.endLine = lineNo;
    } else if (trimmed) {
      current = {
        line: lineNo,
        endLine: lineNo,
        indent: indentWidth(text),
        code: trimmed,
        offset: offset + (text.length - text.trimStart().length),
      };
      out.push(current);
      depth = 0;
    } else {
      current = undefined;
    }
    if (current && trimmed) {
      for (const ch of trimmed) {
        if (ch === '(' || ch === '[' || ch === '{') depth += 1;
        else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth -= 1;
      }
    }
    backslash = current !== undefined && trimmed.endsWith('\\');
    offset += raw.length + 1;
  });
  for (const l of out) l.code = l.code.replace(/\\\s/g, ' ').replace(/\\$/, '').trim();
  pythonCache.set(file, out);
  return out;
}

/** An `except` clause of a Python file and its body. @public */
export interface PythonExceptBlock {
  /** The logical line of the `except …:` header. */
  header: PythonLine;
  /** What is caught, as written (masked), e.g. `Exception as e`; empty for a bare `except:`. */
  caught: string;
  /** Statements of the body: logical lines, or the statement after the colon of a one-line clause. */
  body: Array<{ line: number; code: string }>;
}

/** Index of the colon ending a compound-statement header, at bracket depth 0. */
function headerColon(code: string): number {
  let depth = 0;
  for (let k = 0; k < code.length; k++) {
    const ch = code[k];
    if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ':' && depth === 0 && code[k + 1] !== '=') return k;
  }
  return -1;
}

/** Every `except` clause of a Python file, with the statements of its body. */
export function pythonExceptBlocks(file: SourceFile): PythonExceptBlock[] {
  const lines = pythonLines(file);
  const blocks: PythonExceptBlock[] = [];
  lines.forEach((l, idx) => {
    if (!/^except\b/.test(l.code)) return;
    const colon = headerColon(l.code);
    if (colon === -1) return;
    const caught = l.code.slice('except'.length, colon).trim().replace(/^\*\s*/, '');
    const inline = l.code.slice(colon + 1).trim();
    const body: PythonExceptBlock['body'] = [];
    if (inline) {
      for (const stmt of inline.split(';')) {
        if (stmt.trim()) body.push({ line: l.line, code: stmt.trim() });
      }
    } else {
      for (let k = idx + 1; k < lines.length && lines[k].indent > l.indent; k++) {
        body.push({ line: lines[k].line, code: lines[k].code });
      }
    }
    blocks.push({ header: l, caught, body });
  });
  return blocks;
}
