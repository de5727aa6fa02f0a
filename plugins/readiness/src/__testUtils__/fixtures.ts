import type { Entity } from '@backstage/catalog-model';
import type { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import type { ReadinessApi } from '../api/ReadinessApi';
import type {
  BlockerSummary,
  EntityScorecardResponse,
  LeaderboardItem,
  OwnerSummary,
} from '../api/types';

export function makeEntity(
  name = 'orders-api',
  annotations: Record<string, string> = {
    'backstage.io/source-location':
      'url:https://github.com/fernhill/orders-api/tree/main/',
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      lifecycle: 'production',
    },
  };
}

export function makeScorecard(overrides: Partial<Scorecard> = {}): Scorecard {
  return {
    schemaVersion: 1,
    score: 62,
    verdict: 'not-ready',
    categories: [
      {
        id: 'security',
        title: 'Security',
        score: 35,
        band: 'critical',
        weight: 2,
        passed: 1,
        failed: 2,
        applicable: 3,
      },
      {
        id: 'testing',
        title: 'Testing',
        score: 80,
        band: 'good',
        weight: 1,
        passed: 2,
        failed: 0,
        applicable: 2,
      },
      {
        id: 'frontend',
        title: 'Frontend',
        score: null,
        band: 'not-applicable',
        weight: 1,
        passed: 0,
        failed: 0,
        applicable: 0,
      },
    ],
    results: [
      {
        ruleId: 'security/committed-env-file',
        category: 'security',
        severity: 'critical',
        title: 'No committed .env file',
        status: 'fail',
        findings: [
          {
            path: '.env',
            line: 3,
            excerpt: 'DB_PASSWORD=s3****',
            message: 'A real .env file is committed with a secret value.',
          },
          {
            path: 'tests/fixtures/.env',
            line: 1,
            message: 'A .env file in test fixtures.',
            confidence: 'low',
          },
        ],
      },
      {
        ruleId: 'security/debug-mode',
        category: 'security',
        severity: 'high',
        title: 'Debug mode off in production',
        status: 'fail',
        findings: [
          { path: 'app.py', line: 33, message: 'Flask runs with debug=True.' },
        ],
        waiver: {
          ruleId: 'security/debug-mode',
          reason: 'Internal tool behind VPN',
          expires: '2099-01-31',
          source: 'annotation',
        },
      },
      {
        ruleId: 'security/https-only',
        category: 'security',
        severity: 'medium',
        title: 'HTTPS only',
        status: 'pass',
        findings: [],
      },
      {
        ruleId: 'testing/has-tests',
        category: 'testing',
        severity: 'high',
        title: 'Has automated tests',
        status: 'pass',
        findings: [],
      },
      {
        ruleId: 'testing/coverage',
        category: 'testing',
        severity: 'medium',
        title: 'Coverage measured',
        status: 'pass',
        score: 0.6,
        findings: [],
      },
      {
        ruleId: 'frontend/bundle-size',
        category: 'frontend',
        severity: 'low',
        title: 'Bundle size budget',
        status: 'not-applicable',
        message: 'No frontend in this repository.',
        findings: [],
      },
    ],
    blockers: [
      {
        ruleId: 'security/committed-env-file',
        category: 'security',
        severity: 'critical',
        title: 'No committed .env file',
        findings: 2,
        example: {
          path: '.env',
          line: 3,
          message: 'A real .env file is committed with a secret value.',
        },
      },
    ],
    strengths: [
      {
        ruleId: 'security/https-only',
        category: 'security',
        title: 'HTTPS only',
      },
      {
        ruleId: 'testing/has-tests',
        category: 'testing',
        title: 'Has automated tests',
      },
    ],
    fixes: [
      {
        ruleId: 'security/committed-env-file',
        category: 'security',
        severity: 'critical',
        priority: 'P0',
        title: 'No committed .env file',
        remediation: 'Remove .env from the repository and rotate the secrets.',
        expectedGain: 12,
      },
      {
        ruleId: 'testing/coverage',
        category: 'testing',
        severity: 'medium',
        priority: 'P2',
        title: 'Coverage measured',
        remediation: 'Publish a coverage report in CI.',
        expectedGain: 2.5,
      },
    ],
    stats: { files: 42, skipped: 3, bytes: 12345, durationMs: 120, errors: [] },
    stack: ['python', 'flask', 'docker'],
    generatedAt: '2026-11-20T10:00:00.000Z',
    engineVersion: '0.1.0',
    ...overrides,
  };
}

export function makeScorecardResponse(
  overrides: Partial<EntityScorecardResponse> = {},
): EntityScorecardResponse {
  return {
    entityRef: 'component:default/orders-api',
    scorecard: makeScorecard(),
    auditedAt: '2026-11-20T10:00:00.000Z',
    history: [
      {
        auditedAt: '2026-11-01T10:00:00.000Z',
        score: 48,
        verdict: 'not-ready',
        categories: { security: 20, testing: 70 },
        blockers: 3,
      },
      {
        auditedAt: '2026-11-20T10:00:00.000Z',
        score: 62,
        verdict: 'not-ready',
        categories: { security: 35, testing: 80 },
        blockers: 1,
      },
    ],
    refreshing: false,
    ...overrides,
  };
}

export function makeLeaderboardItem(
  overrides: Partial<LeaderboardItem> = {},
): LeaderboardItem {
  return {
    entityRef: 'component:default/orders-api',
    kind: 'Component',
    namespace: 'default',
    name: 'orders-api',
    title: 'Orders API',
    owner: 'group:default/payments',
    lifecycle: 'production',
    score: 62,
    verdict: 'not-ready',
    band: 'needs-work',
    blockers: 1,
    auditedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function makeOwner(overrides: Partial<OwnerSummary> = {}): OwnerSummary {
  return {
    owner: 'group:default/payments',
    entities: 3,
    averageScore: 71,
    band: 'needs-work',
    blockers: 4,
    notReady: 1,
    ...overrides,
  };
}

export function makeBlockerSummary(
  overrides: Partial<BlockerSummary> = {},
): BlockerSummary {
  return {
    ruleId: 'security/committed-env-file',
    title: 'No committed .env file',
    severity: 'critical',
    category: 'security',
    count: 2,
    entities: ['component:default/orders-api', 'component:default/ledger'],
    ...overrides,
  };
}

export type MockedReadinessApi = {
  [K in keyof ReadinessApi]: jest.MockedFunction<ReadinessApi[K]>;
};

/** A ReadinessApi whose methods are all jest mocks, rejecting unless set. */
export function mockReadinessApi(
  overrides: Partial<ReadinessApi> = {},
): MockedReadinessApi {
  function mock<K extends keyof ReadinessApi>(name: K) {
    const impl: (...args: unknown[]) => Promise<unknown> =
      (overrides[name] as (...args: unknown[]) => Promise<unknown>) ??
      (() => Promise.reject(new Error(`unexpected call to ${name}`)));
    return jest.fn(impl) as unknown as jest.MockedFunction<ReadinessApi[K]>;
  }
  return {
    getScorecard: mock('getScorecard'),
    // Nothing to compare with unless a test says otherwise: every tab asks.
    getChanges: jest.fn(
      (overrides.getChanges as ReadinessApi['getChanges']) ??
        (async (entityRef: unknown) => ({
          entityRef: String(entityRef),
          current: null,
          previous: null,
          transitions: null,
        })),
    ) as unknown as jest.MockedFunction<ReadinessApi['getChanges']>,
    getReview: mock('getReview'),
    refresh: mock('refresh'),
    // No suggested change unless a test says otherwise: every roadmap asks.
    getSuggestedFixes: jest.fn(
      (overrides.getSuggestedFixes as ReadinessApi['getSuggestedFixes']) ??
        (async (entityRef: unknown) => ({
          entityRef: String(entityRef),
          commit: null,
          fixes: [],
          pullRequest: { supported: false },
        })),
    ) as unknown as jest.MockedFunction<ReadinessApi['getSuggestedFixes']>,
    openFixPullRequest: mock('openFixPullRequest'),
    getLeaderboard: mock('getLeaderboard'),
    getBlockers: mock('getBlockers'),
    getOwners: mock('getOwners'),
    getRules: mock('getRules'),
    getRollup: mock('getRollup'),
    getSummaries: mock('getSummaries'),
  };
}

/** Never settles: keeps a component in its loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** A JSON response, as the backend sends it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A backend error, as the client throws it. */
export async function responseError(
  status: number,
  message = 'failed',
): Promise<Error> {
  const { ResponseError } = await import('@backstage/errors');
  const names: Record<number, string> = {
    400: 'InputError',
    403: 'NotAllowedError',
    404: 'NotFoundError',
    500: 'Error',
  };
  return ResponseError.fromResponse(
    jsonResponse(
      {
        error: { name: names[status] ?? 'Error', message },
        request: { method: 'GET', url: '/' },
        response: { statusCode: status },
      },
      status,
    ),
  );
}
