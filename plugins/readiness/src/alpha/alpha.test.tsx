import type { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  createTestEntityPage,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  HomePageWidgetBlueprint,
  type HomePageWidgetData,
} from '@backstage/plugin-home-react/alpha';
import { screen, waitFor } from '@testing-library/react';
import { readinessApiRef } from '../api/ReadinessApi';
import { ReadinessClient } from '../api/ReadinessClient';
import {
  makeCampaignDetail,
  makeEntity,
  makeEntityCampaign,
  makeLeaderboardItem,
  makeOwner,
  makeLeaderboardItem as makeItem,
  makeScorecardResponse,
  mockReadinessApi,
} from '../__testUtils__/fixtures';
import readinessPlugin, {
  entityReadinessCard,
  entityReadinessContent,
  entityReadinessRollupCard,
  entityReadinessRollupContent,
  readinessApi,
  readinessCatalogFilter,
  readinessMyServicesWidget,
  readinessOrgKpisWidget,
  readinessPage,
  readinessRouteRef,
} from './index';

const api = () =>
  mockReadinessApi({
    getScorecard: async () => makeScorecardResponse(),
    getLeaderboard: async () => ({ items: [makeLeaderboardItem()], total: 1 }),
    getOwners: async () => [makeOwner()],
  });

describe('readiness plugin (new frontend system)', () => {
  it('is the default export, with id, title and all extensions', () => {
    expect(readinessPlugin.pluginId).toBe('readiness');
    expect(readinessPlugin.title).toBe('Readiness');
    expect(readinessPlugin.routes.root).toBeDefined();
    for (const id of [
      'api:readiness',
      'page:readiness',
      'entity-content:readiness',
      'entity-card:readiness',
      'entity-content:readiness/rollup',
      'entity-card:readiness/rollup',
      'catalog-filter:readiness/readiness-band',
      'home-page-widget:readiness/my-services',
      'home-page-widget:readiness/org-kpis',
    ]) {
      expect(readinessPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('provides the API client, built on the fetch and discovery APIs', () => {
    const factory = createExtensionTester(readinessApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(readinessApiRef.id);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(ReadinessClient);
  });

  it('mounts the leaderboard page at /readiness', async () => {
    renderTestApp({
      extensions: [readinessPage],
      apis: [[readinessApiRef, api()]],
      initialRouteEntries: ['/readiness'],
      // The catalog plugin mounts entity pages in an app.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('tab', { name: 'Leaderboard' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
  });

  it("opens a campaign's detail from its link on the page", async () => {
    renderTestApp({
      extensions: [readinessPage],
      apis: [
        [
          readinessApiRef,
          mockReadinessApi({ getCampaign: async () => makeCampaignDetail() }),
        ],
        mockApis.permission(),
      ],
      initialRouteEntries: ['/readiness?tab=campaigns&campaign=non-root'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('tab', { name: 'Campaigns', selected: true }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
  });

  it('adds the Readiness tab to component entity pages', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: makeEntity('orders-api') }),
        entityReadinessContent,
      ],
      apis: [[readinessApiRef, api()], mockApis.permission()],
    });
    expect(
      await screen.findByRole('img', { name: 'Overall score 62 out of 100' }),
    ).toBeInTheDocument();
  });

  it("links the tab's campaigns to the Readiness page, and not when the page is disabled", async () => {
    const campaignsApi = () =>
      mockReadinessApi({
        getScorecard: async () => makeScorecardResponse(),
        getEntityCampaigns: async () => ({
          entityRef: 'component:default/orders-api',
          items: [makeEntityCampaign()],
        }),
      });
    const text =
      "2 rules left for 'Containers run as non-root', due 2027-03-01";
    const withPage = renderTestApp({
      extensions: [
        createTestEntityPage({ entity: makeEntity('orders-api') }),
        entityReadinessContent,
        readinessPage,
      ],
      apis: [[readinessApiRef, campaignsApi()], mockApis.permission()],
    });
    // The tab renders every section before its campaigns: under a loaded CI machine that can take a while.
    const slow = { timeout: 20_000 };
    expect(
      await screen.findByRole('link', { name: text }, slow),
    ).toHaveAttribute('href', '/readiness?tab=campaigns&campaign=non-root');
    withPage.unmount();

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: makeEntity('orders-api') }),
        entityReadinessContent,
      ],
      apis: [[readinessApiRef, campaignsApi()], mockApis.permission()],
    });
    expect(await screen.findByText(text, {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: text })).not.toBeInTheDocument();
  });

  it('adds the Readiness card to component overviews', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: makeEntity('orders-api') }),
        entityReadinessCard,
      ],
      apis: [[readinessApiRef, api()]],
    });
    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(await screen.findByText('Not ready')).toBeInTheDocument();
  });

  it('adds the roll-up tab to group pages', async () => {
    const rollupApi = mockReadinessApi({
      getRollup: async () => ({
        entityRef: 'group:default/engineering',
        entities: 1,
        scored: 1,
        averageScore: 37,
        band: 'critical',
        bands: { good: 0, 'needs-work': 0, poor: 0, critical: 1 },
        blockers: 0,
        notReady: 1,
        worst: [makeItem({ score: 37, band: 'critical' })],
        blockerRules: [],
        failingRules: [],
        trend: [],
      }),
    });
    const groupEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'engineering', namespace: 'default' },
      spec: { type: 'department', children: [] },
    };
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: groupEntity }),
        entityReadinessRollupContent,
      ],
      apis: [[readinessApiRef, rollupApi]],
    });
    expect(
      await screen.findByRole('img', { name: 'Average score 37 out of 100' }),
    ).toBeInTheDocument();
    expect(rollupApi.getRollup).toHaveBeenCalledWith(
      'group:default/engineering',
      expect.any(Object),
    );
  });

  it('shows the roll-up card and tab on groups, systems and domains only', () => {
    for (const extension of [
      entityReadinessRollupCard,
      entityReadinessRollupContent,
    ]) {
      // The extensions are typed loosely (see entityCards.tsx).
      const accepts = createExtensionTester(extension).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) as unknown as (entity: Entity) => boolean;
      const kinds = ['Group', 'System', 'Domain', 'Component', 'User'].filter(
        kind =>
          accepts({
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            metadata: { name: 'x' },
          }),
      );
      expect(kinds).toEqual(['Group', 'System', 'Domain']);
    }
  });

  it('adds the band picker to the catalog filters', async () => {
    const updateFilters = jest.fn();
    const element = createExtensionTester(
      readinessCatalogFilter,
    ).reactElement();
    renderInTestApp(
      <MockEntityListContextProvider value={{ updateFilters }}>
        {element}
      </MockEntityListContextProvider>,
    );
    expect(
      await screen.findByRole('checkbox', { name: 'Good (75–100)' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(updateFilters).toHaveBeenCalled());
  });

  // The widgets are typed loosely (see entityCards.tsx).
  it('offers the home page widgets under the names the home layout uses', () => {
    const widgets = [readinessMyServicesWidget, readinessOrgKpisWidget].map(
      extension => {
        const widget = createExtensionTester(extension).get(
          HomePageWidgetBlueprint.dataRefs.widget,
        ) as unknown as HomePageWidgetData;
        return { name: widget.name, title: widget.title };
      },
    );
    expect(widgets).toEqual([
      { name: 'ReadinessMyServices', title: 'My services: readiness' },
      { name: 'ReadinessOrgKpis', title: 'Organisation readiness' },
    ]);
  });

  it("renders the signed-in user's services in the My services widget", async () => {
    const widget = createExtensionTester(readinessMyServicesWidget).get(
      HomePageWidgetBlueprint.dataRefs.widget,
    ) as unknown as HomePageWidgetData;
    const readiness = mockReadinessApi({
      getLeaderboard: async query =>
        query?.owner === 'group:default/payments'
          ? { items: [makeLeaderboardItem({ blockers: 2 })], total: 1 }
          : { items: [], total: 0 },
    });
    renderInTestApp(widget.component, {
      apis: [
        [readinessApiRef, readiness],
        [catalogApiRef, { queryEntities: jest.fn() }],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
        }),
      ],
      mountedRoutes: {
        '/readiness': readinessRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
    expect(
      await screen.findByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
    expect(screen.getByText('My services: readiness')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
  });

  it('renders the organisation KPIs in their widget', async () => {
    const widget = createExtensionTester(readinessOrgKpisWidget).get(
      HomePageWidgetBlueprint.dataRefs.widget,
    ) as unknown as HomePageWidgetData;
    renderInTestApp(widget.component, {
      apis: [
        [
          readinessApiRef,
          mockReadinessApi({
            getSummaries: async () => [
              {
                entityRef: 'component:default/orders-api',
                score: 62,
                band: 'needs-work',
                verdict: 'not-ready',
                blockers: 1,
              },
            ],
          }),
        ],
      ],
      mountedRoutes: { '/readiness': readinessRouteRef },
    });
    expect(
      await screen.findByRole('img', { name: 'Average score 62 out of 100' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Organisation readiness')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the leaderboard' }),
    ).toHaveAttribute('href', '/readiness');
  });
});
