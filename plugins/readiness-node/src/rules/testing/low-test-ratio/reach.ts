import { SourceFile } from '../../../snapshot';
import { dirname, Facts } from '../../../facts';
import { memo } from '../../../facts/memo';
import { SyntaxNode, syntaxTree } from '../../../facts/syntax';

/**
 * What tests reach without sitting next to the code: the folders their imports
 * name, and the first segments of the request paths they send. A folder a test
 * imports from or drives through its routes is not untested, even when no test
 * file carries its name. Only tests whose text names the folder are read
 * further (parsed for imports), so asking costs little.
 */
export interface TestReach {
  /** Whether a test imports a module of this folder (or the folder as a package), or sends requests under `/<folder name>/`. */
  reaches(dir: string): boolean;
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

/** The imports of one test file, read once: paths resolved from relative imports, and the segments of the others. */
interface TestFileReach {
  exact: Set<string>;
  imported: string[][];
}

/** Lines that can hold an import: `import …`, `from … import`, `} from '…'`, `require(…)`, `using …;`, a Go import block's `"path"`. */
const IMPORT_LINES = /^[ \t]*(?:import\b|from\b|export\b|using\b|\}[ \t]*from\b|(?:const|let|var)\b[^\n]*\brequire[ \t]*\(|[\w.]*[ \t]*"[^"\n]+"[ \t]*$)[^\n]*/gm;

/** The words written on a source's import lines, lower-cased. */
function importWords(lowerText: string): Set<string> {
  const words = new Set<string>();
  for (const m of lowerText.matchAll(IMPORT_LINES)) {
    for (const word of m[0].split(/[^a-z0-9_-]+/)) if (word) words.add(word);
  }
  return words;
}

function routesOf(test: SourceFile): Set<string> {
  const routes = new Set<string>();
  for (const m of test.text.matchAll(REQUEST_PATH)) {
    routes.add(m[1].toLowerCase());
    if (m[3]) routes.add(m[3].toLowerCase());
  }
  return routes;
}

function importsOf(facts: Facts, test: SourceFile): Pick<TestFileReach, 'exact' | 'imported'> {
  const exact = new Set<string>();
  const imported: string[][] = [];
  const tree = syntaxTree(facts, test);
  for (const { source } of tree?.imports() ?? []) {
    if (!source) continue;
    if (source.startsWith('./') || source.startsWith('../')) {
      const target = resolveRelative(test.path, source);
      exact.add(target);
      exact.add(dirname(target));
    } else if (tree?.language === 'python' && source.startsWith('.')) {
      const target = resolvePythonRelative(test.path, source);
      exact.add(target);
      exact.add(dirname(target));
    } else {
      imported.push(segments(source));
    }
  }
  return { exact, imported };
}

/** The folder's last segments, at the end of the import (the package) or one before it (a module in it). */
function importsFolder(imported: string[][], folder: string[]): boolean {
  const run = folder.slice(-Math.min(folder.length, 3));
  return imported.some(imp => {
    for (const end of [imp.length, imp.length - 1]) {
      const start = end - run.length;
      if (start < 0) continue;
      if (run.every((s, k) => imp[start + k] === s)) return true;
    }
    return false;
  });
}

export function testReach(facts: Facts, tests: SourceFile[]): TestReach {
  return memo(facts, 'testing.testReach', () => {
    /** Per test, read once: its lower-cased text, and the words of its import lines. */
    const lowered = new Map<SourceFile, string>();
    const lower = (t: SourceFile) => {
      let text = lowered.get(t);
      if (text === undefined) {
        text = t.text.toLowerCase();
        lowered.set(t, text);
      }
      return text;
    };
    const words = new Map<SourceFile, Set<string>>();
    const importWordsOf = (t: SourceFile) => {
      let w = words.get(t);
      if (!w) {
        w = importWords(lower(t));
        words.set(t, w);
      }
      return w;
    };
    const routes = new Map<SourceFile, Set<string>>();
    const imports = new Map<SourceFile, Pick<TestFileReach, 'exact' | 'imported'>>();
    return {
      reaches(dir: string): boolean {
        const folder = segments(dir);
        const name = folder[folder.length - 1];
        if (!name) return false;
        for (const test of tests) {
          // A test that never writes the folder's name can neither import it nor call its routes.
          if (!lower(test).includes(name)) continue;
          let sent = routes.get(test);
          if (!sent) {
            sent = routesOf(test);
            routes.set(test, sent);
          }
          if (sent.has(name)) return true;
          // Parsed only when the name stands on a line that can import it.
          if (!importWordsOf(test).has(name)) continue;
          let read = imports.get(test);
          if (!read) {
            read = importsOf(facts, test);
            imports.set(test, read);
          }
          if (read.exact.has(dir) || importsFolder(read.imported, folder)) return true;
        }
        return false;
      },
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
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined) return false;
  // A component renders markup: behaviour users see. A `.tsx` of constants is declarations like any other.
  if (/\.[jt]sx$/.test(file.path) && tree.nodesOfKind('jsx_element', 'jsx_self_closing_element', 'jsx_fragment').length > 0) return false;
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
