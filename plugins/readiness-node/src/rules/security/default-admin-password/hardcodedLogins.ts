import { SourceFile } from '../../../snapshot';
import { isLowConfidencePath, isTestFile } from '../../../facts';
import { valuesOf } from '../../../facts/values';
import { SyntaxNode, SyntaxTree, syntaxLanguageOf, syntaxTree } from '../../../facts/syntax';
import { nameWords } from '../../../facts/secretNames';
import { fixedPasswordOf, Hit } from './passwords';

/**
 * Logins that accept a password written in the code: `if username == "demo" && password == "pass"`,
 * `"s3cret".equals(password)`. Everyone who reads the code can sign in, on every installation: a default
 * credential that no configuration changes.
 */

/** Comparison nodes, per grammar: JS/TS/Go/Java/C# binary expressions, Python comparisons, Kotlin equality. */
const COMPARISON_KINDS = ['binary_expression', 'comparison_operator', 'equality_expression'];
const EQUALITY_OPERATOR = /^(?:==|===|!=|!==)$/;
/** String comparison methods: `password.equals("…")`, `Objects.equals(password, "…")`, `string.Equals(pw, "…")`. */
const EQUALS_METHOD = /^(?:equals|equalsIgnoreCase|Equals|contentEquals)$/;

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'pw']);
/** Values that are not the supplied password: confirmations, new and old passwords, policies, field types. */
const OTHER_WORDS = new Set(['confirm', 'confirmation', 'repeat', 'repeated', 'again', 'new', 'old', 'current', 'retype', 'verify', 'policy']);

/** Code that signs users in: login, authenticate, sign-in, credential checks, basic auth. */
const LOGIN_NAME = /log_?in|sign_?in|auth(?!or)|credential|check_?pass|verify_?(user|pass)|session/i;
/** Code that handles a password without signing anyone in: sign-up, change and reset, strength rules. */
const NOT_LOGIN_NAME = /regist|sign_?up|change|reset|strength|polic|validat|confirm|creat|new_?pass|update|forgot|recover/i;
/** A sign-in route handled by an anonymous function: `app.post('/login', …)`. */
const LOGIN_ROUTE = /['"`][\w/.-]*\/(?:log_?in|sign_?in|auth|token|session)s?\b/i;
/** Test and mock folders: hard-coded logins there stand in for the real one. */
const TEST_FOLDER = /(^|\/)(tests?|__tests__|spec|specs|testdata|test-data|e2e|mocks?|__mocks__|fakes?|stubs?)\//i;

/**
 * The last name of an expression (`req.body.password` → `password`, `form.password.data` → `password`,
 * `request.form["password"]` → `password`), when it is a name, a member access or a lookup by a literal key.
 */
function lastName(text: string): string | undefined {
  const keyed = /^([A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*)*)\s*(?:\[\s*['"]([\w-]+)['"]\s*\]|\.get\(\s*['"]([\w-]+)['"]\s*\))$/.exec(text.trim());
  if (keyed) return keyed[2] ?? keyed[3];
  if (!/^[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.|->|!!\.)\s*[A-Za-z_$][\w$]*)*$/.test(text.trim())) return undefined;
  const names = text.trim().split(/\s*(?:\?\.|\.|->|!!\.)\s*/);
  while (names.length > 1 && /^(?:data|value|Value|text|Text)$/.test(names[names.length - 1])) names.pop();
  return names[names.length - 1];
}

/** Whether an expression names the supplied password: its last word is a password word, with no confirmation or policy word. */
function isPasswordExpression(node: SyntaxNode): boolean {
  return isPasswordName(node.text());
}

function isPasswordName(text: string): boolean {
  const name = lastName(text);
  if (!name) return false;
  const words = nameWords(name);
  return words.length > 0 && PASSWORD_WORDS.has(words[words.length - 1]) && !words.some(w => OTHER_WORDS.has(w));
}

/** A literal that works as a password: not empty, not a placeholder or template, not prose. */
function passwordLiteral(tree: SyntaxTree, node: SyntaxNode): string | undefined {
  const value = tree.stringValue(node);
  return value !== undefined && fixedPasswordOf(value) ? value : undefined;
}

/**
 * Whether a comparison sits in login code: the innermost named function is named for signing in (and not for
 * signing up, changing or validating a password), an outer one is, the file is a login or auth module, or the
 * anonymous function around it handles a sign-in route.
 */
function inLoginCode(tree: SyntaxTree, file: SourceFile, node: SyntaxNode): boolean {
  const functions = tree.enclosingFunctions(node);
  const names = functions.map(f => f.name).filter(Boolean);
  if (names.length > 0 && NOT_LOGIN_NAME.test(names[0])) return false;
  if (names.some(n => LOGIN_NAME.test(n))) return true;
  const base = file.path.split('/').slice(-2).join('/');
  if (LOGIN_NAME.test(base) && !NOT_LOGIN_NAME.test(base)) return true;
  const around = functions[0];
  if (!around || around.name) return false;
  const parent = around.node.parent();
  return LOGIN_ROUTE.test((parent ?? around.node).text().slice(0, 200));
}

/** A branch that turns the request away: throws, raises, returns an error or a refusal. */
const REJECTS = /\b(?:throw|raise|abort)\b|\berrors?\.New\(|Error\(|Exception\(|Unauthori[sz]ed|Forbidden|\b40[13]\b|\breturn\s+(?:false|False)\b/;
const NEGATED = /^(?:!=|!==)$/;

/**
 * Whether a match on the literal is refused: `if password == "admin" { throw … }` rejects a well-known
 * password (a policy), where `if password != "…" { throw … }` or `if password == "…" { return user }` lets the
 * literal in.
 */
function rejectsMatch(node: SyntaxNode): boolean {
  let negated = node.children().some(c => !c.isNamed() && NEGATED.test(c.text()));
  let current: SyntaxNode = node;
  for (let depth = 0; depth < 6; depth++) {
    const parent = current.parent();
    if (!parent) return false;
    const kind = parent.kind();
    if (/^(?:if_statement|if_expression)$/.test(kind)) {
      const conditionId = current.id();
      const consequence = parent.field('consequence') ?? parent.field('body') ?? parent.children().find(c => c.isNamed() && c.id() !== conditionId) ?? null;
      return !negated && !!consequence && REJECTS.test(consequence.text());
    }
    if (/^(?:unary_expression|not_operator|prefix_expression)$/.test(kind) && /^(?:!|not)/.test(parent.text().trim())) negated = !negated;
    else if (!/^(?:binary_expression|boolean_operator|parenthesized_expression|conjunction_expression|disjunction_expression|condition|expression_statement)$/.test(kind)) return false;
    current = parent;
  }
  return false;
}

/** A literal written elsewhere in the code that an operand stands for: a constant, or a key of the application's configuration. */
interface ConstantSource {
  name: string;
  path: string;
  line: number;
}

/** The password and the literal it is compared with, for an equality comparison of the two. */
function comparedLiteral(
  tree: SyntaxTree,
  node: SyntaxNode,
  constant?: (operand: SyntaxNode) => { value: string; source: ConstantSource } | undefined,
): { literal: SyntaxNode; value: string; source?: ConstantSource } | undefined {
  const children = node.children();
  if (!children.some(c => EQUALITY_OPERATOR.test(c.text()) && !c.isNamed())) return undefined;
  const operands = children.filter(c => c.isNamed() && !/comment/.test(c.kind()));
  if (operands.length !== 2) return undefined;
  for (const [a, b] of [operands, [...operands].reverse()]) {
    if (!isPasswordExpression(a)) continue;
    const value = passwordLiteral(tree, b);
    if (value !== undefined) return { literal: b, value };
    const resolved = constant?.(b);
    if (resolved) return { literal: b, ...resolved };
  }
  return undefined;
}

/** Flask's `app.config.from_object(…)`: the module (`__name__`) or class whose upper-case names become the configuration. */
const FLASK_FROM_OBJECT = /\.config\.from_object\(\s*(?:(?<module>__name__)|(?<cls>[A-Za-z_][\w.]*))\s*\)/;
/** A key of the application's configuration: `app.config["PASSWORD"]`, `current_app.config.get("PASSWORD")`. */
const CONFIG_KEY = /^[A-Za-z_][\w.]*\.config\s*(?:\[\s*['"](?<key>[A-Z][A-Z0-9_]*)['"]\s*\]|\.get\(\s*['"](?<key2>[A-Z][A-Z0-9_]*)['"]\s*\))$/;
/** Names that hold constants: `ADMIN_PASSWORD`, `Constants.ADMIN_PASSWORD`, `settings.LOGIN_PASSWORD`. */
const CONSTANT_NAME = /^(?:[A-Za-z_$][\w$]*\.)*[A-Z][A-Z0-9_]*$/;

/**
 * What an operand compared with the password holds when it is a constant written in the code: an upper-case name or a
 * member of a constants or settings object resolved to a literal (`password == ADMIN_PASSWORD`), or a key of a Flask
 * configuration that `app.config.from_object(__name__)` (or a class) fills from literals (`app.config["PASSWORD"]`).
 * Values read from the environment, with or without a default, are not constants here.
 */
function constantResolver(
  facts: { files: SourceFile[] },
  file: SourceFile,
): (operand: SyntaxNode) => { value: string; source: ConstantSource } | undefined {
  const values = valuesOf(facts);
  const fromObject = FLASK_FROM_OBJECT.exec(file.text)?.groups;
  return operand => {
    const text = operand.text().trim();
    let expression: string | undefined;
    const key = CONFIG_KEY.exec(text)?.groups;
    if (key) {
      const name = key.key ?? key.key2;
      if (fromObject?.module) expression = name;
      else if (fromObject?.cls) expression = `${fromObject.cls}.${name}`;
    } else if (CONSTANT_NAME.test(text)) {
      expression = text;
    }
    if (!expression) return undefined;
    const resolved = values.resolve(file.path, operand.range().start.index, expression);
    if (resolved.length === 0 || resolved.some(v => v.env !== undefined || v.value?.kind !== 'string')) return undefined;
    const literal = resolved[0].value?.kind === 'string' ? resolved[0].value.value : undefined;
    if (literal === undefined || !fixedPasswordOf(literal) || isLowConfidencePath(resolved[0].path)) return undefined;
    return { value: literal, source: { name: text, path: resolved[0].path, line: resolved[0].line } };
  };
}

export function scanHardcodedLogins(owner: { files: SourceFile[] }, file: SourceFile, hits: Hit[]): void {
  if (!syntaxLanguageOf(file.path) || isTestFile(file.path) || TEST_FOLDER.test(file.path)) return;
  if (!/pass|pwd|pw\b/i.test(file.text) || !/[=!]=|equals/i.test(file.text)) return;
  const tree = syntaxTree(owner, file);
  if (!tree) return;
  const found: Array<{ node: SyntaxNode; literal: SyntaxNode; value: string; source?: ConstantSource }> = [];
  const constant = constantResolver(owner, file);
  for (const node of tree.nodesOfKind(...COMPARISON_KINDS)) {
    const hit = comparedLiteral(tree, node, constant);
    if (hit) found.push({ node, ...hit });
  }
  for (const call of tree.calls()) {
    if (!EQUALS_METHOD.test(call.name) || call.args.length === 0 || call.args.length > 2) continue;
    // `password.equals("…")`, `"…".equals(password)`: the receiver is one side; `Objects.equals(a, b)`: both are arguments.
    const pair = call.args.length === 2 ? call.args : undefined;
    if (pair) {
      for (const [a, b] of [pair, [...pair].reverse()]) {
        const value = passwordLiteral(tree, b);
        if (value !== undefined && isPasswordExpression(a)) {
          found.push({ node: call.node, literal: b, value });
          break;
        }
      }
      continue;
    }
    const arg = call.args[0];
    const quoted = /^"((?:[^"\\\n])*)"$/.exec(call.receiver);
    const value = passwordLiteral(tree, arg);
    if (value !== undefined && isPasswordName(call.receiver)) found.push({ node: call.node, literal: arg, value });
    else if (quoted && fixedPasswordOf(quoted[1]) && isPasswordExpression(arg)) {
      found.push({ node: call.node, literal: call.node, value: quoted[1] });
    }
  }
  for (const { node, literal, value, source } of found) {
    if (!inLoginCode(tree, file, node) || rejectsMatch(node)) continue;
    if (source) {
      hits.push({
        file,
        offset: literal.range().start.index,
        value: '',
        message:
          `The login accepts the password in ${source.name}, a literal written in the code (${source.path}:${source.line}): ` +
          'a default credential that works on every installation',
      });
      continue;
    }
    hits.push({
      file,
      offset: literal.range().start.index + literal.text().indexOf(value),
      value,
      message: 'The login accepts a password written in the code: a default credential that works on every installation',
    });
  }
}
