import { ConfigReader } from '@backstage/config';
// The CLI exports only its entry point; the test reads the parser it runs.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { validateConfig } from '@readiness/cli/src/config';
import { readReadinessOptions } from './options';

/**
 * The backend (`readiness.*`) and the CLI (`--config`) read the audit
 * configuration with the engine's one schema: the same bad input is refused
 * by both with the same message, the backend's under `readiness.`.
 */
const backendProblems = (doc: object): string => {
  try {
    readReadinessOptions(new ConfigReader({ readiness: doc }), '/srv');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the backend accepted it');
};

const cliProblems = (doc: object): string[] => {
  try {
    validateConfig(doc, 'c.yaml', () => true);
  } catch (e) {
    return (e as Error).message
      .split('\n')
      .slice(1)
      .map(line => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the CLI accepted it');
};

describe('one audit configuration schema for the backend and the CLI', () => {
  it.each([
    [{ severityWeights: { urgent: 1 } }],
    [{ severityWeights: { high: 'x' } }],
    [{ categoryWeights: { security: -2 } }],
    [{ categoryWeights: [1] }],
    [{ waivers: 'all' }],
    [{ waivers: [{ rule: 'a/b', reason: ' ', expires: '2030-01-01' }] }],
    [{ waivers: [{ rule: 'a/b', reason: 'r', expires: '2030-02-30' }] }],
    [{ waivers: [{ rule: '', reason: 'r', expires: '2030-01-01' }] }],
    [{ disabledRules: [1] }],
    [{ settings: { todoPerKlocTarget: -2 } }],
    [{ settings: { speed: 1 } }],
    [{ settings: { custom: 'x' } }],
  ])('refuses %j in both with the same message', doc => {
    const cli = cliProblems(doc);
    expect(cli).toHaveLength(1);
    expect(backendProblems(doc)).toBe(
      `The readiness configuration is invalid: readiness.${cli[0]}`,
    );
  });

  it('lets only the backend waive for one entity', () => {
    const waiver = { rule: 'a/b', reason: 'r', expires: '2030-01-01' };
    expect(cliProblems({ waivers: [{ ...waiver, entity: 'orders' }] })).toEqual(
      ['waivers[0].entity is not a waiver field (rule, reason, expires)'],
    );
    expect(backendProblems({ waivers: [{ ...waiver, x: 1 }] })).toBe(
      'The readiness configuration is invalid: readiness.waivers[0].x is not a waiver field (rule, reason, expires, entity)',
    );
  });

  it('names every problem at its path in both', () => {
    const doc = {
      severityWeights: { urgent: 1, high: 'x' },
      waivers: [{ rule: 'a/b', expires: 'soon' }],
    };
    const cli = cliProblems(doc);
    expect(cli).toEqual([
      'severityWeights.urgent is not one of critical, high, medium, low',
      'severityWeights.high must be a number of 0 or more, not string "x"',
      'waivers[0].reason must say why the rule is waived',
      'waivers[0].expires must be a date like 2025-12-31 (not string "soon")',
    ]);
    expect(backendProblems(doc)).toBe(
      `The readiness configuration is invalid: ${cli
        .map(p => `readiness.${p}`)
        .join('; ')}`,
    );
  });

  it('gives both the same audit configuration from the same document', () => {
    const doc = {
      severityWeights: { critical: 12 },
      categoryWeights: { security: 3 },
      waivers: [{ rule: 'a/b', reason: ' why ', expires: '2030-01-31' }],
      disabledRules: ['c/d'],
      settings: { testRatioTarget: 0.4 },
    };
    const { waivers, ...cli } = validateConfig(doc, 'c.yaml', () => true);
    const backend = readReadinessOptions(
      new ConfigReader({ readiness: doc }),
      '/srv',
    );
    expect(backend.audit).toEqual(cli);
    expect(backend.waivers.map(w => w.waiver)).toEqual(waivers);
    expect(waivers).toEqual([
      { ruleId: 'a/b', reason: 'why', expires: '2030-01-31', source: 'config' },
    ]);
  });
});
