import { snapshotFromFiles, SourceFile } from '../snapshot';
import { buildFacts } from './index';
import {
  embeddedScript,
  MAX_SYNTAX_CHARS,
  syntaxErrors,
  syntaxLanguageOf,
  syntaxLanguages,
  syntaxTree,
  SyntaxTree,
} from './syntax';

const file = (path: string, text: string): SourceFile => ({ path, text, size: text.length });

function treeOf(path: string, text: string): SyntaxTree {
  const tree = syntaxTree({}, file(path, text));
  if (!tree) throw new Error(`no tree for ${path}`);
  return tree;
}

const callSummary = (tree: SyntaxTree) =>
  tree.calls().map(c => ({
    callee: c.callee,
    name: c.name,
    receiver: c.receiver,
    line: c.line,
    args: c.args.map(a => tree.stringValue(a) ?? a.text()),
    ...(c.named.size ? { named: Object.fromEntries([...c.named].map(([k, v]) => [k, v.text()])) } : {}),
  }));

const functionSummary = (tree: SyntaxTree) =>
  tree.functions().map(f => ({ name: f.name, params: f.params, line: f.line, calls: f.calls.map(c => c.callee) }));

describe('syntax trees', () => {
  it('parses every supported language on this platform', () => {
    expect(syntaxLanguages().sort()).toEqual(
      ['csharp', 'go', 'java', 'javascript', 'kotlin', 'python', 'tsx', 'typescript'],
    );
  });

  it('maps paths to grammars', () => {
    expect(syntaxLanguageOf('src/a.ts')).toBe('typescript');
    expect(syntaxLanguageOf('src/a.tsx')).toBe('tsx');
    expect(syntaxLanguageOf('src/a.jsx')).toBe('javascript');
    expect(syntaxLanguageOf('app/models.py')).toBe('python');
    expect(syntaxLanguageOf('Main.kt')).toBe('kotlin');
    expect(syntaxLanguageOf('Program.cs')).toBe('csharp');
    expect(syntaxLanguageOf('src/App.vue')).toBe('javascript');
    expect(syntaxLanguageOf('README.md')).toBeUndefined();
  });

  describe('JavaScript and TypeScript', () => {
    const source = [
      "import { save } from './storage';",
      "const TOKEN_KEY = 'app.jwt';",
      'export function persist(key: string, value?: unknown, ...rest: unknown[]) {',
      '  window.localStorage',
      '    .setItem(key, JSON.stringify(value));',
      '}',
      'export const login = (email, password) => async ({ dispatch }) => {',
      "  const { data } = await api?.post(`/login`, { email, password });",
      '  localStorage.token = data.token;',
      "  localStorage['user'] = data.user;",
      '};',
      'class Store { set(k, v) { this.items[k] = v; } }',
      "const cfg = { load: function (p) { return require('./cfg/' + p); } };",
      'new Cookie(TOKEN_KEY);',
    ].join('\n');
    const tree = treeOf('src/auth.ts', source);

    it('lists calls with callee, receiver, arguments and line', () => {
      expect(callSummary(tree)).toEqual([
        { callee: 'window.localStorage.setItem', name: 'setItem', receiver: 'window.localStorage', line: 4, args: ['key', 'JSON.stringify(value)'] },
        { callee: 'JSON.stringify', name: 'stringify', receiver: 'JSON', line: 5, args: ['value'] },
        { callee: 'api.post', name: 'post', receiver: 'api', line: 8, args: ['/login', '{ email, password }'] },
        { callee: 'require', name: 'require', receiver: '', line: 13, args: ["'./cfg/' + p"] },
        { callee: 'Cookie', name: 'Cookie', receiver: '', line: 14, args: ['TOKEN_KEY'] },
      ]);
      expect(tree.calls().map(c => c.constructs)).toEqual([false, false, false, false, true]);
    });

    it('lists functions with their names, parameters and the calls in their bodies', () => {
      expect(functionSummary(tree)).toEqual([
        { name: 'persist', params: ['key', 'value', 'rest'], line: 3, calls: ['window.localStorage.setItem', 'JSON.stringify'] },
        { name: 'login', params: ['email', 'password'], line: 7, calls: ['api.post'] },
        { name: '', params: ['dispatch'], line: 7, calls: ['api.post'] },
        { name: 'set', params: ['k', 'v'], line: 12, calls: [] },
        { name: 'load', params: ['p'], line: 13, calls: ['require'] },
      ]);
      const inner = tree.calls().find(c => c.name === 'post')!;
      expect(tree.enclosingFunctions(inner.node).map(f => f.params[0])).toEqual(['dispatch', 'email']);
    });

    it('lists assignments with member targets', () => {
      expect(tree.assignments().map(a => [a.line, a.object, a.property, a.value?.text()])).toEqual([
        [9, 'localStorage', 'token', 'data.token'],
        [10, 'localStorage', 'user', 'data.user'],
        [12, 'this.items', undefined, 'v'],
      ]);
      expect(tree.assignments()[2].propertyNode?.text()).toBe('k');
    });

    it('reads string constants and imports', () => {
      expect([...tree.stringConstants()]).toEqual([['TOKEN_KEY', 'app.jwt']]);
      expect(tree.imports()).toEqual([{ source: './storage', line: 1 }]);
      const tpl = treeOf('a.js', 'const a = `x${y}`; const b = `plain`; const c = "q";');
      expect([...tpl.stringConstants()]).toEqual([['b', 'plain'], ['c', 'q']]);
    });

    it('parses JSX in .js and .tsx files', () => {
      const jsx = treeOf('src/App.js', 'export default () => <Button onClick={() => track("click")} />;');
      expect(jsx.errorLine).toBeUndefined();
      expect(callSummary(jsx).map(c => c.callee)).toEqual(['track']);
      const tsx = treeOf('src/App.tsx', 'export const A = <T,>(p: T) => <div>{f<T>(p)}</div>;');
      expect(tsx.errorLine).toBeUndefined();
      expect(tsx.calls()[0].name).toBe('f');
    });
  });

  it('reads Python calls, keyword arguments, functions and constants', () => {
    const tree = treeOf(
      'app/views.py',
      [
        'import os.path',
        'from .settings import KEY',
        'SECRET_NAME = "token"',
        'def save(key, value=None, *args, **kwargs):',
        '    requests.post(url, json=value, verify=False)',
        '    obj.attr = value',
        'handler = lambda event: handle(event)',
      ].join('\n'),
    );
    expect(callSummary(tree)).toEqual([
      { callee: 'requests.post', name: 'post', receiver: 'requests', line: 5, args: ['url'], named: { json: 'value', verify: 'False' } },
      { callee: 'handle', name: 'handle', receiver: '', line: 7, args: ['event'] },
    ]);
    expect(functionSummary(tree)).toEqual([
      { name: 'save', params: ['key', 'value', 'args', 'kwargs'], line: 4, calls: ['requests.post'] },
      { name: 'handler', params: ['event'], line: 7, calls: ['handle'] },
    ]);
    expect([...tree.stringConstants()]).toEqual([['SECRET_NAME', 'token']]);
    expect(tree.imports().map(i => i.source)).toEqual(['os.path', '.settings']);
    expect(tree.assignments().find(a => a.object === 'obj')?.property).toBe('attr');
  });

  it('reads Go calls, functions, methods and constants', () => {
    const tree = treeOf(
      'internal/h.go',
      [
        'package h',
        'import ("os"; h "net/http")',
        'const Key = "token"',
        'func Handle(w h.ResponseWriter, a, b int) { os.Setenv(Key, "x"); m["k"] = a }',
        'func (s *S) Run(ctx context.Context) error { f := func(q int) { g(q) }; return nil }',
      ].join('\n'),
    );
    expect(callSummary(tree)).toEqual([
      { callee: 'os.Setenv', name: 'Setenv', receiver: 'os', line: 4, args: ['Key', 'x'] },
      { callee: 'g', name: 'g', receiver: '', line: 5, args: ['q'] },
    ]);
    expect(functionSummary(tree)).toEqual([
      { name: 'Handle', params: ['w', 'a', 'b'], line: 4, calls: ['os.Setenv'] },
      { name: 'Run', params: ['ctx'], line: 5, calls: ['g'] },
      { name: 'f', params: ['q'], line: 5, calls: ['g'] },
    ]);
    expect([...tree.stringConstants()]).toEqual([['Key', 'token']]);
    expect(tree.imports().map(i => i.source)).toEqual(['os', 'net/http']);
    expect(tree.assignments().map(a => [a.object, a.property])).toEqual([['m', 'k']]);
  });

  it('reads Java calls, constructors, methods and constants', () => {
    const tree = treeOf(
      'src/main/java/a/A.java',
      [
        'import a.b.C;',
        'class A {',
        '  static final String KEY = "token";',
        '  A(int c) { this.c = c; }',
        '  void f(int a, String... rest) { repo.save(a, KEY); new Cookie(KEY, "v"); Runnable r = () -> run(); }',
        '}',
      ].join('\n'),
    );
    expect(callSummary(tree)).toEqual([
      { callee: 'repo.save', name: 'save', receiver: 'repo', line: 5, args: ['a', 'KEY'] },
      { callee: 'Cookie', name: 'Cookie', receiver: '', line: 5, args: ['KEY', 'v'] },
      { callee: 'run', name: 'run', receiver: '', line: 5, args: [] },
    ]);
    expect(functionSummary(tree)).toEqual([
      { name: 'A', params: ['c'], line: 4, calls: [] },
      { name: 'f', params: ['a', 'rest'], line: 5, calls: ['repo.save', 'Cookie', 'run'] },
      { name: 'r', params: [], line: 5, calls: ['run'] },
    ]);
    expect([...tree.stringConstants()]).toEqual([['KEY', 'token']]);
    expect(tree.imports().map(i => i.source)).toEqual(['a.b.C']);
    expect(tree.assignments().map(a => [a.object, a.property])).toEqual([['this', 'c']]);
  });

  it('reads Kotlin calls with named and trailing-lambda arguments', () => {
    const tree = treeOf(
      'src/main/kotlin/App.kt',
      [
        'import io.ktor.server.Application',
        'const val KEY = "token"',
        'fun save(key: String, value: String = "d") {',
        '  prefs.edit().putString(key, value).apply()',
        '  run(timeout = 3) { log(it) }',
        '}',
      ].join('\n'),
    );
    expect(callSummary(tree)).toEqual([
      { callee: 'prefs.edit().putString(key,value).apply', name: 'apply', receiver: 'prefs.edit().putString(key,value)', line: 4, args: [] },
      { callee: 'prefs.edit().putString', name: 'putString', receiver: 'prefs.edit()', line: 4, args: ['key', 'value'] },
      { callee: 'prefs.edit', name: 'edit', receiver: 'prefs', line: 4, args: [] },
      { callee: 'run', name: 'run', receiver: '', line: 5, args: ['{ log(it) }'], named: { timeout: '3' } },
      { callee: 'log', name: 'log', receiver: '', line: 5, args: ['it'] },
    ]);
    expect(functionSummary(tree)[0]).toEqual({
      name: 'save',
      params: ['key', 'value'],
      line: 3,
      calls: ['prefs.edit().putString(key,value).apply', 'prefs.edit().putString', 'prefs.edit', 'run', 'log'],
    });
    expect([...tree.stringConstants()]).toEqual([['KEY', 'token']]);
    expect(tree.imports().map(i => i.source)).toEqual(['io.ktor.server.Application']);
  });

  it('reads C# calls, named arguments, methods and constants', () => {
    const tree = treeOf(
      'Api/Program.cs',
      [
        'using System.Text;',
        'class A {',
        '  const string Key = "token";',
        '  void F(int a, string b = "x") { store.Set(Key, value: a); var p = @"c:\\tmp"; Func<int, int> l = q => G(q); }',
        '}',
      ].join('\n'),
    );
    expect(callSummary(tree)).toEqual([
      { callee: 'store.Set', name: 'Set', receiver: 'store', line: 4, args: ['Key'], named: { value: 'a' } },
      { callee: 'G', name: 'G', receiver: '', line: 4, args: ['q'] },
    ]);
    expect(functionSummary(tree)).toEqual([
      { name: 'F', params: ['a', 'b'], line: 4, calls: ['store.Set', 'G'] },
      { name: 'l', params: ['q'], line: 4, calls: ['G'] },
    ]);
    expect([...tree.stringConstants()]).toEqual([['Key', 'token'], ['p', 'c:\\tmp']]);
    expect(tree.imports().map(i => i.source)).toEqual(['System.Text']);
  });

  it('parses the scripts of pages and components at their own lines', () => {
    const vue = ['<template>', '  <p>{{ msg }}</p>', '</template>', '<script setup lang="ts">', "const msg: string = t('hi');", '</script>'].join('\n');
    const script = embeddedScript(vue)!;
    expect(script.language).toBe('typescript');
    expect(script.text.length).toBe(vue.length);
    const tree = treeOf('src/App.vue', vue);
    expect(callSummary(tree)).toEqual([{ callee: 't', name: 't', receiver: '', line: 5, args: ['hi'] }]);
    expect(embeddedScript('<script type="application/ld+json">{"a": 1}</script><p/>')).toBeUndefined();
    expect(syntaxTree({}, file('index.html', '<h1>no scripts</h1>'))).toBeUndefined();
  });

  describe('per audit', () => {
    it('parses a file once and reports files it could not parse in the stats', () => {
      const big = `const a = 1;\n${'x'.repeat(MAX_SYNTAX_CHARS)}\n`;
      const snapshot = snapshotFromFiles({
        'src/ok.ts': 'f(1);\n',
        'src/broken.ts': 'function (( {\n',
        'src/big.ts': big,
        'public/app.min.js': `var a=${'1+'.repeat(6000)}1;`,
      });
      const facts = buildFacts(snapshot);
      const ok = facts.file('src/ok.ts')!;
      expect(syntaxTree(facts, ok)).toBe(syntaxTree(facts, ok));
      expect(syntaxTree(facts, facts.file('src/broken.ts')!)?.errorLine).toBe(1);
      expect(syntaxTree(facts, facts.file('src/big.ts')!)).toBeUndefined();
      expect(syntaxTree(facts, facts.file('public/app.min.js')!)).toBeUndefined();
      expect(syntaxErrors(facts)).toEqual([
        { path: 'src/broken.ts', message: 'syntax: syntax errors from line 1; read with error recovery' },
        { path: 'src/big.ts', message: 'syntax: not parsed: 257 KiB is over the 256 KiB limit for syntax trees' },
        { path: 'public/app.min.js', message: 'syntax: not parsed: a line over 10000 characters (minified or generated code)' },
      ]);
      // Another audit starts with an empty cache.
      expect(syntaxErrors(buildFacts(snapshot))).toEqual([]);
    });
  });
});
