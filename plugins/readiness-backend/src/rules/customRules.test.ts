import { ConfigReader } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  builtinRules,
  defineRule,
  outcome,
  runRule,
} from '@readiness/backstage-plugin-readiness-node';
import { createRuleRegistry } from './createRuleRegistry';
import { readCustomRules } from './customRules';

function rulesFrom(customRules: JsonValue[]) {
  return readCustomRules(new ConfigReader({ readiness: { customRules } }));
}

function rule(check: JsonObject, extra: JsonObject = {}) {
  return rulesFrom([
    {
      id: 'infrastructure/custom-check',
      category: 'infrastructure',
      severity: 'medium',
      title: 'Custom check',
      check,
      ...extra,
    },
  ])[0];
}

describe('readCustomRules', () => {
  it('reads nothing when there is no list', () => {
    expect(readCustomRules(new ConfigReader({}))).toEqual([]);
  });

  it('builds self-describing rules', () => {
    const r = rule(
      { type: 'file-exists', path: 'Dockerfile' },
      { remediation: 'Add one.' },
    );
    expect(r).toMatchObject({
      id: 'infrastructure/custom-check',
      category: 'infrastructure',
      severity: 'medium',
      title: 'Custom check',
      description: 'A file matching `Dockerfile` exists.',
      remediation: 'Add one.',
    });
  });

  describe('file-exists', () => {
    const r = rule({ type: 'file-exists', path: '**/Dockerfile' });
    it('passes when a file matches the glob, at any depth', () => {
      expect(runRule(r, { Dockerfile: 'FROM x' }).status).toBe('pass');
      expect(runRule(r, { 'svc/api/Dockerfile': 'FROM x' }).status).toBe(
        'pass',
      );
    });
    it('fails with a finding otherwise', () => {
      const result = runRule(r, { 'Dockerfile.md': '# no' });
      expect(result.status).toBe('fail');
      expect(result.findings[0].message).toBe('No file matches **/Dockerfile');
    });
    it('accepts a leading ./', () => {
      expect(
        runRule(rule({ type: 'file-exists', path: './SECURITY.md' }), {
          'SECURITY.md': 'x',
        }).status,
      ).toBe('pass');
    });
  });

  describe('file-absent', () => {
    const r = rule({ type: 'file-absent', path: '**/*.pem' });
    it('fails with one finding per matching file', () => {
      const result = runRule(r, {
        'certs/server.pem': 'x',
        'a.pem': 'y',
        'README.md': 'z',
      });
      expect(result.status).toBe('fail');
      expect(result.findings.map(f => f.path)).toEqual([
        'a.pem',
        'certs/server.pem',
      ]);
    });
    it('passes when nothing matches', () => {
      expect(runRule(r, { 'README.md': 'z' }).status).toBe('pass');
    });
  });

  describe('file-contains', () => {
    const r = rule({
      type: 'file-contains',
      path: '**/Dockerfile',
      pattern: '^HEALTHCHECK\\b',
    });
    it('fails for each matching file without the pattern', () => {
      const result = runRule(r, {
        Dockerfile: 'FROM x\nHEALTHCHECK CMD curl -f http://localhost/\n',
        'worker/Dockerfile': 'FROM x\n# HEALTHCHECK later\n',
      });
      expect(result.status).toBe('fail');
      expect(result.findings.map(f => f.path)).toEqual(['worker/Dockerfile']);
    });
    it('passes when every matching file has it, and is not applicable without files', () => {
      expect(
        runRule(r, { Dockerfile: 'FROM x\nHEALTHCHECK NONE\n' }).status,
      ).toBe('pass');
      expect(runRule(r, { 'README.md': 'x' })).toMatchObject({
        status: 'not-applicable',
        message: 'no file matches **/Dockerfile',
      });
    });
  });

  describe('json-path', () => {
    it('checks presence', () => {
      const r = rule({
        type: 'json-path',
        path: 'package.json',
        jsonPath: 'scripts.test',
      });
      expect(
        runRule(r, { 'package.json': '{"scripts":{"test":"jest"}}' }).status,
      ).toBe('pass');
      const result = runRule(r, { 'package.json': '{"scripts":{}}' });
      expect(result.status).toBe('fail');
      expect(result.findings[0].message).toBe(
        'scripts.test is not set in package.json',
      );
      expect(runRule(r, {}).status).toBe('not-applicable');
    });
    it('checks a value, with $ prefixes, array indexes and quoted keys', () => {
      const pinned = rule({
        type: 'json-path',
        path: 'package.json',
        jsonPath: '$.engines.node',
        equals: '>=20',
      });
      expect(
        runRule(pinned, { 'package.json': '{"engines":{"node":">=20"}}' })
          .status,
      ).toBe('pass');
      expect(
        runRule(pinned, { 'package.json': '{"engines":{"node":">=16"}}' })
          .findings[0].message,
      ).toBe('$.engines.node is ">=16" in package.json, expected ">=20"');
      const indexed = rule({
        type: 'json-path',
        path: '*.json',
        jsonPath: "a[1]['b.c']",
        equals: true,
      });
      expect(
        runRule(indexed, { 'x.json': '{"a":[0,{"b.c":true}]}' }).status,
      ).toBe('pass');
      expect(runRule(indexed, { 'x.json': '{"a":[0]}' }).status).toBe('fail');
    });
    it('reports files that are not JSON', () => {
      const r = rule({
        type: 'json-path',
        path: 'package.json',
        jsonPath: 'name',
      });
      expect(runRule(r, { 'package.json': '{ nope' }).findings[0].message).toBe(
        'package.json is not valid JSON',
      );
    });
  });

  it.each([
    [
      { id: 'Bad Id' },
      /customRules\[0\] \(id 'Bad Id'\) is invalid: id: must look like/,
    ],
    [{ category: 'marketing' }, /category/],
    [
      { id: 'security/custom-check' },
      /id: the id must start with the category/,
    ],
    [{ severity: 'urgent' }, /severity/],
    [{ title: '' }, /title/],
    [{ check: { type: 'file-exists' } }, /check.path/],
    [
      { check: { type: 'file-exists', path: '../etc/passwd' } },
      /repository-relative/,
    ],
    [
      { check: { type: 'file-contains', path: 'x', pattern: '([' } },
      /not a valid regular expression/,
    ],
    [{ check: { type: 'shell', path: 'x' } }, /check.type/],
    [{ check: { type: 'json-path', path: 'x' } }, /check.jsonPath/],
    [{ unknown: 1 }, /Unrecognized key/],
  ])('rejects %j with a clear error', (override, message) => {
    expect(() =>
      rulesFrom([
        {
          id: 'infrastructure/custom-check',
          category: 'infrastructure',
          severity: 'medium',
          title: 'Custom check',
          check: { type: 'file-exists', path: 'Dockerfile' },
          ...override,
        },
      ]),
    ).toThrow(message);
  });

  it('names the entry that repeats an id', () => {
    const entry = {
      id: 'infrastructure/custom-check',
      category: 'infrastructure',
      severity: 'medium',
      title: 'Custom check',
      check: { type: 'file-exists', path: 'Dockerfile' },
    };
    expect(() => rulesFrom([entry, entry])).toThrow(
      /customRules\[1\] \(id 'infrastructure\/custom-check'\) repeats/,
    );
    expect(() =>
      readCustomRules(
        new ConfigReader({ readiness: { customRules: { a: 1 } } }),
      ),
    ).toThrow(/must be a list/);
  });
});

describe('createRuleRegistry', () => {
  const extra = defineRule({
    id: 'cicd/extra',
    category: 'cicd',
    severity: 'low',
    title: 'Extra',
    description: 'd',
    rationale: 'r',
    remediation: 'm',
    evaluate: () => outcome.pass(),
  });

  it('combines built-in, module and config rules', () => {
    const registry = createRuleRegistry({
      moduleRules: [extra],
      configRules: [rule({ type: 'file-exists', path: 'x' })],
    });
    expect(registry.size).toBe(builtinRules.length + 2);
    expect(registry.has('cicd/extra')).toBe(true);
    expect(registry.has('infrastructure/custom-check')).toBe(true);
  });

  it('names the source of a duplicate id', () => {
    expect(() =>
      createRuleRegistry({ moduleRules: [extra], configRules: [{ ...extra }] }),
    ).toThrow(
      /Invalid rule in readiness.customRules; caused by Error: Duplicate readiness rule id 'cicd\/extra'/,
    );
    expect(() =>
      createRuleRegistry({ moduleRules: [builtinRules[0]] }),
    ).toThrow(/rules added by backend modules/);
  });
});

describe('custom rules in a custom category', () => {
  const runbook = {
    id: 'operations/runbook',
    category: 'operations',
    severity: 'high',
    title: 'Has a runbook',
    check: { type: 'file-exists', path: 'RUNBOOK.md' },
  };
  const operations = { id: 'operations', title: 'Operations' };

  it('reads a rule of a declared category, and the registry takes it', () => {
    const rules = readCustomRules(
      new ConfigReader({ readiness: { customRules: [runbook] } }),
      [operations],
    );
    expect(rules[0]).toMatchObject({
      id: 'operations/runbook',
      category: 'operations',
    });
    const registry = createRuleRegistry({
      configRules: rules,
      categories: [operations],
    });
    expect(registry.list().at(-1)?.id).toBe('operations/runbook');
  });

  it('names the key and the known categories when the category is not declared', () => {
    expect(() =>
      readCustomRules(
        new ConfigReader({
          readiness: {
            customRules: [{ ...runbook, id: 'ops/runbook', category: 'ops' }],
          },
        }),
        [operations],
      ),
    ).toThrow(
      "readiness.customRules[0] (id 'ops/runbook') is invalid: category: must be one of security, testing, infrastructure, code-quality, database, frontend, observability, cicd, documentation, operations; declare a custom category under readiness.categories",
    );
  });

  it('refuses a module rule of an undeclared category, naming its source', () => {
    const moduleRule = defineRule({
      id: 'ml-pipeline/model-card',
      category: 'ml-pipeline',
      severity: 'low',
      title: 'Model card',
      description: 'd',
      rationale: 'r',
      remediation: 'm',
      evaluate: () => outcome.pass(),
    });
    expect(() =>
      createRuleRegistry({
        moduleRules: [moduleRule],
        categories: [operations],
      }),
    ).toThrow(
      /Invalid rule in rules added by backend modules; caused by Error: Rule 'ml-pipeline\/model-card' has unknown category 'ml-pipeline'/,
    );
  });
});
