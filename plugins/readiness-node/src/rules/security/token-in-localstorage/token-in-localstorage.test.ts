import { describeRule, runRule } from '../../../testing';
import rule from '.';

const reactPkg = JSON.stringify({ name: 'web', dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } });

describeRule(rule, {
  fails: [
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
  ],
  passes: [
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
  ],
  notApplicable: [
    { name: 'a backend without browser code', files: { 'app.py': 'x = 1\n', 'server/index.js': 'module.exports = {};\n' } },
  ],
});

describe('security/token-in-localstorage details', () => {
  it('names the key in the message', () => {
    const result = runRule(rule, { 'src/a.js': "localStorage.setItem('jwt', t);\n" });
    expect(result.findings).toEqual([
      {
        path: 'src/a.js',
        line: 1,
        excerpt: "localStorage.setItem('jwt', t);",
        message: "A credential is written to localStorage (key 'jwt')",
        confidence: 'high',
      },
    ]);
  });
});
