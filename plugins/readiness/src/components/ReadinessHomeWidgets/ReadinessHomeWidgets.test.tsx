import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EntityReadinessSummary } from '@readiness/backstage-plugin-readiness-common';
import { screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { readinessApiRef } from '../../api/ReadinessApi';
import type { LeaderboardItem } from '../../api/types';
import {
  makeLeaderboardItem,
  mockReadinessApi,
  pending,
  responseError,
  type MockedReadinessApi,
} from '../../__testUtils__/fixtures';
import { ReadinessMyServices } from './ReadinessMyServices';
import { ReadinessOrgKpis } from './ReadinessOrgKpis';

const OWNERS = ['user:default/guest', 'group:default/Payments'];

function identity(ownershipEntityRefs = OWNERS) {
  return {
    getBackstageIdentity: jest.fn(async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs,
    })),
  };
}

function catalog(totalItems = 0) {
  return {
    queryEntities: jest.fn(async (_request: unknown) => ({
      items: [],
      totalItems,
      pageInfo: {},
    })),
  };
}

async function render(
  element: ReactElement,
  apis: {
    api: MockedReadinessApi;
    catalogApi?: ReturnType<typeof catalog>;
    identityApi?: ReturnType<typeof identity>;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, apis.api],
        [catalogApiRef, apis.catalogApi ?? catalog()],
        [identityApiRef, apis.identityApi ?? identity()],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function item(
  name: string,
  overrides: Partial<LeaderboardItem> = {},
): LeaderboardItem {
  return makeLeaderboardItem({
    entityRef: `component:default/${name}`,
    name,
    title: undefined,
    ...overrides,
  });
}

/** Leaderboard answers per owner, as the backend filters them. */
function byOwner(rows: Record<string, LeaderboardItem[]>) {
  return async (query: { owner?: string } = {}) => {
    const items = rows[query.owner ?? ''] ?? [];
    return { items, total: items.length };
  };
}

describe('ReadinessMyServices', () => {
  it('shows progress while loading', async () => {
    await render(<ReadinessMyServices />, {
      api: mockReadinessApi({ getLeaderboard: () => pending() }),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel when the leaderboard fails', async () => {
    await render(<ReadinessMyServices />, {
      api: mockReadinessApi({
        getLeaderboard: async () => {
          throw await responseError(500, 'database is down');
        },
      }),
    });
    expect(
      (await screen.findAllByText(/database is down/))[0],
    ).toBeInTheDocument();
  });

  it('says how to get services listed when the user owns nothing audited', async () => {
    const api = mockReadinessApi({ getLeaderboard: byOwner({}) });
    const catalogApi = catalog(0);
    await render(<ReadinessMyServices leaderboardLink="/readiness" />, {
      api,
      catalogApi,
    });
    expect(
      await screen.findByText('You own no audited services'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/user:default\/guest, group:default\/payments/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Set spec\.owner/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Open the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
    // Each ownership ref is asked for, lower-cased, with never-scored entities.
    expect(api.getLeaderboard.mock.calls.map(call => call[0])).toEqual([
      expect.objectContaining({
        owner: 'user:default/guest',
        includeUnscored: true,
        orderBy: 'score',
        order: 'asc',
      }),
      expect.objectContaining({ owner: 'group:default/payments' }),
    ]);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'component',
          'relations.ownedBy': ['user:default/guest', 'group:default/payments'],
        },
      }),
    );
  });

  it('says nothing is audited yet when the user owns components Readiness has not scored', async () => {
    await render(<ReadinessMyServices />, {
      api: mockReadinessApi({ getLeaderboard: byOwner({}) }),
      catalogApi: catalog(3),
    });
    expect(await screen.findByText('Nothing audited yet')).toBeInTheDocument();
    expect(screen.getByText(/own 3 components/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Open the leaderboard' }),
    ).not.toBeInTheDocument();
  });

  it('falls back to the plain empty state when the catalog cannot count', async () => {
    const catalogApi = catalog();
    catalogApi.queryEntities.mockRejectedValue(new Error('catalog down'));
    await render(<ReadinessMyServices />, {
      api: mockReadinessApi({ getLeaderboard: byOwner({}) }),
      catalogApi,
    });
    expect(
      await screen.findByText('You own no audited services'),
    ).toBeInTheDocument();
  });

  it('lists the services of every ownership ref worst first, each linked to its Readiness tab', async () => {
    const api = mockReadinessApi({
      getLeaderboard: byOwner({
        'user:default/guest': [
          item('ledger', { score: 70, band: 'needs-work', blockers: 0 }),
        ],
        'group:default/payments': [
          item('orders-api', {
            title: 'Orders API',
            score: 35,
            band: 'critical',
            verdict: 'not-ready',
            blockers: 3,
          }),
          item('ledger', { score: 70, band: 'needs-work', blockers: 0 }),
          item('billing', {
            score: 88,
            band: 'good',
            verdict: 'production-ready',
            blockers: 0,
          }),
          item('gateway', {
            score: null,
            band: null,
            verdict: null,
            blockers: 0,
            auditedAt: null,
            error: 'repository not found',
          }),
        ],
      }),
    });
    await render(
      <ReadinessMyServices limit={3} leaderboardLink="/readiness" />,
      {
        api,
      },
    );

    const list = await screen.findByRole('list', {
      name: 'My services, worst first',
    });
    const links = within(list).getAllByRole('link');
    expect(links.map(link => link.textContent)).toEqual([
      'Orders API',
      'ledger',
      'billing',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
    expect(within(list).getByText('3 blockers')).toBeInTheDocument();
    expect(within(list).getByText('Critical')).toBeInTheDocument();
    expect(within(list).getByText('Production ready')).toBeInTheDocument();
    // (35 + 70 + 88) / 3, ledger counted once though two refs list it.
    expect(
      screen.getByText(
        'Average 64 over 3 scored services · 2 not production ready · 1 not scored yet',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/and 1 more service/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
  });

  it('shows why a service has no score', async () => {
    await render(<ReadinessMyServices />, {
      api: mockReadinessApi({
        getLeaderboard: byOwner({
          'group:default/payments': [
            item('gateway', {
              score: null,
              band: null,
              verdict: null,
              error: 'repository not found',
            }),
          ],
        }),
      }),
    });
    expect(
      await screen.findByText('Latest audit failed: repository not found'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not scored')).toBeInTheDocument();
    expect(
      screen.getByText(
        'None of your 1 service has a score yet: every audit so far failed.',
      ),
    ).toBeInTheDocument();
  });

  it('reads an owner with more services than a page, page by page', async () => {
    const rows = Array.from({ length: 600 }, (_, i) =>
      item(`svc-${String(i).padStart(3, '0')}`, { score: 50 + (i % 50) }),
    );
    const api = mockReadinessApi({
      getLeaderboard: async (query = {}) => {
        const offset = query.offset ?? 0;
        return {
          items: rows.slice(offset, offset + (query.limit ?? 50)),
          total: rows.length,
        };
      },
    });
    await render(<ReadinessMyServices />, {
      api,
      identityApi: identity(['group:default/payments']),
    });
    expect(
      await screen.findByText(/over 600 scored services/),
    ).toBeInTheDocument();
    expect(api.getLeaderboard.mock.calls.map(call => call[0]?.offset)).toEqual([
      0, 500,
    ]);
  });
});

function summary(
  name: string,
  score: number,
  overrides: Partial<EntityReadinessSummary> = {},
): EntityReadinessSummary {
  return {
    entityRef: `component:default/${name}`,
    score,
    band: 'good',
    verdict: 'production-ready',
    blockers: 0,
    ...overrides,
  };
}

describe('ReadinessOrgKpis', () => {
  it('shows progress while loading', async () => {
    await render(<ReadinessOrgKpis />, {
      api: mockReadinessApi({ getSummaries: () => pending() }),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel when the summaries fail', async () => {
    await render(<ReadinessOrgKpis />, {
      api: mockReadinessApi({
        getSummaries: async () => {
          throw await responseError(403, 'not allowed');
        },
      }),
    });
    expect((await screen.findAllByText(/not allowed/))[0]).toBeInTheDocument();
  });

  it('says nothing is audited yet when no entity has a score', async () => {
    await render(<ReadinessOrgKpis leaderboardLink="/readiness" />, {
      api: mockReadinessApi({ getSummaries: async () => [] }),
    });
    expect(await screen.findByText('Nothing audited yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Average score/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the average, the bands, blockers and not ready, linked to the leaderboard', async () => {
    await render(<ReadinessOrgKpis leaderboardLink="/readiness" />, {
      api: mockReadinessApi({
        getSummaries: async () => [
          summary('a', 90),
          summary('b', 45, {
            band: 'poor',
            verdict: 'not-ready',
            blockers: 2,
          }),
          summary('c', 20, {
            band: 'critical',
            verdict: 'not-ready',
            blockers: 5,
          }),
          summary('d', 60, { band: 'needs-work', verdict: 'needs-work' }),
        ],
      }),
    });
    expect(
      await screen.findByRole('img', { name: 'Average score 54 out of 100' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '4 services scored · 2 with blockers · 3 not production ready',
      ),
    ).toBeInTheDocument();
    const bands = screen.getByRole('list', { name: 'Services per band' });
    expect(
      within(bands)
        .getAllByRole('listitem')
        .map(band => band.getAttribute('aria-label')),
    ).toEqual(['Good: 1', 'Needs work: 1', 'Poor: 1', 'Critical: 1']);
    expect(
      screen.getByRole('link', { name: 'View the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
  });

  it('counts every page of summaries', async () => {
    const first = Array.from({ length: 10_000 }, (_, i) =>
      summary(`s${i}`, 80),
    );
    const api = mockReadinessApi({
      getSummaries: async (page = {}) =>
        page.offset ? [summary('last', 20, { band: 'critical' })] : first,
    });
    await render(<ReadinessOrgKpis />, { api });
    expect(
      await screen.findByText(/^10001 services scored/),
    ).toBeInTheDocument();
    expect(api.getSummaries.mock.calls.map(call => call[0])).toEqual([
      { limit: 10_000, offset: 0 },
      { limit: 10_000, offset: 10_000 },
    ]);
    expect(
      screen.queryByRole('link', { name: 'View the leaderboard' }),
    ).not.toBeInTheDocument();
  });
});
