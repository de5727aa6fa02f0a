import {
  BackstageCredentials,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defineRule,
  outcome,
  readinessRulesExtensionPoint,
  writeFixtureRepo,
} from '@readiness/backstage-plugin-readiness-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog, isUser } from '../testing/catalog';
import { entitySummary, testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

const HIDDEN = 'component:default/hidden';

/** The refs the routes asked the catalog for, in order. */
const catalogLookups: string[] = [];

/** User callers never see HIDDEN, as a permission policy would arrange. */
const hiddenFromUsers = (ref: string, credentials: BackstageCredentials) =>
  isUser(credentials) && ref === HIDDEN;

const extraRule = defineRule({
  id: 'documentation/has-owners-file',
  category: 'documentation',
  severity: 'low',
  title: 'Has an OWNERS file',
  description: 'An OWNERS file names the maintainers.',
  rationale: 'Someone must answer for the service.',
  remediation: 'Add an OWNERS file.',
  evaluate: facts =>
    facts.file('OWNERS')
      ? outcome.pass()
      : outcome.fail([{ path: 'OWNERS', message: 'No OWNERS file' }]),
});

const rulesModule = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'test-rules',
  register(reg) {
    reg.registerInit({
      deps: { rules: readinessRulesExtensionPoint },
      async init({ rules }) {
        rules.addRules(extraRule);
      },
    });
  },
});

async function startBackend(options: {
  entities: Entity[];
  config?: JsonObject;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  knex: Knex;
}) {
  return startReadinessBackend({
    knex: options.knex,
    catalog: hidingCatalog(options.entities, hiddenFromUsers, ref =>
      catalogLookups.push(ref),
    ),
    config: options.config,
    permissions: mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    features: [rulesModule],
  });
}

const entities = [
  component('alpha', 'team-a'),
  component('bravo', 'team-b'),
  component('charlie', 'team-a'),
  component('hidden', 'team-b'),
  component('notyet', 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'team-a',
      definition: '{}',
    },
  },
];

const summary = (name: string, owner: string) =>
  entitySummary(name, { owner: `group:default/${owner}` });

describe('readiness router', () => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startBackend>>['server'];
  let store: DatabaseReadinessStore;

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    ({ server, store } = await startBackend({ entities, knex }));
    const audits: Array<[string, string, number, string[]]> = [
      ['alpha', 'team-a', 91, []],
      ['bravo', 'team-b', 55, ['security/committed-env-file']],
      [
        'charlie',
        'team-a',
        70,
        ['security/committed-env-file', 'testing/has-tests'],
      ],
      [
        'hidden',
        'team-b',
        10,
        ['security/committed-env-file', 'cicd/secret-only-blocker'],
      ],
    ];
    for (const [name, owner, score, blockers] of audits) {
      await store.saveAudit({
        entity: summary(name, owner),
        scorecard: scorecardWithScore(score, blockers),
        auditedAt: new Date('2025-02-01T00:00:00Z'),
      });
    }
    await store.saveAudit({
      entity: summary('alpha', 'team-a'),
      scorecard: scorecardWithScore(93),
      auditedAt: new Date('2025-02-02T00:00:00Z'),
    });
  });

  describe('GET /scorecards/:kind/:namespace/:name', () => {
    it('returns the scorecard with its history, oldest first', async () => {
      const res = await request(server).get(
        '/api/readiness/scorecards/component/default/alpha',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/alpha',
        auditedAt: '2025-02-02T00:00:00.000Z',
        refreshing: false,
      });
      expect(res.body.scorecard.score).toBe(93);
      expect(res.body.error).toBeUndefined();
      expect(res.body.history.map((h: { score: number }) => h.score)).toEqual([
        91, 93,
      ]);
      expect(res.body.history[0]).toEqual({
        auditedAt: '2025-02-01T00:00:00.000Z',
        score: 91,
        verdict: 'production-ready',
        categories: expect.objectContaining({ security: null }),
        blockers: 0,
      });
    });

    it('is case-insensitive in the entity reference', async () => {
      const res = await request(server).get(
        '/api/readiness/scorecards/Component/Default/Alpha',
      );
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/alpha');
    });

    it('answers null for a visible entity not audited yet', async () => {
      const res = await request(server).get(
        '/api/readiness/scorecards/component/default/notyet',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/notyet',
        scorecard: null,
        auditedAt: null,
        history: [],
        refreshing: false,
      });
    });

    it('answers 404 for an entity the caller cannot see, though it is stored', async () => {
      const res = await request(server).get(
        '/api/readiness/scorecards/component/default/hidden',
      );
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('"score"');
      const asService = await request(server)
        .get('/api/readiness/scorecards/component/default/hidden')
        .set('Authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      expect(asService.body.scorecard.score).toBe(10);
    });

    it('answers 404 for an unknown entity and 400 for a malformed reference', async () => {
      expect(
        (
          await request(server).get(
            '/api/readiness/scorecards/component/default/nope',
          )
        ).status,
      ).toBe(404);
      const bad = await request(server).get(
        '/api/readiness/scorecards/com:ponent/default/alpha',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/kind/);
    });

    it('rejects unauthenticated callers', async () => {
      const res = await request(server)
        .get('/api/readiness/scorecards/component/default/alpha')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /scorecards/:kind/:namespace/:name/review.md', () => {
    it('downloads the markdown review', async () => {
      await store.saveAudit({
        entity: summary('alpha', 'team-a'),
        scorecard: makeScorecard([
          {
            ruleId: 'security/committed-env-file',
            severity: 'critical',
            status: 'fail',
          },
          { ruleId: 'documentation/readme', severity: 'low' },
        ]),
        auditedAt: new Date('2025-02-03T00:00:00Z'),
      });
      const res = await request(server).get(
        '/api/readiness/scorecards/component/default/alpha/review.md',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="alpha-readiness-review.md"',
      );
      expect(res.text).toMatch(/^# Production-readiness review: alpha/);
      expect(res.text).toContain('security/committed-env-file');
    });

    it('answers 404 when hidden or never audited', async () => {
      expect(
        (
          await request(server).get(
            '/api/readiness/scorecards/component/default/hidden/review.md',
          )
        ).status,
      ).toBe(404);
      const res = await request(server).get(
        '/api/readiness/scorecards/component/default/notyet/review.md',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/not been audited/);
    });
  });

  describe('POST /scorecards/:kind/:namespace/:name/refresh', () => {
    it('queues an on-demand refresh', async () => {
      const res = await request(server).post(
        '/api/readiness/scorecards/component/default/bravo/refresh',
      );
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'queued' });
      expect(
        await store.getRefreshState('component:default/bravo'),
      ).toMatchObject({ priority: 1 });
      const card = await request(server).get(
        '/api/readiness/scorecards/component/default/bravo',
      );
      expect(card.body.refreshing).toBe(true);
    });

    it('answers 404 for a hidden entity and for a kind that is not audited', async () => {
      expect(
        (
          await request(server).post(
            '/api/readiness/scorecards/component/default/hidden/refresh',
          )
        ).status,
      ).toBe(404);
      const api = await request(server).post(
        '/api/readiness/scorecards/api/default/orders-api/refresh',
      );
      expect(api.status).toBe(404);
      expect(
        await store.getRefreshState('component:default/hidden'),
      ).toBeUndefined();
    });
  });

  describe('GET /leaderboard', () => {
    it('lists only visible entities, with a total that counts only them', async () => {
      const res = await request(server).get('/api/readiness/leaderboard');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((i: { name: string }) => i.name)).toEqual([
        'alpha',
        'charlie',
        'bravo',
      ]);
      expect(res.body.items[0]).toEqual({
        entityRef: 'component:default/alpha',
        kind: 'Component',
        namespace: 'default',
        name: 'alpha',
        owner: 'group:default/team-a',
        lifecycle: 'production',
        score: 93,
        verdict: 'production-ready',
        band: 'good',
        blockers: 0,
        auditedAt: '2025-02-02T00:00:00.000Z',
      });
      expect(JSON.stringify(res.body)).not.toContain('hidden');
    });

    it('filters, orders and pages', async () => {
      const get = (query: string) =>
        request(server).get(`/api/readiness/leaderboard?${query}`);
      const names = (res: request.Response) =>
        res.body.items.map((i: { name: string }) => i.name);
      expect(names(await get('owner=team-b'))).toEqual(['bravo']);
      expect(
        names(await get('owner=group:default/team-a&orderBy=name&order=desc')),
      ).toEqual(['charlie', 'alpha']);
      expect(names(await get('minScore=60&maxScore=80'))).toEqual(['charlie']);
      expect(names(await get('band=needs-work'))).toEqual(['charlie', 'bravo']);
      expect(names(await get('q=ALP'))).toEqual(['alpha']);
      expect(
        names(
          await get('kind=component&lifecycle=production&limit=1&offset=1'),
        ),
      ).toEqual(['charlie']);
      const page = await get('limit=1');
      expect(page.body.total).toBe(3);
      expect(page.body.items).toHaveLength(1);
      expect(names(await get('owner=team-b&includeUnscored=true'))).toEqual([
        'bravo',
      ]);
    });

    it.each([
      ['limit=0', /limit/],
      ['limit=501', /limit/],
      ['limit=ten', /limit/],
      ['offset=-1', /offset/],
      ['orderBy=popularity', /orderBy/],
      ['order=up', /order/],
      ['band=great', /band/],
      ['minScore=80&maxScore=20', /minScore/],
      ['minScore=101', /minScore/],
      ['owner=a&owner=b', /owner/],
      ['q[$gt]=', /q/],
      ['owner=user:', /owner/],
    ])('answers 400 for %s', async (query, message) => {
      const res = await request(server).get(
        `/api/readiness/leaderboard?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('aggregates', () => {
    it('ranks blockers by visible entities only', async () => {
      const res = await request(server).get('/api/readiness/blockers');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          ruleId: 'security/committed-env-file',
          title: 'Title of security/committed-env-file',
          severity: 'high',
          category: 'security',
          count: 2,
          entities: ['component:default/bravo', 'component:default/charlie'],
        },
        expect.objectContaining({ ruleId: 'testing/has-tests', count: 1 }),
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(
        /hidden|secret-only-blocker/,
      );
    });

    it('pages blockers and summaries over visible entities only', async () => {
      const blockers = await request(server).get(
        '/api/readiness/blockers?limit=1&entities=1',
      );
      expect(blockers.status).toBe(200);
      expect(blockers.body.items).toEqual([
        expect.objectContaining({
          ruleId: 'security/committed-env-file',
          count: 2,
          entities: ['component:default/bravo'],
        }),
      ]);
      const next = await request(server).get(
        '/api/readiness/blockers?offset=1&entities=0',
      );
      expect(next.body.items).toEqual([
        expect.objectContaining({ ruleId: 'testing/has-tests', count: 1 }),
      ]);
      const refs = async (query: string) =>
        (
          await request(server).get(`/api/readiness/summaries${query}`)
        ).body.items.map((i: { entityRef: string }) => i.entityRef);
      const all = await refs('');
      expect(all).not.toContain(HIDDEN);
      expect([
        ...(await refs('?limit=1')),
        ...(await refs(`?limit=${all.length}&offset=1`)),
      ]).toEqual(all);
    });

    it('summarises owners over visible entities only', async () => {
      const res = await request(server).get('/api/readiness/owners');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          owner: 'group:default/team-a',
          entities: 2,
          averageScore: 82,
          band: 'good',
          blockers: 2,
          notReady: 0,
        },
        {
          owner: 'group:default/team-b',
          entities: 1,
          averageScore: 55,
          band: 'needs-work',
          blockers: 1,
          notReady: 0,
        },
      ]);
    });

    it('serves score summaries; a service caller sees every entity', async () => {
      const asUser = await request(server).get('/api/readiness/summaries');
      expect(
        asUser.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).not.toContain(HIDDEN);
      const asService = await request(server)
        .get('/api/readiness/summaries')
        .set('Authorization', mockCredentials.service.header());
      expect(asService.body.items).toContainEqual({
        entityRef: HIDDEN,
        score: 10,
        band: 'critical',
        verdict: 'needs-work',
        blockers: 2,
      });
    });
  });

  describe('input validation', () => {
    const entityPaths = (ref: string) => [
      ['GET', `/api/readiness/scorecards/${ref}`],
      ['GET', `/api/readiness/scorecards/${ref}/review.md`],
      ['GET', `/api/readiness/scorecards/${ref}/changes`],
      ['POST', `/api/readiness/scorecards/${ref}/refresh`],
    ];
    const send = (method: string, path: string) =>
      method === 'GET' ? request(server).get(path) : request(server).post(path);

    it('answers 404 on every entity route for a kind that is never audited, without asking the catalog', async () => {
      catalogLookups.length = 0;
      for (const ref of [
        'api/default/orders-api',
        'group/default/team-a',
        'user/default/nobody',
        'system/default/payments',
      ]) {
        for (const [method, path] of entityPaths(ref)) {
          const res = await send(method, path);
          expect([path, res.status]).toEqual([path, 404]);
          expect(res.body.error.name).toBe('NotFoundError');
          expect(res.body.error.message).toMatch(
            /only Component entities are audited/,
          );
        }
      }
      expect(catalogLookups).toEqual([]);
    });

    it.each([
      ['%2e%2e/%2e%2e', /namespace/],
      ['default/%2e%2e', /name/],
      ['default/.', /name/],
      ['%2e/alpha', /namespace/],
      ['default/alpha%00', /params\/name must match pattern/],
      ['default/al%0Apha', /params\/name must match pattern/],
      ['def%7Fault/alpha', /params\/namespace must match pattern/],
      ['default/%20', /name/],
      ['default/a%2Fb', /name/],
      ['default/-alpha', /name/],
      [`default/${'a'.repeat(64)}`, /name must NOT have more than 63/],
      ['default/%E0%A4%A', /percent-encoding/],
    ])(
      'answers 400 on every entity route for component/%s, without asking the catalog',
      async (rest, message) => {
        catalogLookups.length = 0;
        for (const [method, path] of entityPaths(`component/${rest}`)) {
          const res = await send(method, path);
          expect([path, res.status]).toEqual([path, 400]);
          expect(res.body.error.name).toBe('InputError');
          expect(res.body.error.message).toMatch(message);
        }
        expect(catalogLookups).toEqual([]);
      },
    );

    it.each([
      'owner=%00',
      'q=%00',
      'q=a%1Fb',
      'lifecycle=prod%0D%0Auction',
      'kind=Com%00ponent',
      'kind=..',
      'owner=group:%2e%2e/team-a',
      `owner=${'a'.repeat(300)}`,
      `q=${'a'.repeat(201)}`,
      'lifecycle=',
      'unknown=1',
      'limit=1e3',
    ])('answers 400 to the leaderboard query %s', async query => {
      const res = await request(server).get(
        `/api/readiness/leaderboard?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    });

    it('answers a kind filter that is not audited with an empty page', async () => {
      const res = await request(server).get(
        '/api/readiness/leaderboard?kind=System',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], total: 0 });
    });

    it.each([
      ['/blockers?limit=0', 'query/limit must be >= 1'],
      ['/blockers?limit=501', 'query/limit must be <= 500'],
      ['/blockers?entities=-1', 'query/entities must be >= 0'],
      ['/blockers?offset=x', 'query/offset must be integer'],
      ['/summaries?limit=10001', 'query/limit must be <= 10000'],
      ['/summaries?offset=1&offset=2', 'offset'],
    ])('answers 400 naming the parameter for %s', async (path, message) => {
      const res = await request(server).get(`/api/readiness${path}`);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
    });

    it('refuses query parameters on routes that take none', async () => {
      for (const path of [
        '/api/readiness/blockers?x=1',
        '/api/readiness/owners?limit=5',
        '/api/readiness/summaries?q=a',
        '/api/readiness/rules?id=x',
        '/api/readiness/scorecards/component/default/alpha?verbose=true',
      ]) {
        const res = await request(server).get(path);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.error.message).toMatch(/Unknown query parameter/);
      }
    });

    it('answers 405 with an Allow header to other methods', async () => {
      const cases: Array<[string, string, string]> = [
        [
          'post',
          '/api/readiness/scorecards/component/default/alpha',
          'GET, HEAD',
        ],
        [
          'delete',
          '/api/readiness/scorecards/component/default/alpha',
          'GET, HEAD',
        ],
        [
          'put',
          '/api/readiness/scorecards/component/default/alpha/review.md',
          'GET, HEAD',
        ],
        [
          'get',
          '/api/readiness/scorecards/component/default/alpha/refresh',
          'POST',
        ],
        [
          'patch',
          '/api/readiness/scorecards/component/default/alpha/refresh',
          'POST',
        ],
        ['post', '/api/readiness/leaderboard', 'GET, HEAD'],
        ['delete', '/api/readiness/blockers', 'GET, HEAD'],
        ['put', '/api/readiness/owners', 'GET, HEAD'],
        ['post', '/api/readiness/summaries', 'GET, HEAD'],
        ['post', '/api/readiness/rules', 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases) {
        const res = await (request(server) as any)[method](path);
        expect([method, path, res.status]).toEqual([method, path, 405]);
        expect(res.headers.allow).toBe(allow);
        expect(res.body.error.name).toBe('MethodNotAllowedError');
      }
      const options = await request(server).options(
        '/api/readiness/scorecards/component/default/alpha/refresh',
      );
      expect(options.status).toBe(200);
      expect(options.headers.allow).toBe('POST');
      const head = await request(server).head('/api/readiness/rules');
      expect(head.status).toBe(200);
    });

    it('parses no request body', async () => {
      const res = await request(server)
        .post('/api/readiness/scorecards/component/default/bravo/refresh')
        .set('Content-Type', 'application/json')
        .send('{"not": json');
      expect(res.status).toBe(202);
      const big = await request(server)
        .post('/api/readiness/scorecards/component/default/bravo/refresh')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ pad: 'x'.repeat(2_000_000) }));
      expect(big.status).toBe(202);
    });
  });

  describe('GET /rules', () => {
    it('lists built-in, module and config rules, with docs where there are some', async () => {
      const res = await request(server).get('/api/readiness/rules');
      expect(res.status).toBe(200);
      const byId = new Map(
        res.body.items.map((r: { id: string }) => [r.id, r]),
      );
      expect(byId.get('security/committed-env-file')).toMatchObject({
        category: 'security',
        severity: 'critical',
        title: 'No committed .env file',
        docs: expect.stringMatching(/\S/),
      });
      expect(byId.get('documentation/has-owners-file')).toMatchObject({
        severity: 'low',
      });
      expect(byId.get('documentation/has-owners-file')).not.toHaveProperty(
        'docs',
      );
    });
  });
});

describe('readiness plugin with a denying permission policy', () => {
  it('answers 403 to a refresh and queues nothing', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server, store } = await startBackend({
      entities,
      knex,
      permission: AuthorizeResult.DENY,
    });
    const res = await request(server).post(
      '/api/readiness/scorecards/component/default/alpha/refresh',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(
      await store.getRefreshState('component:default/alpha'),
    ).toBeUndefined();
    // reads are not affected by the refresh permission
    expect(
      (
        await request(server).get(
          '/api/readiness/scorecards/component/default/alpha',
        )
      ).status,
    ).toBe(200);
  });
});

describe('readiness plugin end to end', () => {
  it('audits local repositories on the scheduled run, with waivers and custom rules', async () => {
    const repo = await writeFixtureRepo({
      'README.md': '# Service\n',
      '.env': 'DATABASE_PASSWORD=hunter2-real-value\n',
      'package.json': JSON.stringify({
        name: 'svc',
        scripts: { test: 'jest' },
      }),
    });
    const root = await fs.realpath(`${repo}/..`);
    try {
      const knex = await databases.init('SQLITE_3');
      const local = (name: string, extra: Record<string, string> = {}) =>
        component(name, 'team-a', {
          annotations: {
            'readiness.dev/source-location': `dir:${repo}`,
            ...extra,
          },
        });
      const { server, store, scheduler } = await startBackend({
        knex,
        entities: [
          local('plain'),
          local('waived', {
            'readiness.dev/waivers': JSON.stringify([
              {
                rule: 'security/committed-env-file',
                reason: 'fixture',
                expires: '2999-12-31',
              },
            ]),
          }),
          local('broken-waivers', { 'readiness.dev/waivers': '{not json' }),
          component('outside', 'team-a', {
            annotations: { 'readiness.dev/source-location': 'dir:/etc' },
          }),
          component('nowhere', 'team-a'),
        ],
        config: {
          localRoots: [root],
          customRules: [
            {
              id: 'documentation/has-changelog',
              category: 'documentation',
              severity: 'low',
              title: 'Has a changelog',
              check: { type: 'file-exists', path: 'CHANGELOG.md' },
            },
          ],
        },
      });
      await scheduler.triggerTask(REFRESH_TASK_ID);

      const plain = await store.getScorecard('component:default/plain');
      expect(plain?.scorecard?.blockers.map(b => b.ruleId)).toContain(
        'security/committed-env-file',
      );
      expect(plain?.etag).toMatch(/^dir:/);
      const results = new Map(
        plain?.scorecard?.results.map(r => [r.ruleId, r]),
      );
      expect(results.get('documentation/has-changelog')?.status).toBe('fail');
      expect(results.get('documentation/has-owners-file')?.status).toBe('fail');

      const waived = await store.getScorecard('component:default/waived');
      expect(waived?.scorecard?.blockers.map(b => b.ruleId)).not.toContain(
        'security/committed-env-file',
      );
      expect(
        waived?.scorecard?.results.find(
          r => r.ruleId === 'security/committed-env-file',
        )?.waiver,
      ).toMatchObject({ reason: 'fixture', source: 'annotation' });

      const broken = await store.getScorecard(
        'component:default/broken-waivers',
      );
      expect(broken?.scorecard).not.toBeNull();
      expect(broken?.error).toMatch(
        /readiness\.dev\/waivers annotation was ignored/,
      );

      expect(
        (await store.getScorecard('component:default/outside'))?.error,
      ).toMatch(/outside the directories allowed/);
      expect(
        (await store.getScorecard('component:default/nowhere'))?.error,
      ).toMatch(/no readiness\.dev\/source-location/);

      // the next run finds the tree unchanged and does not audit again
      await store.requestRefresh('component:default/plain', new Date(0));
      await knex('readiness_refresh_state')
        .where('entity_ref', 'component:default/plain')
        .update({ priority: 0 });
      await scheduler.triggerTask(REFRESH_TASK_ID);
      expect(await store.getHistory('component:default/plain')).toHaveLength(1);

      // an on-demand refresh re-audits even when nothing changed
      const res = await request(server).post(
        '/api/readiness/scorecards/component/default/plain/refresh',
      );
      expect(res.status).toBe(202);
      await scheduler.triggerTask(REFRESH_TASK_ID);
      expect(await store.getHistory('component:default/plain')).toHaveLength(2);

      const card = await request(server).get(
        '/api/readiness/scorecards/component/default/plain',
      );
      expect(card.body.refreshing).toBe(false);
      expect(card.body.scorecard.verdict).toBe('not-ready');
    } finally {
      await fs.rm(repo, { recursive: true, force: true });
    }
  });
});
