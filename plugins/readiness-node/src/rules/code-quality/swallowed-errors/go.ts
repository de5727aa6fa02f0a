import type { Facts } from '../../../facts';
import { SourceFile } from '../../../snapshot';
import { SyntaxNode, SyntaxTree, syntaxTree } from '../../../facts/syntax';

/** A Go error dropped on the floor: where, and what to say. */
export interface GoDiscard {
  line: number;
  message: string;
}

/**
 * Standard-library functions whose only result is an error, by import path: calling one as a statement
 * drops the error. Only signatures that are certain are listed. Best-effort clean-up and environment calls
 * (`os.Remove`, `os.RemoveAll`, `os.Setenv`, `os.Unsetenv`) are left out, as golangci-lint's default exclusions
 * leave them: deleting a file that may not exist, or setting a variable, almost never has an error worth handling.
 */
const ERROR_ONLY_FUNCTIONS: Record<string, string[]> = {
  'encoding/json': ['Unmarshal'],
  'encoding/xml': ['Unmarshal'],
  os: ['Mkdir', 'MkdirAll', 'WriteFile', 'Chdir', 'Rename', 'Chmod', 'Chown', 'Truncate'],
  'io/ioutil': ['WriteFile'],
  'net/http': ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'],
};

/** Standard-library types whose methods return only an error, with the constructors that return them. */
const ERROR_ONLY_METHODS: Array<{ path: string; type: string; constructors: string[]; methods: string[] }> = [
  { path: 'net/http', type: 'Server', constructors: [], methods: ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS', 'Shutdown'] },
  { path: 'encoding/json', type: 'Decoder', constructors: ['NewDecoder'], methods: ['Decode'] },
  { path: 'encoding/xml', type: 'Decoder', constructors: ['NewDecoder'], methods: ['Decode'] },
];

/** Names an error variable goes by: `err`, `e`, `saveErr`, `errSave`. */
const ERROR_NAME = /^(?:err|e|error|\w+Err|err[A-Z]\w*)$/;

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children().filter(c => c.isNamed());
}

/** The local name of each imported standard package: `json` for "encoding/json", `h` for `h "net/http"`. */
function importNames(tree: SyntaxTree): Map<string, string> {
  const names = new Map<string, string>();
  for (const spec of tree.nodesOfKind('import_spec')) {
    const pathNode = spec.field('path') ?? namedChildren(spec).find(c => c.kind() === 'interpreted_string_literal');
    const path = pathNode?.text().replace(/^"|"$/g, '');
    if (!path) continue;
    const alias = spec.field('name') ?? namedChildren(spec).find(c => c.kind() === 'package_identifier');
    if (alias && alias.kind() !== 'package_identifier') continue; // `_` and `.` imports
    names.set(alias?.text() ?? path.split('/').pop()!, path);
  }
  return names;
}

/** The standard type a type expression or composite literal names: `http.Server`, `&http.Server{…}`, `json.NewDecoder(r)`. */
function standardType(node: SyntaxNode | null | undefined, imports: Map<string, string>): { path: string; type: string } | undefined {
  let n = node;
  while (n && (n.kind() === 'unary_expression' || n.kind() === 'pointer_type' || n.kind() === 'parenthesized_expression')) n = namedChildren(n).pop();
  if (!n) return undefined;
  if (n.kind() === 'composite_literal') n = n.field('type');
  if (n?.kind() === 'qualified_type') {
    const [pkg, type] = namedChildren(n);
    const path = pkg && imports.get(pkg.text());
    return path && type ? { path, type: type.text() } : undefined;
  }
  if (n?.kind() === 'call_expression') {
    const fn = n.field('function');
    if (fn?.kind() !== 'selector_expression') return undefined;
    const operand = fn.field('operand');
    const path = operand?.kind() === 'identifier' ? imports.get(operand.text()) : undefined;
    const name = fn.field('field')?.text();
    const known = ERROR_ONLY_METHODS.find(m => m.path === path && name !== undefined && m.constructors.includes(name));
    return known ? { path: known.path, type: known.type } : undefined;
  }
  return undefined;
}

/** The standard type of a variable, from its declaration in the enclosing function or at package level. */
function variableType(tree: SyntaxTree, node: SyntaxNode, name: string, imports: Map<string, string>): { path: string; type: string } | undefined {
  const start = node.range().start.index;
  const scope = tree.enclosingFunctions(node)[0];
  const declared = tree
    .bindings()
    .filter(b => b.names.length === 1 && b.names[0] === name && b.start < start)
    .filter(b => (scope ? b.start >= scope.start && b.start < scope.end : true) || !tree.enclosingFunctions(b.node).length)
    .pop();
  return declared ? standardType(declared.value, imports) : undefined;
}

/** What a call statement drops: a standard function or method whose only result is an error. */
function droppedError(tree: SyntaxTree, call: SyntaxNode, imports: Map<string, string>): string | undefined {
  const fn = call.field('function');
  if (fn?.kind() !== 'selector_expression') return undefined;
  const operand = fn.field('operand');
  const name = fn.field('field')?.text();
  if (!operand || !name) return undefined;
  if (operand.kind() === 'identifier') {
    const path = imports.get(operand.text());
    if (path) return ERROR_ONLY_FUNCTIONS[path]?.includes(name) ? `${operand.text()}.${name}` : undefined;
  }
  const type = operand.kind() === 'identifier' ? variableType(tree, call, operand.text(), imports) : standardType(operand, imports);
  if (!type) return undefined;
  const known = ERROR_ONLY_METHODS.find(m => m.path === type.path && m.type === type.type && m.methods.includes(name));
  return known ? `${fn.text().replace(/\s+/g, '')}` : undefined;
}

/**
 * Go's swallowed errors where they are certain: an `if err != nil {}` whose body is empty (comments
 * only), and a call statement (or `go` statement) to a standard function or method whose only result is
 * an error (`json.Unmarshal(data, &v)`, `server.ListenAndServe()` on an `http.Server`,
 * `json.NewDecoder(r).Decode(&v)`), which drops that error without a trace. An error given to `_` is an
 * explicit choice and is left alone.
 */
export function goDiscards(facts: Facts, file: SourceFile): GoDiscard[] {
  if (!/err\s*!=\s*nil|\.(?:Unmarshal|Mkdir|MkdirAll|WriteFile|Chdir|Rename|Chmod|Chown|Truncate|ListenAndServe|ListenAndServeTLS|Serve|ServeTLS|Shutdown|Decode)\(/.test(file.text)) return [];
  const tree = syntaxTree(facts, file);
  if (!tree) return [];
  const out: GoDiscard[] = [];
  for (const statement of tree.nodesOfKind('if_statement')) {
    const condition = statement.field('condition');
    const body = statement.field('consequence');
    if (condition?.kind() !== 'binary_expression' || body?.kind() !== 'block') continue;
    const [left, right] = [condition.field('left'), condition.field('right')];
    if (condition.field('operator')?.text() !== '!=' || right?.kind() !== 'nil' || left?.kind() !== 'identifier' || !ERROR_NAME.test(left.text())) continue;
    const statements = namedChildren(body).flatMap(c => (c.kind() === 'statement_list' ? namedChildren(c) : [c])).filter(c => c.kind() !== 'comment');
    if (statements.length > 0) continue;
    out.push({ line: tree.lineOf(statement), message: `An empty \`if ${left.text()} != nil {}\` block silently discards the error` });
  }
  const imports = importNames(tree);
  for (const statement of tree.nodesOfKind('expression_statement', 'go_statement')) {
    const call = namedChildren(statement)[0];
    if (call?.kind() !== 'call_expression') continue;
    const dropped = droppedError(tree, call, imports);
    if (!dropped) continue;
    const how = statement.kind() === 'go_statement' ? 'started with `go`, ' : '';
    out.push({ line: tree.lineOf(statement), message: `\`${dropped}(…)\` returns an error that is never checked (${how}its result is dropped)` });
  }
  return out.sort((a, b) => a.line - b.line);
}
