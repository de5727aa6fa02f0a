import {
  EntityReadinessCard,
  EntityReadinessContent,
  ReadinessBandPicker,
  ReadinessLeaderboardPage,
  ReadinessMyServicesCard,
  ReadinessOrgKpisCard,
  readinessPlugin,
} from './plugin';
import { rootRouteRef } from './routes';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { readinessApiRef } from './api/ReadinessApi';
import { screen } from '@testing-library/react';
import {
  makeEntity,
  makeLeaderboardItem,
  makeScorecardResponse,
  mockReadinessApi,
} from './__testUtils__/fixtures';
import { renderWithApis } from './__testUtils__/render';

describe('readinessPlugin (legacy frontend system)', () => {
  it('has the readiness id and provides the API', () => {
    expect(readinessPlugin.getId()).toBe('readiness');
    expect(
      [...readinessPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([readinessApiRef.id]);
    expect(readinessPlugin.routes.root).toBeDefined();
  });

  it('exports its extensions as components', () => {
    for (const extension of [
      ReadinessLeaderboardPage,
      EntityReadinessContent,
      EntityReadinessCard,
      ReadinessBandPicker,
      ReadinessMyServicesCard,
      ReadinessOrgKpisCard,
    ]) {
      expect(typeof extension).toBe('function');
    }
  });

  it('lazy-loads the card extension', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () => makeScorecardResponse(),
      }),
      entity: makeEntity(),
    });
    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(await screen.findByText('Not ready')).toBeInTheDocument();
  });

  const summaries = async () => [
    {
      entityRef: 'component:default/orders-api',
      score: 62,
      band: 'needs-work' as const,
      verdict: 'not-ready' as const,
      blockers: 1,
    },
  ];

  it('shows the organisation KPI home card, linked to the mounted leaderboard', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [readinessApiRef, mockReadinessApi({ getSummaries: summaries })],
        ]}
      >
        <ReadinessOrgKpisCard />
      </TestApiProvider>,
      { mountedRoutes: { '/readiness': rootRouteRef } },
    );
    expect(
      await screen.findByRole('img', { name: 'Average score 62 out of 100' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Organisation readiness')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
  });

  it('shows the home cards without a leaderboard link when the app has no leaderboard page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            readinessApiRef,
            mockReadinessApi({
              getSummaries: summaries,
              getLeaderboard: async () => ({
                items: [makeLeaderboardItem()],
                total: 1,
              }),
            }),
          ],
          [catalogApiRef, { queryEntities: jest.fn() }],
          [
            identityApiRef,
            {
              getBackstageIdentity: async () => ({
                type: 'user' as const,
                userEntityRef: 'user:default/alice',
                ownershipEntityRefs: ['group:default/payments'],
              }),
            },
          ],
        ]}
      >
        <ReadinessOrgKpisCard />
        <ReadinessMyServicesCard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
    expect(screen.getByText('My services: readiness')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: 'Average score 62 out of 100' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'View the leaderboard' }),
    ).not.toBeInTheDocument();
  });
});
