import { SourceFile } from '../../../snapshot';
import { Facts } from '../../../facts';
import { FunctionSite, SyntaxNode, SyntaxTree, syntaxTree } from '../../../facts/syntax';
import { BRANCH_KINDS, MAX_WIRING_CALLS } from './reach';

/**
 * Shapes of source files that hold nothing of their own for a test to check: tiny folders, functions that only log,
 * wait or hand back a value, command-line wiring, entry points that only call into the code, and dependency
 * injection modules that only register types. Each is read from the file's syntax tree; a file that does not
 * parse has no shape and stays code to test.
 */

/** A folder with at most this many lines of code in total is too small to be named as a test gap. */
export const TINY_FOLDER_LINES = 12;

/** Lines that hold no code: closing brackets, imports, package, namespace and using lines, and file directives. */
const NO_CODE_LINE =
  /^(?:[)\]}>;,]+|import\b.*|from\s+[\w.]+\s+import\b.*|package\s.*|using\s[\w.=\s<>,]+;|namespace\s[\w.]+\s*;?|(?:const|let|var)\s+[\w{}\s,]+=\s*require\([^)]*\)[;,]?|require\([^)]*\);?|['"]use (?:strict|client|server)['"];?)$/;
const COMMENT_START = /^(?:\/\/|#(?![a-z]*\s*\[)|--|\*)/;

/**
 * The lines of code in a text: not blank, not a comment or docstring, not an import or package line, not only
 * closing brackets. Block comments, Python docstrings and Go import blocks are skipped whole.
 */
export function codeLines(text: string): number {
  let count = 0;
  let until: RegExp | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (until) {
      if (until.test(line)) until = undefined;
      continue;
    }
    if (line === '' || COMMENT_START.test(line)) continue;
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) until = /\*\//;
      continue;
    }
    const docstring = /^[rRbBuU]?("""|''')/.exec(line);
    if (docstring) {
      if (line.split(docstring[1]).length < 3) until = new RegExp(docstring[1]);
      continue;
    }
    // Go's `import (` and Python's `from x import (`: the names inside are not code; nor are those of a JavaScript
    // `import {` that ends on a later line.
    if (/^(?:import|from\s+[\w.]+\s+import)\s*\($/.test(line)) {
      until = /\)/;
      continue;
    }
    if (/^(?:import|export)\s+(?:type\s+)?\{[^}]*$/.test(line)) {
      until = /\bfrom\b/;
      continue;
    }
    if (NO_CODE_LINE.test(line)) continue;
    count += 1;
  }
  return count;
}

/** Named statements of a function body (Go wraps them in a statement list), comments left out. */
function statementsOf(fn: FunctionSite): SyntaxNode[] {
  let body = fn.body;
  if (!body) return [];
  let kids = body.children().filter(c => c.isNamed() && !/comment/.test(c.kind()));
  if (kids.length === 1 && kids[0].kind() === 'statement_list') {
    body = kids[0];
    kids = body.children().filter(c => c.isNamed() && !/comment/.test(c.kind()));
  }
  // An expression body (`x => value`) is one statement.
  return /block|body|statement_list/.test(body.kind()) ? kids : [body];
}

function branchCount(tree: SyntaxTree): number {
  return tree.nodesOfKind(...BRANCH_KINDS).length;
}

function parsed(facts: Facts, file: SourceFile): SyntaxTree | undefined {
  const tree = syntaxTree(facts, file);
  return tree && tree.errorLine === undefined ? tree : undefined;
}

/** Calls that only write to a log or the console. */
const LOG_CALL =
  /^(?:print|println|printf|puts)$|(?:^|\.)(?:logging|logger|_logger|log|_log|LOGGER|LOG|Log|console|Console)\.\w+$|(?:^|\.)(?:fmt\.F?[Pp]rint\w*|out\.print\w*)$/;
/** Calls that only wait. */
const WAIT_CALL = /(?:^|\.)(?:sleep|Sleep|delay|Delay)$|^setTimeout$/;
/** Values handed back as they are: literals, names, strings with names in them. */
const PLAIN_VALUE =
  /^(?:string|template_string|interpreted_string_literal|raw_string_literal|string_literal|interpolated_string_expression|identifier|number|integer|float|int_literal|float_literal|integer_literal|decimal_integer_literal|real_literal|true|false|none|null|nil|null_literal|boolean_literal|undefined)$/;

function isLogOrWait(node: SyntaxNode, tree: SyntaxTree): boolean {
  let expr: SyntaxNode | undefined = node;
  // `await asyncio.sleep(1)`, `logger.info(…);`
  for (let depth = 0; expr && depth < 3 && !/call|invocation/.test(expr.kind()); depth++) {
    expr = expr.children().filter(c => c.isNamed())[0];
  }
  if (!expr) return false;
  const call = tree.calls().find(c => c.node.id() === expr!.id());
  return !!call && (LOG_CALL.test(call.callee) || WAIT_CALL.test(call.callee));
}

/**
 * Whether every function of a file only logs, waits and hands back a plain value (a demo task that sleeps and
 * returns a message, start-up and shut-down hooks that write a log line), with no branch, and the module around
 * them only makes a few set-up calls (`logging.basicConfig(…)`). Functions that compute anything are code.
 */
export function stubsOnly(facts: Facts, file: SourceFile): boolean {
  if (/\.[jt]sx$/.test(file.path)) return false;
  const tree = parsed(facts, file);
  if (!tree || branchCount(tree) > 0) return false;
  const functions = tree.functions();
  if (functions.length === 0) return false;
  for (const fn of functions) {
    if (fn.calls.some(c => !LOG_CALL.test(c.callee) && !WAIT_CALL.test(c.callee))) return false;
    for (const statement of statementsOf(fn)) {
      const kind = statement.kind();
      if (/^(?:pass_statement|empty_statement)$/.test(kind)) continue;
      if (/^return_statement$/.test(kind)) {
        const value = statement.children().filter(c => c.isNamed() && !/comment/.test(c.kind()));
        const plain = (n: SyntaxNode) => PLAIN_VALUE.test(n.kind()) || (n.kind() === 'expression_list' && n.children().filter(c => c.isNamed()).every(plain));
        if (value.length <= 1 && value.every(plain)) continue;
        return false;
      }
      if (/expression_statement|^call|invocation/.test(kind) && isLogOrWait(statement, tree)) continue;
      return false;
    }
  }
  const moduleCalls = tree.calls().filter(c => tree.enclosingFunctions(c.node).length === 0);
  return moduleCalls.length <= MAX_WIRING_CALLS;
}

/** Command-line frameworks, by the module a file imports. */
const CLI_FRAMEWORK =
  /^(?:github\.com\/(?:spf13\/cobra|urfave\/cli(?:\/v\d+)?|alecthomas\/(?:kong|kingpin)(?:\/v\d+)?)|gopkg\.in\/alecthomas\/kingpin\.v\d|click|typer|fire|cleo|commander|yargs|yargs\/\w+|cac|meow|sade|citty|clipanion|@oclif\/core|@oclif\/command|picocli|com\.github\.ajalt\.clikt|kotlinx\.cli|org\.springframework\.shell|System\.CommandLine|McMaster\.Extensions\.CommandLineUtils|Spectre\.Console\.Cli|Cocona)(?:[./]|$)/;
/** Command wiring stays thin: a few branches in the file, no function longer than this many lines of code. */
const MAX_CLI_BRANCHES = 4;
const MAX_CLI_FUNCTION_LINES = 20;

/**
 * Whether a file only declares command-line commands: it imports a command-line framework (cobra, click, commander,
 * picocli, System.CommandLine…), takes at most a few branches, and none of its functions is long. Each command hands
 * its work to code elsewhere, which is what tests check; a command that does the work itself is long or branchy.
 */
export function cliWiringOnly(facts: Facts, file: SourceFile): boolean {
  const tree = parsed(facts, file);
  if (!tree || !tree.imports().some(i => CLI_FRAMEWORK.test(i.source))) return false;
  if (branchCount(tree) > MAX_CLI_BRANCHES) return false;
  return tree.functions().every(fn => codeLines(fn.node.text()) <= MAX_CLI_FUNCTION_LINES);
}

const ENTRY_FUNCTION = /^(?:main|Main)$/;
const MAX_ENTRY_STATEMENTS = 4;

/**
 * Whether a file is an entry point that only calls into the rest of the code: its one named function is `main`
 * with a few statements, and it takes at most one branch (`if err != nil`, `if __name__ == "__main__"`).
 */
export function thinEntryPoint(facts: Facts, file: SourceFile): boolean {
  const tree = parsed(facts, file);
  if (!tree || /\.[jt]sx$/.test(file.path)) return false;
  const named = tree.functions().filter(fn => fn.name !== '' && !/lambda|arrow|func_literal|anonymous/.test(fn.node.kind()));
  if (named.length !== 1 || !ENTRY_FUNCTION.test(named[0].name)) return false;
  if (tree.nodesOfKind('class_declaration', 'class_definition', 'object_declaration').length > 1) return false;
  if (tree.calls().filter(c => tree.enclosingFunctions(c.node).length === 0).length > MAX_WIRING_CALLS) return false;
  return statementsOf(named[0]).length <= MAX_ENTRY_STATEMENTS && branchCount(tree) <= 1;
}

/** Base classes of dependency injection modules: Autofac, Ninject, Guice. */
const CONTAINER_MODULE_BASE = /^(?:Autofac\.)?Module$|^(?:NinjectModule|AbstractModule|PrivateModule)$/;
/** The methods a container calls on its modules to register types. */
const REGISTRATION_METHOD = /^(?:Load|configure|Configure)$/;

function baseNames(node: SyntaxNode): string[] {
  const bases = node.children().filter(c => /^(?:base_list|superclass|delegation_specifiers?)$/.test(c.kind()));
  return bases.flatMap(b =>
    b
      .text()
      .replace(/^\s*(?::|extends)\s*/, '')
      .split(',')
      .map(s => s.trim().replace(/<.*$|\(.*$/s, '')),
  );
}

/**
 * Whether a file only holds dependency injection modules (an Autofac or Ninject `Module`, a Guice `AbstractModule`)
 * whose members are a constructor that stores its arguments and the registration method: registrations are wiring,
 * and what they register is tested where it is written.
 */
export function containerModulesOnly(facts: Facts, file: SourceFile): boolean {
  const tree = parsed(facts, file);
  if (!tree) return false;
  const classes = tree.nodesOfKind('class_declaration', 'class_definition');
  if (classes.length === 0 || !classes.every(c => baseNames(c).some(b => CONTAINER_MODULE_BASE.test(b)))) return false;
  if (branchCount(tree) > 0) return false;
  return tree.functions().every(fn => {
    if (REGISTRATION_METHOD.test(fn.name) || /lambda|arrow|anonymous/.test(fn.node.kind())) return true;
    // A constructor that only stores its arguments.
    return /constructor/.test(fn.node.kind()) && fn.calls.length === 0;
  });
}
