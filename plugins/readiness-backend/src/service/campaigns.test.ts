import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog, isUser } from '../testing/catalog';
import { entitySummary, testDatabases } from '../testing/databases';
import { makeScorecard } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

const ENV = 'security/committed-env-file';
const TESTS = 'testing/no-tests';

function component(name: string, owner: string, tags: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', tags },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const entities: Entity[] = [
  component('alpha', 'team-a', ['java']),
  component('bravo', 'team-b'),
  component('charlie', 'team-a', ['java']),
  component('hidden', 'team-b', ['java']),
  component('notyet', 'team-a'),
];

/** Users never see `hidden`, as a permission policy would arrange. */
const hiddenFromUsers = (ref: string, credentials: BackstageCredentials) =>
  isUser(credentials) && ref === 'component:default/hidden';

/** A scorecard failing `failing`, with `waived` failing under a waiver. */
function scorecard(failing: string[], waived: string[] = []) {
  const card = makeScorecard([
    ...[...failing, ...waived].map(ruleId => ({
      ruleId,
      status: 'fail' as const,
    })),
    { ruleId: 'documentation/readme' },
  ]);
  return {
    ...card,
    results: card.results.map(r =>
      waived.includes(r.ruleId)
        ? {
            ...r,
            waiver: { ruleId: r.ruleId, reason: 'ok', expires: '2099-01-01' },
          }
        : r,
    ),
  };
}

const configured = {
  id: 'env-files',
  title: 'No committed env files',
  owner: 'platform',
  targetDate: '2020-01-01',
  requirement: { rules: [ENV] },
};

const body = {
  id: 'java-tests',
  title: 'Java services have tests',
  owner: 'group:default/platform',
  targetDate: '2999-12-31',
  requirement: { categories: ['testing'] },
  scope: { tags: ['java'] },
};

describe('campaign routes', () => {
  let knex: Knex;
  let store: DatabaseReadinessStore;
  let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];

  const start = async (
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) => {
    ({ server, store } = await startReadinessBackend({
      knex,
      catalog: hidingCatalog(entities, hiddenFromUsers),
      config: { campaigns: [configured] },
      permissions: mockServices.permissions.factory({
        result: permission,
      }),
    }));
  };

  const audit = (
    name: string,
    owner: string,
    at: string,
    failing: string[],
    waived: string[] = [],
  ) =>
    store.saveAudit({
      entity: entitySummary(name, { owner: `group:default/${owner}` }),
      scorecard: scorecard(failing, waived),
      auditedAt: new Date(at),
    });

  const api = (path: string) => `/api/readiness${path}`;
  const asService = (req: request.Test) =>
    req.set('Authorization', mockCredentials.service.header());

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    await start();
    const today = new Date();
    const daysAgo = (n: number) =>
      new Date(today.getTime() - n * 86_400_000).toISOString();
    await audit('alpha', 'team-a', daysAgo(5), [ENV, TESTS]);
    await audit('alpha', 'team-a', daysAgo(2), [TESTS]); // fixed two days ago
    await audit('bravo', 'team-b', daysAgo(5), [], [ENV]); // done by a waiver
    await audit('charlie', 'team-a', daysAgo(5), [ENV]);
    await audit('hidden', 'team-b', daysAgo(5), []);
    // notyet is never audited.
  });

  describe('reading', () => {
    it('lists campaigns with progress over the entities the user sees', async () => {
      const res = await request(server).get(api('/campaigns'));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          id: 'env-files',
          source: 'config',
          owner: 'group:default/platform',
          description: '',
          scope: {},
          archived: false,
          progress: {
            entities: 4, // hidden is neither listed nor counted
            done: 2,
            waived: 1,
            unscored: 1,
            percent: 50,
            overdue: true,
          },
        }),
      ]);
    });

    it('counts every entity for a service caller', async () => {
      const res = await asService(request(server).get(api('/campaigns')));
      expect(res.body.items[0].progress).toMatchObject({
        entities: 5,
        done: 3,
      });
    });

    it('serves a campaign with its teams, series and entities, without hidden ones', async () => {
      const res = await request(server).get(api('/campaigns/env-files?days=7'));
      expect(res.status).toBe(200);
      expect(res.body.teams).toEqual([
        { owner: 'group:default/team-a', entities: 3, done: 1, waived: 0 },
        { owner: 'group:default/team-b', entities: 1, done: 1, waived: 1 },
      ]);
      expect(res.body.entities).toMatchObject({
        total: 4,
        offset: 0,
        limit: 50,
      });
      expect(
        res.body.entities.items.map((e: any) => [e.entityRef, e.status]),
      ).toEqual([
        ['component:default/alpha', 'done'],
        ['component:default/bravo', 'waived'],
        ['component:default/charlie', 'not-done'],
        ['component:default/notyet', 'unscored'],
      ]);
      expect(res.body.entities.items[2]).toMatchObject({
        rulesLeft: [ENV],
        owner: 'group:default/team-a',
      });
      expect(JSON.stringify(res.body)).not.toContain('hidden');
      // Seven days, ending today: bravo (waived) from five days ago, alpha
      // from two days ago; charlie and notyet never.
      expect(res.body.series).toHaveLength(7);
      expect(res.body.series.map((p: any) => p.done)).toEqual([
        0, 1, 1, 1, 2, 2, 2,
      ]);
      expect(res.body.series[6].date).toBe(
        new Date().toISOString().slice(0, 10),
      );
    });

    it('counts a hidden entity in the series of a service caller only', async () => {
      const res = await asService(
        request(server).get(api('/campaigns/env-files?days=7')),
      );
      expect(res.body.series.map((p: any) => p.done)).toEqual([
        0, 2, 2, 2, 3, 3, 3,
      ]);
      // Audits before the window make its first day.
      const short = await asService(
        request(server).get(api('/campaigns/env-files?days=2')),
      );
      expect(short.body.series.map((p: any) => p.done)).toEqual([3, 3]);
    });

    it('judges the entities once for all callers, each still counting only what they see', async () => {
      const user = () =>
        request(server).get(api('/campaigns/env-files?days=7'));
      const service = () => asService(user());
      const reads = jest.spyOn(DatabaseCampaignStore.prototype, 'getStandings');
      try {
        const asUser = await user();
        const asServiceFirst = await service();
        const asUserAgain = await user();
        expect(asUser.body.progress).toMatchObject({ entities: 4, done: 2 });
        expect(asServiceFirst.body.progress).toMatchObject({
          entities: 5,
          done: 3,
        });
        expect(asUserAgain.body).toEqual(asUser.body);
        expect(JSON.stringify(asUserAgain.body)).not.toContain('hidden');
        expect(asServiceFirst.body.series.map((p: any) => p.done)).toEqual([
          0, 2, 2, 2, 3, 3, 3,
        ]);
        // One read of the standings served the three answers.
        expect(reads).toHaveBeenCalledTimes(1);
      } finally {
        reads.mockRestore();
      }
    });

    it('filters and pages the entities', async () => {
      const left = await request(server).get(
        api('/campaigns/env-files?status=left&limit=1&offset=1'),
      );
      expect(left.body.entities).toMatchObject({ total: 2, offset: 1 });
      expect(left.body.entities.items.map((e: any) => e.entityRef)).toEqual([
        'component:default/notyet',
      ]);
      const owned = await request(server).get(
        api('/campaigns/env-files?owner=group:default/team-b'),
      );
      expect(owned.body.entities.items.map((e: any) => e.entityRef)).toEqual([
        'component:default/bravo',
      ]);
    });

    it('lists the campaigns an entity is in, with its rules left and due date', async () => {
      await request(server).post(api('/campaigns')).send(body);
      const res = await request(server).get(
        api('/scorecards/component/default/charlie/campaigns'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/charlie',
        items: [
          {
            id: 'env-files',
            title: 'No committed env files',
            owner: 'group:default/platform',
            targetDate: '2020-01-01',
            requirement: { rules: [ENV] },
            status: 'not-done',
            done: false,
            rulesLeft: [ENV],
            waivedRules: [],
            overdue: true,
          },
          expect.objectContaining({
            id: 'java-tests',
            status: 'done',
            rulesLeft: [],
            overdue: false,
          }),
        ],
      });
      // bravo has no java tag: only the configured campaign.
      const bravo = await request(server).get(
        api('/scorecards/component/default/bravo/campaigns'),
      );
      expect(bravo.body.items.map((c: any) => c.id)).toEqual(['env-files']);
    });

    it('answers 404 for an entity the user cannot see, as for one that does not exist', async () => {
      const hidden = await request(server).get(
        api('/scorecards/component/default/hidden/campaigns'),
      );
      const missing = await request(server).get(
        api('/scorecards/component/default/nobody/campaigns'),
      );
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        missing.body.error.message.replace('nobody', 'hidden'),
      );
      const group = await request(server).get(
        api('/scorecards/group/default/team-a/campaigns'),
      );
      expect(group.status).toBe(404);
    });
  });

  describe('managing', () => {
    it('creates, updates and archives a campaign', async () => {
      const created = await request(server).post(api('/campaigns')).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: 'java-tests',
        source: 'api',
        requirement: { categories: ['testing'] },
        scope: { tags: ['java'] },
        archived: false,
      });

      const detail = await request(server).get(api('/campaigns/java-tests'));
      // alpha fails testing/no-tests; charlie passes; hidden is not seen.
      expect(detail.body.progress).toMatchObject({ entities: 2, done: 1 });
      expect(detail.body.entities.items[0]).toMatchObject({
        entityRef: 'component:default/alpha',
        rulesLeft: [TESTS],
      });

      const { id: _id, ...rest } = body;
      const updated = await request(server)
        .put(api('/campaigns/java-tests'))
        .send({ ...rest, requirement: { minScore: 0 } });
      expect(updated.status).toBe(200);
      expect(updated.body.requirement).toEqual({ minScore: 0 });
      const after = await request(server).get(api('/campaigns/java-tests'));
      expect(after.body.progress).toMatchObject({ entities: 2, done: 2 });

      const archived = await request(server).post(
        api('/campaigns/java-tests/archive'),
      );
      expect(archived.status).toBe(200);
      expect(archived.body.archived).toBe(true);
      const list = await request(server).get(api('/campaigns'));
      expect(list.body.items.map((c: any) => c.id)).toEqual(['env-files']);
      const all = await request(server).get(
        api('/campaigns?includeArchived=true'),
      );
      expect(all.body.items.map((c: any) => c.id)).toEqual([
        'env-files',
        'java-tests',
      ]);
    });

    it('keeps campaigns from configuration read-only (409)', async () => {
      const { id: _id, ...rest } = body;
      const put = await request(server)
        .put(api('/campaigns/env-files'))
        .send(rest);
      expect(put.status).toBe(409);
      expect(put.body.error.message).toContain('defined in configuration');
      const archive = await request(server).post(
        api('/campaigns/env-files/archive'),
      );
      expect(archive.status).toBe(409);
      const post = await request(server)
        .post(api('/campaigns'))
        .send({ ...body, id: 'env-files' });
      expect(post.status).toBe(409);
      const after = await request(server).get(api('/campaigns/env-files'));
      expect(after.body).toMatchObject({
        title: 'No committed env files',
        archived: false,
      });
    });

    it('answers 409 to a second campaign with the same id', async () => {
      await request(server).post(api('/campaigns')).send(body);
      const again = await request(server).post(api('/campaigns')).send(body);
      expect(again.status).toBe(409);
    });

    it('refuses every write without readiness.campaign.manage (403), writing nothing', async () => {
      await start(AuthorizeResult.DENY);
      const post = await request(server).post(api('/campaigns')).send(body);
      expect(post.status).toBe(403);
      expect(post.body.error.message).toContain('readiness.campaign.manage');
      const { id: _id, ...rest } = body;
      expect(
        (await request(server).put(api('/campaigns/env-files')).send(rest))
          .status,
      ).toBe(403);
      expect(
        (await request(server).post(api('/campaigns/env-files/archive')))
          .status,
      ).toBe(403);
      const list = await request(server).get(
        api('/campaigns?includeArchived=true'),
      );
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: any) => c.id)).toEqual(['env-files']);
    });
  });

  describe('bad requests', () => {
    it.each([
      [
        'GET',
        '/campaigns/Not_A_Slug',
        undefined,
        'request/params/id must match pattern',
      ],
      [
        'GET',
        '/campaigns/env-files?limit=0',
        undefined,
        'request/query/limit must be >= 1',
      ],
      [
        'GET',
        '/campaigns/env-files?status=maybe',
        undefined,
        'request/query/status must be equal to one of the allowed values',
      ],
      [
        'GET',
        '/campaigns/env-files?days=999',
        undefined,
        'request/query/days must be <= 730',
      ],
      [
        'GET',
        '/campaigns?includeArchived=yes',
        undefined,
        'request/query/includeArchived must be boolean',
      ],
      [
        'GET',
        '/campaigns?sort=id',
        undefined,
        "Unknown query parameter 'sort'",
      ],
      [
        'GET',
        '/campaigns/env-files?limit=1&limit=2',
        undefined,
        'request/query/limit must be integer',
      ],
      [
        'POST',
        '/campaigns',
        { ...body, requirement: { rules: ['nope/x'] } },
        "requirement.rules.0: 'nope/x' is not a rule this backend runs",
      ],
      [
        'POST',
        '/campaigns',
        { ...body, targetDate: 'soon' },
        'request/body/targetDate must match format "date"',
      ],
      [
        'POST',
        '/campaigns',
        { ...body, scope: { tags: 'java', owner: [] } },
        'request/body/scope/owner must NOT have fewer than 1 items',
      ],
      [
        'POST',
        '/campaigns',
        { ...body, extra: 1 },
        'request/body must NOT have additional properties: extra',
      ],
      [
        'POST',
        '/campaigns',
        { ...body, requirement: { rules: [ENV], minScore: 70 } },
        'request/body/requirement must NOT have more than 1 properties',
      ],
      [
        'POST',
        '/campaigns',
        { ...body, title: undefined },
        "request/body must have required property 'title'",
      ],
      [
        'POST',
        '/campaigns',
        { ...body, scope: { tags: ['java'], team: 'a' } },
        'request/body/scope must NOT have additional properties: team',
      ],
      [
        'POST',
        '/campaigns',
        // The spec checks the form, the campaign schema the calendar.
        { ...body, targetDate: '2027-02-30' },
        'Invalid request body: targetDate: is not a calendar day',
      ],
      [
        'PUT',
        '/campaigns/java-tests',
        body,
        'request/body must NOT have additional properties: id',
      ],
      [
        'GET',
        '/scorecards/component/default/a%2Fb/campaigns',
        undefined,
        'request/params/name must match pattern',
      ],
    ])(
      '%s %s is a 400 naming the parameter',
      async (method, path, payload, message) => {
        const send = {
          GET: () => request(server).get(api(path)),
          PUT: () => request(server).put(api(path)).send(payload),
          POST: () => request(server).post(api(path)).send(payload),
        }[method as 'GET' | 'PUT' | 'POST'];
        const res = await send();
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(message);
      },
    );

    it('answers 404 for a campaign that does not exist', async () => {
      const get = await request(server).get(api('/campaigns/nope'));
      expect(get.status).toBe(404);
      const { id: _id, ...rest } = body;
      expect(
        (await request(server).put(api('/campaigns/nope')).send(rest)).status,
      ).toBe(404);
      expect(
        (await request(server).post(api('/campaigns/nope/archive'))).status,
      ).toBe(404);
    });

    it('answers malformed JSON with 400 and another method with 405', async () => {
      const bad = await request(server)
        .post(api('/campaigns'))
        .set('Content-Type', 'application/json')
        .send('{"id":');
      expect(bad.status).toBe(400);
      const del = await request(server).delete(api('/campaigns/env-files'));
      expect(del.status).toBe(405);
      expect(del.headers.allow).toBe('GET, HEAD, PUT');
    });
  });
});
