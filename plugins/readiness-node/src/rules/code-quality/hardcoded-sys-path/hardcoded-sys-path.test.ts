import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'an absolute path inserted at the front',
      files: { 'utils.py': 'import sys\n\n# shared helpers copied by hand\nsys.path.insert(0, "/opt/orders/lib")\n' },
      findings: ['utils.py:4'],
    },
    {
      name: 'Windows paths, site dirs, joins, extends and multi-line calls',
      files: {
        'app/boot.py': [
          'import os, site, sys',
          'sys.path.append(r"C:\\libs\\shared")',
          "sys.path.append('C:/tools')",
          "site.addsitedir('/srv/app/site-packages')",
          'sys.path.insert(0, os.path.join("/home/dev/project", "lib"))',
          'sys.path.extend(["lib", "/opt/a"])',
          'sys.path.insert(',
          '    0,',
          '    "/opt/x",',
          ')',
          'sys.path += ["~/work/lib"]',
          '',
        ].join('\n'),
      },
      findings: ['app/boot.py:2', 'app/boot.py:3', 'app/boot.py:4', 'app/boot.py:5', 'app/boot.py:6', 'app/boot.py:7', 'app/boot.py:11'],
    },
  ],
  passes: [
    {
      name: 'paths built from __file__, relative paths and f-strings',
      files: {
        'app.py': [
          'import os, sys',
          'from pathlib import Path',
          'sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))',
          'sys.path.append(str(Path(__file__).resolve().parent / "lib"))',
          'sys.path.insert(0, "lib")',
          'sys.path.insert(0, "../shared")',
          'sys.path.insert(0, f"{BASE_DIR}/lib")',
          'sys.path.insert(0, os.environ["APP_LIB"])',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'comments, strings and other path variables',
      files: {
        'app.py': [
          '"""Never do sys.path.insert(0, "/opt/x") in this project."""',
          'import os',
          '# sys.path.insert(0, "/opt/orders/lib")',
          'os.environ["PATH"] = "/usr/local/bin"',
          'config_path = "/etc/app/config.yaml"',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'an absolute path in a test conftest is only a note',
      files: { 'tests/conftest.py': 'import sys\nsys.path.insert(0, "/opt/fixtures")\n', 'app.py': 'x = 1\n' },
    },
  ],
  notApplicable: [{ name: 'no Python code', files: { 'index.js': 'module.paths.push("/opt/x")' } }],
});

describe('code-quality/hardcoded-sys-path messages', () => {
  it('names the path', () => {
    const result = runRule(rule, { 'utils.py': 'import sys\nsys.path.insert(0, "/opt/orders/lib")\n' });
    expect(findingsOf(result)[0]).toEqual({
      path: 'utils.py',
      line: 2,
      excerpt: 'sys.path.insert(0, "/opt/orders/lib")',
      message: 'The import path is extended with the absolute path `/opt/orders/lib`, which exists only on machines laid out that way',
    });
  });
});
