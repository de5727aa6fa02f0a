/**
 * Resolved values: what the constants and settings of a repository hold when
 * nobody configures anything.
 *
 * For each code file, the module-level constants and assignments and the
 * constants and fields of classes (Python, JavaScript/TypeScript, Java,
 * Kotlin, C#, Go) are read with their right-hand sides. An expression is then
 * evaluated to the literal it yields: through names bound in the same module,
 * names imported from sibling modules, class constants (`Constants.SECRET`),
 * attributes of settings objects (`settings.allowed_hosts`), and environment
 * or configuration reads, which yield their literal default (`os.getenv("X",
 * "d")`, `process.env.X || "d"`, `config("X", default=True, cast=bool)`,
 * `env.bool("X", True)`, `env_bool("X", "True")`, `"${X:d}"`,
 * `configuration.GetValue<bool>("X", true)`, `getEnv("X", "d")`…).
 *
 * Values of keys in committed configuration files (ini, properties, YAML,
 * TOML, JSON settings) are available too.
 *
 * Everything is computed on demand, per file, and cached.
 */
import { SourceFile } from '../snapshot';
import { basename, dirname, extname, isLowConfidencePath, isTestFile, joinPath, languageOf } from './paths';
import { maskSource, pythonLines } from './sourceText';
import { lineOfOffset } from './text';
import { parseYamlFile } from './yamlDoc';

/** A literal value. @public */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'null' }
  | { kind: 'list'; items: Literal[] }
  | { kind: 'object'; entries: Record<string, Literal> };

/** A constant, assignment or settings field with its right-hand side. @public */
export interface Binding {
  name: string;
  /** The class (or object) the binding belongs to; absent at module level. */
  owner?: string;
  path: string;
  /** 1-based line of the name. */
  line: number;
  /** Offset of the right-hand side in the file. */
  offset: number;
  /** The right-hand side as written. */
  expression: string;
  /** Assigned inside a condition or another block at module level (Python `if …:`), not unconditionally. */
  conditional?: boolean;
}

/** One value an expression can take when nothing is configured. @public */
export interface Resolved {
  /** The literal; absent when the expression is a read with no default (a required setting). */
  value?: Literal;
  /** The environment variable or configuration key read, when the value is its default. */
  env?: string;
  /** Where the literal (or the read) is written. */
  path: string;
  line: number;
}

/** A key of a committed configuration file. @public */
export interface ConfigValue {
  path: string;
  line: number;
  /** The key as a dotted path: `server.RunMode`, `spring.datasource.password`. */
  key: string;
  value: string;
}

/** What the engine knows of a module's bindings. */
export interface ModuleValues {
  path: string;
  language: string;
  bindings: Binding[];
  /** Local name → where it comes from. */
  imports: Map<string, ImportRef>;
  /** Modules imported with `*` (Python) or the same package (Go). */
  starImports: string[];
}

interface ImportRef {
  /** The file of the module, when found in the repository. */
  path?: string;
  /** The name in that module; absent when the whole module is imported. */
  name?: string;
  /** A whole package (Go): a directory of files. */
  dir?: string;
}

// ---------------------------------------------------------------------------
// Literals

/** Whether a literal is on: `true`, a non-zero number, `"1"`, `"true"`, `"yes"`, `"on"`. @public */
export function isTruthy(value: Literal | undefined): boolean {
  if (!value) return false;
  switch (value.kind) {
    case 'boolean':
      return value.value;
    case 'number':
      return value.value !== 0;
    case 'string':
      return /^(?:1|true|yes|on|y|t)$/i.test(value.value.trim());
    default:
      return false;
  }
}

/** Whether a literal allows everything: `"*"`, `["*"]`, `"*, https://a"`. @public */
export function holdsWildcard(value: Literal | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'string') return value.value.split(/[,\s]+/).some(part => part === '*');
  if (value.kind === 'list') return value.items.some(holdsWildcard);
  return false;
}

/** A literal as text, for messages: strings as written, lists joined. @public */
export function literalText(value: Literal | undefined): string {
  if (!value) return '';
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'boolean':
    case 'number':
      return String(value.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${value.items.map(i => (i.kind === 'string' ? `"${i.value}"` : literalText(i))).join(', ')}]`;
    default:
      return '{…}';
  }
}

const str = (value: string): Literal => ({ kind: 'string', value });

// ---------------------------------------------------------------------------
// Tokens

interface Token {
  t: 'str' | 'num' | 'id' | 'op' | 'eof';
  v: string;
  at: number;
  /** A string with interpolation (`f"{x}"`, `` `${x}` ``, `$"{x}"`): its value is unknown. */
  interpolated?: boolean;
}

const MAX_EXPRESSION = 4000;
const MAX_TOKENS = 600;

const OPERATORS = ['===', '!==', '...', '?.', '??', '?:', '==', '!=', '<=', '>=', '&&', '||', '=>', '->', '::', '!!'];

function unescape(body: string): string {
  return body.replace(/\\(u\{?[0-9a-fA-F]{1,6}\}?|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'u':
      case 'x': {
        const code = parseInt(e.slice(1).replace(/[{}]/g, ''), 16);
        return Number.isFinite(code) ? String.fromCodePoint(code) : e;
      }
      default:
        return e;
    }
  });
}

/** Tokens of an expression, in any of the supported languages. Comments are skipped. */
function tokenize(text: string, hashComments: boolean): Token[] {
  const out: Token[] = [];
  const n = Math.min(text.length, MAX_EXPRESSION);
  let i = 0;
  while (i < n && out.length < MAX_TOKENS) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\\') {
      i += 1;
      continue;
    }
    if ((hashComments && c === '#') || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    // String prefixes: Python r/b/u/f, C# @ and $.
    const prefix = /^(?:[rRbBuUfF]{1,2}|@\$?|\$@?)(?=["'])/.exec(text.slice(i, i + 4));
    if (prefix || c === '"' || c === "'" || c === '`') {
      const p = prefix ? prefix[0] : '';
      const start = i;
      const q = text[i + p.length];
      const triple = text.startsWith(q.repeat(3), i + p.length) && q !== '`';
      const open = triple ? 3 : 1;
      const raw = /[rR@]/.test(p) || q === '`';
      let k = i + p.length + open;
      let body = '';
      let closed = false;
      while (k < n) {
        const d = text[k];
        if (d === '\\' && !(raw && q !== '`')) {
          body += text.slice(k, k + 2);
          k += 2;
          continue;
        }
        if (p.includes('@') && d === '"' && text[k + 1] === '"') {
          body += '"';
          k += 2;
          continue;
        }
        if (!triple && d === '\n' && q !== '`') break;
        if (triple ? text.startsWith(q.repeat(3), k) : d === q) {
          closed = true;
          break;
        }
        body += d;
        k += 1;
      }
      // An unterminated string ends the expression.
      if (!closed) break;
      let value = raw && q !== '`' ? body : unescape(body);
      if (triple && q === '"' && /^[ \t]*\n/.test(value) && !/[fF]/.test(p)) value = value.replace(/^[ \t]*\n/, ''); // Java text blocks
      const interpolated =
        (/[fF$]/.test(p) && /\{[^}]*\}/.test(body)) || (q === '`' && body.includes('${'));
      out.push({ t: 'str', v: value, at: start, ...(interpolated ? { interpolated } : {}) });
      i = k + open;
      // C# UTF-8 literals: "…"u8
      if (text.startsWith('u8', i)) i += 2;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)[lLfFdDmMuU]?/.exec(text.slice(i, i + 40));
    if (num) {
      out.push({ t: 'num', v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 200));
    if (id) {
      out.push({ t: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const at = i;
    const op = OPERATORS.find(o => text.startsWith(o, at)) ?? c;
    out.push({ t: 'op', v: op, at: i });
    i += op.length;
  }
  out.push({ t: 'eof', v: '', at: Math.min(i, text.length) });
  return out;
}

// ---------------------------------------------------------------------------
// Expressions

type Node =
  | { k: 'lit'; lit: Literal; at: number }
  | { k: 'str'; interpolated: boolean; value: string; at: number }
  | { k: 'list'; items: Node[]; at: number }
  | { k: 'obj'; entries: Array<[string, Node]>; at: number }
  | { k: 'name'; name: string; at: number }
  | { k: 'member'; obj: Node; name: string; at: number }
  | { k: 'index'; obj: Node; index: Node; at: number }
  | { k: 'call'; fn: Node; args: Node[]; kw: Record<string, Node>; at: number }
  | { k: 'bin'; op: string; l: Node; r: Node; at: number }
  | { k: 'not'; e: Node; at: number }
  | { k: 'unknown'; at: number };

const KEYWORD_LITERALS: Record<string, Literal> = {
  True: { kind: 'boolean', value: true },
  False: { kind: 'boolean', value: false },
  true: { kind: 'boolean', value: true },
  false: { kind: 'boolean', value: false },
  None: { kind: 'null' },
  null: { kind: 'null' },
  nil: { kind: 'null' },
  undefined: { kind: 'null' },
};

/** Words that end an expression when they follow it (statement keywords). */
const STOP_WORDS = new Set(['if', 'else', 'for', 'while', 'return', 'import', 'from', 'def', 'class', 'func', 'val', 'var', 'let', 'const']);

class Parser {
  private i = 0;
  /** Expressions parsed so far: a bound on the work whatever the input. */
  private steps = 0;
  constructor(private readonly toks: Token[]) {
    if (toks[toks.length - 1]?.t !== 'eof') toks.push({ t: 'eof', v: '', at: toks[toks.length - 1]?.at ?? 0 });
  }

  private peek(offset = 0): Token {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i += 1;
    return t;
  }
  private is(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.t === 'op' || t.t === 'id') && t.v === v;
  }
  private eat(v: string): boolean {
    if (this.is(v)) {
      this.i += 1;
      return true;
    }
    return false;
  }

  parse(): Node {
    return this.expression(0);
  }

  private expression(depth: number): Node {
    if (++this.steps > 4 * MAX_TOKENS) this.i = this.toks.length - 1;
    if (depth > 40) return { k: 'unknown', at: this.peek().at };
    const at = this.peek().at;
    if ((this.is('(') || this.peek().t === 'id') && this.isArrow()) return { k: 'unknown', at };
    const first = this.or(depth);
    // Ternaries and conditional expressions: the value depends on a condition.
    if (this.is('?')) {
      this.next();
      this.expression(depth + 1);
      this.eat(':');
      this.expression(depth + 1);
      return { k: 'unknown', at };
    }
    if (this.is('if') && this.peek(1).t !== 'eof') {
      this.next();
      this.or(depth + 1);
      if (this.eat('else')) this.expression(depth + 1);
      return { k: 'unknown', at };
    }
    return first;
  }

  private isArrow(): boolean {
    // `x => …`, `(a, b) => …`, `lambda x: …`
    if (this.is('lambda')) return true;
    if (this.peek().t === 'id' && this.is('=>', 1)) return true;
    if (!this.is('(')) return false;
    let depth = 0;
    for (let k = this.i; k < this.toks.length; k++) {
      const t = this.toks[k];
      if (t.t === 'op' && t.v === '(') depth += 1;
      else if (t.t === 'op' && t.v === ')') {
        depth -= 1;
        if (depth === 0) return this.toks[k + 1]?.v === '=>';
      }
    }
    return false;
  }

  private or(depth: number): Node {
    let l = this.and(depth);
    while (this.is('or') || this.is('||') || this.is('??') || this.is('?:')) {
      const at = this.next().at;
      l = { k: 'bin', op: 'or', l, r: this.and(depth + 1), at };
    }
    return l;
  }

  private and(depth: number): Node {
    let l = this.not(depth);
    while (this.is('and') || this.is('&&')) {
      const at = this.next().at;
      l = { k: 'bin', op: 'and', l, r: this.not(depth + 1), at };
    }
    return l;
  }

  private not(depth: number): Node {
    if (this.is('not') || this.is('!')) {
      const at = this.next().at;
      return { k: 'not', e: this.not(depth + 1), at };
    }
    return this.comparison(depth);
  }

  private comparison(depth: number): Node {
    const l = this.additive(depth);
    for (const op of ['===', '!==', '==', '!=', 'in', 'is']) {
      if (this.is(op)) {
        const at = this.next().at;
        let name = op;
        if (op === 'is') name = this.eat('not') ? '!=' : '==';
        return { k: 'bin', op: name.replace(/^(===|!==)$/, m => m.slice(0, 2)), l, r: this.additive(depth + 1), at };
      }
    }
    if (this.is('not') && this.is('in', 1)) {
      const at = this.next().at;
      this.next();
      return { k: 'not', e: { k: 'bin', op: 'in', l, r: this.additive(depth + 1), at }, at };
    }
    if (this.is('<') || this.is('>') || this.is('<=') || this.is('>=')) {
      this.next();
      this.additive(depth + 1);
      return { k: 'unknown', at: l.at };
    }
    return l;
  }

  private additive(depth: number): Node {
    let l = this.unary(depth);
    while (this.is('+') || this.is('-') || this.is('*') || this.is('/') || this.is('%') || this.is('|')) {
      const op = this.next();
      l = { k: 'bin', op: op.v, l, r: this.unary(depth + 1), at: op.at };
    }
    return l;
  }

  private unary(depth: number): Node {
    if (this.is('-')) {
      const at = this.next().at;
      const e = this.unary(depth + 1);
      return e.k === 'lit' && e.lit.kind === 'number' ? { k: 'lit', lit: { kind: 'number', value: -e.lit.value }, at } : { k: 'unknown', at };
    }
    if (this.is('await') || this.is('new') || this.is('typeof')) {
      const word = this.next().v;
      const e = this.unary(depth + 1);
      return word === 'typeof' ? { k: 'unknown', at: e.at } : e;
    }
    return this.postfix(depth);
  }

  private postfix(depth: number): Node {
    let node = this.primary(depth);
    for (let guard = 0; guard < 100; guard++) {
      const t = this.peek();
      if (t.t !== 'op') break;
      if (t.v === '.' || t.v === '?.' || t.v === '::') {
        this.next();
        const name = this.peek();
        if (name.t !== 'id') break;
        this.next();
        node = { k: 'member', obj: node, name: name.v, at: node.at };
        continue;
      }
      if (t.v === '<' && this.genericArguments()) continue;
      if (t.v === '(') {
        this.next();
        const { args, kw } = this.argumentsUntil(')', depth);
        node = { k: 'call', fn: node, args, kw, at: node.at };
        continue;
      }
      if (t.v === '[') {
        this.next();
        const index = this.expression(depth + 1);
        this.skipTo(']');
        node = { k: 'index', obj: node, index, at: node.at };
        continue;
      }
      if (t.v === '!' || t.v === '!!') {
        // TypeScript non-null and Kotlin not-null assertions.
        const after = this.peek(1);
        if (after.t === 'id' || after.t === 'str' || (after.t === 'op' && after.v === '(')) break;
        this.next();
        continue;
      }
      if (t.v === '{' && node.k === 'name' && /^[A-Z]|^(?:string|int|int64|bool|byte|float64|interface)$/.test(node.name)) {
        // Composite literals: Go `[]string{"*"}`, C# `new List<string> { "*" }`, `new[] { "*" }`.
        this.next();
        const { args } = this.argumentsUntil('}', depth);
        node = { k: 'list', items: args, at: node.at };
        continue;
      }
      break;
    }
    while (this.is('as') && this.peek(1).t === 'id') {
      this.next();
      this.next();
      if (this.is('const')) this.next();
    }
    return node;
  }

  /** Skips `<T, U>` before a call: `GetValue<bool>(…)`, `get<string>(…)`. */
  private genericArguments(): boolean {
    let depth = 0;
    for (let k = this.i; k < Math.min(this.toks.length, this.i + 40); k++) {
      const t = this.toks[k];
      if (t.t === 'op' && t.v === '<') depth += 1;
      else if (t.t === 'op' && t.v === '>') {
        depth -= 1;
        if (depth === 0) {
          const after = this.toks[k + 1];
          if (after && after.t === 'op' && (after.v === '(' || after.v === '{')) {
            this.i = k + 1;
            return true;
          }
          return false;
        }
      } else if (!(t.t === 'id' || (t.t === 'op' && /^[.,?[\]]$/.test(t.v)))) return false;
    }
    return false;
  }

  private argumentsUntil(close: string, depth: number): { args: Node[]; kw: Record<string, Node> } {
    const args: Node[] = [];
    const kw: Record<string, Node> = {};
    for (let guard = 0; guard < 200; guard++) {
      if (this.eat(close) || this.peek().t === 'eof') break;
      const t = this.peek();
      const after = this.peek(1);
      if (t.t === 'id' && after.t === 'op' && (after.v === '=' || (after.v === ':' && close === ')'))) {
        this.next();
        this.next();
        kw[t.v] = this.expression(depth + 1);
      } else if (this.eat('...') || this.eat('*') || this.eat('**')) {
        this.expression(depth + 1);
      } else {
        args.push(this.expression(depth + 1));
      }
      if (!this.eat(',')) {
        this.skipTo(close);
        break;
      }
    }
    return { args, kw };
  }

  /** Skips to just past the matching closing bracket. */
  private skipTo(close: string): void {
    let depth = 0;
    for (let guard = 0; guard < MAX_TOKENS; guard++) {
      const t = this.peek();
      if (t.t === 'eof') return;
      this.next();
      if (t.t !== 'op') continue;
      if (t.v === '(' || t.v === '[' || t.v === '{') depth += 1;
      else if (t.v === ')' || t.v === ']' || t.v === '}') {
        if (depth === 0) return;
        depth -= 1;
      }
      if (depth === 0 && t.v === close) return;
    }
  }

  private primary(depth: number): Node {
    const t = this.next();
    const at = t.at;
    if (t.t === 'str') {
      let value = t.v;
      let interpolated = !!t.interpolated;
      // Adjacent literals concatenate (Python).
      while (this.peek().t === 'str') {
        const more = this.next();
        value += more.v;
        interpolated = interpolated || !!more.interpolated;
      }
      return { k: 'str', value, interpolated, at };
    }
    if (t.t === 'num') {
      const value = Number(t.v.replace(/[_lLfFdDmMuU]/g, ''));
      return Number.isFinite(value) ? { k: 'lit', lit: { kind: 'number', value }, at } : { k: 'unknown', at };
    }
    if (t.t === 'id') {
      if (t.v in KEYWORD_LITERALS) return { k: 'lit', lit: KEYWORD_LITERALS[t.v], at };
      if (STOP_WORDS.has(t.v)) return { k: 'unknown', at };
      return { k: 'name', name: t.v, at };
    }
    if (t.t === 'op' && (t.v === '(' || t.v === '[')) {
      const close = t.v === '(' ? ')' : ']';
      // Go and C# array types before a composite literal: `[]string{…}`, `new[] {…}`.
      if (t.v === '[' && this.is(']')) {
        this.next();
        // The postfix loop reads the composite literal or the conversion that follows.
        if (this.peek().t === 'id') return { k: 'name', name: this.next().v, at };
        if (this.is('{')) return { k: 'name', name: 'Array', at };
        return { k: 'list', items: [], at };
      }
      const { args } = this.argumentsUntil(close, depth);
      if (t.v === '(' && args.length === 1) return args[0];
      return { k: 'list', items: args, at };
    }
    if (t.t === 'op' && t.v === '{') return this.objectLiteral(depth, at);
    return { k: 'unknown', at };
  }

  private objectLiteral(depth: number, at: number): Node {
    const entries: Array<[string, Node]> = [];
    const items: Node[] = [];
    for (let guard = 0; guard < 200; guard++) {
      if (this.eat('}') || this.peek().t === 'eof') break;
      const key = this.peek();
      if (this.eat('...') || this.eat('**')) {
        this.expression(depth + 1);
      } else if ((key.t === 'id' || key.t === 'str' || key.t === 'num') && (this.is(':', 1) || this.is('=', 1))) {
        this.next();
        this.next();
        entries.push([key.v, this.expression(depth + 1)]);
      } else if (key.t === 'id' && (this.is(',', 1) || this.is('}', 1))) {
        this.next();
        entries.push([key.v, { k: 'name', name: key.v, at: key.at }]);
      } else if (key.t === 'op' && key.v === '[') {
        this.skipTo(']');
        this.eat(':');
        this.expression(depth + 1);
      } else {
        items.push(this.expression(depth + 1));
        if (this.is(':') || this.is('(')) {
          // A method or something else than an entry.
          this.skipTo('}');
          break;
        }
      }
      if (!this.eat(',') && !this.eat(';')) {
        this.skipTo('}');
        break;
      }
    }
    // A set literal `{"a", "b"}` reads as a list.
    if (entries.length === 0 && items.length > 0) return { k: 'list', items, at };
    return { k: 'obj', entries, at };
  }
}

function parseExpression(text: string, hashComments: boolean): Node {
  return new Parser(tokenize(text, hashComments)).parse();
}

// ---------------------------------------------------------------------------
// Bindings of a module

const PY_ASSIGN = /^(?<name>[A-Za-z_]\w*)\s*(?::\s*(?<type>[^=]+?))?\s*=(?!=)\s*/;
const PY_CLASS = /^class\s+(\w+)/;
const PY_DEF = /^(?:async\s+)?def\s/;
const PY_FROM_IMPORT = /^from\s+(\.*[\w.]*)\s+import\s+\(?\s*([^)]*)\)?$/;
const PY_IMPORT = /^import\s+([\w.]+)(?:\s+as\s+(\w+))?$/;

function pythonModule(file: SourceFile, resolver: PathResolver): ModuleValues {
  const bindings: Binding[] = [];
  const imports = new Map<string, ImportRef>();
  const starImports: string[] = [];
  const { code } = maskSource(file);
  const frames: Array<{ kind: 'class' | 'def'; name: string; indent: number; body?: number }> = [];
  for (const line of pythonLines(file)) {
    while (frames.length && line.indent <= frames[frames.length - 1].indent) frames.pop();
    const parent = frames[frames.length - 1];
    if (parent && parent.body === undefined) parent.body = line.indent;
    const cls = PY_CLASS.exec(line.code);
    if (cls) {
      frames.push({ kind: 'class', name: cls[1], indent: line.indent });
      continue;
    }
    if (PY_DEF.test(line.code)) {
      frames.push({ kind: 'def', name: '', indent: line.indent });
      continue;
    }
    const top = frames[frames.length - 1];
    if (top && top.kind === 'def') continue;
    if (frames.some(f => f.kind === 'def')) continue;
    const owner = frames.length ? frames.map(f => f.name).join('.') : undefined;
    if (!owner) {
      const from = PY_FROM_IMPORT.exec(line.code);
      if (from) {
        const target = resolver.python(file.path, from[1]);
        for (const part of from[2].split(',')) {
          const m = /^\s*(\w+|\*)(?:\s+as\s+(\w+))?\s*$/.exec(part);
          if (!m) continue;
          if (m[1] === '*') {
            if (target) starImports.push(target);
            continue;
          }
          const sub = resolver.python(file.path, `${from[1]}${from[1].endsWith('.') ? '' : '.'}${m[1]}`);
          imports.set(m[2] ?? m[1], sub && sub !== target ? { path: sub } : { path: target, name: m[1] });
        }
        continue;
      }
      const imp = PY_IMPORT.exec(line.code);
      if (imp) {
        const target = resolver.python(file.path, imp[1]);
        imports.set(imp[2] ?? imp[1].split('.')[0], imp[2] ? { path: target } : { path: resolver.python(file.path, imp[1].split('.')[0]) });
        continue;
      }
    }
    const m = PY_ASSIGN.exec(line.code);
    if (!m) continue;
    // The `=` of this statement in the file: the first one the masked code shows after the name.
    let eq = code.indexOf('=', line.offset + m.groups!.name.length);
    while (eq !== -1 && (code[eq + 1] === '=' || /[=!<>]/.test(code[eq - 1]))) eq = code.indexOf('=', eq + 2);
    if (eq === -1) continue;
    let end = eq;
    for (let l = lineOfOffset(file, eq); l <= line.endLine && end !== -1; l++) end = file.text.indexOf('\n', end + 1);
    if (end === -1) end = file.text.length;
    const conditional = line.indent > (owner ? frames[frames.length - 1].body ?? 0 : 0);
    bindings.push({
      name: m.groups!.name,
      ...(owner ? { owner } : {}),
      path: file.path,
      line: line.line,
      offset: eq + 1,
      expression: file.text.slice(eq + 1, Math.min(end, eq + 1 + MAX_EXPRESSION)),
      ...(conditional ? { conditional } : {}),
    });
  }
  return { path: file.path, language: 'python', bindings, imports, starImports };
}

/** Offsets of `{` and `}` in masked code, for the depth of any offset by binary search. */
class BraceDepth {
  private readonly opens: number[] = [];
  private readonly closes: number[] = [];
  constructor(code: string) {
    for (let i = 0; i < code.length; i++) {
      const c = code.charCodeAt(i);
      if (c === 123) this.opens.push(i);
      else if (c === 125) this.closes.push(i);
    }
  }
  private static countBefore(list: number[], offset: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  at(offset: number): number {
    return BraceDepth.countBefore(this.opens, offset) - BraceDepth.countBefore(this.closes, offset);
  }
  /** The offset of the `}` closing the `{` at `open`. */
  closing(open: number): number {
    const depth = this.at(open) + 1;
    const from = BraceDepth.countBefore(this.closes, open);
    for (let k = from; k < this.closes.length; k++) {
      if (this.at(this.closes[k]) === depth) return this.closes[k];
    }
    return Number.MAX_SAFE_INTEGER;
  }
}

interface ClassRange {
  name: string;
  open: number;
  close: number;
  depth: number;
}

const CLASS_HEADER = /\b(?:class|interface|object|enum|record|struct|trait)\s+([A-Za-z_]\w*)[^{;=]{0,400}?\{/g;

function classRanges(code: string, depth: BraceDepth): ClassRange[] {
  const out: ClassRange[] = [];
  CLASS_HEADER.lastIndex = 0;
  for (let m = CLASS_HEADER.exec(code); m !== null; m = CLASS_HEADER.exec(code)) {
    const open = m.index + m[0].length - 1;
    out.push({ name: m[1], open, close: depth.closing(open), depth: depth.at(open) });
    if (out.length >= 500) break;
  }
  return out;
}

function innermostClass(ranges: ClassRange[], offset: number): ClassRange | undefined {
  let best: ClassRange | undefined;
  for (const r of ranges) {
    if (r.open < offset && offset < r.close && (!best || r.open > best.open)) best = r;
  }
  return best;
}

/** Declarations whose right-hand side is a value, per brace language. */
const DECLARATIONS: Record<string, RegExp> = {
  javascript:
    /(?:^|[;\n{}])[ \t]*(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+|(?:(?:public|private|protected|static|readonly|declare)[ \t]+)+)(?<name>[A-Za-z_$][\w$]*)[ \t]*(?:[?!]?[ \t]*:[ \t]*[^=;\n]{1,200}?)?[ \t]*=(?![=>])/g,
  java: /(?:^|[;\n{}])[ \t]*(?:@\w+(?:\([^)\n]*\))?[ \t]+)*(?<mods>(?:(?:public|private|protected|static|final|volatile|transient)[ \t]+)+)[\w<>[\],. ?]{1,200}?[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*=(?!=)/g,
  kotlin:
    /(?:^|[;\n{}])[ \t]*(?:(?:private|public|internal|protected|const|override|lateinit)[ \t]+)*(?:val|var)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*(?::[ \t]*[\w<>?,. ]{1,200})?[ \t]*=(?!=)/g,
  csharp:
    /(?:^|[;\n{}])[ \t]*(?:\[[^\]\n]*\][ \t]*)*(?<mods>(?:(?:public|private|protected|internal|static|readonly|const|new)[ \t]+)+)[\w<>[\],. ?]{1,200}?[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*(?:\{[ \t]*get;[^}\n]*\}[ \t]*)?=(?![=>])/g,
  go: /(?:^|\n)[ \t]*(?:(?:const|var)[ \t]+)?(?<name>[A-Za-z_]\w*)[ \t]*(?:[\w.[\]*]{1,100}[ \t]*)?=(?!=)/g,
};

function braceModule(file: SourceFile, language: string, resolver: PathResolver): ModuleValues {
  const family = language === 'typescript' ? 'javascript' : language;
  const pattern = DECLARATIONS[family];
  const bindings: Binding[] = [];
  const imports = new Map<string, ImportRef>();
  const starImports: string[] = [];
  const { code } = maskSource(file);
  const depth = new BraceDepth(code);
  const classes = family === 'go' ? [] : classRanges(code, depth);
  if (pattern) {
    // Go: only inside `const (…)` / `var (…)` blocks or at top level.
    const goBlocks: Array<[number, number]> = [];
    if (family === 'go') {
      for (const m of code.matchAll(/(?:^|\n)(?:const|var)[ \t]*\(/g)) {
        const open = (m.index ?? 0) + m[0].length - 1;
        const close = code.indexOf('\n)', open);
        goBlocks.push([open, close === -1 ? code.length : close]);
      }
    }
    pattern.lastIndex = 0;
    let count = 0;
    for (let m = pattern.exec(code); m !== null && count < 2000; m = pattern.exec(code)) {
      count += 1;
      const name = m.groups!.name;
      const eq = m.index + m[0].length;
      const d = depth.at(m.index + m[0].length - 1);
      const cls = innermostClass(classes, eq);
      let owner: string | undefined;
      if (family === 'go') {
        const inBlock = goBlocks.some(([a, b]) => eq > a && eq < b);
        const declared = /\b(?:const|var)\b/.test(m[0]);
        if (d !== 0 || (!inBlock && !declared)) continue;
      } else if (cls && d === cls.depth + 1) {
        owner = cls.name;
        if (family === 'java' && !/\b(?:static|final)\b/.test(m.groups!.mods ?? '') && !/\binterface\b/.test(code.slice(Math.max(0, cls.open - 200), cls.open))) continue;
      } else if (d !== 0) {
        continue;
      }
      if (family === 'javascript' && !/\b(?:const|let|var)\b/.test(m[0]) && !owner) continue;
      const end = expressionEnd(code, eq, family);
      bindings.push({
        name,
        ...(owner ? { owner } : {}),
        path: file.path,
        line: lineOfOffset(file, m.index + m[0].indexOf(name, m[0].search(/\S/))),
        offset: eq,
        expression: file.text.slice(eq, end),
      });
    }
  }
  if (family === 'javascript') {
    // `export default {…}`, `module.exports = {…}` (as `default`) and `exports.NAME = …`.
    const exported = /(?:^|\n)[ \t]*(?:export[ \t]+default[ \t]+(?!class\b|function\b|async\b)|module\.exports[ \t]*=[ \t]*|(?:module\.)?exports\.(\w+)[ \t]*=(?!=)[ \t]*)/g;
    for (let m = exported.exec(code); m !== null; m = exported.exec(code)) {
      const eq = m.index + m[0].length;
      if (depth.at(eq) !== 0) continue;
      bindings.push({
        name: m[1] ?? 'default',
        path: file.path,
        line: lineOfOffset(file, eq),
        offset: eq,
        expression: file.text.slice(eq, expressionEnd(code, eq, family)),
      });
    }
    jsImports(file, code, resolver, imports);
  }
  if (family === 'java' || family === 'kotlin' || family === 'csharp') {
    for (const m of code.matchAll(/^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)\.(\w+)[ \t]*;?[ \t]*$/gm)) {
      imports.set(m[2], { name: m[2], path: undefined, dir: m[1] });
    }
  }
  if (family === 'go') {
    starImports.push(dirname(file.path));
    for (const m of file.text.matchAll(/(?:^|\n)[ \t]*(?:import[ \t]+)?(?:(\w+)[ \t]+)?"([\w.\-/]+)"[ \t]*(?=\n)/g)) {
      const dir = resolver.goPackage(m[2]);
      if (dir !== undefined) imports.set(m[1] ?? m[2].split('/').pop()!, { dir });
    }
  }
  return { path: file.path, language: family, bindings, imports, starImports };
}

/**
 * The text of the expression that starts at an offset of a code file: an
 * argument, a keyword argument's value, an object entry's value. It ends at
 * the first `,`, `;` or closing bracket outside brackets, or at the end of
 * the line. @public
 */
export function expressionAt(file: SourceFile, offset: number): string {
  const { code } = maskSource(file);
  return file.text.slice(offset, expressionEnd(code, offset, 'argument'));
}

/** Where a right-hand side ends: `;` or a line break outside brackets. */
function expressionEnd(code: string, from: number, family: string): number {
  let depth = 0;
  const stop = Math.min(code.length, from + MAX_EXPRESSION);
  for (let i = from; i < stop; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    } else if (depth === 0 && (c === ';' || (c === ',' && (family === 'java' || family === 'argument')))) return i;
    else if (depth === 0 && c === '\n') {
      // A line ending in an operator continues on the next.
      const before = code.slice(from, i).trimEnd();
      const after = code.slice(i + 1, i + 200).trimStart();
      if (before === '' || /[=+\-*/%&|?:,.(]$/.test(before) || /^(?:\|\||\?\?|&&|\?|:|\.(?!\.)|\+)/.test(after)) continue;
      return i;
    }
  }
  return stop;
}

function jsImports(file: SourceFile, code: string, resolver: PathResolver, imports: Map<string, ImportRef>): void {
  const text = file.text;
  const named = /\bimport\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*(['"])/g;
  for (let m = named.exec(code); m !== null; m = named.exec(code)) {
    const q = m.index + m[0].length;
    const spec = text.slice(q, text.indexOf(m[3], q));
    const target = resolver.js(file.path, spec);
    if (!target) continue;
    if (m[1]) imports.set(m[1], { path: target, name: 'default' });
    for (const part of (m[2] ?? '').split(',')) {
      const p = /^\s*(?:type\s+)?(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (p) imports.set(p[2] ?? p[1], { path: target, name: p[1] });
    }
  }
  const required = /\b(?:const|let|var)\s+(?:(\w+)|\{([^}]*)\})\s*=\s*require\(\s*(['"])/g;
  for (let m = required.exec(code); m !== null; m = required.exec(code)) {
    const q = m.index + m[0].length;
    const target = resolver.js(file.path, text.slice(q, text.indexOf(m[3], q)));
    if (!target) continue;
    if (m[1]) imports.set(m[1], { path: target });
    for (const part of (m[2] ?? '').split(',')) {
      const p = /^\s*(\w+)(?:\s*:\s*(\w+))?\s*$/.exec(part);
      if (p) imports.set(p[2] ?? p[1], { path: target, name: p[1] });
    }
  }
}

/** JSON modules larger than this are data sets, not settings. */
const MAX_JSON_MODULE = 100_000;

/** A JSON file imported by code (`require('../package.json')`): one `default` binding holding its data. */
function jsonModule(file: SourceFile): ModuleValues {
  const start = /^\uFEFF?\s*/.exec(file.text)![0].length;
  const binding: Binding = {
    name: 'default',
    path: file.path,
    line: lineOfOffset(file, start),
    offset: start,
    expression: file.text.slice(start),
  };
  return { path: file.path, language: 'javascript', bindings: [binding], imports: new Map(), starImports: [] };
}

// ---------------------------------------------------------------------------
// Paths of modules

class PathResolver {
  private readonly paths: Set<string>;
  private goModule?: { dir: string; name: string } | null;
  constructor(private readonly files: SourceFile[]) {
    this.paths = new Set(files.map(f => f.path));
  }

  python(from: string, module: string): string | undefined {
    const dots = /^\.*/.exec(module)![0].length;
    const rest = module.slice(dots).split('.').filter(Boolean).join('/');
    const bases: string[] = [];
    if (dots > 0) {
      let dir = dirname(from);
      for (let k = 1; k < dots; k++) dir = dirname(dir);
      bases.push(dir);
    } else {
      // Absolute: from the repository root or any source root above the importing file.
      const parts = dirname(from).split('/').filter(Boolean);
      for (let k = parts.length; k >= 0; k--) bases.push(parts.slice(0, k).join('/'));
    }
    for (const base of bases) {
      const stem = rest ? joinPath(base, rest) : base;
      for (const candidate of [`${stem}.py`, `${stem}/__init__.py`]) {
        if (this.paths.has(candidate)) return candidate;
      }
    }
    return undefined;
  }

  js(from: string, spec: string): string | undefined {
    let base: string;
    if (spec.startsWith('.')) base = joinPath(dirname(from), spec);
    else if (/^[@~]\//.test(spec)) base = spec.slice(2);
    else return undefined;
    const stems = spec.startsWith('.') ? [base] : [base, `src/${base}`];
    // A JSON module (`require('../package.json')`): its data, read as an object literal.
    if (/\.json$/.test(spec)) return stems.find(stem => this.paths.has(stem));
    for (const stem of stems) {
      const clean = stem.replace(/\.(js|mjs|cjs)$/, '');
      for (const ext of ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js']) {
        const candidate = `${ext === '' ? stem : clean}${ext}`;
        if (this.paths.has(candidate) && languageOf(candidate)) return candidate;
      }
    }
    return undefined;
  }

  goPackage(importPath: string): string | undefined {
    if (this.goModule === undefined) {
      this.goModule = null;
      const mod = this.files.find(f => basename(f.path) === 'go.mod' && !f.path.includes('vendor/'));
      const name = mod ? /^module\s+(\S+)/m.exec(mod.text)?.[1] : undefined;
      if (mod && name) this.goModule = { dir: dirname(mod.path), name };
    }
    const m = this.goModule;
    if (!m || !importPath.startsWith(`${m.name}/`)) return undefined;
    return joinPath(m.dir, importPath.slice(m.name.length + 1));
  }
}

// ---------------------------------------------------------------------------
// Evaluation

/** Words in a callee's name that say it reads the environment or configuration. */
const ENV_WORDS = new Set(['env', 'environ', 'environment', 'getenv', 'config', 'conf', 'cfg', 'configuration', 'setting', 'settings', 'var']);

/** Words naming a store of secrets that settings are read from. */
const SECRET_STORE_WORDS = new Set(['secrets', 'credentials', 'creds', 'vault', 'keyring']);

/** Callees whose first argument is a variable name and second its default. */
function isEnvCallee(callee: string): boolean {
  const parts = callee.split('.');
  if (/^(?:set|put|add|update|remove|delete|has|contains|register|load|read_env|exists|write|save)$/i.test(parts[parts.length - 1])) return false;
  const tail = parts.slice(-2).join(' ');
  const words = tail
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
  if (words.includes('var') && !words.includes('env')) return false;
  if (words.some(w => ENV_WORDS.has(w))) return true;
  // A lookup in a store of secrets read at start-up: `SECRETS.get("db_password", "…")`, `credentials.fetch("api_key")`.
  return parts.length >= 2 && /^(?:get|fetch)$/.test(parts[parts.length - 1]) && words.some(w => SECRET_STORE_WORDS.has(w));
}

/** Calls that return their first argument unchanged, for our purpose. */
const TRANSPARENT_CALLS = new Set([
  'str', 'String', 'bool', 'Boolean', 'int', 'float', 'Number', 'parseInt', 'parseFloat', 'SecretStr', 'Secret',
  'Field', 'bytes', 'bytearray', 'byte', 'Buffer.from', 'encode', 'GetBytes', 'getBytes', 'ToArray', 'toByteArray',
  'toCharArray', 'lower', 'upper', 'strip', 'trim', 'toLowerCase', 'toUpperCase', 'ToLower', 'ToUpper', 'Trim',
  'toString', 'ToString', 'valueOf', 'parseBoolean', 'Boolean.parseBoolean', 'Boolean.valueOf', 'strconv.ParseBool',
  'Convert.FromBase64String', 'SymmetricSecurityKey', 'SecretKeySpec', 'HMACSHA256', 'HMACSHA512',
]);

/** Calls that build a list from their arguments. */
const LIST_CALLS = new Set(['list', 'tuple', 'set', 'frozenset', 'List.of', 'Set.of', 'Arrays.asList', 'asList', 'listOf', 'setOf', 'arrayOf', 'mutableListOf', 'Collections.singletonList', 'singletonList', 'ImmutableList.of', 'Array.of', 'Stream.of']);

function dotted(node: Node): string | undefined {
  if (node.k === 'name') return node.name;
  if (node.k === 'member') {
    const obj = dotted(node.obj);
    return obj === undefined ? undefined : `${obj}.${node.name}`;
  }
  return undefined;
}

interface Context {
  index: ValueIndexImpl;
  module: ModuleValues;
  /** Offset of the expression's text in its file, for lines. */
  base: number;
  file: SourceFile;
  owner?: string;
  depth: number;
  seen: Set<string>;
  /** Evaluation steps left for the whole resolution: bounds the work on tangled code. */
  budget: { steps: number };
}

/** A top-level function of a module: its parameters and its body. */
interface FunctionDef {
  params: Array<{ name: string; default?: { text: string; offset: number } }>;
  /** The body, masked (comments and string contents blanked). */
  body: string;
}

/**
 * A function of the project that reads the environment variable its first parameter names and hands back
 * the argument of another parameter when the variable is unset: `def envbool(s, default): v = os.getenv(s,
 * default=default) …`, `function envOr(name, fallback) { return process.env[name] ?? fallback }`.
 */
interface EnvHelper {
  /** The parameter that holds the fallback, with its position and its own default. */
  fallback?: { index: number; name: string; default?: { text: string; offset: number } };
}

/** How a function body reads the variable its parameter `p` names, per language family. */
function readsVariableOf(family: string, p: string): RegExp | undefined {
  if (family === 'python') return new RegExp(`\\b(?:os\\.getenv|os\\.environ\\.get|getenv|environ\\.get)\\(\\s*${p}\\s*[,)]|\\bos\\.environ\\[\\s*${p}\\s*\\]`);
  if (family === 'javascript') return new RegExp(`\\bprocess\\.env\\[\\s*${p}\\s*\\]|\\bDeno\\.env\\.get\\(\\s*${p}\\s*\\)`);
  if (family === 'go') return new RegExp(`\\bos\\.(?:Getenv|LookupEnv)\\(\\s*${p}\\s*\\)`);
  return undefined;
}

/** Whether a function body hands parameter `q` back as the value when the variable is unset. */
function fallsBackTo(family: string, body: string, name: string, q: string): boolean {
  if (family === 'python') {
    return new RegExp(`\\(\\s*${name}\\s*,\\s*(?:default\\s*=\\s*)?${q}\\s*\\)|\\breturn\\s+${q}\\s*$|\\bor\\s+${q}\\b`, 'm').test(body);
  }
  if (family === 'javascript') return new RegExp(`(?:\\|\\||\\?\\?|[?:]|\\breturn)\\s*${q}\\b(?!\\s*[.(\\[])`).test(body);
  return new RegExp(`\\breturn\\s+${q}\\s*(?:$|[;}])`, 'm').test(body);
}

/** The parameters of a parameter list as written: names (Go's `a, b string` included) and literal defaults. */
function parameterList(text: string, offset: number, family: string): FunctionDef['params'] {
  const out: FunctionDef['params'] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth += 1;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth -= 1;
    else if ((c === ',' && depth === 0) || i === text.length) {
      const part = text.slice(start, i);
      const m = /^\s*([A-Za-z_$][\w$]*)/.exec(part);
      if (!m) return out;
      const eq = family === 'go' ? -1 : part.indexOf('=');
      const raw = eq === -1 ? '' : part.slice(eq + 1);
      const def = raw.trim() ? { text: raw.trim(), offset: offset + start + eq + 1 + (raw.length - raw.trimStart().length) } : undefined;
      out.push({ name: m[1], ...(def ? { default: def } : {}) });
      start = i + 1;
    }
  }
  return out;
}

/** The closing parenthesis that matches the one at `open`, in masked code. */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < Math.min(code.length, open + 2000); i++) {
    if (code[i] === '(') depth += 1;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Top-level functions of a code file, by name. */
function functionsOf(file: SourceFile, family: string): Map<string, FunctionDef> {
  const out = new Map<string, FunctionDef>();
  const { code } = maskSource(file);
  const add = (name: string, open: number, bodyStart: number, bodyEnd: number) => {
    const close = closingParen(code, open);
    // A later definition replaces an earlier one (Python's `@overload` stubs come before the function).
    if (close === -1) return;
    out.set(name, { params: parameterList(file.text.slice(open + 1, close), open + 1, family), body: code.slice(bodyStart, Math.min(bodyEnd, bodyStart + 3000)) });
  };
  if (family === 'python') {
    const lines = pythonLines(file);
    lines.forEach((line, i) => {
      const m = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/.exec(line.code);
      if (!m || line.indent !== 0) return;
      const open = code.indexOf('(', line.offset);
      const end = lines.slice(i + 1).find(l => l.indent <= line.indent);
      add(m[1], open, open, end ? end.offset : code.length);
    });
    return out;
  }
  const depth = new BraceDepth(code);
  const header =
    family === 'go'
      ? /(?:^|\n)func[ \t]+([A-Za-z_]\w*)[ \t]*\(/g
      : /(?:^|\n)[ \t]*(?:export[ \t]+)?(?:(?:async[ \t]+)?function[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?:<[^>()]*>)?[ \t]*\(|(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]+)?=[ \t]*(?:async[ \t]*)?\()/g;
  for (const m of code.matchAll(header)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    if (depth.at(open) !== 0 || out.size >= 500) continue;
    const close = closingParen(code, open);
    if (close === -1) continue;
    const after = /^[^{;\n]*?(=>)?[ \t]*(\{)?/.exec(code.slice(close + 1, close + 300));
    if (family === 'javascript' && !m[1] && !after?.[1]) continue;
    const brace = after?.[2] ? close + 1 + after[0].length - 1 : -1;
    if (brace !== -1) add(m[1] ?? m[2], open, brace, depth.closing(brace));
    else if (after?.[1]) add(m[1] ?? m[2], open, close + 1, expressionEnd(code, close + 1 + after[0].length, family));
  }
  return out;
}

/** Whether a function reads the variable its first parameter names, and which parameter it falls back to. */
function envHelperOf(fn: FunctionDef, family: string): EnvHelper | undefined {
  const name = fn.params[0]?.name;
  if (!name) return undefined;
  const reads = readsVariableOf(family, name.replace(/\$/g, '\\$'));
  if (!reads?.test(fn.body) || !/\breturn\b|=>/.test(fn.body)) return undefined;
  const index = fn.params.findIndex((p, i) => i > 0 && fallsBackTo(family, fn.body, name.replace(/\$/g, '\\$'), p.name.replace(/\$/g, '\\$')));
  if (index === -1) return {};
  const p = fn.params[index];
  return { fallback: { index, name: p.name, ...(p.default ? { default: p.default } : {}) } };
}

/** Steps one resolution may take, across every name it follows. */
const STEP_BUDGET = 3000;
/** Values kept per name or expression. */
const MAX_VALUES = 16;

/** An evaluation result: literal values, or env reads without defaults. */
type Value = Resolved;

class ValueIndexImpl {
  private readonly byPath: Map<string, SourceFile>;
  private readonly modules = new Map<string, ModuleValues | null>();
  readonly resolver: PathResolver;
  private fieldIndex?: Map<string, Binding[]>;
  /** Values of names already followed, and the names being followed now (cycles). */
  private readonly lookups = new Map<string, Value[]>();
  private readonly resolving = new Set<string>();
  private configIndex?: ConfigValue[];
  /** Expressions already parsed, by comment style and text: an index lives for one audit. */
  private readonly parsed = new Map<string, Node>();
  /** Top-level functions by file, and the environment helpers calls name, by module and callee. */
  private readonly functions = new Map<string, Map<string, FunctionDef>>();
  private readonly helpers = new Map<string, { helper: EnvHelper; file?: SourceFile } | null>();

  constructor(readonly files: SourceFile[]) {
    this.byPath = new Map(files.map(f => [f.path, f]));
    this.resolver = new PathResolver(files);
  }

  file(path: string): SourceFile | undefined {
    return this.byPath.get(path);
  }

  parse(text: string, hashComments: boolean): Node {
    const key = `${hashComments ? '#' : '/'}${text}`;
    let node = this.parsed.get(key);
    if (!node) {
      node = parseExpression(text, hashComments);
      if (this.parsed.size >= 20_000) this.parsed.clear();
      this.parsed.set(key, node);
    }
    return node;
  }

  module(path: string): ModuleValues | undefined {
    let m = this.modules.get(path);
    if (m === undefined) {
      const file = this.byPath.get(path);
      const language = languageOf(path);
      m = null;
      if (file && path.endsWith('.json') && file.text.length <= MAX_JSON_MODULE) m = jsonModule(file);
      else if (file && language && file.text.length <= 1_000_000) {
        if (language === 'python') m = pythonModule(file, this.resolver);
        else if (['javascript', 'typescript', 'java', 'kotlin', 'csharp', 'go', 'scala'].includes(language)) {
          m = braceModule(file, language === 'scala' ? 'java' : language, this.resolver);
        }
      }
      this.modules.set(path, m);
    }
    return m ?? undefined;
  }

  resolveExpression(path: string, offset: number, expression: string, owner?: string): Value[] {
    const module = this.module(path);
    const file = this.byPath.get(path);
    if (!module || !file) return [];
    const ctx: Context = { index: this, module, base: offset, file, owner, depth: 0, seen: new Set(), budget: { steps: STEP_BUDGET } };
    return this.evalNode(this.parse(expression, module.language === 'python'), ctx);
  }

  valueOf(binding: Binding): Value[] {
    return this.resolveExpression(binding.path, binding.offset, binding.expression, binding.owner);
  }

  private at(ctx: Context, node: Node): { path: string; line: number } {
    return { path: ctx.file.path, line: lineOfOffset(ctx.file, ctx.base + node.at) };
  }

  private evalNode(node: Node, ctx: Context): Value[] {
    if (ctx.depth > 12 || ctx.budget.steps-- <= 0) return [];
    return this.evalNodeUnbounded(node, ctx).slice(0, MAX_VALUES);
  }

  private evalNodeUnbounded(node: Node, ctx: Context): Value[] {
    switch (node.k) {
      case 'lit':
        return [{ value: node.lit, ...this.at(ctx, node) }];
      case 'str': {
        if (node.interpolated) return [];
        const placeholder = /^\$\{([\w.-]+)(?::([^}]*))?\}$/.exec(node.value);
        if (placeholder) {
          return [{ env: placeholder[1], ...(placeholder[2] !== undefined ? { value: str(placeholder[2]) } : {}), ...this.at(ctx, node) }];
        }
        return [{ value: str(node.value), ...this.at(ctx, node) }];
      }
      case 'list': {
        const items: Literal[] = [];
        for (const item of node.items.slice(0, 100)) {
          const v = this.evalNode(item, this.deeper(ctx))[0];
          if (v?.value) items.push(v.value);
        }
        return [{ value: { kind: 'list', items }, ...this.at(ctx, node) }];
      }
      case 'obj': {
        const entries: Record<string, Literal> = {};
        for (const [key, value] of node.entries.slice(0, 100)) {
          const v = this.evalNode(value, this.deeper(ctx))[0];
          if (v?.value) entries[key] = v.value;
        }
        return [{ value: { kind: 'object', entries }, ...this.at(ctx, node) }];
      }
      case 'name':
      case 'member':
        return this.evalReference(node, ctx);
      case 'index': {
        const receiver = dotted(node.obj);
        const key = node.index.k === 'str' ? node.index.value : undefined;
        if (receiver && key && (/^(?:process\.env|os\.environ|ENV|import\.meta\.env)$/.test(receiver) || isEnvCallee(receiver))) {
          return [{ env: key, ...this.at(ctx, node) }];
        }
        if (key === undefined) return [];
        return this.evalNode(node.obj, this.deeper(ctx)).flatMap(v =>
          v.value?.kind === 'object' && key in v.value.entries ? [{ ...v, value: v.value.entries[key] }] : [],
        );
      }
      case 'call':
        return this.evalCall(node, ctx);
      case 'bin':
        return this.evalBinary(node, ctx);
      case 'not':
        return this.evalNode(node.e, this.deeper(ctx)).flatMap(v =>
          v.value ? [{ ...v, value: { kind: 'boolean', value: !isSet(v.value) } as Literal }] : [],
        );
      default:
        return [];
    }
  }

  private deeper(ctx: Context): Context {
    return { ...ctx, depth: ctx.depth + 1 };
  }

  private evalBinary(node: Extract<Node, { k: 'bin' }>, ctx: Context): Value[] {
    const inner = this.deeper(ctx);
    if (node.op === 'or') {
      const left = this.evalNode(node.l, inner);
      const right = () => this.evalNode(node.r, inner);
      if (left.length === 0) {
        // An unknown left side (a setting read some other way): the right side is its default.
        const name = dotted(node.l) ?? (node.l.k === 'call' ? dotted(node.l.fn) : undefined);
        return right().map(v => (v.env || !name ? v : { ...v, env: name }));
      }
      return left.flatMap(v => {
        if (!v.value) return right().map(r => ({ ...r, env: v.env ?? r.env }));
        return isSet(v.value) ? [v] : right().map(r => ({ ...r, env: v.env ?? r.env }));
      });
    }
    if (node.op === '==' || node.op === '!=' || node.op === 'in') {
      const left = this.evalNode(node.l, inner);
      const right = this.evalNode(node.r, inner);
      const out: Value[] = [];
      for (const l of left) {
        for (const r of right) {
          if (!l.value || !r.value) continue;
          let result: boolean;
          if (node.op === 'in') {
            if (r.value.kind === 'list') result = r.value.items.some(i => sameLiteral(i, l.value!));
            else if (r.value.kind === 'string' && l.value.kind === 'string') result = r.value.value.includes(l.value.value);
            else continue;
          } else {
            result = sameLiteral(l.value, r.value) === (node.op === '==');
          }
          out.push({ ...l, env: l.env ?? r.env, value: { kind: 'boolean', value: result } });
        }
      }
      return out;
    }
    if (node.op === '+') {
      const left = this.evalNode(node.l, inner)[0];
      const right = this.evalNode(node.r, inner)[0];
      if (left?.value?.kind === 'string' && right?.value?.kind === 'string') {
        return [{ ...left, value: str(left.value.value + right.value.value) }];
      }
      if (left?.value?.kind === 'number' && right?.value?.kind === 'number') {
        return [{ ...left, value: { kind: 'number', value: left.value.value + right.value.value } }];
      }
    }
    return [];
  }

  private evalCall(node: Extract<Node, { k: 'call' }>, ctx: Context): Value[] {
    const inner = this.deeper(ctx);
    const callee = dotted(node.fn);
    const first = node.args[0];
    const firstName = first?.k === 'str' && !first.interpolated ? first.value : undefined;
    // Method calls on an expression: `"x".getBytes()`, `os.getenv("X", "d").lower()`, `s.split(",")`.
    if (node.fn.k === 'member' && !callee) {
      const method = node.fn.name;
      const receiver = this.evalNode(node.fn.obj, inner);
      if (TRANSPARENT_CALLS.has(method)) return receiver.map(v => transform(v, method));
      if (method === 'split' && firstName !== undefined) {
        return receiver.map(v => (v.value?.kind === 'string' ? { ...v, value: { kind: 'list', items: v.value.value.split(firstName).map(s => str(s.trim())) } as Literal } : v));
      }
      // Per-item cleanup of a list (`.map(o => o.trim())`, `.filter(Boolean)`) keeps what the list allows.
      if ((method === 'map' || method === 'filter') && node.args.length === 1) {
        const callback = ctx.file.text.slice(ctx.base + node.args[0].at, ctx.base + node.args[0].at + 200);
        if (keepsItems(method, callback)) return receiver.filter(v => v.value?.kind === 'list');
        return [];
      }
      if (method === 'orElse' || method === 'getOrDefault' || method === 'GetValueOrDefault') {
        const fallback = this.evalNode(node.args[node.args.length - 1] ?? { k: 'unknown', at: 0 }, inner);
        return fallback.map(v => ({ ...v, env: receiver[0]?.env ?? v.env }));
      }
      return [];
    }
    if (!callee) return [];
    const last = callee.split('.').pop()!;
    // `SECRET.getBytes()`, `KEY.trim()`: a method of a named value that returns it.
    if (node.fn.k === 'member' && node.args.length === 0 && TRANSPARENT_CALLS.has(last)) {
      return this.evalNode(node.fn.obj, inner).map(v => transform(v, last));
    }
    if (LIST_CALLS.has(callee) || LIST_CALLS.has(last)) {
      if (node.args.length === 1 && ['list', 'tuple', 'set', 'frozenset'].includes(callee)) return this.evalNode(node.args[0], inner);
      return this.evalNode({ k: 'list', items: node.args, at: node.at }, ctx);
    }
    // Environment and configuration reads: `os.getenv("X", "d")`, `env.bool("X", default=True)`, `config("X", default="d")`.
    if (firstName !== undefined && /^[A-Za-z_][\w.:-]{0,100}$/.test(firstName)) {
      const envCall =
        /^(?:os\.getenv|getenv|os\.environ\.get|environ\.get|os\.environ\.setdefault|System\.getenv|os\.Getenv|Environment\.GetEnvironmentVariable|ENV\.fetch|Deno\.env\.get|System\.getProperty)$/.test(callee) ||
        isEnvCallee(callee);
      if (envCall) {
        const fallbackNode = node.kw.default ?? node.kw.defaultValue ?? node.args[1];
        const at = this.at(ctx, node);
        if (!fallbackNode) return [{ env: firstName, ...at }];
        const fallback = this.evalNode(fallbackNode, inner);
        if (fallback.length === 0) return [{ env: firstName, ...at }];
        return fallback.map(v => ({ ...v, env: firstName }));
      }
      // A helper of the project that reads the variable its first parameter names: `envbool("DEBUG", "True")`.
      const helper = this.envHelper(ctx.module, callee);
      if (helper) {
        const at = this.at(ctx, node);
        const fb = helper.helper.fallback;
        const argument = fb ? (node.kw[fb.name] ?? node.args[fb.index]) : undefined;
        let fallback: Value[] = [];
        if (argument) fallback = this.evalNode(argument, inner);
        else if (fb?.default && helper.file) {
          // The helper's own default for the parameter, read where the helper is written.
          const module = this.module(helper.file.path);
          if (module) {
            const sub: Context = { ...inner, module, file: helper.file, base: fb.default.offset, owner: undefined };
            fallback = this.evalNode(this.parse(fb.default.text, module.language === 'python'), sub);
          }
        }
        if (fallback.length === 0) return [{ env: firstName, ...at }];
        return fallback.map(v => ({ ...v, env: firstName }));
      }
    }
    if (TRANSPARENT_CALLS.has(callee) || TRANSPARENT_CALLS.has(last)) {
      const argument = node.kw.default ?? first;
      if (!argument) return [];
      return this.evalNode(argument, inner).map(v => transform(v, last));
    }
    return [];
  }

  /** The project's helper a call names, if it reads the variable its first parameter names. */
  private envHelper(module: ModuleValues, callee: string): { helper: EnvHelper; file?: SourceFile } | undefined {
    const key = `${module.path}#${callee}`;
    if (this.helpers.has(key)) return this.helpers.get(key) ?? undefined;
    let found: { helper: EnvHelper; file?: SourceFile } | null = null;
    const inFile = (path: string | undefined, name: string): boolean => {
      const file = path === undefined ? undefined : this.byPath.get(path);
      const family = file && this.module(file.path)?.language;
      if (!file || !family || isTestFile(file.path)) return false;
      let fns = this.functions.get(file.path);
      if (!fns) {
        fns = readsVariableOf(family, 'x') ? functionsOf(file, family) : new Map();
        this.functions.set(file.path, fns);
      }
      const fn = fns.get(name);
      const helper = fn && envHelperOf(fn, family);
      if (helper) found = { helper, file };
      return !!fn;
    };
    const inDir = (dir: string, name: string) =>
      this.files.some(f => dirname(f.path) === dir && f.path.endsWith('.go') && !f.path.endsWith('_test.go') && inFile(f.path, name));
    const parts = callee.split('.');
    if (parts.length === 1) {
      const name = parts[0];
      if (!inFile(module.path, name)) {
        const ref = module.imports.get(name);
        if (ref?.path && ref.name) inFile(ref.path, ref.name);
        else if (!ref) {
          for (const star of module.starImports) {
            if (module.language === 'go' ? inDir(star, name) : inFile(star, name)) break;
          }
        }
      }
    } else if (parts.length === 2) {
      const ref = module.imports.get(parts[0]);
      if (ref?.path && !ref.name) inFile(ref.path, parts[1]);
      else if (ref?.dir !== undefined && !ref.path && !ref.name) inDir(ref.dir, parts[1]);
    }
    this.helpers.set(key, found);
    return found ?? undefined;
  }

  private evalReference(node: Node, ctx: Context): Value[] {
    const path = dotted(node);
    if (!path) {
      // A member of something else: `get_settings().x`, `foo()["a"].b`.
      if (node.k !== 'member') return [];
      return this.evalNode(node.obj, this.deeper(ctx)).flatMap(v =>
        v.value?.kind === 'object' && node.name in v.value.entries ? [{ ...v, value: v.value.entries[node.name] }] : [],
      );
    }
    // Environment objects.
    const env = /^(?:process\.env|import\.meta\.env)\.([A-Za-z_]\w*)$/.exec(path);
    if (env) return [{ env: env[1], ...this.at(ctx, node) }];
    const parts = path.split('.');
    return this.lookup(ctx.module, parts, ctx, ctx.owner);
  }

  /** The values a dotted name takes in a module. */
  private lookup(module: ModuleValues, parts: string[], ctx: Context, owner?: string): Value[] {
    const key = `${module.path}#${module.starImports.length}#${owner ?? ''}#${parts.join('.')}`;
    if (ctx.seen.has(key) || ctx.depth > 12 || this.resolving.has(key)) return [];
    const memo = this.lookups.get(key);
    if (memo) return memo;
    this.resolving.add(key);
    try {
      const values = this.lookupUncached(module, parts, ctx, owner, key).slice(0, MAX_VALUES);
      // A result cut short by the step budget is not the whole answer: keep it out of the cache.
      if (ctx.budget.steps > 0) this.lookups.set(key, values);
      return values;
    } finally {
      this.resolving.delete(key);
    }
  }

  private lookupUncached(module: ModuleValues, parts: string[], ctx: Context, owner: string | undefined, key: string): Value[] {
    const seen = new Set(ctx.seen).add(key);
    const member = (values: Value[], path: string[]): Value[] => {
      let out = values;
      for (const p of path) {
        out = out.flatMap(v => (v.value?.kind === 'object' && p in v.value.entries ? [{ ...v, value: v.value.entries[p] }] : []));
      }
      return out;
    };
    const next = (m: ModuleValues, b: Binding, path: string[] = []): Value[] => {
      const file = this.byPath.get(m.path)!;
      const sub: Context = { index: this, module: m, base: b.offset, file, owner: b.owner, depth: ctx.depth + 1, seen, budget: ctx.budget };
      let node = this.parse(b.expression, m.language === 'python');
      // Walk object literals as written, so that each value keeps its own line.
      let k = 0;
      for (; k < path.length && node.k === 'obj'; k++) {
        const wanted = path[k];
        const entry = findLast(node.entries, ([entryKey]) => entryKey === wanted);
        if (!entry) return [];
        node = entry[1];
      }
      return member(this.evalNode(node, sub), path.slice(k));
    };
    const [head, ...rest] = parts;
    const self = head === 'self' || head === 'this' || head === 'cls';
    const name = self ? rest[0] : head;
    const tail = self ? rest.slice(1) : rest;
    if (!name) return [];
    // In the enclosing class first, then at module level (the last assignment wins).
    const bindings = module.bindings;
    // An unconditional assignment is the default; one inside an `if` block only when there is no other.
    const pick = (test: (b: Binding) => boolean) => findLast(bindings, b => test(b) && !b.conditional) ?? findLast(bindings, test);
    if (owner) {
      const inClass = pick(b => b.name === name && b.owner === owner);
      if (inClass) return next(module, inClass, tail);
    }
    if (!self) {
      const local = pick(b => b.name === name && !b.owner);
      if (local) {
        const values = next(module, local, tail);
        if (values.length) return values;
      }
      // A class of this module: `Config.SECRET`.
      if (tail.length >= 1) {
        const inNamedClass = findLast(bindings, b => b.name === tail[0] && b.owner !== undefined && b.owner.split('.').pop() === name);
        if (inNamedClass) return next(module, inNamedClass);
      }
      const imported = module.imports.get(name);
      if (imported) {
        const values = this.viaImport(imported, tail, ctx, seen);
        if (values.length) return values;
      }
      for (const star of module.starImports) {
        if (module.language === 'go') {
          const values = this.inPackage(star, [name, ...tail], ctx, seen, module.path);
          if (values.length) return values;
          continue;
        }
        const target = this.module(star);
        if (target && target.path !== module.path) {
          const values = this.lookup(target, [name, ...tail], { ...ctx, seen }, undefined);
          if (values.length) return values;
        }
      }
    }
    // `settings.allowed_hosts`, `self.secret`, `AppConfig.SECRET`: fields of settings classes anywhere.
    let field: string | undefined;
    if (self) field = name;
    else if (tail.length === 1) field = tail[0];
    if (!field) return [];
    return this.fieldCandidates(module.language, field, self ? undefined : name, module.path)
      .filter(b => !(b.path === module.path && b.owner === owner && owner !== undefined && !self))
      .flatMap(b => next(this.module(b.path)!, b));
  }

  private viaImport(ref: ImportRef, tail: string[], ctx: Context, seen: Set<string>): Value[] {
    const sub = { ...ctx, seen, depth: ctx.depth + 1 };
    if (ref.dir !== undefined && ref.path === undefined && !ref.name) return tail.length ? this.inPackage(ref.dir, tail, sub) : [];
    if (ref.dir !== undefined && ref.name) {
      // A JVM import of a class (its constants), or a static import of one constant.
      if (tail.length === 1) return this.classConstant(ref.name, tail[0], sub);
      if (tail.length === 0) return this.classConstant(ref.dir.split('.').pop() ?? '', ref.name, sub);
      return [];
    }
    if (!ref.path) return [];
    const target = this.module(ref.path);
    if (!target) return [];
    const parts = ref.name ? [ref.name, ...tail] : tail;
    if (parts.length === 0) return [];
    const values = this.lookup(target, parts, sub, undefined);
    // `const config = require('./config')` reads the members of its `module.exports`.
    if (values.length === 0 && !ref.name && target.language === 'javascript') return this.lookup(target, ['default', ...tail], sub, undefined);
    // A JSON module holds its data in `default`: `const { name } = require('./package.json')` reads one of its keys.
    if (values.length === 0 && ref.name && ref.name !== 'default' && target.path.endsWith('.json')) {
      return this.lookup(target, ['default', ...parts], sub, undefined);
    }
    return values;
  }

  /** A name of a Go package (a directory): its constants and variables. */
  private inPackage(dir: string, parts: string[], ctx: Context, seen?: Set<string>, except?: string): Value[] {
    const files = this.files.filter(f => dirname(f.path) === dir && f.path.endsWith('.go') && f.path !== except && !f.path.endsWith('_test.go'));
    for (const f of files) {
      const target = this.module(f.path);
      if (!target || !target.bindings.some(b => b.name === parts[0])) continue;
      const values = this.lookup({ ...target, starImports: [] }, parts, { ...ctx, seen: seen ?? ctx.seen }, undefined);
      if (values.length) return values;
    }
    return [];
  }

  private classConstant(cls: string, name: string, ctx: Context): Value[] {
    return this.fieldCandidates(ctx.module.language, name, cls, ctx.module.path).flatMap(b => {
      const m = this.module(b.path)!;
      return this.lookup(m, [name], { ...ctx, depth: ctx.depth + 1 }, b.owner);
    });
  }

  /**
   * Bindings named `field` in classes of the same language (outside tests),
   * and module-level settings of that name when the receiver is a settings
   * object. With a class name, only that class.
   */
  fieldCandidates(language: string, field: string, receiver: string | undefined, from: string): Binding[] {
    if (!this.fieldIndex) this.fieldIndex = new Map();
    const key = `${language}#${field}`;
    let list = this.fieldIndex.get(key);
    if (!list) {
      list = [];
      const pattern = new RegExp(`\\b${field.replace(/\$/g, '\\$')}\\b`);
      for (const file of this.files) {
        if (list.length >= 50) break;
        const lang = languageOf(file.path);
        let family = lang;
        if (lang === 'typescript') family = 'javascript';
        else if (lang === 'scala') family = 'java';
        if (family !== language || isTestFile(file.path) || !pattern.test(file.text)) continue;
        const m = this.module(file.path);
        if (m) list.push(...m.bindings.filter(b => b.name === field));
      }
      this.fieldIndex.set(key, list);
    }
    const classNamed = receiver && /^[A-Z]/.test(receiver);
    const settingsWord = /settings|config|conf\b|cfg|options|env/i;
    return list.filter(b => {
      if (classNamed) return b.owner !== undefined && b.owner.split('.').pop() === receiver;
      // An instance: `self.x` in any class, `settings.x` in settings classes.
      if (b.owner) return !isDevelopmentName(b.owner) && (receiver === undefined || settingsWord.test(receiver) || settingsWord.test(b.owner));
      // A module-level setting counts for a settings object (`settings.DEBUG`) in settings modules.
      return b.path !== from && receiver !== undefined && /settings|config|conf/i.test(receiver) && /(^|\/)(settings|config|conf)[^/]*(\/|\.py$)/i.test(b.path);
    });
  }

  configFile(path: string): ConfigValue[] {
    if (!this.configIndex) this.configIndex = this.files.filter(isConfigFile).flatMap(configEntries);
    return this.configIndex.filter(c => c.path === path);
  }

  configValues(key: string): ConfigValue[] {
    if (!this.configIndex) this.configIndex = this.files.filter(isConfigFile).flatMap(configEntries);
    const dottedQuery = key.includes('.');
    const wanted = normalizeKey(key);
    return this.configIndex.filter(c => {
      const k = dottedQuery ? normalizeKey(c.key) : normalizeKey(c.key.split('.').pop() ?? c.key);
      return k === wanted;
    });
  }
}

/** An arrow callback's parameter and body: `(o) => …`, `o => …`, `(o: string) => …`. */
const ARROW = /^(?:\(\s*(?<p1>[A-Za-z_$][\w$]*)\s*(?::\s*[\w$.]+\s*)?\)|(?<p2>[A-Za-z_$][\w$]*))\s*=>\s*(?<body>[^\n]{0,120})/;

/**
 * Whether `.map(callback)` or `.filter(callback)` on a list keeps its items as
 * far as what they allow goes: trimming or lower-casing each item, dropping
 * empty ones (`Boolean`, `o => o`, `o => o.length > 0`, `o => o !== ''`).
 */
function keepsItems(method: string, callback: string): boolean {
  if (method === 'filter' && /^Boolean\s*\)/.test(callback)) return true;
  const m = ARROW.exec(callback);
  if (!m) return false;
  const param = (m.groups!.p1 ?? m.groups!.p2).replace(/\$/g, '\\$');
  const body = m.groups!.body;
  if (method === 'map') return new RegExp(`^${param}\\.(?:trim|trimStart|trimEnd|toLowerCase|toLocaleLowerCase)\\(\\)\\s*\\)`).test(body);
  return new RegExp(`^(?:!!\\s*)?${param}(?:\\.trim\\(\\))?(?:\\.length(?:\\s*(?:>\\s*0|!==?\\s*0|>=\\s*1))?|\\s*!==?\\s*(?:''|""))?\\s*\\)`).test(body);
}

function transform(v: Value, method: string): Value {
  if (v.value?.kind !== 'string') return v;
  if (/^(?:lower|toLowerCase|ToLower)$/.test(method)) return { ...v, value: str(v.value.value.toLowerCase()) };
  if (/^(?:upper|toUpperCase|ToUpper)$/.test(method)) return { ...v, value: str(v.value.value.toUpperCase()) };
  if (/^(?:strip|trim|Trim)$/.test(method)) return { ...v, value: str(v.value.value.trim()) };
  if (/^(?:bool|Boolean|parseBoolean|ParseBool)$/.test(method) && /^(?:true|false)$/i.test(v.value.value)) {
    return { ...v, value: { kind: 'boolean', value: v.value.value.toLowerCase() === 'true' } };
  }
  if (/^(?:int|float|Number|parseInt|parseFloat)$/.test(method) && /^-?\d+(\.\d+)?$/.test(v.value.value.trim())) {
    return { ...v, value: { kind: 'number', value: Number(v.value.value) } };
  }
  return v;
}

/** Truthiness as `or`, `||` and `not` see it: empty strings, zero, null, false and empty lists are unset. */
function isSet(value: Literal): boolean {
  switch (value.kind) {
    case 'string':
      return value.value !== '';
    case 'boolean':
    case 'number':
      return !!value.value;
    case 'null':
      return false;
    case 'list':
      return value.items.length > 0;
    default:
      return true;
  }
}

function sameLiteral(a: Literal, b: Literal): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'string' || a.kind === 'boolean' || a.kind === 'number') return a.value === (b as typeof a).value;
  return a.kind === 'null';
}

function findLast<T>(list: T[], test: (t: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return undefined;
}

/** Names of classes, modules and profiles meant for development or tests only. @public */
export function isDevelopmentName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .some(w => /^(?:dev|develop|development|local|test|tests|testing|ci|debug|sandbox|mock|fake|stub|e2e)$/i.test(w));
}

/** Names of classes and settings modules meant for tests only. @public */
export function isTestName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .some(w => /^(?:test|tests|testing|e2e|mock|fake|stub)$/i.test(w));
}

// ---------------------------------------------------------------------------
// Configuration files

const CONFIG_FILE_EXTENSIONS = new Set(['.ini', '.cfg', '.conf', '.properties', '.toml', '.yml', '.yaml']);

function isConfigFile(file: SourceFile): boolean {
  const ext = extname(file.path);
  const name = basename(file.path);
  if (isLowConfidencePath(file.path) || file.text.length > 300_000) return false;
  if (/(^|\/)\.github\/|(^|\/)\.gitlab-ci|docker-compose|compose\.ya?ml$|(^|\/)(?:k8s|kubernetes|helm|charts?)\//i.test(file.path)) return false;
  if (/^(?:pnpm-lock|package-lock|yarn|\.pre-commit|\.prettierrc|\.eslintrc|mkdocs|netlify|vercel|renovate|dependabot|codecov|tox|setup|pytest|mypy|\.flake8|\.editorconfig)/i.test(name)) return false;
  if (CONFIG_FILE_EXTENSIONS.has(ext)) return true;
  return ext === '.json' && /^(?:appsettings|config|settings)[\w.-]*\.json$/i.test(name);
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function configEntries(file: SourceFile): ConfigValue[] {
  const ext = extname(file.path);
  const out: ConfigValue[] = [];
  if (ext === '.yml' || ext === '.yaml' || ext === '.json') {
    const yaml = ext === '.json' ? undefined : parseYamlFile(file.text);
    const doc = yaml ?? jsonDoc(file.text);
    if (!doc) return out;
    const walk = (value: unknown, path: string[]) => {
      if (out.length >= 2000 || path.length > 12) return;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...path, k]);
        return;
      }
      if (Array.isArray(value) || value === null || value === undefined || path.length === 0) return;
      const line = yaml ? yaml.lineAt(path) ?? 1 : lineContaining(file, path[path.length - 1]);
      out.push({ path: file.path, line, key: path.join('.'), value: String(value) });
    };
    walk(doc.value, []);
    return out;
  }
  let section = '';
  const lines = file.text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || /^[#;!]/.test(line)) return;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1];
      return;
    }
    const m = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) return;
    const value = m[2].replace(/\s+[#;].*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
    out.push({ path: file.path, line: i + 1, key: section ? `${section}.${m[1]}` : m[1], value });
  });
  return out;
}

function jsonDoc(text: string): { value: unknown } | undefined {
  try {
    // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return undefined;
  }
}

function lineContaining(file: SourceFile, key: string): number {
  const at = file.text.indexOf(`"${key}"`);
  return at === -1 ? 1 : lineOfOffset(file, at);
}

// ---------------------------------------------------------------------------
// Public surface

/** Resolved values of a repository's modules and configuration. @public */
export interface ValueIndex {
  /** The constants, module-level assignments and class fields of a code file, in order. */
  bindings(path: string): Binding[];
  /** The values a binding takes when nothing is configured. */
  valueOf(binding: Binding): Resolved[];
  /**
   * The values an expression written in a file takes when nothing is
   * configured. `offset` is where the expression starts in the file (for
   * lines); `owner` the class it is written in, if any.
   */
  resolve(path: string, offset: number, expression: string, owner?: string): Resolved[];
  /** Values of a key in committed configuration files (not tests, examples, CI or compose files). */
  configValues(key: string): ConfigValue[];
  /** Every key of a committed configuration file; empty for other files. */
  configFile(path: string): ConfigValue[];
  /** The class or object enclosing an offset of a code file, innermost last (`Outer.Inner`). */
  ownerAt(path: string, offset: number): string | undefined;
  /** The repository files a Python module imports with `from … import *`. */
  starImports(path: string): string[];
}

const indexes = new WeakMap<SourceFile[], ValueIndex>();

/** The value index of a repository's files, built lazily and shared per file list. @public */
export function valuesOf(facts: { files: SourceFile[] }): ValueIndex {
  let index = indexes.get(facts.files);
  if (!index) {
    const impl = new ValueIndexImpl(facts.files);
    index = {
      bindings: path => impl.module(path)?.bindings ?? [],
      valueOf: binding => impl.valueOf(binding),
      resolve: (path, offset, expression, owner) => impl.resolveExpression(path, offset, expression, owner),
      configValues: key => impl.configValues(key),
      configFile: path => impl.configFile(path),
      ownerAt: (path, offset) => ownerAt(impl, path, offset),
      starImports: path => (languageOf(path) === 'python' ? impl.module(path)?.starImports ?? [] : []),
    };
    indexes.set(facts.files, index);
  }
  return index;
}

function ownerAt(impl: ValueIndexImpl, path: string, offset: number): string | undefined {
  const file = impl.file(path);
  const language = languageOf(path);
  if (!file || !language) return undefined;
  if (language === 'python') {
    const line = lineOfOffset(file, offset);
    const frames: Array<{ name: string; indent: number }> = [];
    for (const l of pythonLines(file)) {
      if (l.line > line) break;
      while (frames.length && l.indent <= frames[frames.length - 1].indent) frames.pop();
      if (l.line === line) break;
      const cls = PY_CLASS.exec(l.code);
      if (cls) frames.push({ name: cls[1], indent: l.indent });
      else if (PY_DEF.test(l.code)) frames.push({ name: '', indent: l.indent });
    }
    const names = frames.map(f => f.name).filter(Boolean);
    return names.length ? names.join('.') : undefined;
  }
  const { code } = maskSource(file);
  const ranges = classRanges(code, new BraceDepth(code)).filter(r => r.open < offset && offset < r.close);
  return ranges.length ? ranges.map(r => r.name).join('.') : undefined;
}
