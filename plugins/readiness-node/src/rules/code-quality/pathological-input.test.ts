import { snapshotFromFiles } from '../../snapshot';
import { evaluateRule } from '../../engine/audit';
import { buildFacts } from '../../facts';
import { DEFAULT_RULE_SETTINGS } from '../types';
import { codeQualityRules } from '.';
import { databaseRules } from '../database';
import { testingRules } from '../testing';

/**
 * Files near the 1 MiB read limit, shaped to trip naive patterns: unclosed
 * brackets and strings, one enormous line, thousands of markers in one
 * comment. Every rule of these categories must stay fast and never error.
 */
describe('testing, code-quality and database rules on pathological files', () => {
  const big = 900_000;
  const files = {
    'requirements.txt': 'flask==3.0.3\ntorch==2.3.1\n',
    'package.json': '{"name":"x","scripts":{"test":"jest"},"dependencies":{"knex":"^3.1.0"}}',
    'app.py': `from flask import Flask\nfrom sqlalchemy import Table\nclass Order(db.Model${' x'.repeat(big / 2)}\n`,
    'unclosed.py': `try:\n    x()\nexcept (${'A, '.repeat(big / 3)}\n    print("failed")\n`,
    'strings.py': `s = """${'a'.repeat(big)}\n`,
    'catch.ts': `try { f(); } catch (${'e'.repeat(big)}\n`.concat('x / 2 / 3 '.repeat(1000)),
    'todos.ts': `/*${' TODO'.repeat(big / 5)} */\nconst a = 1;\n`,
    'one-line.js': `const a = [${'1,'.repeat(big / 2)}];`,
    'schema.sql': `DROP TABLE ${'a, '.repeat(big / 4)}b;\nCREATE TABLE b (id int);\n`,
    'models.py': `import sqlalchemy\n${'class A(Base'.repeat(big / 12)}\n`,
    'sys.py': `import sys\nsys.path.insert(0, "${'/x'.repeat(big / 2)}`,
  };

  it.each([...testingRules, ...codeQualityRules, ...databaseRules].map(r => [r.id, r] as const))(
    '%s',
    (_id, rule) => {
      // Catastrophic backtracking would not finish: the test's timeout is the guard.
      const facts = buildFacts(snapshotFromFiles(files));
      const result = evaluateRule(rule, facts, DEFAULT_RULE_SETTINGS);
      expect(result.status).not.toBe('error');
    },
    30_000,
  );
});
