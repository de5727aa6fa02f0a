import type { Entity } from '@backstage/catalog-model';
import {
  categoryCatalog,
  type Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import type { ReadinessApi } from '../api/ReadinessApi';
import type {
  BlockerSummary,
  CampaignDetailResponse,
  CampaignEntityProgress,
  CampaignSummary,
  EntityCampaign,
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

export function makeCampaignSummary(
  overrides: Partial<CampaignSummary> = {},
): CampaignSummary {
  return {
    id: 'non-root',
    title: 'Containers run as non-root',
    description: 'Every production container drops root before it starts.',
    owner: 'group:default/platform',
    targetDate: '2027-03-01',
    requirement: { rules: ['security/container-root-user'] },
    scope: { lifecycle: ['production'] },
    archived: false,
    source: 'api',
    createdAt: '2027-01-02T09:00:00.000Z',
    updatedAt: '2027-01-02T09:00:00.000Z',
    progress: {
      entities: 4,
      done: 1,
      waived: 0,
      unscored: 1,
      percent: 25,
      overdue: false,
    },
    ...overrides,
  };
}

export function makeCampaignEntity(
  overrides: Partial<CampaignEntityProgress> = {},
): CampaignEntityProgress {
  return {
    entityRef: 'component:default/orders-api',
    title: 'Orders API',
    owner: 'group:default/payments',
    status: 'not-done',
    done: false,
    score: 62,
    rulesLeft: ['security/container-root-user'],
    waivedRules: [],
    auditedAt: '2027-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export function makeCampaignDetail(
  overrides: Partial<CampaignDetailResponse> = {},
): CampaignDetailResponse {
  return {
    ...makeCampaignSummary(),
    teams: [
      { owner: 'group:default/payments', entities: 3, done: 1, waived: 0 },
      { owner: null, entities: 1, done: 0, waived: 0 },
    ],
    series: [
      { date: '2027-01-03', done: 0 },
      { date: '2027-01-04', done: 0 },
      { date: '2027-01-05', done: 1 },
    ],
    entities: {
      items: [
        makeCampaignEntity(),
        makeCampaignEntity({
          entityRef: 'component:default/ledger',
          title: 'Ledger',
          status: 'done',
          done: true,
          score: 88,
          rulesLeft: [],
        }),
      ],
      total: 2,
      offset: 0,
      limit: 25,
    },
    ...overrides,
  };
}

export function makeEntityCampaign(
  overrides: Partial<EntityCampaign> = {},
): EntityCampaign {
  return {
    id: 'non-root',
    title: 'Containers run as non-root',
    owner: 'group:default/platform',
    targetDate: '2027-03-01',
    requirement: {
      rules: ['security/container-root-user', 'security/debug-mode'],
    },
    status: 'not-done',
    done: false,
    rulesLeft: ['security/container-root-user', 'security/debug-mode'],
    waivedRules: [],
    overdue: false,
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
    // The built-in categories unless a test says otherwise: filters ask.
    getCategories: jest.fn(
      (overrides.getCategories as ReadinessApi['getCategories']) ??
        (async () => categoryCatalog()),
    ) as unknown as jest.MockedFunction<ReadinessApi['getCategories']>,
    getRollup: mock('getRollup'),
    getSummaries: mock('getSummaries'),
    listCampaigns: mock('listCampaigns'),
    getCampaign: mock('getCampaign'),
    // In no campaign unless a test says otherwise: every tab asks.
    getEntityCampaigns: jest.fn(
      (overrides.getEntityCampaigns as ReadinessApi['getEntityCampaigns']) ??
        (async (entityRef: unknown) => ({
          entityRef: String(entityRef),
          items: [],
        })),
    ) as unknown as jest.MockedFunction<ReadinessApi['getEntityCampaigns']>,
    createCampaign: mock('createCampaign'),
    updateCampaign: mock('updateCampaign'),
    archiveCampaign: mock('archiveCampaign'),
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
