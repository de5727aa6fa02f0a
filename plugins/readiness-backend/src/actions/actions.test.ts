import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { builtinRules } from '@readiness/backstage-plugin-readiness-node';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog, isUser } from '../testing/catalog';
import { entitySummary, testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = testDatabases();

const HIDDEN = 'component:default/hidden';
/** The only entity the permission policy lets users refresh. */
const REFRESHABLE = 'component:default/bravo';

const entities: Entity[] = [
  component('alpha', 'team-a'),
  component('bravo', 'team-b'),
  component('hidden', 'team-b'),
  component('notyet', 'team-a'),
  component('legacy', 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a' },
  },
];

/** Users never see HIDDEN, as a policy would arrange. */
const hiddenFromUsers = (ref: string, credentials: BackstageCredentials) =>
  isUser(credentials) && ref === HIDDEN;

const summary = (name: string, owner: string) =>
  entitySummary(name, { owner: `group:default/${owner}` });

const T1 = new Date('2025-02-01T00:00:00.000Z');
const T2 = new Date('2025-02-02T00:00:00.000Z');

// bravo's two audits: the committed env file was fixed, the tests went away.
const bravoBefore = makeScorecard([
  {
    ruleId: 'security/committed-env-file',
    severity: 'critical',
    status: 'fail',
  },
  { ruleId: 'testing/no-tests', severity: 'high', status: 'pass' },
  { ruleId: 'documentation/thin-readme', severity: 'low', status: 'fail' },
]);
const bravoAfter = makeScorecard([
  {
    ruleId: 'security/committed-env-file',
    severity: 'critical',
    status: 'pass',
  },
  { ruleId: 'testing/no-tests', severity: 'high', status: 'fail' },
  { ruleId: 'documentation/thin-readme', severity: 'low', status: 'fail' },
  {
    ruleId: 'observability/no-health',
    severity: 'medium',
    status: 'not-applicable',
  },
  { ruleId: 'cicd/broken', severity: 'medium', status: 'error' },
]);

describe.each(databases.eachSupportedId())(
  'readiness actions on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];
    let store: DatabaseReadinessStore;
    let permissionRequests: AuthorizePermissionRequest[];

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      permissionRequests = [];
      ({ server, store } = await startReadinessBackend({
        knex,
        catalog: hidingCatalog(entities, hiddenFromUsers),
        permissions: createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            authorize: async (requests: AuthorizePermissionRequest[]) => {
              permissionRequests.push(...requests);
              return requests.map(r => ({
                result:
                  r.resourceRef === REFRESHABLE
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              }));
            },
            authorizeConditional: async () => {
              throw new Error('not used');
            },
          }),
        }),
      }));
      await store.saveAudit({
        entity: summary('alpha', 'team-a'),
        scorecard: scorecardWithScore(91),
        auditedAt: T1,
      });
      await store.saveAudit({
        entity: summary('bravo', 'team-b'),
        scorecard: bravoBefore,
        auditedAt: T1,
      });
      await store.saveAudit({
        entity: summary('bravo', 'team-b'),
        scorecard: bravoAfter,
        auditedAt: T2,
      });
      await store.saveAudit({
        entity: summary('hidden', 'team-b'),
        scorecard: scorecardWithScore(12, ['security/hidden-only-blocker']),
        auditedAt: T1,
      });
      await store.saveAudit({
        entity: summary('hidden', 'team-b'),
        scorecard: scorecardWithScore(14, ['security/hidden-only-blocker']),
        auditedAt: T2,
      });
    });

    /** Invokes an action through the actions registry's HTTP API. */
    function invoke(
      name: string,
      input: object,
      authorization = mockCredentials.user.header(),
    ) {
      return request(server)
        .post(
          `/api/readiness/.backstage/actions/v1/actions/readiness:${name}/invoke`,
        )
        .set('Authorization', authorization)
        .send(input);
    }

    it('lists the six actions with their schemas and attributes', async () => {
      const res = await request(server)
        .get('/api/readiness/.backstage/actions/v1/actions')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const byId = new Map<string, any>(
        res.body.actions.map((a: { id: string }) => [a.id, a]),
      );
      expect([...byId.keys()].sort()).toEqual([
        'readiness:readiness-explain-rule',
        'readiness:readiness-get-blockers-and-fixes',
        'readiness:readiness-get-changes',
        'readiness:readiness-get-scorecard',
        'readiness:readiness-query-leaderboard',
        'readiness:readiness-refresh-entity',
      ]);
      for (const [id, action] of byId) {
        expect(action.description.length).toBeGreaterThan(100);
        expect(action.attributes.readOnly).toBe(
          id !== 'readiness:readiness-refresh-entity',
        );
        expect(action.attributes.destructive).toBe(false);
      }
      const scorecard = byId.get('readiness:readiness-get-scorecard');
      expect(scorecard.schema.input.required).toEqual(['entityRef']);
      expect(Object.keys(scorecard.schema.output.properties)).toEqual(
        expect.arrayContaining([
          'score',
          'verdict',
          'band',
          'categories',
          'counts',
          'auditedAt',
        ]),
      );
      const leaderboard = byId.get('readiness:readiness-query-leaderboard');
      expect(leaderboard.schema.input.properties.band.enum).toEqual([
        'good',
        'needs-work',
        'poor',
        'critical',
      ]);
    });

    describe('readiness-get-scorecard', () => {
      it('summarises the latest scorecard', async () => {
        const res = await invoke('readiness-get-scorecard', {
          entityRef: 'component:default/bravo',
        });
        expect(res.status).toBe(200);
        const out = res.body.output;
        expect(out).toMatchObject({
          entityRef: 'component:default/bravo',
          audited: true,
          score: bravoAfter.score,
          verdict: bravoAfter.verdict,
          auditedAt: T2.toISOString(),
          refreshing: false,
          counts: {
            rules: 5,
            passed: 1,
            failed: 2,
            waived: 0,
            notApplicable: 1,
            errored: 1,
            findings: 2,
            blockers: 1,
            fixes: 2,
          },
        });
        expect(out.verdict).toBe('needs-work');
        expect(out.band).not.toBeNull();
        const testing = out.categories.find(
          (c: { id: string }) => c.id === 'testing',
        );
        expect(testing).toEqual({
          id: 'testing',
          title: 'Testing',
          score: 0,
          band: 'critical',
          passed: 0,
          failed: 1,
          applicable: 1,
        });
        expect(out.categories).toHaveLength(bravoAfter.categories.length);
      });

      it('accepts a bare name and answers not audited for a component without a scorecard', async () => {
        const res = await invoke('readiness-get-scorecard', {
          entityRef: 'notyet',
        });
        expect(res.status).toBe(200);
        expect(res.body.output).toEqual({
          entityRef: 'component:default/notyet',
          audited: false,
          score: null,
          verdict: null,
          band: null,
          auditedAt: null,
          categories: null,
          counts: null,
          refreshing: false,
        });
      });

      it('rejects a malformed reference and a kind that is not audited', async () => {
        const bad = await invoke('readiness-get-scorecard', {
          entityRef: 'component:default/a b',
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.name).toBe('InputError');
        const api = await invoke('readiness-get-scorecard', {
          entityRef: 'api:default/orders-api',
        });
        expect(api.status).toBe(404);
        expect(api.body.error.message).toMatch(/only Component entities/);
        const missing = await invoke('readiness-get-scorecard', {});
        expect(missing.status).toBe(400);
      });
    });

    describe('readiness-get-blockers-and-fixes', () => {
      it('returns the blockers and the fix list with expected gains', async () => {
        const res = await invoke('readiness-get-blockers-and-fixes', {
          entityRef: 'component:default/bravo',
        });
        expect(res.status).toBe(200);
        const out = res.body.output;
        expect(out.score).toBe(bravoAfter.score);
        expect(out.blockers).toEqual([
          {
            ruleId: 'testing/no-tests',
            title: 'Title of testing/no-tests',
            category: 'testing',
            severity: 'high',
            findings: 1,
            example: {
              path: 'Dockerfile',
              line: 1,
              message: 'testing/no-tests failed',
            },
          },
        ]);
        expect(out.fixes.map((f: { ruleId: string }) => f.ruleId)).toEqual([
          'testing/no-tests',
          'documentation/thin-readme',
        ]);
        expect(out.fixes[0]).toMatchObject({
          priority: 'P1',
          severity: 'high',
        });
        expect(out.fixes[1]).toMatchObject({ priority: 'P2', severity: 'low' });
        expect(
          out.fixes.map((f: { expectedGain: number }) => f.expectedGain),
        ).toEqual(bravoAfter.fixes.map(f => f.expectedGain));
        expect(out.fixes[0].expectedGain).toBeGreaterThan(0);
      });

      it('answers not found for a component not audited yet', async () => {
        const res = await invoke('readiness-get-blockers-and-fixes', {
          entityRef: 'component:default/notyet',
        });
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(
          'component:default/notyet has not been audited yet',
        );
      });
    });

    describe('readiness-get-changes', () => {
      it('compares the latest audit with the previous one', async () => {
        const res = await invoke('readiness-get-changes', {
          entityRef: 'component:default/bravo',
        });
        expect(res.status).toBe(200);
        const out = res.body.output;
        expect(out.current).toEqual({
          auditedAt: T2.toISOString(),
          score: bravoAfter.score,
          verdict: bravoAfter.verdict,
          blockers: 1,
        });
        expect(out.previous).toEqual({
          auditedAt: T1.toISOString(),
          score: bravoBefore.score,
          verdict: bravoBefore.verdict,
          blockers: 1,
        });
        expect(out.scoreDelta).toBe(bravoAfter.score - bravoBefore.score);
        expect(out.verdictChanged).toBe(
          bravoAfter.verdict !== bravoBefore.verdict,
        );
        expect(out.blockersDelta).toBe(0);
        expect(out.categories).toEqual([
          { id: 'security', previous: 0, current: 100, delta: 100 },
          { id: 'testing', previous: 100, current: 0, delta: -100 },
        ]);
        const registered = new Map(builtinRules.map(r => [r.id, r.title]));
        expect(out.rules).toEqual({
          newlyFailing: [
            {
              ruleId: 'testing/no-tests',
              title: registered.get('testing/no-tests'),
            },
          ],
          newlyPassing: [
            {
              ruleId: 'security/committed-env-file',
              title: registered.get('security/committed-env-file'),
            },
          ],
        });
      });

      it('has no previous audit after the first one, and no rule changes for points recorded without them', async () => {
        const first = await invoke('readiness-get-changes', {
          entityRef: 'alpha',
        });
        expect(first.status).toBe(200);
        expect(first.body.output).toMatchObject({
          current: { score: 91 },
          previous: null,
          scoreDelta: null,
          verdictChanged: false,
          blockersDelta: null,
          categories: [],
          rules: null,
        });

        await knex('readiness_history').insert({
          entity_ref: 'component:default/legacy',
          audited_at: T1,
          score: 40,
          verdict: 'needs-work',
          categories: JSON.stringify({ security: 50 }),
          blockers: 2,
        });
        await store.saveAudit({
          entity: summary('legacy', 'team-a'),
          scorecard: scorecardWithScore(60),
          auditedAt: T2,
        });
        const legacy = await invoke('readiness-get-changes', {
          entityRef: 'legacy',
        });
        expect(legacy.status).toBe(200);
        expect(legacy.body.output).toMatchObject({
          scoreDelta: 20,
          blockersDelta: -2,
          rules: null,
        });
        expect(legacy.body.output.categories).toContainEqual({
          id: 'security',
          previous: 50,
          current: null,
          delta: null,
        });
      });
    });

    describe('readiness-explain-rule', () => {
      it("returns a rule's documentation", async () => {
        const rule = builtinRules.find(
          r => r.id === 'security/committed-env-file',
        )!;
        const res = await invoke('readiness-explain-rule', {
          ruleId: 'security/committed-env-file',
        });
        expect(res.status).toBe(200);
        expect(res.body.output).toMatchObject({
          id: rule.id,
          title: rule.title,
          severity: rule.severity,
          category: 'security',
          description: rule.description,
          rationale: rule.rationale,
          remediation: rule.remediation,
          deprecated: false,
        });
        expect(res.body.output.docs).toMatch(/^# /);
      });

      it('answers not found for an unknown rule', async () => {
        const res = await invoke('readiness-explain-rule', {
          ruleId: 'security/nope',
        });
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe('No readiness rule security/nope');
      });
    });

    describe('readiness-query-leaderboard', () => {
      it('lists and counts only the components the caller can see', async () => {
        const res = await invoke('readiness-query-leaderboard', {});
        expect(res.status).toBe(200);
        expect(res.body.output.total).toBe(2);
        expect(
          res.body.output.items.map((i: { entityRef: string }) => i.entityRef),
        ).toEqual(['component:default/alpha', 'component:default/bravo']);
        expect(res.body.output).toMatchObject({ offset: 0, limit: 50 });
        expect(res.body.output.items[0]).toEqual({
          entityRef: 'component:default/alpha',
          kind: 'Component',
          namespace: 'default',
          name: 'alpha',
          owner: 'group:default/team-a',
          lifecycle: 'production',
          score: 91,
          verdict: 'production-ready',
          band: 'good',
          blockers: 0,
          auditedAt: T1.toISOString(),
        });

        const asService = await invoke(
          'readiness-query-leaderboard',
          {},
          mockCredentials.service.header(),
        );
        expect(asService.body.output.total).toBe(3);
      });

      it('filters, orders and pages like the REST leaderboard', async () => {
        const teamB = await invoke('readiness-query-leaderboard', {
          owner: 'team-b',
        });
        expect(
          teamB.body.output.items.map((i: { name: string }) => i.name),
        ).toEqual(['bravo']);
        const good = await invoke('readiness-query-leaderboard', {
          band: 'good',
        });
        expect(
          good.body.output.items.map((i: { name: string }) => i.name),
        ).toEqual(['alpha']);
        const page = await invoke('readiness-query-leaderboard', {
          orderBy: 'score',
          order: 'asc',
          limit: 1,
          offset: 1,
        });
        expect(page.body.output).toMatchObject({
          total: 2,
          offset: 1,
          limit: 1,
        });
        expect(
          page.body.output.items.map((i: { name: string }) => i.name),
        ).toEqual(['alpha']);
        const unscored = await invoke('readiness-query-leaderboard', {
          includeUnscored: true,
          q: 'NOT',
        });
        expect(unscored.body.output.items).toEqual([]);
      });

      it("rejects input the REST leaderboard's validation rejects", async () => {
        const range = await invoke('readiness-query-leaderboard', {
          minScore: 80,
          maxScore: 20,
        });
        expect(range.status).toBe(400);
        expect(range.body.error.message).toMatch(
          /minScore must not exceed maxScore/,
        );
        const limit = await invoke('readiness-query-leaderboard', {
          limit: 501,
        });
        expect(limit.status).toBe(400);
        expect(limit.body.error.message).toMatch(/limit must be <= 500/);
        const owner = await invoke('readiness-query-leaderboard', {
          owner: 'a:b:c/d',
        });
        expect(owner.status).toBe(400);
        expect(owner.body.error.message).toMatch(/owner/);
      });
    });

    describe('readiness-refresh-entity', () => {
      it('queues a refresh the permission policy allows', async () => {
        const res = await invoke('readiness-refresh-entity', {
          entityRef: 'bravo',
        });
        expect(res.status).toBe(200);
        expect(res.body.output).toEqual({
          entityRef: REFRESHABLE,
          status: 'queued',
        });
        expect(permissionRequests).toEqual([
          {
            permission: expect.objectContaining({
              name: 'readiness.scorecard.refresh',
            }),
            resourceRef: REFRESHABLE,
          },
        ]);
        expect(await store.getRefreshState(REFRESHABLE)).toMatchObject({
          priority: 1,
        });
        const card = await invoke('readiness-get-scorecard', {
          entityRef: 'bravo',
        });
        expect(card.body.output.refreshing).toBe(true);
      });

      it('refuses without the refresh permission and queues nothing', async () => {
        const res = await invoke('readiness-refresh-entity', {
          entityRef: 'component:default/alpha',
        });
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(
          await store.getRefreshState('component:default/alpha'),
        ).toBeUndefined();
      });
    });

    describe('a user who cannot see an entity', () => {
      const entityActions = [
        'readiness-get-scorecard',
        'readiness-get-blockers-and-fixes',
        'readiness-get-changes',
        'readiness-refresh-entity',
      ];

      it.each(entityActions)(
        'gets from %s the answer given for a missing entity',
        async action => {
          const hidden = await invoke(action, { entityRef: HIDDEN });
          const missing = await invoke(action, {
            entityRef: 'component:default/nope',
          });
          expect(hidden.status).toBe(404);
          expect(missing.status).toBe(404);
          expect(hidden.body.error.name).toBe(missing.body.error.name);
          expect(hidden.body.error.message).toBe(
            missing.body.error.message.replace('nope', 'hidden'),
          );
          // The whole answer, apart from the name asked for, is the same.
          expect(hidden.body).toEqual(
            JSON.parse(JSON.stringify(missing.body).replace(/nope/g, 'hidden')),
          );
          expect(hidden.body.output).toBeUndefined();
          expect(permissionRequests).toEqual([]);
          expect(await store.getRefreshState(HIDDEN)).toBeUndefined();
        },
      );

      it('is never shown it on the leaderboard, while a service sees it', async () => {
        const res = await invoke('readiness-query-leaderboard', {
          q: 'hidden',
        });
        expect(res.body.output).toMatchObject({ items: [], total: 0 });
        const asService = await invoke(
          'readiness-get-scorecard',
          { entityRef: HIDDEN },
          mockCredentials.service.header(),
        );
        expect(asService.status).toBe(200);
        expect(asService.body.output.score).toBe(14);
        const changes = await invoke(
          'readiness-get-changes',
          { entityRef: HIDDEN },
          mockCredentials.service.header(),
        );
        expect(changes.body.output.scoreDelta).toBe(2);
      });
    });

    it('refuses anonymous callers', async () => {
      const res = await invoke(
        'readiness-get-scorecard',
        { entityRef: 'alpha' },
        mockCredentials.none.header(),
      );
      expect(res.status).toBe(401);
    });
  },
);
