import { SourceFile } from '../../../snapshot';
import { dirname, Facts } from '../../../facts';
import { memo } from '../../../facts/memo';
import { SyntaxNode, syntaxTree } from '../../../facts/syntax';

/**
 * What tests reach without sitting next to the code: the folders their imports
 * name, and the first segments of the request paths they send. A folder a test
 * imports from or drives through its routes is not untested, even when no test
 * file carries its name.
 */
export interface TestReach {
  /** Whether a test imports a module of this folder (or the folder as a package). */
  imports(dir: string): boolean;
  /** Whether a test sends requests under `/<segment>/`. */
  routes(segment: string): boolean;
}

const SEPARATORS = /[/.\\:]+/;

function segments(path: string): string[] {
  return path
    .split(SEPARATORS)
    .filter(s => s && s !== '@')
    .map(s => s.toLowerCase());
}

/** `../src/orders/service` from `test/orders.test.ts` → `src/orders/service`. */
function resolveRelative(from: string, spec: string): string {
  const parts = dirname(from).split('/').filter(Boolean);
  for (const part of spec.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part) parts.push(part);
  }
  return parts.join('/');
}

/** Python's `from .views import x` inside `tests/auth/`: dots climb packages. */
function resolvePythonRelative(from: string, spec: string): string {
  const dots = /^\.+/.exec(spec)?.[0].length ?? 0;
  const parts = dirname(from).split('/').filter(Boolean);
  for (let i = 1; i < dots; i++) parts.pop();
  const rest = spec.slice(dots);
  return [...parts, ...rest.split('.').filter(Boolean)].join('/');
}

/** Request paths in test sources: `'/api/v1/posts/'`, `"/auth/login"`, `` `/orders/${id}` ``. */
const REQUEST_PATH = /['"`]\/([a-z][\w-]{1,40})(?:\/(v\d+)\/([a-z][\w-]{1,40}))?(?=[/'"`?])/gi;

export function testReach(facts: Facts, tests: SourceFile[]): TestReach {
  return memo(facts, 'testing.testReach', () => {
    const imported: string[][] = [];
    const exact = new Set<string>();
    const routeSegments = new Set<string>();
    for (const test of tests) {
      for (const m of test.text.matchAll(REQUEST_PATH)) {
        routeSegments.add(m[1].toLowerCase());
        if (m[3]) routeSegments.add(m[3].toLowerCase());
      }
      const tree = syntaxTree(facts, test);
      if (!tree) continue;
      for (const { source } of tree.imports()) {
        if (!source) continue;
        if (source.startsWith('./') || source.startsWith('../')) {
          const target = resolveRelative(test.path, source);
          exact.add(target);
          exact.add(dirname(target));
        } else if (tree.language === 'python' && source.startsWith('.')) {
          const target = resolvePythonRelative(test.path, source);
          exact.add(target);
          exact.add(dirname(target));
        } else {
          imported.push(segments(source));
        }
      }
    }
    return {
      imports(dir: string): boolean {
        if (exact.has(dir)) return true;
        const folder = segments(dir);
        if (folder.length === 0) return false;
        const run = folder.slice(-Math.min(folder.length, 3));
        // The folder's last segments, at the end of the import (the package) or one before it (a module in it).
        return imported.some(imp => {
          for (const end of [imp.length, imp.length - 1]) {
            const start = end - run.length;
            if (start < 0) continue;
            if (run.every((s, k) => imp[start + k] === s)) return true;
          }
          return false;
        });
      },
      routes: (segment: string) => routeSegments.has(segment.toLowerCase()),
    };
  });
}

const FUNCTION_KINDS = /function|method|lambda|arrow|constructor|accessor|closure/;
const CLASS_KINDS = /^(class_definition|class_declaration|class_body|record_declaration|struct_declaration|interface_declaration|object_declaration|enum_declaration|type_declaration|declaration_list|companion_object)$/;
const BRANCH_KINDS = [
  'if_statement',
  'for_statement',
  'for_in_statement',
  'for_range_loop',
  'enhanced_for_statement',
  'foreach_statement',
  'while_statement',
  'do_statement',
  'switch_statement',
  'switch_expression',
  'expression_switch_statement',
  'try_statement',
  'conditional_expression',
  'ternary_expression',
  'if_expression',
  'when_expression',
  'match_statement',
];

/** Where a node sits: inside a function, inside a class body (or a decorator, which declares), or at the top of the module. */
function placeOf(node: SyntaxNode): 'function' | 'class' | 'module' {
  for (let p = node.parent(); p; p = p.parent()) {
    const kind = p.kind();
    if (/^(decorator|annotation|marker_annotation|attribute_list|attribute)$/.test(kind)) return 'class';
    if (FUNCTION_KINDS.test(kind)) return 'function';
    if (CLASS_KINDS.test(kind)) return 'class';
  }
  return 'module';
}

/** Members that only hold or show values: constructors, accessors, equality. Anonymous ones too, when they call nothing. */
const TRIVIAL_MEMBER =
  /^(|constructor|__init__|__str__|__repr__|__eq__|__hash__|toString|equals|hashCode|ToString|Equals|GetHashCode|get|set|init|(get|set|is|has)[A-Z_]\w*|(Get|Set|Is|Has)[A-Z_]\w*)$/;

/** Module-level calls that only bring names into scope or declare things. */
const DECLARING_CALLS = /^(require|define|import|register\w*Type|create\w*Type|__import__|TypeVar|NewType|namedtuple|NamedTuple|TypedDict|Enum|IntEnum|StrEnum|Symbol|Object\.freeze|createContext|z\.\w+)$/;

/**
 * Whether a source file is declarations only: types, records, interfaces,
 * enums, constants and data classes whose members do nothing but hold values
 * (constructors, getters, setters, field initialisers; none calls anything). Such files hold no behaviour a unit
 * test could check. Files that do not parse, and JSX/TSX components (markup is
 * behaviour users see), count as code with logic.
 */
export function declarationsOnly(facts: Facts, file: SourceFile): boolean {
  if (/\.[jt]sx$/.test(file.path)) return false;
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined) return false;
  for (const fn of tree.functions()) {
    if (fn.calls.length > 0 || !TRIVIAL_MEMBER.test(fn.name)) return false;
  }
  if (tree.nodesOfKind(...BRANCH_KINDS).length > 0) return false;
  for (const call of tree.calls()) {
    if (placeOf(call.node) !== 'module') continue;
    if (DECLARING_CALLS.test(call.callee)) continue;
    return false;
  }
  return true;
}
