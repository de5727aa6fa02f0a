/**
 * What a CORS response header written in code holds when nothing is configured: the value expression is resolved
 * through constants and settings, and through the code that hands it over: a parameter of the function that writes
 * the header (`func allowOrigin(origin string)`, `function cors(origin) { … }`) takes the arguments its callers
 * pass, and a field of the object that writes it (`m.allowedOrigins`, `this.origin`, `self.origin`) the value the
 * object is built with (a Go composite literal `&T{allowedOrigins: origins}`, `this.origin = origin` in a
 * constructor) and so, again, what the constructor's callers pass. Callers in tests are not followed.
 */
import { SourceFile } from '../../../snapshot';
import type { Facts } from '../../../facts';
import { dirname, isTestFile, languageOf } from '../../../facts';
import { lineOfOffset } from '../../../facts/text';
import { holdsWildcard, Resolved, valuesOf } from '../../../facts/values';
import { FunctionSite, SyntaxNode, SyntaxTree, syntaxTree } from '../../../facts/syntax';

/** How many hand-overs (caller to parameter, constructor to field) are followed from the header. */
const MAX_DEPTH = 3;
/** Files searched for the callers of one function. */
const MAX_CALLER_FILES = 200;

/** The list of origins inside a call that joins it into one header value: Go `strings.Join`, Java and C# `String.join`, JS `.join`, Python `", ".join`. */
export function joinedList(expression: string): string {
  const e = expression.trim();
  let m = /^strings\.Join\(\s*([\s\S]+?)\s*,\s*(?:"[^"]*"|`[^`]*`|\w+)\s*\)$/.exec(e);
  if (m) return m[1];
  m = /^(?:String|string)\.[Jj]oin\(\s*(?:"[^"]*"|'[^']*'|[\w.]+)\s*,\s*([\s\S]+?)\s*\)$/.exec(e);
  if (m) return m[1];
  m = /^(?:"[^"]*"|'[^']*')\.join\(\s*([\s\S]+?)\s*\)$/.exec(e);
  if (m) return m[1];
  m = /^([\s\S]+?)\.join\(\s*(?:"[^"]*"|'[^']*'|`[^`]*`)?\s*\)$/.exec(e);
  if (m && !/^['"`]/.test(m[1])) return m[1];
  return e;
}

/** Languages whose files call each other's functions: JavaScript and TypeScript together. */
function family(path: string): string | undefined {
  const language = languageOf(path);
  return language === 'typescript' ? 'javascript' : language;
}

function span(node: SyntaxNode): number {
  const r = node.range();
  return r.end.index - r.start.index;
}

/** The innermost function around a 0-based line. */
function functionAtLine(tree: SyntaxTree, line: number): FunctionSite | undefined {
  return tree
    .functions()
    .filter(f => f.node.range().start.line <= line && line <= f.node.range().end.line)
    .sort((a, b) => span(a.node) - span(b.node))[0];
}

/** The innermost function around a node. */
function functionAround(tree: SyntaxTree, node: SyntaxNode): FunctionSite | undefined {
  return tree.enclosingFunctions(node)[0];
}

const CLASS_KINDS = new Set(['class_declaration', 'class_definition', 'class', 'abstract_class_declaration', 'record_declaration', 'struct_declaration']);

/** The class a function is declared in, by name. */
function classOf(fn: FunctionSite): string | undefined {
  let node: SyntaxNode | null = fn.node.parent();
  for (let depth = 0; node && depth < 6; depth++, node = node.parent()) {
    if (CLASS_KINDS.has(node.kind())) return node.field('name')?.text();
  }
  return undefined;
}

/** Whether a function builds its object: a constructor, `__init__`, or (Java, C#) a method named after its class. */
function isConstructor(fn: FunctionSite): boolean {
  return fn.name === 'constructor' || fn.name === '__init__' || fn.node.kind() === 'constructor_declaration' || (fn.name !== '' && fn.name === classOf(fn));
}

/** Languages where a bare name in a method reads a field of the object (Java, Kotlin, C#). */
const BARE_FIELDS = new Set(['java', 'kotlin', 'csharp']);

class Follower {
  private readonly values: ReturnType<typeof valuesOf>;

  constructor(private readonly facts: Facts) {
    this.values = valuesOf(facts);
  }

  /** A value of the expression at an offset of a file that allows every origin, if any. */
  resolve(file: SourceFile, offset: number, expression: string, fn: FunctionSite | undefined, tree: SyntaxTree | undefined, depth: number): Resolved | undefined {
    const list = joinedList(expression);
    const direct = this.values
      .resolve(file.path, offset, list, this.values.ownerAt(file.path, offset))
      .find(v => holdsWildcard(v.value));
    if (direct || depth >= MAX_DEPTH || !tree) return direct;
    if (!fn) return undefined;
    const name = /^[A-Za-z_$][\w$]*$/.exec(list)?.[0];
    // A parameter of the function, or of a function around it (a middleware factory's closure).
    const taking = name ? [fn, ...tree.enclosingFunctions(fn.node)].find(f => f.params.includes(name)) : undefined;
    if (name && taking) return this.fromCallers(file, taking, name, depth + 1);
    const member = /^(this|self|[a-z]\w{0,30})\.([A-Za-z_$][\w$]*)$/.exec(list);
    if (member && this.isOwnObject(file, fn, member[1])) return this.fromField(file, tree, fn, member[2], depth + 1);
    if (name && BARE_FIELDS.has(family(file.path) ?? '')) return this.fromField(file, tree, fn, name, depth + 1);
    return undefined;
  }

  /** Whether a name is the object a method runs on: `this`, `self`, or a Go method's receiver. */
  private isOwnObject(file: SourceFile, fn: FunctionSite, object: string): boolean {
    if (object === 'this' || object === 'self') return true;
    return family(file.path) === 'go' && /^\(\s*(\w+)/.exec(fn.node.field('receiver')?.text() ?? '')?.[1] === object;
  }

  /** What the callers of a function pass for one of its parameters. */
  private fromCallers(file: SourceFile, fn: FunctionSite, param: string, depth: number): Resolved | undefined {
    const ctor = isConstructor(fn);
    const callee = ctor ? classOf(fn) : fn.name;
    if (!callee) return undefined;
    let index = fn.params.indexOf(param);
    if (family(file.path) === 'python' && /^(?:self|cls)$/.test(fn.params[0] ?? '')) index -= 1;
    if (index < 0) return undefined;
    const lang = family(file.path);
    let searched = 0;
    for (const other of this.facts.files) {
      if (family(other.path) !== lang || isTestFile(other.path) || !other.text.includes(callee)) continue;
      if (++searched > MAX_CALLER_FILES) break;
      const tree = syntaxTree(this.facts, other);
      if (!tree) continue;
      for (const call of tree.calls()) {
        if (call.name !== callee) continue;
        const arg = call.named.get(param) ?? call.args[index];
        if (!arg) continue;
        const hit = this.resolve(other, arg.range().start.index, arg.text(), functionAround(tree, call.node), tree, depth);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** What an object's field is set to where the object is built. */
  private fromField(file: SourceFile, tree: SyntaxTree, fn: FunctionSite, field: string, depth: number): Resolved | undefined {
    if (family(file.path) === 'go') {
      // `func (m *T) OnRequest(…)`: the literals `T{field: …}` of the package.
      const type = /(\w+)\s*(?:\[[^\]]*\])?\s*\)\s*$/.exec(fn.node.field('receiver')?.text() ?? '')?.[1];
      if (!type) return undefined;
      for (const other of this.facts.files) {
        if (dirname(other.path) !== dirname(file.path) || !other.path.endsWith('.go') || isTestFile(other.path) || !other.text.includes(type)) continue;
        const otherTree = syntaxTree(this.facts, other);
        for (const literal of otherTree?.nodesOfKind('composite_literal') ?? []) {
          if (literal.field('type')?.text() !== type) continue;
          for (const element of literal.field('body')?.children().filter(c => c.kind() === 'keyed_element') ?? []) {
            const [key, value] = element.children().filter(c => c.isNamed());
            if (key?.text().trim() !== field || !value) continue;
            const hit = this.resolve(other, value.range().start.index, value.text(), functionAround(otherTree!, literal), otherTree, depth);
            if (hit) return hit;
          }
        }
      }
      return undefined;
    }
    // `this.origin = origin` / `self.origin = origin` in the class's constructor.
    for (const assignment of tree.assignments()) {
      if (assignment.property !== field || !/^(?:this|self)$/.test(assignment.object ?? '') || !assignment.value) continue;
      const owner = functionAround(tree, assignment.node);
      if (!owner || !isConstructor(owner) || classOf(owner) !== classOf(fn)) continue;
      const hit = this.resolve(file, assignment.value.range().start.index, assignment.value.text(), owner, tree, depth);
      if (hit) return hit;
    }
    return undefined;
  }
}

/**
 * A value allowing every origin that the header value written at `offset` (the expression `expression`) takes when
 * nothing is configured, followed through constants, settings, parameters and fields; undefined when none is found.
 */
export function wildcardHeaderValue(facts: Facts, file: SourceFile, offset: number, expression: string): Resolved | undefined {
  const tree = syntaxTree(facts, file);
  const fn = tree ? functionAtLine(tree, lineOfOffset(file, offset) - 1) : undefined;
  return new Follower(facts).resolve(file, offset, expression, fn, tree, 0);
}
