import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const reactPkg = JSON.stringify({ name: 'web', dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } });

const nuxtPkg = JSON.stringify({ name: 'frontend', scripts: { dev: 'nuxt', build: 'nuxt build' }, dependencies: { nuxt: '^2.17.0', '@nuxtjs/auth-next': '5.0.0-1667386184.dfbbb54' } });
/** A Nuxt 2 config enabling the auth module, with the auth options given. */
const nuxtConfig = (auth: string, module = '"@nuxtjs/auth-next"') =>
  ['export default {', '  modules: [', '    "@nuxtjs/axios",', `    ${module},`, '  ],', `  auth: ${auth},`, '};', ''].join('\n');
const localStrategy = '{\n    strategies: {\n      local: { token: { property: "access_token" }, endpoints: { login: { url: "api/auth/token", method: "post" } } },\n    },\n  }';

describeRule(rule, {
  fails: [
    {
      name: "an Angular service that stores the token with ngx-webstorage's LocalStorageService",
      files: {
        'package.json': '{"dependencies": {"@angular/core": "17.0.0", "ngx-webstorage": "13.0.0"}}',
        'src/main/webapp/app/core/auth/auth-jwt.service.ts': [
          "import { Injectable } from '@angular/core';",
          "import { LocalStorageService, SessionStorageService } from 'ngx-webstorage';",
          '@Injectable({ providedIn: \'root\' })',
          'export class AuthServerProvider {',
          '  constructor(private $localStorage: LocalStorageService, private $sessionStorage: SessionStorageService) {}',
          '  private authenticateSuccess(jwt: string, rememberMe: boolean): void {',
          '    if (rememberMe) {',
          "      this.$localStorage.store('authenticationToken', jwt);",
          '    } else {',
          "      this.$sessionStorage.store('authenticationToken', jwt);",
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      findings: ['src/main/webapp/app/core/auth/auth-jwt.service.ts:8'],
    },
    {
      name: 'saving the token on login is reported, clearing it on logout is not',
      files: {
        'package.json': reactPkg,
        'src/middleware.js': [
          'if (action.type === LOGIN) {',
          "  window.localStorage.setItem('jwt', action.payload.user.token);",
          '} else if (action.type === LOGOUT) {',
          "  window.localStorage.setItem('jwt', '');",
          "  localStorage.setItem('accessToken', null);",
          '}',
        ].join('\n'),
      },
      findings: ['src/middleware.js:2'],
    },
    {
      name: 'setItem with token keys after login',
      files: {
        'package.json': reactPkg,
        'src/api/auth.ts': [
          'export async function login(email: string, password: string) {',
          "  const { data } = await api.post('/login', { email, password });",
          "  localStorage.setItem('accessToken', data.accessToken);",
          "  window.localStorage.setItem('refresh_token', data.refreshToken);",
          '  return data.user;',
          '}',
        ].join('\n'),
      },
      findings: ['src/api/auth.ts:3', 'src/api/auth.ts:4'],
    },
    {
      name: 'a constant key, a neutral key holding a token, and property assignment',
      files: {
        'package.json': reactPkg,
        'src/store/session.js': [
          "const TOKEN_KEY = 'app.jwt';",
          'export const save = (t) => localStorage.setItem(TOKEN_KEY, t);',
          "export const saveUser = (u, token) => localStorage.setItem('user', JSON.stringify({ ...u, token }));",
          'export const legacy = (jwt) => { localStorage.authToken = jwt; };',
          "export const other = (k) => { localStorage['api_key'] = k; };",
        ].join('\n'),
      },
      findings: ['src/store/session.js:2', 'src/store/session.js:3', 'src/store/session.js:4', 'src/store/session.js:5'],
    },
    {
      name: 'hooks and persisted stores',
      files: {
        'package.json': reactPkg,
        'src/hooks/useAuth.tsx': "const [token, setToken] = useLocalStorage('token', '');\n",
        'src/store/index.ts': "import storage from 'redux-persist/lib/storage';\nconst persistConfig = { key: 'root', storage, whitelist: ['auth'] };\n",
        'src/store/auth.ts': "import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\nexport const useAuth = create(persist((set) => ({ token: null }), { name: 'auth-storage' }));\n",
      },
      findings: ['src/hooks/useAuth.tsx:1', 'src/store/auth.ts:3', 'src/store/index.ts:2'],
    },
    {
      name: 'a local storage helper called with a token key or value, in its own file and from a file that imports it',
      files: {
        'package.json': reactPkg,
        'src/utils/storage.ts': [
          'export function saveItem(key: string, value: unknown) {',
          '  window.localStorage.setItem(key, JSON.stringify(value));',
          '}',
          'export const remember = (entry: string) => localStorage.setItem(STORE_KEY, entry);',
          "export const rememberTheme = () => saveItem('theme', 'dark');",
          "export const keepToken = (t: string) => saveItem('accessToken', t);",
        ].join('\n'),
        'src/pages/Login.tsx': [
          "import { saveItem, remember } from '@/utils/storage';",
          'export async function onSubmit(form) {',
          '  const res = await client.post(form);',
          "  saveItem('session', res.data.token);",
          "  saveItem('locale', form.locale);",
          '  remember(res.data.refreshToken);',
          '}',
        ].join('\n'),
      },
      findings: ['src/pages/Login.tsx:4', 'src/pages/Login.tsx:6', 'src/utils/storage.ts:6'],
    },
    {
      name: 'a whole login or register response stored under a user key, and the same key refreshed later',
      files: {
        'package.json': reactPkg,
        'src/actions/account.js': [
          'export const signIn = (email, password) => async (dispatch) => {',
          "  const { data } = await http.post('/api/accounts/sign-in', { email, password });",
          '  dispatch({ type: SIGNED_IN, payload: data });',
          "  localStorage.setItem('currentUser', JSON.stringify(data));",
          '};',
          'export const createAccount = async (form) => {',
          "  const response = await http.post('/api/accounts/register', form);",
          "  localStorage.setItem('auth', JSON.stringify(response.data));",
          '};',
          'export const refreshProfile = (changes) => async (dispatch) => {',
          "  const { data } = await http.put('/api/accounts/me', changes);",
          "  localStorage.setItem('currentUser', JSON.stringify(data));",
          '};',
          'export const saveAddress = (data) => {',
          "  localStorage.setItem('shippingAddress', JSON.stringify(data));",
          '};',
        ].join('\n'),
        'src/api/session.ts': [
          "export const start = (creds) => http.post('/oauth/token', creds).then(res => {",
          "  localStorage.setItem('session', JSON.stringify(res.data));",
          '});',
        ].join('\n'),
      },
      findings: ['src/actions/account.js:4', 'src/actions/account.js:8', 'src/actions/account.js:12', 'src/api/session.ts:2'],
    },
    {
      name: 'an inline page script and a storage alias',
      files: {
        'index.html': ['<html><body>', '<script>', '  const store = window.localStorage;', "  store.setItem('jwt', getJwt());", '</script>', '</body></html>'].join('\n'),
      },
      findings: ['index.html:4'],
    },
    {
      name: "Nuxt's auth module with a token strategy and its default storage (cookie, Vuex and localStorage)",
      files: { 'frontend/package.json': nuxtPkg, 'frontend/nuxt.config.js': nuxtConfig(localStrategy) },
      findings: ['frontend/nuxt.config.js:4'],
    },
    {
      name: "Nuxt's auth module with its options inline, localStorage given a prefix",
      files: {
        'package.json': nuxtPkg,
        'nuxt.config.ts': [
          'export default defineNuxtConfig({',
          "  modules: [['@nuxtjs/auth', { localStorage: { prefix: 'app.' }, strategies: { local: {} } }]],",
          '});',
          '',
        ].join('\n'),
      },
      findings: ['nuxt.config.ts:2'],
    },
  ],
  passes: [
    {
      name: "Nuxt's auth module told to keep localStorage out, or using only the session cookie",
      files: {
        'a/package.json': nuxtPkg,
        'a/nuxt.config.js': nuxtConfig(localStrategy.replace('strategies', 'localStorage: false,\n    strategies')),
        'b/package.json': nuxtPkg,
        'b/nuxt.config.js': nuxtConfig('{ strategies: { laravelSanctum: { provider: "laravel/sanctum", url: "http://localhost" } } }'),
        'c/package.json': nuxtPkg,
        'c/nuxt.config.js': nuxtConfig('{ token: { localStorage: false }, strategies: { local: {} } }', '"@nuxtjs/auth"'),
      },
    },
    {
      name: 'the auth module commented out, named in a comment, or enabled only in an example app',
      files: {
        'package.json': nuxtPkg,
        'nuxt.config.js': nuxtConfig(localStrategy, '// "@nuxtjs/auth-next"'),
        'examples/demo/nuxt.config.js': nuxtConfig(localStrategy),
        'src/pages/login.vue': '<script>\n// Uses @nuxtjs/auth-next; tokens kept by the module\nexport default { methods: { login() { this.$auth.loginWith("local") } } }\n</script>\n',
      },
    },
    {
      name: "a token kept in ngx-webstorage's SessionStorageService, and a non-credential in its LocalStorageService",
      files: {
        'package.json': '{"dependencies": {"@angular/core": "17.0.0", "ngx-webstorage": "13.0.0"}}',
        'src/app/auth.service.ts': [
          "import { LocalStorageService, SessionStorageService } from 'ngx-webstorage';",
          'export class AuthService {',
          '  constructor(private localStorage: LocalStorageService, private sessionStorage: SessionStorageService) {}',
          "  save(jwt: string): void { this.sessionStorage.store('authenticationToken', jwt); }",
          "  theme(name: string): void { this.localStorage.store('theme', name); }",
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'non-credential values in localStorage',
      files: {
        'package.json': reactPkg,
        'src/prefs.ts': [
          "localStorage.setItem('theme', 'dark');",
          "localStorage.setItem('isAuthenticated', 'true');",
          "localStorage.setItem('tokenExpiresAt', String(expiresAt));",
          "localStorage.setItem('authRedirect', location.pathname);",
          "localStorage.setItem('lastAuthor', author.name);",
          "const token = localStorage.getItem('token');",
          "localStorage.removeItem('token');",
        ].join('\n'),
      },
    },
    {
      name: 'tokens in sessionStorage, cookies or memory',
      files: {
        'package.json': reactPkg,
        'src/auth.ts': "sessionStorage.setItem('accessToken', t);\nlet inMemoryToken = t;\ndocument.cookie = `csrf=${c}; Secure`;\n",
      },
    },
    {
      name: 'tests, comments and docs',
      files: {
        'package.json': reactPkg,
        'src/auth.test.ts': "localStorage.setItem('token', 'abc');\n",
        'src/auth.ts': "// never do localStorage.setItem('token', t)\nexport const x = 1;\n",
        'README.md': "Do not call `localStorage.setItem('token', t)`.\n",
        'src/lint.ts': "export const message = \"localStorage.setItem('token', t) exposes the token\";\n",
      },
    },
    {
      name: 'an example page only leaves a low-confidence note',
      files: {
        'package.json': reactPkg,
        'src/main.tsx': 'export {};\n',
        'examples/demo/login.js': "localStorage.setItem('token', t);\n",
      },
    },
    {
      name: 'preferences, a profile from a settings page, removal on logout, and a helper that writes sessionStorage',
      files: {
        'package.json': reactPkg,
        'src/settings.ts': [
          "export const savePrefs = (prefs) => localStorage.setItem('preferences', JSON.stringify(prefs));",
          "export const setLocale = (l) => { localStorage.setItem('locale', l); };",
          "export const cacheUser = (user) => localStorage.setItem('user', JSON.stringify(user));",
          "export const loginRedirect = (path) => localStorage.setItem('user.redirect', path);",
          'export function logout() {',
          "  localStorage.removeItem('token');",
          "  localStorage.removeItem('userInfo');",
          '}',
          "export const keep = (key, value) => sessionStorage.setItem(key, value);",
        ].join('\n'),
        'src/login.ts': [
          "import { keep, savePrefs } from './settings';",
          'export async function login(creds) {',
          "  const { data } = await api.post('/login', creds);",
          "  keep('accessToken', data.accessToken);",
          '  savePrefs(data.preferences);',
          "  localStorage.setItem('cart', JSON.stringify(data.cart));",
          "  localStorage.setItem('user', JSON.stringify(data.user));",
          '  setLocale(data.locale);',
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'stories, tests and mocks that store tokens',
      files: {
        'package.json': reactPkg,
        'src/main.tsx': 'export {};\n',
        'src/Login.stories.tsx': "localStorage.setItem('token', 'story-token');\n",
        '.storybook/preview.js': "localStorage.setItem('jwt', 'x');\n",
        'src/__tests__/auth.js': "localStorage.setItem('token', 'abc');\n",
        'cypress/support/commands.js': "Cypress.Commands.add('login', () => { localStorage.setItem('token', 't'); });\n",
      },
    },
  ],
  notApplicable: [
    { name: 'a backend without browser code', files: { 'app.py': 'x = 1\n', 'server/index.js': 'module.exports = {};\n' } },
  ],
});

describe('security/token-in-localstorage details', () => {
  it('names the key in the message', () => {
    const result = runRule(rule, { 'src/a.js': "localStorage.setItem('jwt', t);\n" });
    expect(findingsOf(result)).toEqual([
      {
        path: 'src/a.js',
        line: 1,
        excerpt: "localStorage.setItem('jwt', t);",
        message: "A credential is written to localStorage (key 'jwt')",
        confidence: 'high',
      },
    ]);
  });

  it('names the helper and the login response in its messages', () => {
    const result = runRule(rule, {
      'src/auth.js': [
        'const put = (k, v) => localStorage.setItem(k, v);',
        'export async function handleLogin(form) {',
        "  const res = await api.login(form);",
        "  put('jwt', res.jwt);",
        "  localStorage.setItem('user', JSON.stringify(res));",
        '}',
      ].join('\n'),
    });
    expect(findingsOf(result).map(f => [f.line, f.message])).toEqual([
      [4, "A credential is written to localStorage through put() (key 'jwt')"],
      [5, "A login response, token included, is written to localStorage (key 'user')"],
    ]);
  });
});
