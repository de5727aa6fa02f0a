import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { dirname, extname, isTestFile, joinPath, languageOf, lineOf } from '../../../facts';
import { isAsidePath } from '../../../facts/paths';
import { FunctionSite, SyntaxNode, SyntaxTree, syntaxTree } from '../../../facts/syntax';
import { defineRule, outcome } from '../../types';
import { isGeneratedText } from '../../../facts/codeSearch';
import { nameWords } from '../../../facts/secretNames';
import { findingAt } from '../shared';

/** Words that make a storage key or stored value an auth credential. */
const TOKENISH =
  /token|jwt|bearer|credential|session[_-]?id|sessionid|sid\b|api[_-]?key|apikey|\bauth(?!or)|Auth(?!or)|access[_-]?key|secret/i;
/** Keys that mention auth but hold no credential: flags, expiry times, redirect targets, PKCE state. */
const NOT_A_CREDENTIAL =
  /expir|expires|\bexp\b|ttl|redirect|return[_-]?(url|to|path)|callback[_-]?url|\bstate\b|nonce|verifier|provider|method|\btype\b|\bmode\b|theme|author|is[_-]?auth|isLoggedIn|is[_-]?logged|logged[_-]?in|authenticated|timestamp|last[_-]?|count|attempt|remember[_-]?me|username|email|locale|lang/i;
/** A stored value that carries a token. */
const TOKEN_VALUE = /(?:access|refresh|id|auth|bearer|jwt)[_-]?token|\btoken\b|\bjwt\b/i;
/** Keys a whole signed-in user or session is kept under. */
const USER_KEY = /user|auth|session|account|login|identity|credential|profile|\bme\b/i;
/** Function names that sign a user in: `login`, `handleSignIn`, `registerUser`, `authenticate`. */
const LOGIN_WORDS = /\b(?:log in|login|sign in|signin|sign up|signup|register|authenticate|auth|otp)\b/;
/** Request targets that sign a user in. */
const LOGIN_URL = /['"`][^'"`]*(?:log-?in|sign-?in|sign-?up|register|auth|token|session|otp)[^'"`]*['"`]/i;
/** Properties of a response that hold the user's profile, not the token. */
const PROFILE_PART = /^(?:user|profile|name|email|id|username|role|roles|permissions|settings|preferences|avatar|me)$/i;
const STORAGE = /^(?:(?:window|globalThis|self)\.)?localStorage$/;
const OTHER_STORES = /(?:^|\.)(?:sessionStorage|localStorage|AsyncStorage|SecureStore|[Cc]ookies?)$/;
const STORAGE_HOOKS = new Set(['useLocalStorage', 'useLocalStorageState', 'useStorage', 'createLocalStorage', 'makePersisted']);
const BROWSER_EXTENSIONS = new Set(['.html', '.htm', '.vue', '.svelte']);
const MENTIONS_STORAGE = /localStorage|LocalStorageService|useLocalStorage|useStorage|makePersisted|redux-persist|persist\(/;
/** Angular's ngx-webstorage `LocalStorageService`, injected (`private $localStorage: LocalStorageService`, `= inject(LocalStorageService)`); `store(key, value)` writes to localStorage. */
const INJECTED_LOCAL_STORAGE = /(?<![\w$])([A-Za-z_$][\w$]*)\s*(?::\s*LocalStorageService\b|=\s*inject\(\s*LocalStorageService\s*\))/g;

function isBrowserCode(path: string): boolean {
  return BROWSER_EXTENSIONS.has(extname(path)) || ['javascript', 'typescript'].includes(languageOf(path) ?? '');
}

function isStory(path: string): boolean {
  return /\.stories\.[cm]?[jt]sx?$|\.story\.[cm]?[jt]sx?$|(^|\/)\.storybook\//.test(path);
}

/** A write to localStorage, direct or through a wrapper. */
interface Write {
  file: SourceFile;
  tree: SyntaxTree;
  /** The node whose enclosing functions give the context: the call or assignment. */
  at: SyntaxNode;
  line: number;
  key: { text: string; value?: string };
  value: SyntaxNode | null;
  /** The wrapper written through, for the message. */
  via?: string;
  /** Storage hooks take an initial value, not a write: an empty one clears nothing. */
  hook?: boolean;
}

/** A function whose body writes one of its parameters to localStorage. */
interface Wrapper {
  file: SourceFile;
  name: string;
  keyParam?: number;
  key?: { text: string; value?: string };
  valueParam?: number;
}

function keyOf(tree: SyntaxTree, node: SyntaxNode | null | undefined): { text: string; value?: string } {
  if (!node) return { text: '' };
  const literal = tree.stringValue(node);
  if (literal !== undefined) return { text: node.text(), value: literal };
  const text = node.text().slice(0, 200);
  const constant = node.kind() === 'identifier' ? tree.stringConstants().get(text) : undefined;
  return constant !== undefined ? { text, value: constant } : { text };
}

function isCredentialKey(key: { text: string; value?: string }): boolean {
  return [key.value, key.text].some(
    k => k !== undefined && k.trim() !== '' && TOKENISH.test(k) && !(NOT_A_CREDENTIAL.test(k) && !/(access|refresh|id|auth|bearer)[_-]?token|jwt/i.test(k)),
  );
}

function isClearing(tree: SyntaxTree, value: SyntaxNode | null): boolean {
  if (!value) return true;
  return tree.stringValue(value) === '' || /^(?:null|undefined|void 0)$/.test(value.text());
}

/** Strips the wrappers a stored value goes through: `JSON.stringify(x)`, `await x`, `x as T`, `String(x)`. */
function storedValue(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  for (let depth = 0; current && depth < 4; depth++) {
    const kind = current.kind();
    if (kind === 'call_expression' && /^(?:JSON\.stringify|String|btoa|encodeURIComponent)$/.test(current.field('function')?.text() ?? '')) {
      current = current.field('arguments')?.children().find(c => c.isNamed()) ?? null;
    } else if (['await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'parenthesized_expression'].includes(kind)) {
      current = current.children().find(c => c.isNamed()) ?? null;
    } else break;
  }
  return current;
}

/** The variable a stored value is read from, when it stores a whole object: `data`, `res.data`, `{ ...data }`. */
function wholeObjectRoot(value: SyntaxNode | null): string | undefined {
  const node = storedValue(value);
  if (!node) return undefined;
  if (node.kind() === 'identifier') return node.text();
  if (node.kind() === 'member_expression') {
    const property = node.field('property')?.text() ?? '';
    if (PROFILE_PART.test(property)) return undefined;
    let object: SyntaxNode | null = node;
    while (object?.kind() === 'member_expression') object = object.field('object');
    return object?.kind() === 'identifier' ? object.text() : undefined;
  }
  if (node.kind() === 'object') {
    const spread = node.children().find(c => c.kind() === 'spread_element');
    const inner = spread?.children().find(c => c.isNamed());
    return inner?.kind() === 'identifier' ? inner.text() : undefined;
  }
  return undefined;
}

function isLoginName(name: string): boolean {
  return name !== '' && LOGIN_WORDS.test(nameWords(name).join(' '));
}

/** Whether a stored object comes from signing in: written in a login function, or read from a login request's response. */
function fromLogin(tree: SyntaxTree, at: SyntaxNode, root: string): boolean {
  const functions = tree.enclosingFunctions(at);
  if (functions.some(f => isLoginName(f.name))) return true;
  return functions.some(f => boundToLoginResponse(tree, f, root, at));
}

function boundToLoginResponse(tree: SyntaxTree, f: FunctionSite, root: string, at: SyntaxNode): boolean {
  const before = at.range().start.index;
  const bound = tree
    .bindings()
    .some(b => b.start >= f.start && b.start < before && b.names.includes(root) && !!b.value && LOGIN_URL.test(b.value.text()));
  if (bound) return true;
  // `request('/login').then(res => store(res.data))`: the callback's parameter is the response.
  if (!f.params.includes(root)) return false;
  let up: SyntaxNode | null = f.node.parent();
  for (let depth = 0; up && depth < 3; depth++, up = up.parent()) {
    if (up.kind() === 'call_expression') return LOGIN_URL.test(up.field('function')?.text() ?? '');
  }
  return false;
}

/** The module paths an import can name, for a file: `./api/storage` from `src/app.ts` → `src/api/storage`. */
function importTargets(file: SourceFile, tree: SyntaxTree): string[] {
  return tree.imports().flatMap(({ source }) => {
    if (source.startsWith('.')) return [joinPath(dirname(file.path), source)];
    // Aliased or base-relative paths (`@/utils/storage`, `utils/storage`) match by their tail; bare packages never do.
    return source.includes('/') ? [`…/${source.replace(/^[@~#]\//, '')}`] : [];
  });
}

function importsFile(targets: string[], path: string): boolean {
  const stem = path.replace(/\.[^./]+$/, '');
  const stems = [stem, stem.replace(/\/index$/, '')];
  return targets.some(t =>
    t.startsWith('…/') ? stems.some(s => s === t.slice(2) || s.endsWith(t.slice(1))) : stems.includes(t) || t === path,
  );
}

/** The name an import of a file uses: `storage` for `src/storage.ts` and for `src/storage/index.ts`. */
function moduleName(path: string): string {
  const stem = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  return stem === 'index' ? dirname(path).replace(/^.*\//, '') : stem;
}

/** Parameter positions a node reads: `key` → [0] for `(key, value)`. */
function paramIndex(f: FunctionSite, node: SyntaxNode | null): number | undefined {
  const root = storedValue(node);
  if (!root) return undefined;
  let name: string | undefined;
  if (root.kind() === 'identifier') name = root.text();
  else if (root.kind() === 'member_expression') {
    let object: SyntaxNode | null = root;
    while (object?.kind() === 'member_expression') object = object.field('object');
    if (object?.kind() === 'identifier') name = object.text();
  }
  const i = name === undefined ? -1 : f.params.indexOf(name);
  return i === -1 ? undefined : i;
}

/**
 * Nuxt's auth module (`@nuxtjs/auth`, `@nuxtjs/auth-next`) keeps every token it receives in universal storage: a cookie,
 * Vuex and localStorage (`localStorage: { prefix: 'auth.' }` by default). Only `localStorage: false` in its options (or,
 * in version 3, `token: { localStorage: false }`) keeps the token out of localStorage.
 */
const NUXT_AUTH_MODULES = new Set(['@nuxtjs/auth', '@nuxtjs/auth-next']);
const NUXT_CONFIG = /(?:^|\/)nuxt\.config\.[cm]?[jt]s$/;
/** Strategies that keep no token in the browser: the server's session cookie is the credential. */
const COOKIE_STRATEGIES = /^(?:cookie|laravelSanctum|laravel\/sanctum)$/;

function pairsOf(tree: SyntaxTree, object: SyntaxNode | null | undefined): Map<string, SyntaxNode> {
  const pairs = new Map<string, SyntaxNode>();
  for (const child of object?.kind() === 'object' ? object.children() : []) {
    if (child.kind() !== 'pair') continue;
    const key = child.field('key');
    const value = child.field('value');
    if (key && value) pairs.set(tree.stringValue(key) ?? key.text(), value);
  }
  return pairs;
}

/** The line of a Nuxt config that enables the auth module with its localStorage default, if it does. */
function nuxtAuthInLocalStorage(tree: SyntaxTree): { line: number; module: string } | undefined {
  let module: { node: SyntaxNode; name: string } | undefined;
  const options: SyntaxNode[] = [];
  for (const node of tree.nodesOfKind('string')) {
    const name = tree.stringValue(node);
    if (name === undefined || !NUXT_AUTH_MODULES.has(name)) continue;
    const parent = node.parent();
    if (parent?.kind() !== 'array') continue;
    module ??= { node, name };
    // `['@nuxtjs/auth-next', { …options }]`
    const siblings = parent.children().filter(c => c.isNamed());
    if (siblings[0]?.id() === node.id() && siblings[1]?.kind() === 'object') options.push(siblings[1]);
  }
  if (!module) return undefined;
  for (const pair of tree.nodesOfKind('pair')) {
    const key = pair.field('key');
    if ((tree.stringValue(key) ?? key?.text()) === 'auth' && pair.field('value')?.kind() === 'object') options.push(pair.field('value')!);
  }
  for (const object of options) {
    const pairs = pairsOf(tree, object);
    const token = pairsOf(tree, pairs.get('token'));
    if (pairs.get('localStorage')?.text() === 'false' || token.get('localStorage')?.text() === 'false') return undefined;
    const strategies = [...pairsOf(tree, pairs.get('strategies'))];
    const scheme = (strategy: SyntaxNode) => tree.stringValue(pairsOf(tree, strategy).get('scheme'));
    if (strategies.length > 0 && strategies.every(([name, s]) => COOKIE_STRATEGIES.test(scheme(s) ?? name))) return undefined;
  }
  return { line: tree.lineOf(module.node), module: module.name };
}

export default defineRule({
  id: 'security/token-in-localstorage',
  category: 'security',
  severity: 'high',
  title: 'Auth tokens are not kept in localStorage',
  description:
    'Fails when frontend code writes an auth, access, refresh or ID token, a JWT, a session id or an API key to `localStorage`: `localStorage.setItem("token", …)`, `localStorage.token = …`, a local storage helper called with a token, a whole login response stored under a key such as `user`, `useLocalStorage("accessToken", …)`, or a persisted auth store (redux-persist, zustand `persist`) that uses localStorage, or Angular\'s ngx-webstorage `LocalStorageService.store("authenticationToken", …)`. Nuxt\'s auth module (`@nuxtjs/auth`, `@nuxtjs/auth-next`) keeps its tokens in localStorage by default: a Nuxt config that enables it fails unless its options set `localStorage: false` or use only cookie strategies.',
  rationale:
    'Anything in localStorage is readable by every script on the page. One XSS bug, or one compromised third-party script, is enough to copy the token and use it from anywhere until it expires; unlike an HttpOnly cookie, the browser offers no protection.',
  remediation:
    'Keep session credentials in `HttpOnly`, `Secure`, `SameSite` cookies set by the server (or a backend-for-frontend that holds the tokens). If a token must live in the browser, keep it in memory only, make it short-lived, and refresh it through an HttpOnly cookie.',
  evaluate(facts) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let browserCode = facts.stack.frontends.length > 0;
    const add = (file: SourceFile, line: number, message: string) => {
      const key = `${file.path}:${line}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(findingAt(file, line, message, lineOf(file, line)));
    };

    const sources = facts.files.filter(f => isBrowserCode(f.path) && !isTestFile(f.path) && !isStory(f.path) && !isGeneratedText(f));
    const writes: Write[] = [];
    const wrappers: Wrapper[] = [];
    for (const file of sources) {
      if (/\.(jsx|tsx|vue|svelte|html?)$/.test(file.path)) browserCode = true;
      if (!MENTIONS_STORAGE.test(file.text)) continue;
      browserCode = true;
      const tree = syntaxTree(facts, file);
      if (!tree) continue;
      const aliases = new Set(
        tree.bindings().filter(b => b.names.length === 1 && b.value && STORAGE.test(b.value.text())).map(b => b.names[0]),
      );
      const isStorage = (receiver: string) => STORAGE.test(receiver) || aliases.has(receiver);
      const services = /ngx-webstorage/.test(file.text) ? new Set([...file.text.matchAll(INJECTED_LOCAL_STORAGE)].map(m => m[1])) : new Set<string>();
      const isService = (receiver: string) => services.has(receiver.replace(/^this\./, ''));
      for (const call of tree.calls()) {
        if ((call.name === 'setItem' && isStorage(call.receiver)) || (call.name === 'store' && isService(call.receiver))) {
          writes.push({ file, tree, at: call.node, line: call.line, key: keyOf(tree, call.args[0]), value: call.args[1] ?? null });
        } else if (STORAGE_HOOKS.has(call.name) && call.receiver === '' && tree.stringValue(call.args[0]) !== undefined) {
          writes.push({ file, tree, at: call.node, line: call.line, key: keyOf(tree, call.args[0]), value: call.args[1] ?? null, hook: true });
        }
      }
      for (const assignment of tree.assignments()) {
        if (assignment.object === undefined || !isStorage(assignment.object)) continue;
        const key = assignment.property !== undefined ? { text: assignment.property, value: assignment.property } : keyOf(tree, assignment.propertyNode);
        writes.push({ file, tree, at: assignment.node, line: assignment.line, key, value: assignment.value });
      }
      // Storage helpers: functions that pass a parameter on to localStorage.
      for (const f of tree.functions()) {
        if (!f.name) continue;
        for (const call of f.calls) {
          if (call.name !== 'setItem' || !isStorage(call.receiver)) continue;
          const keyParam = paramIndex(f, call.args[0] ?? null);
          const valueParam = paramIndex(f, call.args[1] ?? null);
          if (keyParam === undefined && valueParam === undefined) continue;
          // A fixed credential key is reported where the helper writes it.
          if (keyParam === undefined && isCredentialKey(keyOf(tree, call.args[0]))) continue;
          wrappers.push({
            file,
            name: f.name,
            ...(keyParam !== undefined ? { keyParam } : { key: keyOf(tree, call.args[0]) }),
            ...(valueParam !== undefined ? { valueParam } : {}),
          });
        }
      }
      // Persisted auth stores: redux-persist's default storage and zustand's persist middleware.
      const imports = tree.imports().map(i => i.source);
      if (imports.includes('redux-persist/lib/storage')) {
        for (const pair of tree.nodesOfKind('pair')) {
          const key = pair.field('key');
          const name = tree.stringValue(key) ?? key?.text();
          if ((name === 'whitelist' || name === 'key') && /['"`][^'"`]*(?:auth|token|session|jwt|credential)[^'"`]*['"`]/i.test(pair.field('value')?.text() ?? '')) {
            add(file, tree.lineOf(pair), 'An auth store is persisted to localStorage by redux-persist');
          }
        }
      }
      if (imports.some(i => i.startsWith('zustand')) && !/sessionStorage/.test(file.text)) {
        for (const call of tree.calls()) {
          if (call.name !== 'persist' || call.receiver !== '') continue;
          const options = call.args[1];
          const name = options?.children().find(c => c.kind() === 'pair' && (c.field('key')?.text() ?? '').replace(/['"]/g, '') === 'name');
          if (name && /auth|token|session|jwt|credential/i.test(tree.stringValue(name.field('value')) ?? '')) {
            add(file, tree.lineOf(name), 'An auth store is persisted to localStorage by zustand');
          }
        }
      }
    }

    // Nuxt's auth module writes the token to localStorage unless told not to.
    for (const file of sources) {
      if (!NUXT_CONFIG.test(file.path) || isAsidePath(file.path) || ![...NUXT_AUTH_MODULES].some(m => file.text.includes(m))) continue;
      const tree = syntaxTree(facts, file);
      const found = tree && nuxtAuthInLocalStorage(tree);
      browserCode = true;
      if (found) add(file, found.line, `${found.module} keeps the auth token in localStorage by default, and its options do not set localStorage: false`);
    }

    // Calls of storage helpers, one level deep: in the helper's own file, or in a file that imports it.
    if (wrappers.length > 0) {
      const names = new Set(wrappers.map(w => w.name));
      // A file that imports a helper names its module: `./storage`, `@/utils/storage`.
      const mentions = (file: SourceFile, w: Wrapper) => file === w.file || (file.text.includes(w.name) && file.text.includes(moduleName(w.file.path)));
      for (const file of sources) {
        if (!wrappers.some(w => mentions(file, w))) continue;
        const tree = syntaxTree(facts, file);
        if (!tree) continue;
        let targets: string[] | undefined;
        for (const call of tree.calls()) {
          if (!names.has(call.name) || OTHER_STORES.test(call.receiver)) continue;
          for (const wrapper of wrappers) {
            if (wrapper.name !== call.name) continue;
            if (wrapper.file !== file) {
              targets ??= importTargets(file, tree);
              if (!importsFile(targets, wrapper.file.path)) continue;
            }
            const key = wrapper.keyParam !== undefined ? keyOf(tree, call.args[wrapper.keyParam]) : wrapper.key!;
            const value = wrapper.valueParam !== undefined ? call.args[wrapper.valueParam] ?? null : null;
            if (wrapper.keyParam !== undefined && !call.args[wrapper.keyParam]) continue;
            writes.push({ file, tree, at: call.node, line: call.line, key, value, via: wrapper.name });
          }
        }
      }
    }

    // Judge every write: a credential key or value, or a whole login response under a user key.
    const loginKeys = new Set<string>();
    const userWrites: Array<{ write: Write; root: string }> = [];
    for (const write of writes) {
      const { tree, key, value } = write;
      if (!write.hook && value && isClearing(tree, value)) continue;
      const through = write.via ? ` through ${write.via}()` : '';
      const shownKey = (key.value !== undefined ? `'${key.value}'` : key.text).trim().slice(0, 60);
      const valueText = value?.text() ?? '';
      const credentialValue = TOKEN_VALUE.test(valueText) && !/^(?:true|false|['"`](?:true|false)['"`])$/.test(valueText.trim());
      if (isCredentialKey(key) || (!write.hook && credentialValue && !NOT_A_CREDENTIAL.test(key.value ?? key.text))) {
        add(write.file, write.line, `A credential is written to localStorage${through} (key ${shownKey})`);
        continue;
      }
      const root = write.hook ? undefined : wholeObjectRoot(value);
      if (!root || !USER_KEY.test(key.value ?? key.text) || NOT_A_CREDENTIAL.test(key.value ?? key.text)) continue;
      userWrites.push({ write, root });
      if (fromLogin(tree, write.at, root)) {
        if (key.value !== undefined) loginKeys.add(key.value);
        add(write.file, write.line, `A login response, token included, is written to localStorage${through} (key ${shownKey})`);
      }
    }
    // The same key written elsewhere (a profile refresh) holds the same response.
    for (const { write } of userWrites) {
      if (write.key.value !== undefined && loginKeys.has(write.key.value)) {
        const through = write.via ? ` through ${write.via}()` : '';
        add(write.file, write.line, `A login response, token included, is written to localStorage${through} (key '${write.key.value}')`);
      }
    }
    if (!browserCode) return outcome.notApplicable('no frontend code');
    return outcome.fromFindings(findings);
  },
});
