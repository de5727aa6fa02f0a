import { parseAuditConfig } from './auditConfig';

describe('parseAuditConfig', () => {
  it('reads every field, a YAML 1.1 date by its UTC day, reasons trimmed', () => {
    expect(
      parseAuditConfig({
        severityWeights: { critical: 12 },
        categoryWeights: { testing: 0 },
        waivers: [{ rule: 'a/b', reason: ' why ', expires: new Date('2030-01-31T00:00:00Z') }],
        disabledRules: ['c/d'],
        settings: { todoPerKlocTarget: 3, custom: { 'x/y': 1 } },
      }),
    ).toEqual({
      success: true,
      config: {
        severityWeights: { critical: 12 },
        categoryWeights: { testing: 0 },
        waivers: [{ waiver: { ruleId: 'a/b', reason: 'why', expires: '2030-01-31', source: 'config' } }],
        disabledRules: ['c/d'],
        settings: { todoPerKlocTarget: 3, custom: { 'x/y': 1 } },
      },
    });
  });

  it('names unknown rules, other keys when strict, and the entity only where allowed', () => {
    const doc = { disabledRules: ['nope/x'], waivers: [{ rule: 'nope/y', reason: 'r', expires: '2030-01-01', entity: 'e' }], extra: 1 };
    expect(parseAuditConfig(doc, { knownRule: id => id.startsWith('a/'), strict: true, prefix: 'cfg' })).toEqual({
      success: false,
      problems: [
        "cfg.waivers[0].rule 'nope/y' is not a known rule id",
        'cfg.waivers[0].entity is not a waiver field (rule, reason, expires)',
        "cfg.disabledRules holds 'nope/x', which is not a known rule id",
        'cfg.extra is not a configuration key (severityWeights, categoryWeights, waivers, disabledRules, settings, categories)',
      ],
    });
    const lenient = parseAuditConfig({ ...doc, disabledRules: [] }, { waiverEntity: true });
    expect(lenient.success && lenient.config.waivers).toEqual([
      { entity: 'e', waiver: { ruleId: 'nope/y', reason: 'r', expires: '2030-01-01', source: 'config' } },
    ]);
  });

  it('refuses days that are not on the calendar', () => {
    expect(parseAuditConfig({ waivers: [{ rule: 'a/b', reason: 'r', expires: '2030-02-30' }] })).toEqual({
      success: false,
      problems: ['waivers[0].expires must be a date like 2025-12-31 (not string "2030-02-30")'],
    });
  });
});

describe('parseAuditConfig lists every problem at once', () => {
  it('reports other keys beside the problems of the known ones', () => {
    const parsed = parseAuditConfig(
      { waivers: [{ rule: 'a/b', reason: '', expires: 'soon', note: 'x' }], extra: 1 },
      { strict: true },
    );
    expect(parsed.success === false && parsed.problems).toEqual([
      'waivers[0].reason must say why the rule is waived',
      'waivers[0].expires must be a date like 2025-12-31 (not string "soon")',
      'waivers[0].note is not a waiver field (rule, reason, expires)',
      'extra is not a configuration key (severityWeights, categoryWeights, waivers, disabledRules, settings, categories)',
    ]);
  });
});

describe('parseAuditConfig reads custom categories', () => {
  it('reads a category with its title, weight and description, and weights it by id', () => {
    expect(
      parseAuditConfig({
        categories: [
          { id: 'operations', title: ' Operations ', weight: 2, description: 'Runbooks and on-call' },
          { id: 'ml-pipeline', title: 'ML pipeline' },
        ],
        categoryWeights: { 'ml-pipeline': 0.5, security: 3 },
      }),
    ).toEqual({
      success: true,
      config: {
        categories: [
          { id: 'operations', title: 'Operations', weight: 2, description: 'Runbooks and on-call' },
          { id: 'ml-pipeline', title: 'ML pipeline' },
        ],
        categoryWeights: { 'ml-pipeline': 0.5, security: 3 },
      },
    });
  });

  it('refuses a built-in id, a malformed or repeated id, a missing title and other fields, naming each key', () => {
    const parsed = parseAuditConfig(
      {
        categories: [
          { id: 'security', title: 'Security again' },
          { id: 'Ops Team', title: 'Ops' },
          { id: 'operations', title: '' },
          { id: 'operations', title: 'Operations', weight: -1, owner: 'sre' },
          'runbooks',
          { id: 'a'.repeat(64), title: 'Long' },
        ],
      },
      { prefix: 'readiness' },
    );
    expect(parsed.success === false && parsed.problems).toEqual([
      "readiness.categories[0].id 'security' is a built-in category; a custom category needs an id of its own",
      "readiness.categories[1].id 'Ops Team' must be lower-case kebab-case, like 'operations'",
      "readiness.categories[2].title must be the category's title",
      "readiness.categories[3].id 'operations' repeats the id of categories[2]",
      'readiness.categories[3].weight must be a number of 0 or more, not number -1',
      'readiness.categories[3].owner is not a category field (id, title, weight, description)',
      'readiness.categories[4] must be a mapping with id and title, not string "runbooks"',
      'readiness.categories[5].id must be at most 63 characters',
    ]);
  });

  it('refuses a weight for a category nobody declared, beside the other problems', () => {
    const parsed = parseAuditConfig({
      categories: [{ id: 'operations', title: 'Operations' }],
      categoryWeights: { operation: 2 },
      waivers: 'none',
    });
    expect(parsed.success === false && parsed.problems).toEqual([
      'categoryWeights.operation is not one of security, testing, infrastructure, code-quality, database, frontend, observability, cicd, documentation, operations',
      'waivers must be a list, not string "none"',
    ]);
  });
});
