import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import type { Facts } from '../../../facts';
import { basename, isTestFile, languageOf, lineOf } from '../../../facts';
import { syntaxTree, SyntaxTree } from '../../../facts/syntax';
import { defineRule, outcome } from '../../types';
import { isCommentLine, isGeneratedText, isUiComponentPath } from '../../../facts/codeSearch';
import { isGeneratedOrMinified } from '../../../facts/generated';
import { nameWords } from '../../../facts/secretNames';
import { findingAt } from '../shared';

/** Words that make a file or directory name about authentication or authorization. */
const AUTH_PATH_WORDS = new Set([
  'auth', 'authn', 'authz', 'authenticate', 'authentication', 'authenticator', 'authorize', 'authorization',
  'authorizer', 'authorise', 'authorisation', 'login', 'logon', 'signin', 'permission', 'permissions', 'perms',
  'role', 'roles', 'rbac', 'acl', 'acls', 'guard', 'guards', 'jwt', 'oauth', 'oidc', 'saml', 'sso', 'passport',
  'security', 'entitlement', 'entitlements',
]);

/** Words that make a function name about authentication or authorization. */
const AUTH_FUNCTION_WORDS = new Set([
  'auth', 'authn', 'authz', 'authenticate', 'authenticated', 'authentication', 'authorize', 'authorized',
  'authorization', 'authorise', 'authorised', 'login', 'logon', 'signin', 'permission', 'permissions', 'perm',
  'perms', 'role', 'roles', 'rbac', 'acl', 'guard', 'jwt', 'logout', 'logoff', 'signout',
]);
/** Two words that name a sign-in or sign-out when written as two: `logIn`, `sign_out`. */
const AUTH_WORD_PAIRS = new Set(['login', 'logon', 'logout', 'logoff', 'signin', 'signout']);
const CHECK_VERBS = new Set(['is', 'has', 'can', 'require', 'requires', 'check', 'ensure', 'verify', 'validate', 'assert', 'must']);
const CHECK_OBJECTS = new Set([
  'admin', 'owner', 'staff', 'superuser', 'access', 'token', 'session', 'scope', 'scopes', 'allowed', 'user', 'logged',
  'password', 'credentials', 'signature', 'api', 'key', 'otp', 'mfa', 'csrf',
]);

/** Entry points of guards, filters and permission classes, whatever the class is called. */
const GUARD_ENTRY_POINTS = new Set([
  'canActivate', 'canActivateChild', 'canLoad', 'canMatch', 'preHandle', 'doFilter', 'doFilterInternal',
  'has_permission', 'has_object_permission', 'hasPermission', 'check_permission', 'check_permissions',
  'checkPermission', 'authenticate', 'authorize', 'isAllowed', 'is_allowed', 'allow', 'permits', 'hasRole',
  'hasAccess', 'has_access', 'process_request', 'process_view', '__call__', 'ServeHTTP', 'Authorize',
  'Authenticate', 'HandleRequirementAsync', 'OnAuthorization', 'OnAuthorizationAsync', 'verify', 'validate',
  'intercept', 'use', 'handle', 'middleware', 'dispatch',
]);

const NOT_STUBS = new Set([
  'constructor', '__init__', 'init', 'ngOnInit', 'ngOnDestroy', 'componentDidMount', 'toString', 'equals',
  'hashCode', 'close', 'dispose', 'destroy', 'setUp', 'tearDown', 'logout', 'signout', 'onModuleInit', '__construct',
]);

/** Authorize words, which in a payment's code mean holding funds on a card, not letting a caller in. */
const AUTHORIZE_WORDS = new Set(['authorize', 'authorized', 'authorization', 'authorise', 'authorised']);
/** Words of payment processing: in a name or path beside `authorize` they make it a payment authorization. */
const PAYMENT_WORDS = new Set([
  'payment', 'payments', 'pay', 'paypal', 'stripe', 'braintree', 'checkout', 'billing', 'capture', 'charge', 'refund',
  'transaction', 'card', 'creditcard', 'amount', 'invoice', 'settle', 'settlement', 'merchant', 'gateway',
]);

/**
 * Whether a function is a payment authorization (`authorizeAndCapture`, `authorize` in a payment
 * gateway's module): its only auth word is authorize, beside words of payment processing.
 */
function isPaymentAuthorization(words: string[], path?: string): boolean {
  const authWords = words.filter(w => AUTH_FUNCTION_WORDS.has(w));
  if (authWords.length === 0 || !authWords.every(w => AUTHORIZE_WORDS.has(w))) return false;
  if (words.some(w => PAYMENT_WORDS.has(w))) return true;
  if (path === undefined) return false;
  const pathWords = path.split('/').flatMap(s => nameWords(s.replace(/\.[^.]+$/, '')));
  return pathWords.some(w => PAYMENT_WORDS.has(w)) && !pathWords.some(w => AUTH_PATH_WORDS.has(w) && !AUTHORIZE_WORDS.has(w));
}

export function isAuthFunctionName(name: string, path?: string): boolean {
  const words = nameWords(name);
  if (isPaymentAuthorization(words, path)) return false;
  if (words.some(w => AUTH_FUNCTION_WORDS.has(w))) return true;
  if (words.some((w, k) => k > 0 && AUTH_WORD_PAIRS.has(words[k - 1] + w))) return true;
  return words.length >= 2 && CHECK_VERBS.has(words[0]) && words.slice(1).some(w => CHECK_OBJECTS.has(w));
}

const AUTH_CONTENT =
  /authori[sz]|authenticat|\bjwt\b|bearer|\bpermission|\brole|unauthori[sz]ed|forbidden|\b40[13]\b|req\.user|request\.user|current_user|\blogin\b|isAuthenticated|verifyToken|verify_token/i;

/** What a path's folder and file names say: auth code, a middleware to look into, or neither. */
function pathKindOf(path: string): 'auth' | 'middleware' | 'other' {
  const segments = path.split('/');
  const name = basename(path).replace(/\.[^.]+$/, '');
  const words = [...segments.slice(0, -1), name].flatMap(s => nameWords(s));
  if (words.some(w => AUTH_PATH_WORDS.has(w))) return 'auth';
  if (words.some(w => w === 'middleware' || w === 'middlewares' || w === 'interceptor' || w === 'interceptors' || w === 'filter' || w === 'filters')) return 'middleware';
  return 'other';
}

/** Whether a file as a whole is authentication or authorization code. */
export function isAuthFile(file: SourceFile): boolean {
  const kind = pathKindOf(file.path);
  if (kind === 'auth') return true;
  if (kind === 'middleware') return AUTH_CONTENT.test(file.text);
  return false;
}

/** Auth-related words in the text of a TODO, for TODOs outside auth files. */
const AUTH_TODO_TEXT =
  /\bauth|authenticat|authori[sz]|permission|\blogin\b|\broles?\b|\brbac\b|\bacl\b|access control|\bcsrf\b|admin check|(verify|check|validate)\w*\s+(the\s+)?(jwt|token|signature|session)|ownership|\bsecure\b this|\bguard\b/i;

/**
 * Outside auth code, a TODO that names auth is about unfinished auth work only when it asks for something
 * to be done to it (`add auth`, `check permissions`, `should require login`), not when auth is only
 * mentioned (`can be deleted once we receive the page and its permission`).
 */
const AUTH_WORK_INTENT =
  /\b(add|implement|persist|replace|enforce|check|verify|validate|restrict|protect|secur|requir|limit|lock|missing|need|should|must|handle|support|fix|proper|real|actual|hard-?cod(?:ed|es|ing)?\s+(?:\w+\s+)?(?:passwords?|secrets?|tokens?|keys?|credentials?|users?|admins?|roles?)|temporar|bypass|skip|disabl|allow|only|who|do(es)?n'?t|not|no|production)\w*/i;

/**
 * A note on how the code is organised rather than on what it checks: a mapper layer, a DTO method, a rename, a
 * refactoring. In auth code such a note is not unfinished auth work unless it also names auth.
 */
const REFACTORING_NOTE =
  /\b(?:refactor\w*|clean\s?up|tidy|renam\w*|mappers?|layers?|DTOs?|duplicat\w*|dedup\w*|over-?engineer\w*|simplif\w*|extract\w*|reorgani[sz]\w*|best way|nicer|readab\w*)\b/i;

/**
 * A TODO in a UI component that says the page or component has no auth yet: `add authentication here`,
 * `require auth before showing this`, `no access control`. Labels and styling of login forms (`style the login
 * form`, `add auth error toast`) are not.
 */
const UI_MISSING_AUTH =
  /\b(?:add|implement|require|enforce|protect|check|verify|secure|missing|needs?|no|without)\b[^.;]{0,40}?\b(?:auth(?:entication|orization|orisation|n|z)?|access control|permission checks?|admin checks?)\b(?=\s*(?:$|[.,;:!?)(-]|here\b|check|guard|to\b|for\b|before\b|on\b|with\b|in\b|at\b|first\b|yet\b))|\b(?:auth(?:entication|orization)?|access control)\s+(?:is\s+)?(?:missing|needed|required)\b/i;

const TODO_MARKER = /\b(TODO|FIXME|XXX)\b|@todo\b/;

/**
 * The comment text of a TODO on a line: the marker must open a comment
 * (`// TODO: …`, `# FIXME …`, ` * XXX …`), not sit mid-sentence or in a string.
 */
function todoComment(line: string): string | undefined {
  const m = /(?:^|[\s;{}(),])(?:\/\/+|#+|\/\*+|--|<!--)\s*[-*@[(]?\s*(?<marker>TODO|FIXME|XXX)\b|^\s*\*+\s*[-@[(]?\s*(?<marker2>TODO|FIXME|XXX)\b|^\s*(?:"""|\'\'\')\s*(?<marker3>TODO|FIXME|XXX)\b/.exec(line);
  const marker = m?.groups?.marker ?? m?.groups?.marker2 ?? m?.groups?.marker3;
  if (!m || !marker) return undefined;
  const at = m.index + m[0].lastIndexOf(marker);
  return line.slice(at).replace(/\*\/\s*$|-->\s*$/, '').trim().slice(0, 100);
}

/** The text of a TODO with the comment lines that continue it, for judging what the note is about. */
function noteOf(lines: string[], at: number, todo: string): string {
  const parts = [todo];
  for (let j = at + 1; j < lines.length && j <= at + 5; j++) {
    const line = lines[j].trim();
    if (!/^(?:\/\/|#|\*|\/\*)/.test(line) || TODO_MARKER.test(line) || /^\*\/$/.test(line)) break;
    parts.push(line.replace(/^(?:\/\/+|#+|\/?\*+)\s*/, ''));
  }
  return parts.join(' ');
}

/** Words of a call or type that sets up authentication: `AddJwtBearer`, `passport.use`, `OpenApiOAuthFlows`. */
const AUTH_SETUP_WORDS = new Set([
  'auth', 'authn', 'authz', 'authenticate', 'authentication', 'authenticator', 'authorize', 'authorization', 'authorise',
  'authorisation', 'oauth', 'oidc', 'openid', 'jwt', 'jwks', 'bearer', 'passport', 'saml', 'sso', 'login', 'logout', 'keycloak',
]);
/** Word pairs of such a call or type: `AddIdentityServer`, `AddSigningCredential`, `OpenApiSecurityScheme`, `TokenValidationParameters`. */
const AUTH_SETUP_PAIRS: Array<[string, RegExp]> = [
  ['identity', /^server$/],
  ['signing', /^(?:credentials?|keys?|certificates?)$/],
  ['security', /^(?:schemes?|requirements?|definitions?)$/],
  ['token', /^(?:validation|issuer|issuance)$/],
];

/** Text near a TODO that can name an auth setup call: checked before the file is parsed. */
const AUTH_SETUP_HINT = /auth|jwt|jwks|bearer|passport|saml|sso|login|logout|logon|logoff|sign_?in|sign_?out|keycloak|identity_?server|signing|security_?scheme|securityrequirement|securitydefinition|token_?(?:validation|issue)/i;

function isAuthSetupName(name: string): boolean {
  const words = nameWords(name);
  return words.some(
    (w, k) =>
      AUTH_SETUP_WORDS.has(w) ||
      (k > 0 && AUTH_WORD_PAIRS.has(words[k - 1] + w)) ||
      AUTH_SETUP_PAIRS.some(([first, second]) => w === first && k + 1 < words.length && second.test(words[k + 1])),
  );
}

/**
 * The authentication setup a TODO sits in or annotates, by the code around it rather than the file's name: one of the
 * two innermost calls around the comment (`AddIdentityServer(options => { … })`, a builder chain ending in
 * `.AddSigningCredential()`, `new OpenApiSecurityScheme { … }`), or else a call on the code line it precedes, named
 * for authentication. Undefined when the code around the TODO sets up no authentication.
 */
function authSetupAround(tree: SyntaxTree, lines: string[], at: number): { name: string; inside: boolean } | undefined {
  const calls = tree.calls();
  const span = (c: { node: { range(): { start: { line: number }; end: { line: number } } } }) => c.node.range().end.line - c.node.range().start.line;
  const around = calls
    .filter(c => {
      const range = c.node.range();
      return range.start.line <= at && at <= range.end.line;
    })
    .sort((a, b) => span(a) - span(b) || b.start - a.start);
  for (const call of around.slice(0, 2)) if (isAuthSetupName(call.callee)) return { name: call.name || call.callee, inside: true };
  let next = at + 1;
  while (next < lines.length && next <= at + 6 && (!lines[next].trim() || isCommentLine(lines[next]))) next++;
  for (const call of calls) {
    if (call.line - 1 === next && isAuthSetupName(call.callee)) return { name: call.name || call.callee, inside: false };
  }
  return undefined;
}

interface FunctionRange {
  name: string;
  /** 0-based line indexes, inclusive. */
  start: number;
  end: number;
  /** Code of the body without comments and whitespace-normalised, when it is short. */
  body?: string;
  /** The start of that code, however long the body. */
  head?: string;
  abstract: boolean;
}

/** Functions measured per file, and findings reported per file, at most. */
const MAX_FUNCTIONS = 500;
const MAX_FINDINGS_PER_FILE = 50;

const PY_DEF = /^(?<indent>[ \t]*)(?:async\s+)?def\s+(?<name>\w+)\s*\(/;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
}

function pythonFunctions(text: string, lines: string[], wanted: (name: string) => boolean): FunctionRange[] {
  const out: FunctionRange[] = [];
  let offset = 0;
  const lineStarts = lines.map(l => {
    const s = offset;
    offset += l.length + 1;
    return s;
  });
  lines.forEach((line, h) => {
    const m = PY_DEF.exec(line);
    if (!m || !wanted(m.groups!.name) || out.length >= MAX_FUNCTIONS) return;
    const indent = indentOf(line);
    const paren = lineStarts[h] + m[0].length - 1;
    const afterParams = matchBracket(text, paren, 5000);
    if (afterParams === -1) return;
    const colon = /^\s*(?:->\s*[^:\n]+)?:/.exec(text.slice(afterParams, afterParams + 200));
    if (!colon) return;
    const colonAt = afterParams + colon[0].length;
    const nl = text.indexOf('\n', colonAt);
    const sameLine = text.slice(colonAt, nl === -1 ? undefined : nl).replace(/#.*$/, '').trim();
    let headerEnd = h;
    while (headerEnd < lines.length - 1 && lineStarts[headerEnd] + lines[headerEnd].length < colonAt) headerEnd += 1;
    const statements: string[] = [];
    let end = headerEnd;
    if (sameLine) statements.push(sameLine);
    else {
      for (let i = headerEnd + 1; i < lines.length; i++) {
        const l = lines[i];
        if (!l.trim()) continue;
        if (indentOf(l) <= indent) break;
        end = i;
        if (/^\s*#/.test(l)) continue;
        statements.push(l.trim());
      }
    }
    // Drop a leading docstring, keeping its text.
    let docstring = '';
    if (statements.length && /^[rbuf]?("""|''')/i.test(statements[0])) {
      const quote = /("""|''')/.exec(statements[0])![1];
      const first = statements.shift()!;
      docstring = first;
      const closed = first.indexOf(quote, first.indexOf(quote) + 3) !== -1;
      if (!closed) {
        while (statements.length && !statements[0].includes(quote)) docstring += ` ${statements.shift()}`;
        docstring += ` ${statements.shift() ?? ''}`;
      }
    }
    const decorators: string[] = [];
    for (let i = h - 1; i >= 0 && /^\s*@/.test(lines[i]); i--) decorators.push(lines[i]);
    // Abstract methods, and base-class hooks whose docstring asks subclasses to fill them in.
    const abstract =
      decorators.some(d => /abstractmethod|overload/.test(d)) ||
      /\boverrid|\bsubclass|base class|must be implemented|to be implemented|implement(?:ed)? (?:this|in|by)/i.test(docstring);
    out.push({
      name: m.groups!.name,
      start: h,
      end,
      body: statements.length <= 2 ? statements.join('\n') : undefined,
      abstract,
    });
  });
  return out;
}

const BRACE_HEADERS: RegExp[] = [
  // function name(…) / async function name(…)
  /(?:^|[\s(,=])(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(?<name>[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/,
  // const name = (…) => / const name = async function (…)
  /(?:^|\s)(?:export\s+)?(?:const|let|var)\s+(?<name>[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b[^(]*\(|\(|[A-Za-z_$][\w$]*\s*=>)/,
  // name: function (…) / name: (…) =>
  /^\s*(?<name>[A-Za-z_$][\w$]*)\s*:\s*(?:async\s+)?(?:function\b[^(]*\(|\([^)]*\)\s*=>)/,
  // Go: func (r *T) Name(…)
  /^\s*func\s+(?:\([^)]*\)\s*)?(?<name>\w+)\s*(?:\[[^\]]*\])?\s*\(/,
  // Methods in classes: [modifiers] [type] name(…) {   (JS/TS/Java/C#/Kotlin/PHP/Scala)
  /^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|protected|internal|static|final|async|override|virtual|abstract|synchronized|open|suspend|fun|def|function|sealed|inline)\s+)*(?:[\w<>[\],.?]+(?:<[^>]*>)?\s+)?(?<name>[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^;]*$/,
];

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'new', 'else', 'do', 'try', 'with', 'await', 'typeof', 'sizeof', 'function', 'throw', 'super', 'this']);

/** Index just after the bracket that closes the one at `open`, skipping strings and comments; -1 if none. */
function matchBracket(text: string, open: number, limit = 20000): number {
  const pair: Record<string, string> = { '{': '}', '(': ')' };
  const openCh = text[open];
  const closeCh = pair[openCh];
  let depth = 0;
  const stop = Math.min(text.length, open + limit);
  for (let i = open; i < stop; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? stop : nl;
      continue;
    }
    if (ch === '/' && next === '*') {
      const endComment = text.indexOf('*/', i + 2);
      i = endComment === -1 ? stop : endComment + 1;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < stop && text[j] !== ch) {
        if (text[j] === '\\') j += 1;
        else if (ch !== '`' && text[j] === '\n') break;
        j += 1;
      }
      i = j;
      continue;
    }
    if (ch === openCh) depth += 1;
    else if (ch === closeCh) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function stripComments(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function braceFunctions(file: SourceFile, lines: string[], wanted: (name: string) => boolean): FunctionRange[] {
  const out: FunctionRange[] = [];
  const text = file.text;
  let offset = 0;
  const lineStarts = lines.map(l => {
    const s = offset;
    offset += l.length + 1;
    return s;
  });
  const lineAt = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let attempts = 0;
  lines.forEach((line, h) => {
    if (attempts >= MAX_FUNCTIONS || line.length > 2000) return;
    let m: RegExpExecArray | null = null;
    for (const header of BRACE_HEADERS) {
      m = header.exec(line);
      if (m) break;
    }
    const name = m?.groups?.name;
    if (!m || !name || KEYWORDS.has(name) || !wanted(name)) return;
    attempts += 1;
    const paren = text.indexOf('(', lineStarts[h] + m.index + m[0].indexOf(name) + name.length - 1);
    if (paren === -1) return;
    let afterParams = matchBracket(text, paren, 5000);
    if (afterParams === -1) return;
    // Go: a parenthesised result list (`(interface{}, error)`) stands between the parameters and the body.
    const results = /^[ \t]*\(/.exec(text.slice(afterParams, afterParams + 40));
    if (results) {
      afterParams = matchBracket(text, afterParams + results[0].length - 1, 2000);
      if (afterParams === -1) return;
    }
    const tail = text.slice(afterParams, afterParams + 300);
    // `auth(), pagination(), async (ctx) => {…}`: a call among a route's arguments, not a definition. A parameter
    // list is never followed by a comma, a closing parenthesis or a member access.
    const after = tail.search(/\S/);
    if (after !== -1 && /[,).?]/.test(tail[after])) return;
    const brace = tail.search(/[{;=]/);
    if (brace === -1) return;
    let bodyStart: number;
    let bodyEnd: number;
    if (tail[brace] === ';') {
      out.push({ name, start: h, end: h, abstract: true });
      return;
    }
    if (tail[brace] === '=') {
      if (tail[brace + 1] !== '>') return;
      const rest = tail.slice(brace + 2);
      const firstCode = rest.search(/\S/);
      if (firstCode === -1) return;
      if (rest[firstCode] === '{') {
        bodyStart = afterParams + brace + 2 + firstCode;
        bodyEnd = matchBracket(text, bodyStart);
        if (bodyEnd === -1) return;
      } else {
        // An expression body: up to the end of the line or statement.
        const exprStart = afterParams + brace + 2 + firstCode;
        const nl = text.indexOf('\n', exprStart);
        const expr = text.slice(exprStart, nl === -1 ? undefined : nl).replace(/[;,]\s*$/, '').trim();
        out.push({ name, start: h, end: lineAt(exprStart), body: `=> ${expr}`, abstract: false });
        return;
      }
    } else {
      bodyStart = afterParams + brace;
      bodyEnd = matchBracket(text, bodyStart);
      if (bodyEnd === -1) return;
    }
    const inner = text.slice(bodyStart + 1, bodyEnd - 1);
    const code = stripComments(inner);
    out.push({
      name,
      start: h,
      end: lineAt(bodyEnd - 1),
      body: code.length <= 80 ? code : undefined,
      head: code.slice(0, 200),
      abstract: false,
    });
  });
  return out;
}

/**
 * The auth-related functions of a file with their line ranges. Only functions
 * the rule looks at are measured, and at most {@link MAX_FUNCTIONS} per file,
 * so that huge or malformed files stay cheap.
 */
function functionsOf(file: SourceFile, language: string, lines: string[], authFile: boolean): FunctionRange[] {
  const wanted = (name: string) => isAuthFunctionName(name, file.path) || (authFile && GUARD_ENTRY_POINTS.has(name));
  if (language === 'python') return pythonFunctions(file.text, lines, wanted);
  if (language === 'ruby') return [];
  return braceFunctions(file, lines, wanted);
}

const GRANT_VERBS = new Set([
  'is', 'has', 'can', 'check', 'verify', 'validate', 'authenticate', 'authorize', 'authorise', 'allow', 'allowed',
  'permit', 'permits', 'grant', 'may', 'pre', 'require', 'ensure',
]);
/** Words after which `true` means "more checks" or "denied", not "let them in". */
const DENY_WORDS = new Set([
  'required', 'requires', 'needs', 'need', 'must', 'should', 'enabled', 'disabled', 'expired', 'blocked',
  'denied', 'locked', 'banned', 'revoked', 'invalid', 'forbidden', 'restricted',
]);

/** Whether returning true from this function lets a request through. */
function grantsAccess(name: string): boolean {
  if (GUARD_ENTRY_POINTS.has(name)) return true;
  const words = nameWords(name);
  return words.length > 0 && GRANT_VERBS.has(words[0]) && !words.some(w => DENY_WORDS.has(w));
}

/** Verbs that open the name of a function that decides whether a caller gets in: `checkRole`, `can_edit`, `validateToken`. */
const DECIDING_VERBS = new Set([...GRANT_VERBS, 'assert', 'must', 'enforce', 'deny', 'restrict', 'protect', 'guard']);
/** Nouns that end the name of something that decides: `authMiddleware`, `adminGuard`, `login_required`, `tokenValidator`. */
const DECIDING_NOUNS = new Set([
  'middleware', 'guard', 'check', 'checker', 'filter', 'interceptor', 'handler', 'required', 'validator', 'verifier',
  'authenticator', 'authorizer', 'authoriser', 'policy',
]);
/** Names that are a decision on their own: `login`, `authenticate`. */
const DECIDING_NAMES = new Set(['login', 'logon', 'signin', 'authenticate', 'authorize', 'authorise', 'auth']);

/**
 * Whether a function decides who gets in (authorize, check, verify, can…, has…Permission,
 * validate…, a guard's canActivate, a middleware): an empty body there lets everyone
 * through. An empty body elsewhere (a setter, a hook, an attribute's constructor) decides nothing.
 */
function decidesAccess(name: string): boolean {
  if (GUARD_ENTRY_POINTS.has(name)) return true;
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length === 1) return DECIDING_NAMES.has(words[0]) || DECIDING_VERBS.has(words[0]);
  return DECIDING_VERBS.has(words[0]) || DECIDING_NOUNS.has(words[words.length - 1]);
}

/** Syntax-tree kinds of constructors. */
const CONSTRUCTOR_KINDS = new Set(['constructor_declaration', 'secondary_constructor', 'primary_constructor']);

/**
 * Whether a function is a constructor: named after the class, struct or record
 * it is declared in (C#, Java, Kotlin), or a constructor in the file's syntax tree.
 * An empty constructor (a marker attribute's, a DTO's) builds an object; it checks nothing.
 */
function isConstructor(facts: Facts, file: SourceFile, lines: string[], fn: FunctionRange): boolean {
  if (enclosingType(lines, fn.start) === fn.name) return true;
  const tree = syntaxTree(facts, file);
  const site = tree?.functions().find(f => {
    const range = f.node.range();
    return f.name === fn.name && range.start.line <= fn.start && fn.start <= range.end.line;
  });
  return site !== undefined && CONSTRUCTOR_KINDS.has(site.node.kind());
}

/** The class, struct or record a line is declared in: the nearest such declaration above it with less indentation. */
function enclosingType(lines: string[], start: number): string | undefined {
  const indent = indentOf(lines[start]);
  if (indent === 0) return undefined;
  for (let i = start - 1; i >= 0; i--) {
    const m =
      /^[ \t]*(?:\[[^\]]*\]\s*)*(?:(?:export|default|abstract|public|private|protected|internal|final|open|sealed|data|partial|static|readonly|ref|unsafe|new|inner|value)\s+)*(?:class|struct|record(?:\s+(?:class|struct))?)\s+(\w+)/.exec(
        lines[i],
      );
    if (m && indentOf(lines[i]) < indent) return m[1];
  }
  return undefined;
}

/** Classes whose methods are placeholders on purpose: bases, mocks, no-op implementations. */
const PLACEHOLDER_CLASS = /^(?:Base|Abstract|Mock|Fake|Dummy|Stub|Test|Noop|NoOp|Null)[A-Z_]|(?:Mock|Fake|Stub|Base|Dummy|Interface)$/;

/** Permission classes named for granting everyone access: `AllowAll`, `AllowAny`, `PermitAll`, `PublicAccess`, `AnonymousAllowed`. */
const OPEN_ACCESS_CLASS = /^(?:Allow|Permit)(?:All|Any|Anonymous|Everyone|Public)\w*$|^(?:Public|Anonymous)(?:Access|Permission|Policy)?$|^(?:Everyone|Anyone)\w*$/;

/** The class a function is declared in: the nearest `class` line above it with less indentation. */
function enclosingClass(lines: string[], start: number): string | undefined {
  const indent = indentOf(lines[start]);
  if (indent === 0) return undefined;
  for (let i = start - 1; i >= 0; i--) {
    const m = /^([ \t]*)(?:export\s+)?(?:default\s+)?(?:(?:abstract|public|private|internal|final|open|sealed|data)\s+)*class\s+(\w+)/.exec(lines[i]);
    if (m && indentOf(lines[i]) < indent) return m[2];
  }
  return undefined;
}

/** Allowing everyone: `return true`, `return Task.FromResult(true)`. */
const ALLOW_ALL = String.raw`return\s+(?:true|(?:Value)?Task\.FromResult\(\s*true\s*\))\s*;?`;
/**
 * A C# body that opens with a block for builds without DEBUG (`#if !DEBUG`, `#if RELEASE`, or the `#else` of `#if DEBUG`)
 * that returns true: release builds, the ones deployed, let everyone in before the real check.
 */
const RELEASE_ALLOW_ALL = new RegExp(
  String.raw`^#if\s+(?:!\s*DEBUG|RELEASE|!\s*DEVELOPMENT)\s+${ALLOW_ALL}\s*#endif\b|^#if\s+DEBUG\b(?:(?!#endif|#if)[\s\S])*?#else\s+${ALLOW_ALL}\s*#endif\b`,
);

/** What is wrong with a stub body, or undefined when the body does real work. */
function stubProblem(range: FunctionRange, language: string): string | undefined {
  if (language === 'csharp' && !range.abstract && range.head && RELEASE_ALLOW_ALL.test(range.head)) {
    return grantsAccess(range.name) ? `${range.name} returns true in release builds (a block for builds without DEBUG comes before the real check)` : undefined;
  }
  if (range.abstract || range.body === undefined) return undefined;
  const body = range.body.replace(/;$/, '').trim();
  if (language === 'python') {
    if (body === 'pass' || body === '...') return decidesAccess(range.name) ? `${range.name} is an empty stub` : undefined;
    if (body === 'return True') return grantsAccess(range.name) ? `${range.name} always returns True` : undefined;
    return undefined;
  }
  if (body === '') return decidesAccess(range.name) ? `${range.name} has an empty body` : undefined;
  if (/^(?:=>\s*)?(?:return\s+)?true$/.test(body) || body === '=> true') {
    return grantsAccess(range.name) ? `${range.name} always returns true` : undefined;
  }
  if (/^(?:=>\s*)?(?:return\s+)?(?:await\s+)?next\(\)$/.test(body) || body === 'return next' || /^next\.ServeHTTP\(\w+,\s*\w+\)$/.test(body)) {
    return `${range.name} passes every request through without a check`;
  }
  if (language === 'go' && /^return nil$/.test(body)) return `${range.name} always succeeds (returns nil)`;
  return undefined;
}

export default defineRule({
  id: 'security/auth-todo',
  category: 'security',
  severity: 'critical',
  title: 'Authentication and authorization code is finished',
  description:
    'Fails on a TODO, FIXME or XXX comment that names auth or asks for work in authentication or authorization code (files or folders named auth, login, permission, role, rbac, guard, security…, auth-checking middleware, functions named like requireAuth, has_permission or a logout handler, and authentication set up in any file, read from the code around the comment: inside a call named for it such as `AddIdentityServer(…)`, `AddJwtBearer(…)` or `new OpenApiSecurityScheme {…}`, or just above one), on a TODO elsewhere that is about missing auth (in a UI component or page, only one saying authentication is missing there), and on auth checks that are empty stubs: `pass`, an empty body, `return True`, or a middleware that only calls `next()`, or that return true in release builds before the real check (a C# body opening with `#if !DEBUG` or `#if RELEASE`, or the `#else` of `#if DEBUG`, that holds only `return true`). An empty body counts only in a function that decides who gets in (authorize, check…, verify…, validate…, can…, has…Permission, a guard or middleware); constructors (an attribute\'s or a DTO\'s) are not stubs. Notes on how auth code is organised that do not name auth (a mapper layer, a DTO method, a rename, a refactoring) are not unfinished auth work.',
  rationale:
    'An unfinished check in the code that decides who may do what usually means the check does not happen: an endpoint without authorization, a token that is never verified, a role that is never enforced. These gaps are invisible in normal use and obvious to an attacker.',
  remediation:
    'Finish the check before going to production, or make the unfinished path fail closed (deny, raise, return 401/403) and track the work in an issue instead of a comment. Cover the behaviour with a test that proves an unauthorised request is refused.',
  evaluate(facts) {
    const findings: Finding[] = [];
    let authCodeSeen = false;
    for (const file of facts.files) {
      const language = languageOf(file.path);
      if (!language || isTestFile(file.path) || isGeneratedText(file) || isGeneratedOrMinified(file)) continue;
      // A UI component counts only for a TODO saying that it has no auth yet (`add authentication here`).
      if (isUiComponentPath(file.path)) {
        if (!TODO_MARKER.test(file.text)) continue;
        const uiLines = file.text.split('\n');
        for (let i = 0; i < uiLines.length; i++) {
          const todo = todoComment(uiLines[i]);
          if (!todo || !UI_MISSING_AUTH.test(todo)) continue;
          authCodeSeen = true;
          findings.push(findingAt(file, i + 1, `Unfinished authentication/authorization work: "${todo}"`, lineOf(file, i + 1)));
        }
        continue;
      }
      const authFile = isAuthFile(file);
      const mightHaveAuthFunctions = /auth|login|logon|signin|logout|logoff|signout|perm|role|rbac|acl|guard|jwt|admin|access|token|owner|staff|canActivate|preHandle|doFilter|ServeHTTP/i.test(file.text);
      if (!authFile && !mightHaveAuthFunctions && !TODO_MARKER.test(file.text)) continue;
      const lines = file.text.split('\n');
      const functions = authFile || mightHaveAuthFunctions ? functionsOf(file, language, lines, authFile) : [];
      const authFunctions = functions.filter(f => isAuthFunctionName(f.name, file.path));
      if (authFile || authFunctions.length) authCodeSeen = true;

      const reported = new Set<number>();
      const report = (line: number, message: string) => {
        if (reported.has(line) || reported.size >= MAX_FINDINGS_PER_FILE) return;
        reported.add(line);
        findings.push(findingAt(file, line + 1, message, lineOf(file, line + 1)));
      };

      for (let i = 0; i < lines.length; i++) {
        const todo = todoComment(lines[i]);
        if (!todo) continue;
        const inAuthFunction = authFunctions.find(f => i >= f.start && i <= f.end);
        // A note on how the code is organised (a mapper layer, a DTO method) is no auth work unless it names auth.
        const note = noteOf(lines, i, todo);
        const refactoring = REFACTORING_NOTE.test(note) && !AUTH_TODO_TEXT.test(note);
        const asksForWork = !refactoring && (AUTH_TODO_TEXT.test(todo) || AUTH_WORK_INTENT.test(todo));
        // In auth code a TODO asks for auth work when it names auth or asks for something to be done, or sits in
        // an auth function; a note about how the file is organised (`avoid hardcoding these plugins`) does not.
        if (authFile && asksForWork) {
          report(i, `Unfinished work in authentication/authorization code: "${todo}"`);
        } else if (inAuthFunction && !refactoring) {
          report(i, `Unfinished work in ${inAuthFunction.name}: "${todo}"`);
        } else if (AUTH_TODO_TEXT.test(todo) && AUTH_WORK_INTENT.test(todo)) {
          authCodeSeen = true;
          report(i, `Unfinished authentication/authorization work: "${todo}"`);
        } else if (!authFile && !refactoring) {
          // Auth set up in a file named for something else (`Program.cs`, `app.module.ts`): the code around the TODO says
          // so. Inside the setup any TODO is unfinished auth work, as in an auth function; above it, one asking for work.
          const near = lines.slice(Math.max(0, i - 40), i + 8).join('\n');
          const tree = AUTH_SETUP_HINT.test(near) ? syntaxTree(facts, file) : undefined;
          const setup = tree && authSetupAround(tree, lines, i);
          if (setup && (setup.inside || asksForWork)) {
            authCodeSeen = true;
            report(i, `Unfinished work in authentication setup (${setup.name}): "${todo}"`);
          }
        }
      }

      for (const fn of functions) {
        if (NOT_STUBS.has(fn.name)) continue;
        const counts = isAuthFunctionName(fn.name, file.path) || (authFile && GUARD_ENTRY_POINTS.has(fn.name));
        if (!counts) continue;
        const owner = enclosingClass(lines, fn.start);
        if (owner && PLACEHOLDER_CLASS.test(owner)) continue;
        const problem = stubProblem(fn, language);
        // A permission named for letting everyone in (`AllowAll`, DRF's `AllowAny`, `PermitAll`) grants access by design.
        if (problem && /always returns/.test(problem) && owner && OPEN_ACCESS_CLASS.test(owner)) continue;
        if (problem && isConstructor(facts, file, lines, fn)) continue;
        if (problem) report(fn.start, `${problem}: authentication/authorization is not enforced`);
      }
    }
    if (!authCodeSeen && findings.length === 0) {
      return outcome.notApplicable('no authentication or authorization code found');
    }
    return outcome.fromFindings(findings);
  },
});
