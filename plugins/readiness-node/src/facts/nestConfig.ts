/**
 * The configuration a NestJS application loads: `ConfigModule.forRoot({ load: [factory, …] })`, each
 * factory returning an object (`() => ({ port: 3000 })`, `(): Config => config`, `function () { return
 * {…} }`), at the root or under a namespace (`registerAs('graphql', () => ({…}))`). `ConfigService.get`
 * reads a dotted key of it: `configService.get('graphql.debug')`, or `configService.get<GraphqlConfig>('graphql')`
 * and then `.debug` of the object.
 */
import { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { dirname, isTestFile, joinPath, languageOf } from './paths';
import { memo } from './memo';
import { lineOfOffset } from './text';
import { Resolved, valuesOf } from './values';
import { SyntaxNode, SyntaxTree, syntaxTree } from './syntax';

/** A configuration factory: where the object it returns is written, and the namespace it is loaded under. */
interface Factory {
  path: string;
  /** Where the returned expression starts in the file, and its text. */
  offset: number;
  expression: string;
  /** `registerAs('graphql', …)`: keys are read as `graphql.<key>`. */
  namespace?: string;
}

const JS_EXTENSIONS = ['', '.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '/index.ts', '/index.js'];

/** The repository file a relative import names. */
function importedFile(facts: Facts, from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = joinPath(dirname(from), spec).replace(/\.(js|mjs|cjs)$/, '');
  for (const ext of JS_EXTENSIONS) {
    const candidate = `${base}${ext}`;
    if (facts.file(candidate) && languageOf(candidate)) return candidate;
  }
  return undefined;
}

/** Where a name of a module comes from: `import config from './config'` (the default export) or `import { app } from './app'`. */
function importOf(file: SourceFile, name: string): { spec: string; exported: string } | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const asDefault = new RegExp(`\\bimport\\s+${escaped}\\s*(?:,\\s*\\{[^}]*\\})?\\s*from\\s*['"]([^'"]+)['"]`).exec(file.text);
  if (asDefault) return { spec: asDefault[1], exported: 'default' };
  for (const m of file.text.matchAll(/\bimport\s*(?:\w+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    for (const part of m[1].split(',')) {
      const p = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
      if (p && (p[2] ?? p[1]) === name) return { spec: m[2], exported: p[1] };
    }
  }
  return undefined;
}

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children().filter(c => c.isNamed() && c.kind() !== 'comment');
}

/** The node a module exports under a name: `export default …`, `export const name = …`, `export function name() {…}`. */
function exportedNode(tree: SyntaxTree, name: string): SyntaxNode | undefined {
  for (const node of tree.nodesOfKind('export_statement')) {
    if (name === 'default') {
      if (!/^export\s+default\b/.test(node.text())) continue;
      const value = node.field('value') ?? node.field('declaration') ?? namedChildren(node).pop();
      if (value) return value;
      continue;
    }
    const declaration = node.field('declaration');
    if (!declaration) continue;
    if (declaration.field('name')?.text() === name) return declaration;
    for (const declarator of namedChildren(declaration)) {
      if (declarator.kind() === 'variable_declarator' && declarator.field('name')?.text() === name) return declarator.field('value') ?? undefined;
    }
  }
  // `const config = …; export default config;` and other module-level names.
  const binding = tree.bindings().find(b => b.names.length === 1 && b.names[0] === name && b.value);
  return binding?.value ?? undefined;
}

const FUNCTION_KINDS = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);

/** What a factory function returns: its expression body, or the `return` of its block. */
function returned(fn: SyntaxNode): SyntaxNode | undefined {
  const body = fn.field('body');
  if (!body) return undefined;
  if (body.kind() !== 'statement_block') return body;
  for (const statement of namedChildren(body)) {
    if (statement.kind() === 'return_statement') return namedChildren(statement)[0];
  }
  return undefined;
}

/** A loaded factory from its node: a function, `registerAs('ns', fn)`, or a name to follow (in the module or imported). */
function factoryOf(facts: Facts, file: SourceFile, node: SyntaxNode, depth = 0): Factory | undefined {
  if (depth > 4) return undefined;
  let unwrapped = node;
  while (unwrapped.kind() === 'parenthesized_expression' || unwrapped.kind() === 'as_expression' || unwrapped.kind() === 'satisfies_expression') {
    const inner = namedChildren(unwrapped)[0];
    if (!inner) return undefined;
    unwrapped = inner;
  }
  const kind = unwrapped.kind();
  if (FUNCTION_KINDS.has(kind)) {
    const value = returned(unwrapped);
    return value ? { path: file.path, offset: value.range().start.index, expression: value.text() } : undefined;
  }
  if (kind === 'call_expression') {
    const callee = unwrapped.field('function')?.text().replace(/\s+/g, '') ?? '';
    const args = namedChildren(unwrapped.field('arguments') ?? unwrapped);
    if (!/(^|\.)registerAs$/.test(callee) || args.length < 2) return undefined;
    const ns = /^['"`]([\w.-]+)['"`]$/.exec(args[0].text());
    const inner = factoryOf(facts, file, args[1], depth + 1);
    return ns && inner ? { ...inner, namespace: ns[1] } : undefined;
  }
  if (kind === 'identifier') {
    const name = unwrapped.text();
    const tree = syntaxTree(facts, file);
    const local = tree && exportedNode(tree, name);
    if (local && local.id() !== unwrapped.id()) return factoryOf(facts, file, local, depth + 1);
    const imported = importOf(file, name);
    const target = imported && importedFile(facts, file.path, imported.spec);
    const targetFile = target ? facts.file(target) : undefined;
    const targetTree = targetFile && syntaxTree(facts, targetFile);
    const exported = targetTree && exportedNode(targetTree, imported!.exported);
    return exported && targetFile ? factoryOf(facts, targetFile, exported, depth + 1) : undefined;
  }
  return undefined;
}

/** The factories of every `ConfigModule.forRoot({ load: […] })` of the repository, outside tests. */
function loadedFactories(facts: Facts): Factory[] {
  const out: Factory[] = [];
  for (const file of facts.files) {
    const language = languageOf(file.path);
    if ((language !== 'typescript' && language !== 'javascript') || isTestFile(file.path) || !file.text.includes('ConfigModule')) continue;
    const tree = syntaxTree(facts, file);
    if (!tree) continue;
    for (const call of tree.calls()) {
      if (!/(^|\.)ConfigModule\.forRoot(?:Async)?$/.test(call.callee)) continue;
      const options = call.args[0];
      if (!options || options.kind() !== 'object') continue;
      for (const pair of namedChildren(options)) {
        if (pair.kind() !== 'pair' || pair.field('key')?.text().replace(/['"]/g, '') !== 'load') continue;
        const list = pair.field('value');
        if (list?.kind() !== 'array') continue;
        for (const item of namedChildren(list)) {
          const factory = factoryOf(facts, file, item);
          if (factory) out.push(factory);
        }
      }
    }
  }
  return out;
}

/**
 * The values a key of the loaded NestJS configuration takes (`graphql.debug`, `app.corsOrigins`), each
 * where it is written; empty when no loaded factory defines the key.
 * @public
 */
export function nestConfigValues(facts: Facts, key: string): Resolved[] {
  const factories = memo(facts, 'nestConfigFactories', () => loadedFactories(facts));
  const values = valuesOf(facts);
  const out: Resolved[] = [];
  for (const factory of factories) {
    let path = key;
    if (factory.namespace) {
      if (key !== factory.namespace && !key.startsWith(`${factory.namespace}.`)) continue;
      path = key.slice(factory.namespace.length + 1);
    }
    if (!/^[\w$]+(?:\.[\w$]+)*$/.test(path) && path !== '') continue;
    // A name (`config`) is followed as a dotted path, so that each value keeps the line it is written on.
    const expression = /^[A-Za-z_$][\w$]*$/.test(factory.expression) ? [factory.expression, path].filter(Boolean).join('.') : `(${factory.expression})${path ? `.${path}` : ''}`;
    const offset = /^[A-Za-z_$]/.test(expression) ? factory.offset : factory.offset - 1;
    out.push(...values.resolve(factory.path, offset, expression));
  }
  return out;
}

/** `configService.get('graphql.debug')`, `this.config.getOrThrow<T>('graphql')`: the key a ConfigService read names. */
const CONFIG_SERVICE_GET = /^(?:this\.)?[\w$]*config[\w$]*\.get(?:OrThrow)?\s*(?:<[^>()]*>)?\s*\(\s*['"`]([\w.$-]+)['"`]/i;

/**
 * The key of the NestJS configuration an expression written in a file reads: a ConfigService `get` call,
 * or a member of a variable that one filled (`const gql = this.configService.get('graphql'); … gql.debug`).
 * @public
 */
export function nestConfigKeyOf(file: SourceFile, offset: number, expression: string): string | undefined {
  const text = expression.trim();
  const direct = CONFIG_SERVICE_GET.exec(text);
  if (direct) return direct[1];
  const member = /^([A-Za-z_$][\w$]*)((?:\??\.[A-Za-z_$][\w$]*)+)$/.exec(text);
  if (!member) return undefined;
  const before = file.text.slice(0, offset);
  const declaration = new RegExp(`\\b(?:const|let|var)\\s+${member[1].replace(/\$/g, '\\$')}\\b[^=;\\n]*=\\s*(?:await\\s+)?`, 'g');
  let last: RegExpExecArray | undefined;
  for (const m of before.matchAll(declaration)) last = m as RegExpExecArray;
  if (!last) return undefined;
  const read = CONFIG_SERVICE_GET.exec(file.text.slice(last.index + last[0].length, last.index + last[0].length + 300));
  // The declaration must be the one in force: not more than a function away (a rough bound: 200 lines).
  if (!read || lineOfOffset(file, offset) - lineOfOffset(file, last.index) > 200) return undefined;
  return `${read[1]}${member[2].replace(/\?/g, '')}`;
}
