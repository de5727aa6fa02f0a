import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { readinessApiRef } from '../../api/ReadinessApi';
import {
  makeEntityCampaign,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { rootRouteRef } from '../../routes';
import { EntityCampaigns } from './EntityCampaigns';

const REF = 'component:default/orders-api';

const titles = new Map([
  ['security/container-root-user', 'Containers run as a non-root user'],
]);

async function renderSection(api: ReturnType<typeof mockReadinessApi>) {
  return renderWithApis(
    <EntityCampaigns entityRef={REF} ruleTitles={titles} />,
    { api },
  );
}

describe('EntityCampaigns', () => {
  it('shows progress while the campaigns load', async () => {
    const api = mockReadinessApi({ getEntityCampaigns: () => pending() });
    await renderSection(api);
    expect(screen.getByText('Campaigns')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(REF);
  });

  it('says the campaigns could not be loaded, with the reason', async () => {
    const api = mockReadinessApi({
      getEntityCampaigns: async () => {
        throw await responseError(500, 'database unavailable');
      },
    });
    await renderSection(api);
    expect(
      await screen.findByText(
        /The campaigns of this entity could not be loaded/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database unavailable/).length).toBeGreaterThan(
      0,
    );
  });

  it('renders nothing when the entity is in no campaign', async () => {
    const api = mockReadinessApi({
      getEntityCampaigns: async () => ({ entityRef: REF, items: [] }),
    });
    const { container } = await renderSection(api);
    // Empty once loaded: no card, no progress left behind.
    await waitFor(() => expect(container).toBeEmptyDOMElement());
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(REF);
    expect(screen.queryByText('Campaigns')).not.toBeInTheDocument();
  });

  it('says what is left of each campaign and by when, overdue ones highlighted and done ones done', async () => {
    const api = mockReadinessApi({
      getEntityCampaigns: async () => ({
        entityRef: REF,
        items: [
          makeEntityCampaign({ overdue: true, targetDate: '2027-01-15' }),
          makeEntityCampaign({
            id: 'coverage',
            title: 'Score 80',
            requirement: { minScore: 80 },
            rulesLeft: [],
            pointsLeft: 18,
            targetDate: '2027-03-01',
          }),
          makeEntityCampaign({
            id: 'health',
            title: 'Health checks',
            status: 'done',
            done: true,
            rulesLeft: [],
            targetDate: '2027-06-01',
          }),
          makeEntityCampaign({
            id: 'tls',
            title: 'TLS everywhere',
            status: 'waived',
            done: true,
            rulesLeft: [],
            waivedRules: ['security/https-only'],
          }),
        ],
      }),
    });
    await renderSection(api);
    const list = await screen.findByRole('list', {
      name: 'Campaigns of this entity',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);

    expect(
      within(items[0]).getByText(
        "2 rules left for 'Containers run as non-root', due 2027-01-15",
      ),
    ).toBeInTheDocument();
    expect(items[0]).toHaveAttribute('data-overdue', 'true');
    expect(
      within(items[0]).getByLabelText(
        'Overdue: the target date 2027-01-15 has passed',
      ),
    ).toBeInTheDocument();
    // Rule titles come from the scorecard; unknown ids are shown as they are.
    expect(
      within(items[0]).getByText(
        'Left: Containers run as a non-root user, security/debug-mode',
      ),
    ).toBeInTheDocument();

    expect(
      within(items[1]).getByText(
        "18 points left for 'Score 80', due 2027-03-01",
      ),
    ).toBeInTheDocument();
    expect(items[1]).not.toHaveAttribute('data-overdue');
    expect(within(items[1]).queryByText('Overdue')).not.toBeInTheDocument();

    expect(
      within(items[2]).getByText("Done: 'Health checks', due 2027-06-01"),
    ).toBeInTheDocument();
    expect(within(items[2]).getByText('Done')).toBeInTheDocument();

    expect(within(items[3]).getByText('Done by waiver')).toBeInTheDocument();
    expect(
      within(items[3]).getByText('Waived: security/https-only'),
    ).toBeInTheDocument();

    expect(screen.getByText('In 4 campaigns, 1 overdue')).toBeInTheDocument();
    // No Readiness page mounted: nothing to link to.
    expect(within(list).queryByRole('link')).not.toBeInTheDocument();
  });

  it('links each campaign to its page when the Readiness page is mounted', async () => {
    const api = mockReadinessApi({
      getEntityCampaigns: async () => ({
        entityRef: REF,
        items: [makeEntityCampaign()],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[readinessApiRef, api]]}>
        <EntityCampaigns entityRef={REF} />
      </TestApiProvider>,
      { mountedRoutes: { '/readiness': rootRouteRef } },
    );
    expect(
      await screen.findByRole('link', {
        name: "2 rules left for 'Containers run as non-root', due 2027-03-01",
      }),
    ).toHaveAttribute('href', '/readiness?tab=campaigns&campaign=non-root');
  });
});
