import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

/** `n` lines of code. */
const body = (n: number, prefix = 'x') => Array.from({ length: n }, (_, i) => `const ${prefix}${i} = ${i};`).join('\n');
const pyBody = (n: number) => Array.from({ length: n }, (_, i) => `v${i} = ${i}`).join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'one TODO in about 200 lines',
      files: {
        'auth.py': `def has_permission(user, perm):\n    # TODO: check roles properly\n    return True\n${pyBody(197)}\n`,
      },
      findings: ['auth.py:2'],
      score: 0.4,
    },
    {
      name: 'markers of every kind and language, in line and block comments',
      files: {
        'src/a.ts': `${body(96)}\n// FIXME handle timeouts\n/*\n * HACK: retry twice\n * @todo remove\n */\nconst y = 1; // XXX: magic number\n`,
        'main.go': `package main\n\n// TODO(ana): close the connection\nfunc main() {}\n`,
      },
      findings: ['main.go:3', 'src/a.ts:97', 'src/a.ts:99', 'src/a.ts:100', 'src/a.ts:102'],
    },
  ],
  passes: [
    {
      name: 'below the target',
      files: { 'src/a.ts': `${body(999)}\n// TODO: one marker in a thousand lines\n` },
      score: 1,
    },
    {
      name: 'words that only look like markers, and markers outside comments',
      files: {
        'src/todo.ts': [
          'export type Todo = { done: boolean };',
          'const status = "TODO";',
          '// the todo list component, see TodoList',
          '// phone format XXX-XXX-XXXX, amounts like 1.XXX or v2/XXX',
          '// TODOS are tracked in Jira',
          'const TODO_LIMIT = 3;',
          body(10),
        ].join('\n'),
        'app.py': 'x = "FIXME"\n"""TODO: docstrings are not comments"""\ny = 2\n',
      },
    },
    {
      name: 'markers in docs, examples, fixtures and tests do not count',
      files: {
        'src/a.ts': body(20),
        'tests/test_tutorial/test_one.py': '# TODO: remove when deprecating v1\nx = 1\n'.repeat(5),
        'src/a.test.ts': '// FIXME flaky\nit("x", () => {});\n',
        'docs/snippets/demo.ts': '// TODO: fill in\nconst x = 1;\n',
        'examples/basic.py': '# FIXME\nx = 1\n',
        'src/__fixtures__/data.ts': '// HACK\nexport const d = 1;\n',
      },
    },
    {
      name: 'markers in generated code and copied libraries do not count',
      files: {
        'src/a.ts': body(20),
        'src/api.generated.ts': '// TODO: regenerate\nexport const a = 1;\n',
        'static/js/lib-1.4.2.js': '// FIXME upstream\n// TODO upstream\nvar l = 1;\n',
      },
    },
    {
      name: 'a looser target from settings',
      files: { 'a.py': `# TODO: later\n${pyBody(199)}\n` },
      settings: { todoPerKlocTarget: 10 },
    },
  ],
  notApplicable: [{ name: 'no code', files: { 'README.md': 'TODO: write docs', 'schema.sql': '-- TODO\n' } }],
});

describe('code-quality/todo-debt details', () => {
  it('reports the density and the marker text', () => {
    const result = runRule(rule, { 'a.py': `# TODO: handle refunds\n${pyBody(99)}\n` });
    expect(result.message).toBe('1 TODO/FIXME/HACK/XXX marker(s) in 99 lines of code: 10.1 per 1,000 lines, target 2');
    expect(findingsOf(result)).toEqual([{ path: 'a.py', line: 1, excerpt: '# TODO: handle refunds', message: 'TODO: handle refunds' }]);
  });

  it('lists at most 50 markers', () => {
    const result = runRule(rule, { 'a.ts': Array.from({ length: 60 }, (_, i) => `const a${i} = 1; // TODO ${i}`).join('\n') });
    expect(findingsOf(result)).toHaveLength(50);
    expect(result.message).toContain('(the first 50 are listed)');
    expect(result.score).toBeCloseTo(0.002, 3);
  });
});
