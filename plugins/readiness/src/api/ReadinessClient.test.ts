import { ResponseError } from '@backstage/errors';
import { ReadinessClient, entityPath } from './ReadinessClient';
import { jsonResponse, makeScorecardResponse } from '../__testUtils__/fixtures';

function setup(response: Response | (() => Response)) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      typeof response === 'function' ? response() : response,
  );
  const discoveryApi = {
    getBaseUrl: jest.fn(
      async (pluginId: string) => `http://backstage.test/api/${pluginId}`,
    ),
  };
  const client = new ReadinessClient({ discoveryApi, fetchApi: { fetch } });
  return { client, fetch, discoveryApi };
}

describe('entityPath', () => {
  it('builds the path from a ref string, lower-casing the kind', () => {
    expect(entityPath('Component:default/orders-api')).toBe(
      '/component/default/orders-api',
    );
  });

  it('defaults the namespace and encodes each part', () => {
    expect(entityPath({ kind: 'API', namespace: '', name: 'a b/c' })).toBe(
      '/api/default/a%20b%2Fc',
    );
    expect(entityPath('component:orders')).toBe('/component/default/orders');
  });
});

describe('ReadinessClient', () => {
  it('fetches a scorecard through the fetch API from the discovered base URL', async () => {
    const body = makeScorecardResponse();
    const { client, fetch, discoveryApi } = setup(jsonResponse(body));

    await expect(
      client.getScorecard('component:default/orders-api'),
    ).resolves.toEqual(body);

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('readiness');
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('fetches what changed since the last audit', async () => {
    const body = {
      entityRef: 'component:default/orders-api',
      current: null,
      previous: null,
      transitions: null,
    };
    const { client, fetch } = setup(jsonResponse(body));
    await expect(
      client.getChanges({
        kind: 'Component',
        namespace: 'default',
        name: 'orders-api',
      }),
    ).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api/changes',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('reads the suggested fixes and posts a pull request with the rules as JSON', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse({ url: 'https://scm.test/pr/1', number: 1 }, 200),
    );
    await client.getSuggestedFixes('component:default/orders-api');
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api/fixes',
      expect.objectContaining({ method: 'GET' }),
    );
    expect(fetch.mock.lastCall?.[1]?.body).toBeUndefined();

    await expect(
      client.openFixPullRequest('component:default/orders-api', {
        rules: ['infrastructure/missing-dockerignore'],
      }),
    ).resolves.toEqual({ url: 'https://scm.test/pr/1', number: 1 });
    const [url, init] = fetch.mock.lastCall!;
    expect(url).toBe(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api/fixes/pull-request',
    );
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe(
      'application/json',
    );
    expect(JSON.parse(String(init?.body))).toEqual({
      rules: ['infrastructure/missing-dockerignore'],
    });
  });

  it('rejects with a ResponseError carrying the status', async () => {
    const { client } = setup(
      jsonResponse(
        {
          error: { name: 'NotFoundError', message: 'unknown entity' },
          request: { method: 'GET', url: '/scorecards/component/default/nope' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client
      .getScorecard('component:default/nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('unknown entity');
  });

  it('reads the review as text', async () => {
    const { client, fetch } = setup(
      () =>
        new Response('# Review\n', {
          status: 200,
          headers: { 'Content-Type': 'text/markdown' },
        }),
    );
    await expect(
      client.getReview('component:default/orders-api'),
    ).resolves.toBe('# Review\n');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api/review.md',
    );
    expect(fetch.mock.calls[0][1]).toEqual(
      expect.objectContaining({ headers: { Accept: 'text/markdown' } }),
    );
  });

  it('queues a refresh with a POST and surfaces a 403', async () => {
    const ok = setup(jsonResponse({ status: 'queued' }, 202));
    await expect(
      ok.client.refresh('component:default/orders-api'),
    ).resolves.toEqual({
      status: 'queued',
    });
    expect(ok.fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/readiness/scorecards/component/default/orders-api/refresh',
      expect.objectContaining({ method: 'POST' }),
    );

    const denied = setup(
      jsonResponse({ error: { name: 'NotAllowedError', message: 'no' } }, 403),
    );
    await expect(
      denied.client.refresh('component:default/orders-api'),
    ).rejects.toMatchObject({ statusCode: 403 });
  });

  it('sends only the leaderboard filters that are set', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse({ items: [], total: 0 }),
    );
    await client.getLeaderboard({
      owner: 'group:default/payments',
      band: 'poor',
      minScore: 0,
      maxScore: undefined,
      q: '  orders ',
      orderBy: 'score',
      order: 'desc',
      limit: 25,
      offset: 50,
    });
    const url = new URL(String(fetch.mock.calls[0][0]));
    expect(url.pathname).toBe('/api/readiness/leaderboard');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'group:default/payments',
      band: 'poor',
      minScore: '0',
      q: 'orders',
      orderBy: 'score',
      order: 'desc',
      limit: '25',
      offset: '50',
    });

    await client.getLeaderboard();
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backstage.test/api/readiness/leaderboard',
    );
  });

  it('asks for the unscored entities only when told to', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse({ items: [], total: 0 }),
    );
    await client.getLeaderboard({
      owner: 'user:default/guest',
      includeUnscored: true,
    });
    await client.getLeaderboard({ includeUnscored: false });
    expect(fetch.mock.calls.map(call => String(call[0]))).toEqual([
      'http://backstage.test/api/readiness/leaderboard?owner=user%3Adefault%2Fguest&includeUnscored=true',
      'http://backstage.test/api/readiness/leaderboard',
    ]);
  });

  it('unwraps a page of summaries', async () => {
    const item = {
      entityRef: 'component:default/orders-api',
      score: 62,
      band: 'needs-work',
      verdict: 'not-ready',
      blockers: 1,
    };
    const { client, fetch } = setup(() => jsonResponse({ items: [item] }));
    await expect(client.getSummaries()).resolves.toEqual([item]);
    await client.getSummaries({ limit: 500, offset: 1000 });
    expect(fetch.mock.calls.map(call => String(call[0]))).toEqual([
      'http://backstage.test/api/readiness/summaries',
      'http://backstage.test/api/readiness/summaries?limit=500&offset=1000',
    ]);
  });

  it('unwraps the items of blockers, owners, rules and categories', async () => {
    const { client, fetch } = setup(() => jsonResponse({ items: [{ id: 1 }] }));
    await expect(client.getBlockers()).resolves.toEqual([{ id: 1 }]);
    await expect(client.getOwners()).resolves.toEqual([{ id: 1 }]);
    await expect(client.getRules()).resolves.toEqual([{ id: 1 }]);
    await expect(client.getCategories()).resolves.toEqual([{ id: 1 }]);
    expect(
      fetch.mock.calls.map(call => new URL(String(call[0])).pathname),
    ).toEqual([
      '/api/readiness/blockers',
      '/api/readiness/owners',
      '/api/readiness/rules',
      '/api/readiness/categories',
    ]);
  });

  it('fetches the roll-up of a group with the query it is given', async () => {
    const { client, fetch } = setup(() =>
      jsonResponse({ entityRef: 'group:default/web', entities: 2 }),
    );
    await expect(
      client.getRollup('Group:default/web', { worst: 3, days: 30 }),
    ).resolves.toMatchObject({ entities: 2 });
    await client.getRollup({ kind: 'Domain', namespace: 'ops', name: 'shop' });
    expect(fetch.mock.calls.map(call => String(call[0]))).toEqual([
      'http://backstage.test/api/readiness/rollups/group/default/web?worst=3&days=30',
      'http://backstage.test/api/readiness/rollups/domain/ops/shop',
    ]);
  });

  describe('campaigns', () => {
    const BASE = 'http://backstage.test/api/readiness';
    const calls = (fetch: ReturnType<typeof setup>['fetch']) =>
      fetch.mock.calls.map(([url, init]) => ({
        url: String(url),
        method: init?.method,
        body:
          init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      }));

    it('lists the campaigns, asking for archived ones only when told to', async () => {
      const { client, fetch } = setup(() => jsonResponse({ items: [] }));
      await expect(client.listCampaigns()).resolves.toEqual({ items: [] });
      await client.listCampaigns({ includeArchived: true });
      await client.listCampaigns({ includeArchived: false });
      expect(calls(fetch).map(c => c.url)).toEqual([
        `${BASE}/campaigns`,
        `${BASE}/campaigns?includeArchived=true`,
        `${BASE}/campaigns`,
      ]);
    });

    it('fetches a campaign by its encoded id with the filters that are set', async () => {
      const { client, fetch } = setup(() => jsonResponse({ id: 'non-root' }));
      await expect(client.getCampaign('non-root')).resolves.toEqual({
        id: 'non-root',
      });
      await client.getCampaign('a/b?c', {
        status: 'left',
        owner: 'group:default/payments',
        limit: 25,
        offset: 0,
        days: 30,
      });
      expect(calls(fetch).map(c => c.url)).toEqual([
        `${BASE}/campaigns/non-root`,
        `${BASE}/campaigns/a%2Fb%3Fc?status=left&owner=group%3Adefault%2Fpayments&limit=25&offset=0&days=30`,
      ]);
    });

    it("fetches the campaigns an entity is in from its scorecard's path", async () => {
      const body = { entityRef: 'component:default/orders-api', items: [] };
      const { client, fetch } = setup(() => jsonResponse(body));
      await expect(
        client.getEntityCampaigns('Component:default/orders-api'),
      ).resolves.toEqual(body);
      expect(calls(fetch)).toEqual([
        {
          url: `${BASE}/scorecards/component/default/orders-api/campaigns`,
          method: 'GET',
          body: undefined,
        },
      ]);
    });

    it('creates with a POST, updates with a PUT and archives with a POST, bodies as JSON', async () => {
      const { client, fetch } = setup(() =>
        jsonResponse({ id: 'non-root', source: 'api' }),
      );
      const definition = {
        title: 'Containers run as non-root',
        owner: 'group:default/platform',
        targetDate: '2027-03-01',
        requirement: { rules: ['security/container-root-user'] },
      };
      await expect(
        client.createCampaign({ id: 'non-root', ...definition }),
      ).resolves.toEqual({ id: 'non-root', source: 'api' });
      await client.updateCampaign('non-root', {
        ...definition,
        description: 'Every container',
      });
      await client.archiveCampaign('non-root');
      expect(calls(fetch)).toEqual([
        {
          url: `${BASE}/campaigns`,
          method: 'POST',
          body: { id: 'non-root', ...definition },
        },
        {
          url: `${BASE}/campaigns/non-root`,
          method: 'PUT',
          body: { ...definition, description: 'Every container' },
        },
        {
          url: `${BASE}/campaigns/non-root/archive`,
          method: 'POST',
          body: undefined,
        },
      ]);
      const headers = fetch.mock.calls[1][1]?.headers as Record<string, string>;
      expect(headers['Content-Type']).toBe('application/json');
    });

    it('rejects a refused change with the status and message of the backend', async () => {
      const { client } = setup(() =>
        jsonResponse(
          {
            error: {
              name: 'ConflictError',
              message: "Campaign 'non-root' comes from configuration",
            },
            request: { method: 'POST', url: '/campaigns/non-root/archive' },
            response: { statusCode: 409 },
          },
          409,
        ),
      );
      const error = await client.archiveCampaign('non-root').catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(409);
      expect(error.cause.message).toBe(
        "Campaign 'non-root' comes from configuration",
      );
    });
  });
});
