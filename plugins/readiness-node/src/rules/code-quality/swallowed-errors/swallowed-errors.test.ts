import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'Python handlers that catch everything and do nothing',
      files: {
        'utils.py': [
          'def parse_int(value, default=0):',
          '    try:',
          '        return int(value)',
          '    except:  # noqa: E722',
          '        pass',
          '    try:',
          '        x()',
          '    except Exception as e:',
          '        # nothing to do',
          '        pass',
          '    try:',
          '        y()',
          '    except (ValueError, Exception): ...',
          '    try:',
          '        z()',
          '    except BaseException:',
          '        """ignored on purpose"""',
          '    return default',
          '',
        ].join('\n'),
      },
      findings: ['utils.py:4', 'utils.py:8', 'utils.py:13', 'utils.py:16'],
    },
    {
      name: 'empty catch blocks in TypeScript, including comment-only bodies and promise handlers',
      files: {
        'src/client.ts': [
          'export async function load() {',
          '  try { await get(); } catch (e) {}',
          '  try { await get(); } catch {}',
          '  try {',
          '    await get();',
          '  } catch (err: unknown) {',
          '    // ignore',
          '  }',
          '  fetch("/ping").catch(() => {});',
          '  save().catch(function () {});',
          '}',
          '',
        ].join('\n'),
      },
      findings: ['src/client.ts:2', 'src/client.ts:3', 'src/client.ts:6', 'src/client.ts:9', 'src/client.ts:10'],
    },
    {
      name: 'Java, Kotlin, C# and PHP',
      files: {
        'src/main/java/Repo.java': 'class Repo {\n  void close() {\n    try { conn.close(); } catch (IOException | SQLException e) {\n      /* nothing we can do */\n    }\n  }\n}\n',
        'src/main/kotlin/Job.kt': 'fun run() {\n    try { work() } catch (e: Exception) {}\n}\n',
        'Api/Orders.cs': 'try { Save(); }\ncatch (Exception ex) when (ex is IOException) { }\ntry { Save(); } catch { }\n',
        'src/Store.php': '<?php\ntry { save(); } catch (\\Exception $e) {}\n',
      },
      findings: ['Api/Orders.cs:2', 'Api/Orders.cs:3', 'src/main/java/Repo.java:3', 'src/main/kotlin/Job.kt:2', 'src/Store.php:2'],
    },
  ],
  passes: [
    {
      name: 'handlers that do something, even with a comment',
      files: {
        'src/app.ts': [
          'try { run(); } catch (e) { /* expected: ignore */ logger.debug(e) }',
          'fetch("/x").catch(err => logger.error({ err }, "ping failed"));',
          'const text = "try {} catch (e) {}";',
          '// try { run(); } catch (e) {}',
          'const re = /catch \\(e\\) \\{\\}/;',
          '',
        ].join('\n'),
        'src/main/java/A.java': 'class A {\n  void f() {\n    try { g(); } catch (Exception e) { throw new IllegalStateException(e); }\n  }\n}\n',
      },
    },
    {
      name: 'specific Python exceptions and handlers with a body',
      files: {
        'utils.py': [
          'try:',
          '    from pricing import apply_discount',
          'except ImportError:',
          '',
          '    def apply_discount(total, code):',
          '        return total',
          '',
          'try:',
          '    del cache[key]',
          'except KeyError:',
          '    pass',
          'try:',
          '    run()',
          'except Exception as e:',
          '    pass',
          '    log.warning("run failed: %s", e)',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'empty catches in tests are only notes',
      files: {
        'src/app.ts': 'export const x = 1;\n',
        'src/app.test.ts': 'test("x", () => { try { boom(); } catch (e) {} });\n',
        'tests/test_x.py': 'def test_x():\n    try:\n        boom()\n    except Exception:\n        pass\n',
      },
    },
  ],
  notApplicable: [{ name: 'Go and shell only', files: { 'main.go': 'package main\n\nfunc main() { _ = run() }\n', 'run.sh': 'set -e' } }],
});

describe('code-quality/swallowed-errors messages', () => {
  it('quotes the clause', () => {
    const result = runRule(rule, { 'a.py': 'try:\n    x()\nexcept Exception as e:\n    pass\n' });
    expect(result.findings[0]).toEqual({
      path: 'a.py',
      line: 3,
      excerpt: 'except Exception as e:',
      message: '`except Exception: pass` silently discards every error raised in the `try` block',
    });
  });
});
