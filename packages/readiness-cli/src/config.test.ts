import { validateConfig } from './config';

const known = (id: string) => id === 'security/committed-env-file';

describe('validateConfig', () => {
  it('turns a configuration document into the engine configuration', () => {
    expect(
      validateConfig(
        {
          severityWeights: { critical: 12 },
          categoryWeights: { security: 3, testing: 0 },
          waivers: [{ rule: 'security/committed-env-file', reason: ' local values ', expires: new Date('2030-01-31') }],
          disabledRules: ['security/committed-env-file'],
          settings: { testRatioTarget: 0.4, custom: { 'x/y': 1 } },
        },
        'c.yaml',
        known,
      ),
    ).toEqual({
      severityWeights: { critical: 12 },
      categoryWeights: { security: 3, testing: 0 },
      waivers: [{ ruleId: 'security/committed-env-file', reason: 'local values', expires: '2030-01-31', source: 'config' }],
      disabledRules: ['security/committed-env-file'],
      settings: { testRatioTarget: 0.4, custom: { 'x/y': 1 } },
    });
  });

  it('accepts an empty file', () => {
    expect(validateConfig(null, 'c.yaml', known)).toEqual({});
  });

  it('lists every problem at once', () => {
    expect(() =>
      validateConfig(
        {
          severityWeights: { urgent: 1, high: 'x' },
          waivers: 'all',
          disabledRules: [1],
          settings: { todoPerKlocTarget: -2 },
        },
        'c.yaml',
        known,
      ),
    ).toThrow(
      [
        'config file c.yaml is not valid:',
        '  - severityWeights.urgent is not one of critical, high, medium, low',
        '  - severityWeights.high must be a number of 0 or more, not string "x"',
        '  - waivers must be a list, not string "all"',
        '  - disabledRules must be a list of rule ids',
        '  - settings.todoPerKlocTarget must be a number of 0 or more, not number -2',
      ].join('\n'),
    );
  });

  it('rejects impossible expiry dates', () => {
    expect(() =>
      validateConfig(
        { waivers: [{ rule: 'security/committed-env-file', reason: 'r', expires: '2030-13-45' }] },
        'c.yaml',
        known,
      ),
    ).toThrow(/waivers\[0\]\.expires must be a date like 2025-12-31 \(not string "2030-13-45"\)/);
  });
});
