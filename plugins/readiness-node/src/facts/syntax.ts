/**
 * Syntax trees of source files, for rules that need more than text: calls with
 * their arguments, functions with their parameters, assignments, string
 * constants and imports.
 *
 * Trees come from tree-sitter grammars through ast-grep's native bindings
 * (`@ast-grep/napi` for JavaScript, TypeScript and TSX; `@ast-grep/lang-*`
 * for Python, Go, Java, Kotlin and C#), all prebuilt binaries shipped inside
 * their npm packages. Parsing is synchronous, lazy (only the files a rule asks
 * for) and cached per audit. A file over the size limit, a parser failure or a
 * spent time budget leaves the file without a tree and is reported in the
 * audit's stats; a file with syntax errors still gets a tree (tree-sitter
 * recovers) and is reported too. Nothing here throws at a rule.
 */
import type { SgRoot } from '@ast-grep/napi';
import { SourceFile } from '../snapshot';
import { extname } from './paths';

/** A position in a source: 0-based line and column, and the UTF-16 offset. @public */
export interface SyntaxPosition {
  line: number;
  column: number;
  index: number;
}

/** A node of a syntax tree: the part of the parser's node API that rules use. @public */
export interface SyntaxNode {
  /** The grammar's name for the node: `call_expression`, `identifier`, `ERROR`. */
  kind(): string;
  text(): string;
  range(): { start: SyntaxPosition; end: SyntaxPosition };
  /** Unique within its tree. */
  id(): number;
  /** Whether the node is named in the grammar (punctuation and keywords are not). */
  isNamed(): boolean;
  children(): SyntaxNode[];
  parent(): SyntaxNode | null;
  /** The child in a grammar field (`function`, `arguments`, `name`…), if any. */
  field(name: string): SyntaxNode | null;
  fieldChildren(name: string): SyntaxNode[];
}

/** The parser's own node, which also matches by kind number. */
interface MatchingNode extends SyntaxNode {
  find(kind: number): MatchingNode | null;
  findAll(kind: number): MatchingNode[];
}

/** @public */
export type SyntaxLanguage =
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp';

/** Files above this many characters are not parsed: parse time grows with size, and such files are rarely written by hand. */
export const MAX_SYNTAX_CHARS = 256 * 1024;
/** Files with a line this long are minified or generated: not parsed. */
const MAX_LINE_CHARS = 10_000;
/** Parsing stops for the rest of an audit once it has taken this long in total. */
export const SYNTAX_BUDGET_MS = 20_000;
/** Trees kept at once, counted in source characters; older ones are dropped and parsed again if asked for. */
const CACHE_CHARS = 4 * 1024 * 1024;

const EXTENSION_LANGUAGE: Record<string, SyntaxLanguage> = {
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.py': 'python',
  '.pyi': 'python',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.cs': 'csharp',
};

/** Pages and single-file components whose `<script>` blocks are parsed. */
const EMBEDDING_EXTENSIONS = new Set(['.html', '.htm', '.vue', '.svelte']);

/** The grammar a path is parsed with, if any. @public */
export function syntaxLanguageOf(path: string): SyntaxLanguage | undefined {
  const ext = extname(path);
  return EXTENSION_LANGUAGE[ext] ?? (EMBEDDING_EXTENSIONS.has(ext) ? 'javascript' : undefined);
}

// ---------------------------------------------------------------------------
// Grammars: which node kinds mean what in each language.

interface Grammar {
  calls: string[];
  constructs: string[];
  functions: string[];
  assignments: string[];
  declarations: string[];
  members: string[];
  imports: string[];
  strings: string[];
  /** Kinds inside a string literal that make its value dynamic. */
  interpolations: string[];
}

const JS_GRAMMAR: Grammar = {
  calls: ['call_expression'],
  constructs: ['new_expression'],
  functions: [
    'function_declaration',
    'function_expression',
    'arrow_function',
    'method_definition',
    'generator_function_declaration',
    'generator_function',
  ],
  assignments: ['assignment_expression', 'augmented_assignment_expression'],
  declarations: ['variable_declarator'],
  members: ['member_expression', 'subscript_expression'],
  imports: ['import_statement', 'export_statement'],
  strings: ['string', 'template_string'],
  interpolations: ['template_substitution'],
};

const GRAMMARS: Record<SyntaxLanguage, Grammar> = {
  javascript: JS_GRAMMAR,
  typescript: JS_GRAMMAR,
  tsx: JS_GRAMMAR,
  python: {
    calls: ['call'],
    constructs: [],
    functions: ['function_definition', 'lambda'],
    assignments: ['assignment', 'augmented_assignment'],
    declarations: ['assignment'],
    members: ['attribute', 'subscript'],
    imports: ['import_statement', 'import_from_statement'],
    strings: ['string'],
    interpolations: ['interpolation'],
  },
  go: {
    calls: ['call_expression'],
    constructs: [],
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
    assignments: ['assignment_statement'],
    declarations: ['const_spec', 'var_spec', 'short_var_declaration'],
    members: ['selector_expression', 'index_expression'],
    imports: ['import_spec'],
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    interpolations: [],
  },
  java: {
    calls: ['method_invocation'],
    constructs: ['object_creation_expression'],
    functions: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
    assignments: ['assignment_expression'],
    declarations: ['variable_declarator'],
    members: ['field_access', 'array_access'],
    imports: ['import_declaration'],
    strings: ['string_literal'],
    interpolations: [],
  },
  kotlin: {
    calls: ['call_expression'],
    constructs: [],
    functions: ['function_declaration', 'lambda_literal', 'anonymous_function'],
    assignments: ['assignment'],
    declarations: ['property_declaration'],
    members: ['navigation_expression', 'indexing_expression', 'directly_assignable_expression'],
    imports: ['import_header'],
    strings: ['string_literal'],
    interpolations: ['interpolated_expression', 'interpolated_identifier'],
  },
  csharp: {
    calls: ['invocation_expression'],
    constructs: ['object_creation_expression'],
    functions: [
      'method_declaration',
      'constructor_declaration',
      'local_function_statement',
      'lambda_expression',
      'anonymous_method_expression',
    ],
    assignments: ['assignment_expression'],
    declarations: ['variable_declarator'],
    members: ['member_access_expression', 'element_access_expression'],
    imports: ['using_directive'],
    strings: ['string_literal', 'verbatim_string_literal', 'raw_string_literal'],
    interpolations: [],
  },
};

/** Kinds that are a plain name. */
const NAME_KINDS = new Set([
  'identifier',
  'simple_identifier',
  'property_identifier',
  'field_identifier',
  'shorthand_property_identifier',
  'shorthand_property_identifier_pattern',
  'private_property_identifier',
  'implicit_parameter',
]);
/** Member accesses by a computed key: `obj[key]`. */
const COMPUTED_KINDS = new Set([
  'subscript_expression',
  'subscript',
  'index_expression',
  'array_access',
  'element_access_expression',
  'indexing_suffix',
  'indexing_expression',
  'bracketed_argument_list',
]);
const COMMENT_KINDS = new Set(['comment', 'line_comment', 'block_comment', 'multiline_comment', 'html_comment']);
const PARAMETER_LIST_KINDS = new Set([
  'formal_parameters',
  'parameters',
  'parameter_list',
  'function_value_parameters',
  'lambda_parameters',
  'inferred_parameters',
]);
const BODY_KINDS = new Set(['statement_block', 'block', 'function_body', 'statements', 'constructor_body']);
/** Wrappers around one expression that say nothing about its value. */
const WRAPPER_KINDS = new Set([
  'expression_list',
  'argument',
  'value_argument',
  'navigation_suffix',
  'indexing_suffix',
  'bracketed_argument_list',
  'equals_value_clause',
  'parenthesized_expression',
]);

// ---------------------------------------------------------------------------
// The parser, loaded on first use so that a platform without the prebuilt
// binaries loses syntax trees, not the whole engine.

type Napi = typeof import('@ast-grep/napi');
type NapiLang = Parameters<Napi['parse']>[0];
interface Parser {
  napi: Napi;
  /** Languages whose grammar loaded, and the name ast-grep knows each by. */
  langs: Map<SyntaxLanguage, NapiLang>;
  failure?: string;
}

let parser: Parser | undefined;

// The native parser and grammars load on first use, inside try: one that is missing is reported, not a crash.
/* eslint-disable @typescript-eslint/no-require-imports -- optional native modules, loaded lazily */
function loadParser(): Parser {
  if (parser) return parser;
  const langs = new Map<SyntaxLanguage, NapiLang>();
  let napi: Napi;
  try {
    napi = require('@ast-grep/napi');
  } catch (e) {
    parser = { napi: undefined as unknown as Napi, langs, failure: `the parser did not load: ${(e as Error).message}` };
    return parser;
  }
  langs.set('javascript', napi.Lang.JavaScript);
  langs.set('typescript', napi.Lang.TypeScript);
  langs.set('tsx', napi.Lang.Tsx);
  const dynamic: Record<string, { libraryPath: string; extensions: string[] }> = {};
  const add = (lang: SyntaxLanguage, load: () => { libraryPath: string; extensions: string[] }) => {
    try {
      const registration = load();
      // The getter throws when no prebuilt grammar exists for this platform.
      if (registration.libraryPath) dynamic[lang] = registration;
    } catch {
      // Left out: files of this language get no tree, and say so in the stats.
    }
  };
  add('python', () => require('@ast-grep/lang-python'));
  add('go', () => require('@ast-grep/lang-go'));
  add('java', () => require('@ast-grep/lang-java'));
  add('kotlin', () => require('@ast-grep/lang-kotlin'));
  add('csharp', () => require('@ast-grep/lang-csharp'));
  try {
    napi.registerDynamicLanguage(dynamic);
    for (const lang of Object.keys(dynamic)) langs.set(lang as SyntaxLanguage, lang);
  } catch {
    // JavaScript and TypeScript still work.
  }
  parser = { napi, langs };
  return parser;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The languages this platform can parse. @public */
export function syntaxLanguages(): SyntaxLanguage[] {
  return [...loadParser().langs.keys()];
}

const kindIds = new Map<string, number>();

/** The grammar's number for a node kind; 0 when the grammar has no such kind. */
function kindId(p: Parser, lang: NapiLang, kind: string): number {
  const key = `${lang}:${kind}`;
  let id = kindIds.get(key);
  if (id === undefined) {
    try {
      id = p.napi.kind(lang, kind);
    } catch {
      id = 0;
    }
    kindIds.set(key, id);
  }
  return id;
}

// ---------------------------------------------------------------------------
// What rules read from a tree.

/** A call or constructor call. @public */
export interface CallSite {
  readonly node: SyntaxNode;
  /** The callee as written, without spaces or null-safe marks: `localStorage.setItem`, `os.getenv`. Long callees keep their last name only. */
  readonly callee: string;
  /** The callee's last name: `setItem`, `getenv`; empty when the callee is not a name. */
  readonly name: string;
  /** What the callee is called on: `localStorage`, `os`; empty for a plain function. */
  readonly receiver: string;
  /** Whether this is a constructor call (`new X()`). */
  readonly constructs: boolean;
  /** Positional arguments, in order. */
  readonly args: SyntaxNode[];
  /** Keyword and named arguments (`f(x=1)`, `f(x: 1)`, `f(x = 1)`), by name. */
  readonly named: ReadonlyMap<string, SyntaxNode>;
  /** 1-based line of the call. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** A function, method or lambda. @public */
export interface FunctionSite {
  readonly node: SyntaxNode;
  /** Its name, or the name it is assigned to; empty when anonymous. */
  readonly name: string;
  /** Parameter names, in order (destructured parameters give each name). */
  readonly params: string[];
  readonly body: SyntaxNode | null;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** Calls inside the function, nested functions included. */
  readonly calls: CallSite[];
}

/** An assignment `target = value`. @public */
export interface AssignmentSite {
  readonly node: SyntaxNode;
  readonly target: SyntaxNode;
  readonly value: SyntaxNode | null;
  /** For `obj.prop = …` and `obj['prop'] = …`: the object as written. */
  readonly object?: string;
  /** For a member target: the property, when it is a name or a string. */
  readonly property?: string;
  /** For a member target: the property node (a variable for `obj[key] = …`). */
  readonly propertyNode?: SyntaxNode;
  readonly line: number;
  readonly start: number;
}

/** A declaration or assignment binding names to a value. @public */
export interface BindingSite {
  readonly node: SyntaxNode;
  /** The names bound; a destructuring pattern gives each name. */
  readonly names: string[];
  readonly value: SyntaxNode | null;
  readonly line: number;
  readonly start: number;
}

/** An imported module as written: `./storage`, `os.path`, `net/http`. @public */
export interface ImportSite {
  readonly source: string;
  readonly line: number;
}

/** The parts of a member access `object.property` / `object[property]`. @public */
export interface MemberParts {
  object: string;
  objectNode: SyntaxNode;
  property?: string;
  propertyNode?: SyntaxNode;
}

/** A parsed source file. @public */
export interface SyntaxTree {
  readonly path: string;
  readonly language: SyntaxLanguage;
  readonly root: SyntaxNode;
  /** 1-based line of the first syntax error, when the parser had to recover. */
  readonly errorLine?: number;
  /** Every call, in source order. */
  calls(): CallSite[];
  /** Every function, in source order. */
  functions(): FunctionSite[];
  assignments(): AssignmentSite[];
  /** Declarations and plain assignments to names (`const { data } = …`, `x := …`), in source order. */
  bindings(): BindingSite[];
  /** Names bound once to a string literal (`const KEY = 'token'`, `KEY = "token"`). */
  stringConstants(): ReadonlyMap<string, string>;
  /** Every node of the given kinds, in source order; kinds the grammar lacks are ignored. */
  nodesOfKind(...kinds: string[]): SyntaxNode[];
  imports(): ImportSite[];
  /** The value of a string literal without interpolation; undefined for anything else. */
  stringValue(node: SyntaxNode | null | undefined): string | undefined;
  /** The parts of a member access, or undefined when the node is not one. */
  memberOf(node: SyntaxNode | null | undefined): MemberParts | undefined;
  /** The functions around a node, innermost first. */
  enclosingFunctions(node: SyntaxNode): FunctionSite[];
  /** 1-based line of a node. */
  lineOf(node: SyntaxNode): number;
}

const MAX_CALLEE = 256;

function squeeze(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\.|!!\./g, '.').replace(/\?\.?$/, '');
}

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children().filter(c => c.isNamed() && !COMMENT_KINDS.has(c.kind()));
}

function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let current = node ?? null;
  for (let depth = 0; current && depth < 4 && WRAPPER_KINDS.has(current.kind()); depth++) {
    const kids = namedChildren(current);
    if (kids.length !== 1 && current.kind() !== 'navigation_suffix' && current.kind() !== 'value_argument') break;
    current = kids[kids.length - 1] ?? null;
  }
  return current;
}

class ParsedCall implements CallSite {
  readonly callee: string;
  readonly name: string;
  readonly receiver: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  private argsCache?: { args: SyntaxNode[]; named: Map<string, SyntaxNode> };

  constructor(
    readonly node: SyntaxNode,
    readonly constructs: boolean,
    /** Kotlin's `f(x) { … }`: the lambda the grammar hangs on an outer call. */
    private readonly outerLambda?: SyntaxNode,
  ) {
    const range = node.range();
    this.line = range.start.line + 1;
    this.start = range.start.index;
    this.end = range.end.index;
    let calleeText: string;
    const fn = node.field('function') ?? node.field('constructor') ?? node.field('type');
    if (fn) calleeText = fn.text();
    else {
      const name = node.field('name');
      const object = node.field('object');
      if (name) calleeText = object ? `${object.text()}.${name.text()}` : name.text();
      else calleeText = namedChildren(node)[0]?.text() ?? '';
    }
    const tail = /([A-Za-z_$][\w$]*)\s*(?:<[^<>]*>)?\s*[!?]?$/.exec(calleeText.length > MAX_CALLEE ? calleeText.slice(-MAX_CALLEE) : calleeText);
    this.name = tail?.[1] ?? '';
    if (calleeText.length <= MAX_CALLEE) this.callee = squeeze(calleeText);
    else this.callee = this.name ? `….${this.name}` : '';
    const dot = this.callee.lastIndexOf('.');
    this.receiver = dot > 0 ? this.callee.slice(0, dot) : '';
  }

  private readArgs() {
    if (this.argsCache) return this.argsCache;
    const args: SyntaxNode[] = [];
    const named = new Map<string, SyntaxNode>();
    let list = this.node.field('arguments');
    let trailingLambda: SyntaxNode | undefined;
    if (!list) {
      // Kotlin keeps arguments, and a trailing lambda, in a call suffix.
      const suffix = this.node.children().find(c => c.kind() === 'call_suffix');
      list = suffix?.children().find(c => c.kind() === 'value_arguments') ?? null;
      trailingLambda = suffix?.children().find(c => c.kind() === 'annotated_lambda');
    }
    let items: SyntaxNode[] = [];
    if (list) items = list.kind() === 'template_string' ? [list] : namedChildren(list);
    for (const arg of items) {
      const kind = arg.kind();
      if (kind === 'keyword_argument') {
        const name = arg.field('name')?.text();
        const value = arg.field('value');
        if (name && value) named.set(name, value);
      } else if (kind === 'argument' || kind === 'value_argument') {
        const kids = namedChildren(arg);
        const value = kids[kids.length - 1];
        if (!value) continue;
        const nameColon = kids.find(k => k.kind() === 'name_colon');
        const marked = kids.length > 1 && arg.children().some(c => !c.isNamed() && (c.text() === ':' || c.text() === '='));
        const nameNode = arg.field('name') ?? nameColon ?? (marked ? kids[0] : null);
        if (nameNode && nameNode.id() !== value.id()) named.set(squeeze(nameNode.text()).replace(/:$/, ''), value);
        else args.push(value);
      } else args.push(arg);
    }
    if (trailingLambda) args.push(trailingLambda);
    if (this.outerLambda) args.push(this.outerLambda);
    this.argsCache = { args, named };
    return this.argsCache;
  }

  get args(): SyntaxNode[] {
    return this.readArgs().args;
  }

  get named(): ReadonlyMap<string, SyntaxNode> {
    return this.readArgs().named;
  }
}

function parameterNames(node: SyntaxNode, depth = 0): string[] {
  const kind = node.kind();
  if (NAME_KINDS.has(kind)) return [node.text()];
  if (depth > 4 || COMMENT_KINDS.has(kind)) return [];
  const names = node.fieldChildren('name');
  if (names.length > 0) return names.flatMap(n => parameterNames(n, depth + 1));
  const pattern = node.field('pattern') ?? node.field('left');
  if (pattern) return parameterNames(pattern, depth + 1);
  if (/object_pattern|array_pattern|tuple_pattern|list_pattern|pattern_list/.test(kind)) {
    return namedChildren(node).flatMap(c => parameterNames(c.field('value') ?? c, depth + 1));
  }
  const kids = namedChildren(node);
  const pick =
    kids.find(c => NAME_KINDS.has(c.kind())) ?? kids.find(c => /declarator|pattern|parameter/.test(c.kind())) ?? kids[0];
  return pick ? parameterNames(pick, depth + 1) : [];
}

function functionName(node: SyntaxNode): string {
  const own = node.field('name') ?? (node.kind() === 'function_declaration' ? node.children().find(c => c.kind() === 'simple_identifier') : undefined);
  if (own) return own.text();
  let parent = node.parent();
  if (parent?.kind() === 'expression_list') parent = parent.parent();
  if (!parent) return '';
  const pk = parent.kind();
  if (
    ![
      'variable_declarator',
      'pair',
      'assignment_expression',
      'assignment',
      'public_field_definition',
      'field_definition',
      'property_declaration',
      'short_var_declaration',
      'assignment_statement',
    ].includes(pk)
  ) {
    return '';
  }
  let target =
    parent.field('name') ?? parent.field('key') ?? parent.field('left') ?? parent.field('property') ?? namedChildren(parent)[0];
  if (!target || target.id() === node.id() || target.range().start.index >= node.range().start.index) return '';
  if (target.kind() === 'variable_declaration' || target.kind() === 'expression_list') target = namedChildren(target)[0] ?? target;
  const m = /([A-Za-z_$][\w$]*)['"]?$/.exec(target.text().slice(-MAX_CALLEE));
  return m?.[1] ?? '';
}

class ParsedFunction implements FunctionSite {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  private memo: { name?: string; params?: string[]; body?: SyntaxNode | null; calls?: CallSite[] } = {};

  constructor(readonly node: SyntaxNode, private readonly tree: ParsedSource) {
    const range = node.range();
    this.line = range.start.line + 1;
    this.start = range.start.index;
    this.end = range.end.index;
  }

  get name(): string {
    this.memo.name ??= functionName(this.node);
    return this.memo.name;
  }

  get params(): string[] {
    if (!this.memo.params) {
      const node = this.node;
      const params =
        node.field('parameters') ??
        node.field('parameter') ??
        node.children().find(c => PARAMETER_LIST_KINDS.has(c.kind()) || c.kind() === 'implicit_parameter') ??
        null;
      if (!params) this.memo.params = [];
      else if (NAME_KINDS.has(params.kind())) this.memo.params = [params.text()];
      else this.memo.params = namedChildren(params).flatMap(p => parameterNames(p));
    }
    return this.memo.params;
  }

  get body(): SyntaxNode | null {
    if (this.memo.body === undefined) {
      this.memo.body = this.node.field('body') ?? this.node.children().find(c => BODY_KINDS.has(c.kind())) ?? null;
    }
    return this.memo.body;
  }

  get calls(): CallSite[] {
    this.memo.calls ??= this.tree.callsWithin(this.start, this.end);
    return this.memo.calls;
  }
}

class ParsedSource implements SyntaxTree {
  private cache: {
    calls?: CallSite[];
    functions?: FunctionSite[];
    assignments?: AssignmentSite[];
    bindings?: BindingSite[];
    constants?: Map<string, string>;
    imports?: ImportSite[];
  } = {};
  readonly errorLine?: number;
  private rootNode?: MatchingNode;

  constructor(
    readonly path: string,
    readonly language: SyntaxLanguage,
    private readonly sg: SgRoot,
    private readonly p: Parser,
    private readonly grammar: Grammar,
    /** Characters parsed, for the cache's bound. */
    readonly chars: number,
  ) {
    const errorKind = kindId(p, p.langs.get(language)!, 'ERROR');
    const error = errorKind ? this.root.find(errorKind) : null;
    if (error) this.errorLine = error.range().start.line + 1;
  }

  get root(): MatchingNode {
    this.rootNode ??= this.sg.root() as unknown as MatchingNode;
    return this.rootNode;
  }

  /** Nodes of the given kinds, kind by kind (callers order them). Matching by kind number skips rule parsing. */
  private findKinds(kinds: string[]): SyntaxNode[] {
    const lang = this.p.langs.get(this.language)!;
    const out: SyntaxNode[] = [];
    for (const kind of kinds) {
      const id = kindId(this.p, lang, kind);
      if (id !== 0) out.push(...this.root.findAll(id));
    }
    return out;
  }

  private inOrder<T extends { start: number }>(items: T[]): T[] {
    return items.sort((a, b) => a.start - b.start);
  }

  calls(): CallSite[] {
    if (!this.cache.calls) {
      const constructs = new Set(this.grammar.constructs);
      const nodes = this.findKinds([...this.grammar.calls, ...this.grammar.constructs]);
      // Kotlin parses `f(x) { … }` as a call of `f(x)`: fold the lambda into the inner call.
      const lambdas = new Map<number, SyntaxNode>();
      const folded = new Set<number>();
      if (this.language === 'kotlin') {
        for (const node of nodes) {
          const [callee, suffix] = node.children();
          if (callee?.kind() !== 'call_expression' || suffix?.kind() !== 'call_suffix') continue;
          const parts = suffix.children();
          const lambda = parts.find(c => c.kind() === 'annotated_lambda');
          if (lambda && !parts.some(c => c.kind() === 'value_arguments')) {
            lambdas.set(callee.id(), lambda);
            folded.add(node.id());
          }
        }
      }
      this.cache.calls = nodes
        .filter(node => !folded.has(node.id()))
        .map(node => new ParsedCall(node, constructs.has(node.kind()), lambdas.get(node.id())))
        .sort((a, b) => a.start - b.start);
    }
    return this.cache.calls;
  }

  /** Calls starting inside [start, end), by binary search over the sorted calls. */
  callsWithin(start: number, end: number): CallSite[] {
    const calls = this.calls();
    let lo = 0;
    let hi = calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (calls[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: CallSite[] = [];
    for (let i = lo; i < calls.length && calls[i].start < end; i++) {
      if (calls[i].end <= end) out.push(calls[i]);
    }
    return out;
  }

  functions(): FunctionSite[] {
    if (!this.cache.functions) {
      this.cache.functions = this.findKinds(this.grammar.functions)
        .map(node => new ParsedFunction(node, this))
        .sort((a, b) => a.start - b.start);
    }
    return this.cache.functions;
  }

  assignments(): AssignmentSite[] {
    if (!this.cache.assignments) {
      this.cache.assignments = this.findKinds(this.grammar.assignments).flatMap(node => {
        let left = node.field('left');
        let right = node.field('right');
        if (!left) {
          const kids = namedChildren(node);
          left = kids[0] ?? null;
          right = kids.length > 1 ? kids[kids.length - 1] : null;
        }
        const target = unwrap(left);
        if (!target) return [];
        const valueNode = right;
        const member = this.memberOf(target);
        const range = node.range();
        const site: AssignmentSite = {
          node,
          target,
          value: unwrap(valueNode),
          line: range.start.line + 1,
          start: range.start.index,
          ...(member
            ? { object: member.object, property: member.property, propertyNode: member.propertyNode }
            : {}),
        };
        return [site];
      });
      this.inOrder(this.cache.assignments);
    }
    return this.cache.assignments;
  }

  bindings(): BindingSite[] {
    if (!this.cache.bindings) {
      this.cache.bindings = this.findKinds(this.grammar.declarations).flatMap(node => {
        let nameNode = node.field('name') ?? node.field('left');
        let valueNode = node.field('value') ?? node.field('right');
        if (!nameNode || !valueNode) {
          const kids = namedChildren(node);
          nameNode ??= kids.find(k => k.kind() === 'variable_declaration') ?? kids[0] ?? null;
          valueNode ??= kids.length > 1 ? kids[kids.length - 1] : null;
        }
        if (nameNode?.kind() === 'variable_declaration' || nameNode?.kind() === 'expression_list') {
          nameNode = namedChildren(nameNode)[0];
        }
        if (!nameNode) return [];
        const kind = nameNode.kind();
        if (!NAME_KINDS.has(kind) && !/pattern/.test(kind)) return [];
        const range = node.range();
        const site: BindingSite = {
          node,
          names: parameterNames(nameNode),
          value: valueNode && valueNode.id() !== nameNode.id() ? unwrap(valueNode) : null,
          line: range.start.line + 1,
          start: range.start.index,
        };
        return [site];
      });
      this.inOrder(this.cache.bindings);
    }
    return this.cache.bindings;
  }

  stringConstants(): ReadonlyMap<string, string> {
    if (!this.cache.constants) {
      const constants = new Map<string, string>();
      const ambiguous = new Set<string>();
      for (const binding of this.bindings()) {
        const value = this.stringValue(binding.value);
        if (value === undefined || binding.names.length !== 1) continue;
        const [name] = binding.names;
        if (constants.has(name) && constants.get(name) !== value) ambiguous.add(name);
        constants.set(name, value);
      }
      for (const name of ambiguous) constants.delete(name);
      this.cache.constants = constants;
    }
    return this.cache.constants;
  }

  nodesOfKind(...kinds: string[]): SyntaxNode[] {
    const nodes = this.findKinds(kinds);
    if (kinds.length < 2) return nodes;
    return this.inOrder(nodes.map(node => ({ node, start: node.range().start.index }))).map(n => n.node);
  }

  imports(): ImportSite[] {
    if (!this.cache.imports) {
      const out: ImportSite[] = [];
      for (const node of this.findKinds(this.grammar.imports)) {
        const source = node.field('source') ?? node.field('path') ?? node.field('module_name');
        let text = this.stringValue(source) ?? source?.text();
        if (text === undefined) {
          if (node.kind() === 'export_statement') continue; // a local export, not a re-export
          const names = node.fieldChildren('name');
          const targets = names.length > 0 ? names : namedChildren(node).slice(0, 1);
          for (const target of targets) {
            const t = target.kind() === 'aliased_import' ? target.field('name') ?? target : target;
            out.push({ source: squeeze(t.text()), line: this.lineOf(node) });
          }
          continue;
        }
        text = squeeze(text);
        out.push({ source: text, line: this.lineOf(node) });
      }
      if (this.grammar === JS_GRAMMAR) {
        for (const call of this.calls()) {
          if ((call.callee === 'require' || call.callee === 'import') && call.args.length > 0) {
            const source = this.stringValue(call.args[0]);
            if (source !== undefined) out.push({ source, line: call.line });
          }
        }
      }
      this.cache.imports = out.sort((a, b) => a.line - b.line);
    }
    return this.cache.imports;
  }

  stringValue(node: SyntaxNode | null | undefined): string | undefined {
    if (!node || !this.grammar.strings.includes(node.kind())) return undefined;
    const interpolations = this.grammar.interpolations;
    if (interpolations.length > 0 && node.children().some(c => interpolations.includes(c.kind()))) return undefined;
    const m = /^[A-Za-z@$]{0,3}("""|'''|"|'|`)([\s\S]*)\1$/.exec(node.text());
    return m ? m[2] : undefined;
  }

  memberOf(node: SyntaxNode | null | undefined): MemberParts | undefined {
    if (!node || !this.grammar.members.includes(node.kind())) return undefined;
    const kids = namedChildren(node);
    const objectNode =
      node.field('object') ?? node.field('operand') ?? node.field('value') ?? node.field('expression') ?? node.field('array') ?? kids[0];
    if (!objectNode) return undefined;
    const rawProperty: SyntaxNode | null =
      node.field('property') ??
      node.field('attribute') ??
      node.field('field') ??
      node.field('index') ??
      node.field('subscript') ??
      node.field('name') ??
      (kids.length > 1 ? kids[kids.length - 1] : null);
    // `obj[key]` names its property only when the key is a string; `obj.key` by the name.
    const computed = COMPUTED_KINDS.has(node.kind()) || (!!rawProperty && COMPUTED_KINDS.has(rawProperty.kind()));
    const propertyNode = unwrap(rawProperty);
    let property: string | undefined;
    if (propertyNode) {
      property = this.stringValue(propertyNode) ?? (!computed && NAME_KINDS.has(propertyNode.kind()) ? propertyNode.text() : undefined);
    }
    return {
      object: squeeze(objectNode.text().slice(0, MAX_CALLEE * 4)),
      objectNode,
      ...(property !== undefined ? { property } : {}),
      ...(propertyNode ? { propertyNode } : {}),
    };
  }

  enclosingFunctions(node: SyntaxNode): FunctionSite[] {
    const range = node.range();
    return this.functions()
      .filter(f => f.start <= range.start.index && range.end.index <= f.end && f.node.id() !== node.id())
      .sort((a, b) => b.start - a.start);
  }

  lineOf(node: SyntaxNode): number {
    return node.range().start.line + 1;
  }
}

// ---------------------------------------------------------------------------
// Embedded scripts: pages and single-file components.

const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The `<script>` blocks of a page or component, with everything else blanked
 * to spaces, so that offsets and lines stay those of the file. Undefined when
 * there is no script worth parsing.
 */
export function embeddedScript(text: string): { text: string; language: SyntaxLanguage } | undefined {
  let out = '';
  let last = 0;
  let language: SyntaxLanguage = 'javascript';
  let found = false;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  for (const m of text.matchAll(SCRIPT_BLOCK)) {
    const attrs = m[1];
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && !/javascript|ecmascript|module|babel|jsx|typescript/.test(type)) continue;
    if (/\bsrc\s*=/.test(attrs) && !m[2].trim()) continue;
    const lang = /\blang\s*=\s*["']?(tsx?)/i.exec(attrs)?.[1]?.toLowerCase();
    if (lang === 'ts') language = 'typescript';
    if (lang === 'tsx') language = 'tsx';
    const bodyStart = m.index! + m[0].length - m[2].length - /<\/script\s*>$/i.exec(m[0])![0].length;
    out += blank(text.slice(last, bodyStart)) + m[2];
    last = bodyStart + m[2].length;
    found = true;
  }
  if (!found) return undefined;
  out += blank(text.slice(last));
  return { text: out, language };
}

// ---------------------------------------------------------------------------
// Parsing, cached per audit.

interface SyntaxState {
  /** Trees by path, oldest first. */
  trees: Map<string, ParsedSource>;
  cachedChars: number;
  /** Files that got no tree or a tree with errors, and why. */
  problems: Map<string, string>;
  spentMs: number;
  parsed: number;
}

const states = new WeakMap<object, SyntaxState>();
const totals = { files: 0, ms: 0, problems: 0 };

function stateOf(owner: object): SyntaxState {
  let state = states.get(owner);
  if (!state) {
    state = { trees: new Map(), cachedChars: 0, problems: new Map(), spentMs: 0, parsed: 0 };
    states.set(owner, state);
  }
  return state;
}

function hasOverlongLine(text: string): boolean {
  if (text.length <= MAX_LINE_CHARS) return false;
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl === -1 ? text.length : nl;
    if (end - from > MAX_LINE_CHARS) return true;
    from = end + 1;
  }
  return false;
}

function note(state: SyntaxState, path: string, message: string) {
  if (!state.problems.has(path)) {
    state.problems.set(path, message);
    totals.problems += 1;
  }
}

/**
 * The syntax tree of a file, parsed on first request and cached for the audit
 * that `owner` (the audit's Facts) belongs to. Undefined for languages without
 * a grammar and for files that could not be parsed; those are listed by
 * `syntaxErrors`. Never throws. @public
 */
export function syntaxTree(owner: object, file: SourceFile): SyntaxTree | undefined {
  const state = stateOf(owner);
  const cached = state.trees.get(file.path);
  if (cached) {
    state.trees.delete(file.path);
    state.trees.set(file.path, cached);
    return cached;
  }
  let language = syntaxLanguageOf(file.path);
  if (!language) return undefined;
  if (state.problems.has(file.path) && !state.problems.get(file.path)!.startsWith('syntax errors')) return undefined;
  let text = file.text;
  if (EMBEDDING_EXTENSIONS.has(extname(file.path))) {
    const script = embeddedScript(text);
    if (!script) return undefined;
    text = script.text;
    language = script.language;
  }
  if (text.length > MAX_SYNTAX_CHARS) {
    note(state, file.path, `not parsed: ${Math.ceil(text.length / 1024)} KiB is over the ${MAX_SYNTAX_CHARS / 1024} KiB limit for syntax trees`);
    return undefined;
  }
  if (hasOverlongLine(text)) {
    note(state, file.path, `not parsed: a line over ${MAX_LINE_CHARS} characters (minified or generated code)`);
    return undefined;
  }
  if (state.spentMs > SYNTAX_BUDGET_MS) {
    note(state, file.path, `not parsed: the audit's ${SYNTAX_BUDGET_MS / 1000} s parse budget is spent`);
    return undefined;
  }
  const p = loadParser();
  const lang = p.langs.get(language);
  if (p.failure || lang === undefined) {
    note(state, file.path, p.failure ? `not parsed: ${p.failure}` : `not parsed: no ${language} grammar on this platform`);
    return undefined;
  }
  const started = performance.now();
  let tree: ParsedSource;
  try {
    tree = new ParsedSource(file.path, language, p.napi.parse(lang, text), p, GRAMMARS[language], text.length);
  } catch (e) {
    note(state, file.path, `not parsed: the parser failed: ${(e as Error).message}`);
    return undefined;
  } finally {
    const took = performance.now() - started;
    state.spentMs += took;
    totals.ms += took;
  }
  state.parsed += 1;
  totals.files += 1;
  if (tree.errorLine !== undefined) {
    note(state, file.path, `syntax errors from line ${tree.errorLine}; read with error recovery`);
  }
  state.trees.set(file.path, tree);
  state.cachedChars += text.length;
  for (const [path, old] of state.trees) {
    if (state.cachedChars <= CACHE_CHARS || path === file.path) break;
    state.trees.delete(path);
    state.cachedChars -= old.chars;
  }
  return tree;
}

/** Files of an audit that got no syntax tree, or one with errors, and why. @public */
export function syntaxErrors(owner: object): Array<{ path: string; message: string }> {
  const state = states.get(owner);
  if (!state) return [];
  return [...state.problems].map(([path, message]) => ({ path, message: `syntax: ${message}` }));
}

/** Parsing done in this process so far, for benchmarks. @public */
export function syntaxTotals(): { files: number; ms: number; problems: number } {
  return { ...totals };
}
