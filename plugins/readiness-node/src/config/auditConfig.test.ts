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
        'cfg.extra is not a configuration key (severityWeights, categoryWeights, waivers, disabledRules, settings)',
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
      'extra is not a configuration key (severityWeights, categoryWeights, waivers, disabledRules, settings)',
    ]);
  });
});
