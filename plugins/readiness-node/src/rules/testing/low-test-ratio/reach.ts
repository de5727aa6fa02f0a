import { SourceFile } from '../../../snapshot';
import { basename, dirname, Facts } from '../../../facts';
import { IMPORT_CLOSURE_DEPTH, importGraph } from '../../../facts/imports';
import { memo } from '../../../facts/memo';
import { FunctionSite, SyntaxNode, syntaxTree } from '../../../facts/syntax';

/**
 * What tests reach without sitting next to the code: the folders their imports
 * name, the first segments of the request paths they send, and everything the
 * code they import imports in turn. A folder a test imports from, drives
 * through its routes, or runs through the modules it imports (a page that
 * renders a feature's components, an app whose routes import the controllers)
 * is not untested, even when no test file carries its name. Only tests whose
 * text names the folder are read for direct imports and routes; for a folder
 * still in question, the import graph is walked back from its files towards
 * the tests (facts/imports.ts), and what it reads is kept for the audit.
 */
export interface TestReach {
  /**
   * Whether a test imports a module of this folder (or the folder as a package), sends requests under
   * `/<folder name>/`, or runs one of the folder's `files` through the code it imports.
   */
  reaches(dir: string, files?: SourceFile[]): boolean;
}

/** Modules a test replaces with mocks (`jest.mock('../mailer')`, `vi.mock('@/lib/api')`): importing them runs none of their code. */
const MOCK_CALL = /^(?:jest|vi)\.(?:mock|doMock)$/;

/** Whether tests run some of these files through what they import, at any depth (bounded). */
function runThroughImports(facts: Facts, tests: SourceFile[]): (files: SourceFile[]) => boolean {
  const graph = importGraph(facts);
  // pytest's conftest.py beside or above tests: its fixtures (a client over the app) serve them.
  const testDirs = [...new Set(tests.map(t => dirname(t.path)))];
  const conftests = facts.files.filter(f => {
    if (basename(f.path) !== 'conftest.py') return false;
    const dir = dirname(f.path);
    return testDirs.some(d => dir === '' || d === dir || d.startsWith(`${dir}/`));
  });
  const roots = new Set([...tests, ...conftests]);
  const mocks = new Map<SourceFile, Set<SourceFile>>();
  const mockedBy = (test: SourceFile): Set<SourceFile> => {
    let mocked = mocks.get(test);
    if (mocked) return mocked;
    mocked = new Set();
    if (/\.[cm]?[jt]sx?$/.test(test.path) && /\b(?:jest|vi)\.(?:mock|doMock)\(/.test(test.text)) {
      const tree = syntaxTree(facts, test);
      for (const call of tree?.calls() ?? []) {
        if (!MOCK_CALL.test(call.callee)) continue;
        const spec = tree!.stringValue(call.args[0]);
        const target = spec === undefined ? undefined : graph.resolve(test, spec);
        if (target) mocked.add(target);
      }
    }
    mocks.set(test, mocked);
    return mocked;
  };
  const counts = (test: SourceFile, target: SourceFile) => !mockedBy(test).has(target);
  return files => files.some(file => graph.reachedFrom(file, roots, counts));
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
  // A C# using directive brings a namespace into scope and runs nothing: the types a test names are followed instead.
  if (tree?.language === 'csharp') return { exact, imported };
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
    /** Whether a test names the folder in its imports or its request paths. */
    const direct = (dir: string): boolean => {
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
    };
    let throughImports: ((files: SourceFile[]) => boolean) | undefined;
    let throughTypes: Set<SourceFile> | undefined;
    let modelNames: ((files: SourceFile[]) => boolean) | undefined;
    return {
      reaches(dir: string, files: SourceFile[] = []): boolean {
        if (direct(dir)) return true;
        if (files.some(f => f.path.endsWith('.cs'))) {
          throughTypes ??= csharpTypeReach(facts, tests);
          if (files.some(f => throughTypes!.has(f))) return true;
        }
        modelNames ??= registeredNameUse(facts, tests);
        if (modelNames(files)) return true;
        throughImports ??= runThroughImports(facts, tests);
        return throughImports(files);
      },
    };
  });
}

/** The namespaces a C# file declares (block or file-scoped) and the types it declares, from its tree. */
function declaredTypes(facts: Facts, file: SourceFile): { namespaces: string[]; types: string[] } {
  const tree = syntaxTree(facts, file);
  if (!tree) return { namespaces: [], types: [] };
  const names = (...kinds: string[]) =>
    tree
      .nodesOfKind(...kinds)
      .map(n => n.field('name')?.text().replace(/\s+/g, '') ?? '')
      .filter(Boolean);
  return {
    namespaces: names('namespace_declaration', 'file_scoped_namespace_declaration'),
    types: names('class_declaration', 'record_declaration', 'struct_declaration', 'interface_declaration', 'enum_declaration').filter(n =>
      /^\w+$/.test(n),
    ),
  };
}

/** How many steps from a test the C# type references are followed, as for imports. */
const TYPE_REFERENCE_DEPTH = IMPORT_CLOSURE_DEPTH;
/** A type named only to reflect on it runs none of its code: `typeof(HomeController).Assembly`, `nameof(Order)`. */
const REFLECTION_ONLY = /\b(?:typeof|nameof)\s*\(\s*[\w.<>,\s]*\)/g;
/** Using directives and namespace declarations: the namespaces they write are not types the file uses. */
const NAMESPACE_LINE = /^[ \t]*(?:(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?[\w.]+(?:[ \t]*=[ \t]*[\w.<>, \t]+)?[ \t]*;|namespace[ \t]+[\w.]+)/gm;
const COMMENT_OR_STRING = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|@?\$?"(?:[^"\\\n]|\\.)*"/g;
const DECLARED_NAME = /\b(?:class|record|struct|interface|enum)\s+(?:class\s+|struct\s+)?([A-Za-z_]\w*)/g;

/**
 * The C# files tests run through the types they use: a test names a type whose namespace it brings into scope
 * (a using directive, a global using of its project, or a namespace it sits in), the file declaring that type names
 * others in turn, and so on, as imports are followed in other languages. A type named only inside `typeof(…)` or
 * `nameof(…)` is looked at, not run. Files are found by the type names their text declares and confirmed by their trees.
 */
function csharpTypeReach(facts: Facts, tests: SourceFile[]): Set<SourceFile> {
  const reached = new Set<SourceFile>();
  const roots = tests.filter(t => t.path.endsWith('.cs'));
  if (roots.length === 0) return reached;
  const csFiles = facts.files.filter(f => f.path.endsWith('.cs'));
  const byName = new Map<string, SourceFile[]>();
  for (const file of csFiles) {
    for (const m of file.text.matchAll(DECLARED_NAME)) {
      const list = byName.get(m[1]) ?? [];
      if (!list.includes(file)) list.push(file);
      byName.set(m[1], list);
    }
  }
  const declared = new Map<SourceFile, { namespaces: string[]; types: Set<string> }>();
  const declarationsOf = (file: SourceFile) => {
    let d = declared.get(file);
    if (!d) {
      const found = declaredTypes(facts, file);
      d = { namespaces: found.namespaces, types: new Set(found.types) };
      declared.set(file, d);
    }
    return d;
  };
  // `global using X;` in any file of a project puts X in scope for all of it.
  const projectDirs = facts.manifests.csprojs.map(c => dirname(c.path)).sort((a, b) => b.length - a.length);
  const projectOf = (path: string) => projectDirs.find(d => d === '' || path.startsWith(`${d}/`)) ?? '';
  const globalUsings = new Map<string, Set<string>>();
  for (const file of csFiles) {
    if (!/^\s*global\s+using\b/m.test(file.text)) continue;
    const lines = file.text.split('\n');
    const usings = globalUsings.get(projectOf(file.path)) ?? new Set<string>();
    for (const site of syntaxTree(facts, file)?.imports() ?? []) {
      if (/^\s*global\b/.test(lines[site.line - 1] ?? '')) usings.add(site.source);
    }
    globalUsings.set(projectOf(file.path), usings);
  }
  const scopeOf = (file: SourceFile): Set<string> => {
    const scope = new Set<string>(['', ...(globalUsings.get(projectOf(file.path)) ?? [])]);
    for (const site of syntaxTree(facts, file)?.imports() ?? []) scope.add(site.source);
    // Code in `A.B.C` sees the types of `A.B` and `A` without a using directive.
    for (const ns of declarationsOf(file).namespaces) {
      const parts = ns.split('.');
      for (let i = parts.length; i > 0; i--) scope.add(parts.slice(0, i).join('.'));
    }
    return scope;
  };
  const usedNames = (file: SourceFile): Set<string> =>
    new Set(file.text.replace(COMMENT_OR_STRING, ' ').replace(NAMESPACE_LINE, ' ').replace(REFLECTION_ONLY, ' ').match(/\b[A-Za-z_]\w*\b/g) ?? []);
  let frontier = roots;
  const seen = new Set<SourceFile>(roots);
  for (let depth = 0; depth < TYPE_REFERENCE_DEPTH && frontier.length > 0; depth++) {
    const next: SourceFile[] = [];
    for (const file of frontier) {
      let scope: Set<string> | undefined;
      const inScope = (ns: string) => (scope ??= scopeOf(file)).has(ns);
      for (const name of usedNames(file)) {
        for (const target of byName.get(name) ?? []) {
          if (seen.has(target)) continue;
          const d = declarationsOf(target);
          if (!d.types.has(name)) continue;
          if (!(d.namespaces.length > 0 ? d.namespaces : ['']).some(inScope)) continue;
          seen.add(target);
          reached.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return reached;
}

/** Calls that register a model under a name (`mongoose.model('User', schema)`, `sequelize.define('user', {…})`) or look one up. */
const MODEL_CALL = /^(?:model|define)$/;

/**
 * Whether a JavaScript test uses a model by the name a folder registers it under: `mongoose.model('User')` or
 * `sequelize.models.User` reach the file that calls `mongoose.model('User', UserSchema)`, which the app loads by
 * itself rather than through an import.
 */
function registeredNameUse(facts: Facts, tests: SourceFile[]): (files: SourceFile[]) => boolean {
  const jsTests = tests.filter(t => /\.[cm]?[jt]sx?$/.test(t.path) && /\bmodels?\b/.test(t.text));
  const looked = new Map<SourceFile, Set<string>>();
  const lookedUp = (test: SourceFile): Set<string> => {
    let names = looked.get(test);
    if (names) return names;
    names = new Set();
    const tree = syntaxTree(facts, test);
    for (const call of tree?.calls() ?? []) {
      if (call.name !== 'model' || call.args.length !== 1) continue;
      const name = tree!.stringValue(call.args[0]);
      if (name) names.add(name);
    }
    for (const m of test.text.matchAll(/\bmodels\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) names.add(m[1] ?? m[2]);
    looked.set(test, names);
    return names;
  };
  return files => {
    if (jsTests.length === 0) return false;
    const registered = new Set<string>();
    for (const file of files) {
      if (!/\.[cm]?[jt]sx?$/.test(file.path) || !/\b(?:model|define)\s*\(/.test(file.text)) continue;
      const tree = syntaxTree(facts, file);
      for (const call of tree?.calls() ?? []) {
        if (!MODEL_CALL.test(call.name) || call.receiver === '' || call.args.length < 2) continue;
        const name = tree!.stringValue(call.args[0]);
        if (name) registered.add(name);
      }
    }
    return registered.size > 0 && jsTests.some(test => [...lookedUp(test)].some(name => registered.has(name)));
  };
}

const FUNCTION_KINDS = /function|method|lambda|arrow|constructor|accessor|closure/;
const CLASS_KINDS = /^(class_definition|class_declaration|class_body|record_declaration|struct_declaration|interface_declaration|object_declaration|enum_declaration|type_declaration|declaration_list|companion_object)$/;
export const BRANCH_KINDS = [
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

/** Statements that do nothing: `pass`, an empty statement, a bare `return`. */
const EMPTY_STATEMENT = /^(pass_statement|empty_statement|comment|line_comment|block_comment)$/;
/** Values a stub returns without computing anything: null and member reads (`Task.CompletedTask`, `None`). */
const INERT_VALUE = /^(member_access_expression|member_expression|attribute|field_access|selector_expression|navigation_expression|null_literal|none|nil)$/;

/**
 * Whether a function's body does nothing: empty, `pass`, or one `return` of null or a member read
 * (`return Task.CompletedTask;`), like a handler stub or a no-op hook. Its callers are what a test would check.
 */
function doesNothing(fn: FunctionSite): boolean {
  const body = fn.body;
  if (!body) return false;
  if (INERT_VALUE.test(body.kind()) || body.kind() === 'arrow_expression_clause') {
    const value = body.kind() === 'arrow_expression_clause' ? body.children().filter(c => c.isNamed())[0] : body;
    return !value || INERT_VALUE.test(value.kind());
  }
  const statements = body.children().filter(c => c.isNamed() && !EMPTY_STATEMENT.test(c.kind()));
  if (statements.length === 0) return true;
  if (statements.length > 1) return false;
  const only = statements[0];
  if (only.kind() !== 'return_statement') return false;
  const value = only.children().filter(c => c.isNamed() && !EMPTY_STATEMENT.test(c.kind()));
  return value.length === 0 || (value.length === 1 && INERT_VALUE.test(value[0].kind()));
}

/** Calls that only make a value for a field: new identifiers, the current time, the base constructor. */
const VALUE_FACTORY =
  /^(?:Guid\.NewGuid|uuid\.(?:uuid[1-5]|New|NewString|v[1-7])|uuid[1-5]|uuidv[1-7]|UUID\.randomUUID|(?:crypto\.)?randomUUID|nanoid|ObjectId|(?:datetime\.)?datetime\.(?:now|utcnow|today)|date\.today|timezone\.now|time\.Now|Date\.now|(?:Instant|LocalDateTime|LocalDate|OffsetDateTime|ZonedDateTime)\.now|super|super\(\)\.__init__|super\.__init__)$/;

/** Values stored as they are: literals, names and member reads. */
const STORED_VALUE =
  /^(?:identifier|member_access_expression|member_expression|attribute|field_access|selector_expression|navigation_expression|this|this_expression|true|false|boolean_literal|null_literal|none|nil|null|number|integer|integer_literal|int_literal|string|string_literal|interpreted_string_literal)$/;

/** Whether a method only stores values in fields (`_sent = true`, `this.status = Status.Paid`): a setter by another name. */
function onlyStores(fn: FunctionSite): boolean {
  const body = fn.body;
  if (!body || fn.calls.length > 0) return false;
  const statements = body.children().filter(c => c.isNamed() && !EMPTY_STATEMENT.test(c.kind()));
  if (statements.length === 0) return false;
  return statements.every(statement => {
    const assignment = statement.kind() === 'expression_statement' ? statement.children().find(c => c.isNamed()) : statement;
    if (!assignment || !/^(?:assignment_expression|assignment)$/.test(assignment.kind())) return false;
    const parts = assignment.children().filter(c => c.isNamed());
    return parts.length === 2 && STORED_VALUE.test(parts[1].kind());
  });
}

/**
 * Whether a source file is declarations only: types, records, interfaces,
 * enums, constants, abstract base classes and data classes whose members do nothing but hold values
 * (constructors that store their arguments or new identifiers, getters, setters, field initialisers; none calls
 * anything else). Such files hold no behaviour a unit
 * test could check. Files that do not parse, and JSX/TSX components (markup is
 * behaviour users see), count as code with logic.
 */
export function declarationsOnly(facts: Facts, file: SourceFile): boolean {
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined) return false;
  // A component renders markup: behaviour users see. A `.tsx` of constants is declarations like any other.
  if (/\.[jt]sx$/.test(file.path) && tree.nodesOfKind('jsx_element', 'jsx_self_closing_element', 'jsx_fragment').length > 0) return false;
  for (const fn of tree.functions()) {
    // An abstract or interface member is a signature only.
    if (!fn.body) continue;
    // A constructor only stores its arguments, whatever it is named (C# and Java name it after the class); it may build
    // values (`Guid.NewGuid()`, `new Money(…)`) and call the base constructor.
    const constructor = fn.node.kind() === 'constructor_declaration' || /^(?:constructor|__init__|init)$/.test(fn.name);
    if (constructor ? !fn.calls.every(c => c.constructs || VALUE_FACTORY.test(c.callee)) : fn.calls.length > 0) return false;
    if (!TRIVIAL_MEMBER.test(fn.name) && !constructor && !doesNothing(fn) && !onlyStores(fn)) return false;
  }
  if (tree.nodesOfKind(...BRANCH_KINDS).length > 0) return false;
  for (const call of tree.calls()) {
    if (placeOf(call.node) !== 'module') continue;
    if (DECLARING_CALLS.test(call.callee)) continue;
    return false;
  }
  return true;
}

export const MAX_WIRING_CALLS = 6;

/**
 * Whether a source file only wires things together at module level: it defines no function or class and takes
 * no branch, and its few calls build and configure objects (`celery_app = Celery(…)`, `app.conf.update(…)`).
 * What it sets up is exercised by whatever imports it; there is nothing of its own to unit-test.
 */
export function wiringOnly(facts: Facts, file: SourceFile): boolean {
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined) return false;
  if (/\.[jt]sx$/.test(file.path)) return false;
  if (tree.functions().length > 0 || tree.nodesOfKind(...BRANCH_KINDS).length > 0) return false;
  if (tree.nodesOfKind('class_definition', 'class_declaration', 'class', 'record_declaration', 'struct_declaration').length > 0) return false;
  const calls = tree.calls();
  return calls.length > 0 && calls.length <= MAX_WIRING_CALLS;
}


/** Calls that hand an app to a server and run it. */
const SERVER_RUN = /^(?:uvicorn\.run|hypercorn\.\w+|waitress\.serve|serve|run_simple|web\.run_app|(?:app|application|server)\.run)$/;

/**
 * Whether a Python entry script only launches the server (`main.py` whose `main()` reads the command line and
 * calls `uvicorn.run("app.server:app", …)`): every function it defines ends in a server run call, and there are
 * at most two. The app it starts is what tests exercise.
 */
export function launcherOnly(facts: Facts, file: SourceFile): boolean {
  if (!/(?:^|\/)(?:main|run|__main__|server|serve|start)\.py$/.test(file.path)) return false;
  const tree = syntaxTree(facts, file);
  if (!tree || tree.errorLine !== undefined) return false;
  const named = tree.functions().filter(fn => fn.name !== '' && fn.node.kind() !== 'lambda');
  if (named.length === 0 || named.length > 2) return false;
  return named.every(fn => fn.calls.some(call => SERVER_RUN.test(call.callee)));
}
