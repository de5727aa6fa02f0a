import { ConfigReader } from '@backstage/config';
import { readReadinessOptions } from './options';

const read = (readiness: object) =>
  readReadinessOptions(new ConfigReader({ readiness }), '/srv/backend');

describe('readReadinessOptions', () => {
  it('has defaults for everything', () => {
    const options = readReadinessOptions(new ConfigReader({}), '/srv/backend');
    expect(options).toMatchObject({
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 25 },
        initialDelay: { seconds: 5 },
      },
      auditIntervalMs: 6 * 3600_000,
      concurrency: 2,
      fetchConcurrency: 8,
      checkConcurrency: 8,
      batchSize: 20,
      leaseSeconds: 60,
      refreshImmediately: true,
      historyRetention: { days: 365, runs: 500 },
      localRoots: [],
      waivers: [],
      limits: {},
      notifications: { scoreDropThreshold: 10, onNewBlocker: true },
      catalogCacheSeconds: 60,
    });
    expect(options.notifications.enabled).toBeUndefined();
  });

  it('checks as many sources at once as it downloads unless told otherwise', () => {
    expect(read({ fetchConcurrency: 4 })).toMatchObject({
      fetchConcurrency: 4,
      checkConcurrency: 4,
    });
    expect(read({ fetchConcurrency: 4, checkConcurrency: 32 })).toMatchObject({
      fetchConcurrency: 4,
      checkConcurrency: 32,
    });
  });

  it('reads the limits of url: reads apart from the walk limits, and refuses bad ones', () => {
    const options = read({
      limits: { maxFiles: 10, maxArchiveBytes: 2048, readTimeoutSeconds: 1.5 },
    });
    expect(options.limits).toEqual({ maxFiles: 10 });
    expect(options.sourceLimits).toEqual({
      maxArchiveBytes: 2048,
      readTimeoutMs: 1500,
    });
    expect(read({}).sourceLimits).toEqual({});
    expect(() => read({ limits: { maxArchiveBytes: 0 } })).toThrow(
      /readiness\.limits\.maxArchiveBytes must be a positive integer/,
    );
    expect(() => read({ limits: { readTimeoutSeconds: -1 } })).toThrow(
      /readiness\.limits\.readTimeoutSeconds must be more than zero/,
    );
  });

  it('reads every setting', () => {
    const options = read({
      schedule: { frequency: { minutes: 5 }, initialDelay: 'PT1M' },
      auditInterval: { hours: 1 },
      concurrency: 4,
      batchSize: 50,
      leaseSeconds: 120,
      refreshImmediately: false,
      historyRetention: { days: 30, runs: 90 },
      localRoots: ['../../examples', '/abs/repos'],
      waivers: [
        { rule: 'security/x', reason: 'global', expires: '2030-01-01' },
        {
          entity: 'orders',
          rule: 'security/y',
          reason: 'one',
          expires: '2030-01-01',
        },
      ],
      severityWeights: { critical: 20 },
      categoryWeights: { security: 3, cicd: 0 },
      disabledRules: ['testing/no-tests'],
      settings: { testRatioTarget: 0.5 },
      notifications: {
        enabled: false,
        scoreDropThreshold: 5,
        onNewBlocker: false,
      },
      limits: { maxFiles: 1000 },
      catalog: { cacheSeconds: 10 },
    });
    expect(options.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 25 },
      initialDelay: { minutes: 1 },
    });
    expect(options).toMatchObject({
      auditIntervalMs: 3600_000,
      concurrency: 4,
      batchSize: 50,
      leaseSeconds: 120,
      refreshImmediately: false,
      historyRetention: { days: 30, runs: 90 },
      localRoots: ['/examples', '/abs/repos'],
      audit: {
        severityWeights: { critical: 20 },
        categoryWeights: { security: 3, cicd: 0 },
        disabledRules: ['testing/no-tests'],
        settings: { testRatioTarget: 0.5 },
      },
      notifications: {
        enabled: false,
        scoreDropThreshold: 5,
        onNewBlocker: false,
      },
      limits: { maxFiles: 1000 },
      catalogCacheSeconds: 10,
    });
    expect(options.waivers).toEqual([
      {
        waiver: {
          ruleId: 'security/x',
          reason: 'global',
          expires: '2030-01-01',
          source: 'config',
        },
      },
      {
        entityRef: 'component:default/orders',
        waiver: {
          ruleId: 'security/y',
          reason: 'one',
          expires: '2030-01-01',
          source: 'config',
        },
      },
    ]);
  });

  it.each([
    [{ concurrency: 0 }, /readiness.concurrency must be a positive integer/],
    [
      { fetchConcurrency: -2 },
      /readiness.fetchConcurrency must be a positive integer/,
    ],
    [
      { checkConcurrency: 0 },
      /readiness.checkConcurrency must be a positive integer/,
    ],
    [{ batchSize: 1.5 }, /readiness.batchSize/],
    [{ historyRetention: { days: -1 } }, /historyRetention.days/],
    [
      { severityWeights: { blocker: 1 } },
      /severityWeights.blocker is not one of/,
    ],
    [
      { categoryWeights: { security: -2 } },
      /readiness\.categoryWeights\.security must be a number of 0 or more/,
    ],
    [
      { waivers: [{ rule: 'a/b', reason: 'x', expires: '2030-13-01' }] },
      /readiness\.waivers\[0\]\.expires must be a date like 2025-12-31/,
    ],
    [
      { waivers: [{ rule: 'a/b', expires: '2030-01-01' }] },
      /readiness\.waivers\[0\]\.reason must say why the rule is waived/,
    ],
    [
      {
        waivers: [
          {
            entity: 'component:',
            rule: 'a/b',
            reason: 'r',
            expires: '2030-01-01',
          },
        ],
      },
      /waivers\[0\].entity/,
    ],
    [{ notifications: { scoreDropThreshold: -1 } }, /scoreDropThreshold/],
    [{ schedule: { frequency: 'often' } }, /frequency/],
  ])('rejects %j', (readiness, message) => {
    expect(() => read(readiness)).toThrow(message);
  });
});
