import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeCampaignDetail,
  makeCampaignEntity,
  makeCampaignSummary,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { burnUpSummary } from './CampaignBurnUpChart';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';
import { ReadinessCampaigns } from './ReadinessCampaigns';

const detailLink = (id: string) => `?tab=campaigns&campaign=${id}`;

describe('CampaignList', () => {
  it('shows progress while the campaigns load', async () => {
    const api = mockReadinessApi({ listCampaigns: () => pending() });
    await renderWithApis(<CampaignList detailLink={detailLink} />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.listCampaigns).toHaveBeenCalledWith({ includeArchived: false });
  });

  it('shows the error panel when the backend fails', async () => {
    const api = mockReadinessApi({
      listCampaigns: async () => {
        throw await responseError(500, 'database unavailable');
      },
    });
    await renderWithApis(<CampaignList detailLink={detailLink} />, { api });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('says how to define a campaign when there is none', async () => {
    const api = mockReadinessApi({
      listCampaigns: async () => ({ items: [] }),
    });
    await renderWithApis(<CampaignList detailLink={detailLink} />, { api });
    expect(
      await screen.findByText('No campaigns under way'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/readiness\.campaigns in app-config/),
    ).toBeVisible();
  });

  it('lists title, owner, target date, progress and overdue, archived ones only when asked', async () => {
    const api = mockReadinessApi({
      listCampaigns: jest.fn(async query => ({
        items: [
          makeCampaignSummary({
            progress: {
              entities: 4,
              done: 1,
              waived: 0,
              unscored: 1,
              percent: 25,
              overdue: true,
            },
          }),
          makeCampaignSummary({
            id: 'health',
            title: 'Health checks',
            targetDate: '2027-06-01',
            requirement: { minScore: 75 },
            progress: {
              entities: 3,
              done: 3,
              waived: 1,
              unscored: 0,
              percent: 100,
              overdue: false,
            },
          }),
          ...(query?.includeArchived
            ? [
                makeCampaignSummary({
                  id: 'old',
                  title: 'Old campaign',
                  archived: true,
                }),
              ]
            : []),
        ],
      })),
    });
    await renderWithApis(<CampaignList detailLink={detailLink} />, { api });

    const link = await screen.findByRole('link', {
      name: 'Containers run as non-root',
    });
    expect(link).toHaveAttribute('href', '/?tab=campaigns&campaign=non-root');
    const rows = screen.getAllByRole('row');
    const first = rows.find(row => within(row).queryByText('2027-03-01'))!;
    expect(within(first).getByText('1/4 (25%)')).toBeInTheDocument();
    expect(
      within(first).getByLabelText('Containers run as non-root: 1 of 4 done'),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(within(first).getByText('Overdue')).toBeInTheDocument();
    expect(
      within(first).getByText('Rule passing: security/container-root-user'),
    ).toBeInTheDocument();

    const second = rows.find(row => within(row).queryByText('2027-06-01'))!;
    expect(within(second).getByText('3/3 (100%)')).toBeInTheDocument();
    expect(within(second).queryByText('Overdue')).not.toBeInTheDocument();
    expect(
      within(second).getByText('A score of at least 75'),
    ).toBeInTheDocument();

    expect(screen.queryByText('Old campaign')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show archived' }),
    );
    expect(await screen.findByText('Old campaign')).toBeInTheDocument();
    expect(api.listCampaigns).toHaveBeenLastCalledWith({
      includeArchived: true,
    });
    const archivedRow = screen
      .getAllByRole('row')
      .find(row => within(row).queryByText('Old campaign'))!;
    expect(within(archivedRow).getByText('Archived')).toBeInTheDocument();
  });
});

describe('CampaignDetail', () => {
  it('shows progress while the campaign loads, with the way back', async () => {
    const api = mockReadinessApi({ getCampaign: () => pending() });
    await renderWithApis(
      <CampaignDetail id="non-root" listLink="?tab=campaigns" />,
      { api },
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← All campaigns' }),
    ).toHaveAttribute('href', '/?tab=campaigns');
    expect(api.getCampaign).toHaveBeenCalledWith('non-root', {
      status: undefined,
      owner: undefined,
      limit: 25,
      offset: 0,
      days: undefined,
    });
  });

  it('shows the error panel when the backend fails, and says so for an unknown campaign', async () => {
    const failing = mockReadinessApi({
      getCampaign: async () => {
        throw await responseError(500, 'database unavailable');
      },
    });
    const { unmount } = await renderWithApis(<CampaignDetail id="non-root" />, {
      api: failing,
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    unmount();

    const missing = mockReadinessApi({
      getCampaign: async () => {
        throw await responseError(404, "No campaign 'gone'");
      },
    });
    await renderWithApis(<CampaignDetail id="gone" />, { api: missing });
    expect(await screen.findByText("No campaign 'gone'")).toBeInTheDocument();
  });

  it('says when the campaign covers no entity the user can see', async () => {
    const api = mockReadinessApi({
      getCampaign: async () =>
        makeCampaignDetail({
          progress: {
            entities: 0,
            done: 0,
            waived: 0,
            unscored: 0,
            percent: 100,
            overdue: false,
          },
          teams: [],
          series: [],
          entities: { items: [], total: 0, offset: 0, limit: 25 },
        }),
    });
    await renderWithApis(<CampaignDetail id="non-root" />, { api });
    expect(
      await screen.findByText('This campaign covers no entity you can see'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Covers no entity you can see'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Teams')).not.toBeInTheDocument();
  });

  it('shows description, requirement, progress, burn-up, teams and entities linked to their Readiness tab', async () => {
    const detail = makeCampaignDetail();
    const api = mockReadinessApi({
      getCampaign: async () =>
        makeCampaignDetail({
          entities: {
            ...detail.entities,
            items: [
              ...detail.entities.items,
              makeCampaignEntity({
                entityRef: 'component:default/inventory',
                title: undefined,
              }),
            ],
          },
          progress: {
            entities: 4,
            done: 1,
            waived: 0,
            unscored: 1,
            percent: 25,
            overdue: true,
          },
        }),
    });
    await renderWithApis(<CampaignDetail id="non-root" />, { api });

    expect(
      await screen.findByText(
        'Every production container drops root before it starts.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Requirement: Rule passing: security/container-root-user',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Containers run as non-root: 1 of 4 done'),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(
      screen.getByText('1 of 4 done (25%) · 1 not audited yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: '1 of 4 done on 2027-01-05, 0 on 2027-01-03 (1 more); target: all 4 by 2027-03-01.',
      }),
    ).toBeInTheDocument();

    const teams =
      screen.getByText('Teams').closest('table') ??
      screen.getByText('Teams').closest('div[class*="MuiPaper"]')!;
    expect(
      within(teams as HTMLElement).getByText('No owner'),
    ).toBeInTheDocument();

    const orders = screen.getByRole('link', { name: 'Orders API' });
    expect(orders).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
    const ordersRow = orders.closest('tr')!;
    expect(within(ordersRow).getByText('Not done')).toBeInTheDocument();
    expect(
      within(ordersRow).getByText('security/container-root-user'),
    ).toBeInTheDocument();
    const ledgerRow = screen
      .getByRole('link', { name: 'Ledger' })
      .closest('tr')!;
    // Without a title, the entity's name.
    expect(screen.getByRole('link', { name: 'inventory' })).toHaveAttribute(
      'href',
      '/catalog/default/component/inventory/readiness',
    );
    expect(within(ledgerRow).getByText('Done')).toBeInTheDocument();
  });

  it("filters the entities by a team's not-done ones and by status, on the server", async () => {
    const api = mockReadinessApi({
      getCampaign: jest.fn(async (_id, query) =>
        makeCampaignDetail({
          entities: {
            items: query?.status === 'done' ? [] : [makeCampaignEntity()],
            total: query?.status === 'done' ? 0 : 1,
            offset: 0,
            limit: 25,
          },
        }),
      ),
    });
    await renderWithApis(<CampaignDetail id="non-root" />, { api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the entities of group:default/payments not done yet',
      }),
    );
    await waitFor(() =>
      expect(api.getCampaign).toHaveBeenLastCalledWith(
        'non-root',
        expect.objectContaining({
          owner: 'group:default/payments',
          status: 'left',
          offset: 0,
        }),
      ),
    );
    expect(
      await screen.findByText('Team: group:default/payments'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Status Not done yet' }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Done' }));
    expect(
      await screen.findByText('No entity matches these filters'),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenLastCalledWith(
      'non-root',
      expect.objectContaining({
        owner: 'group:default/payments',
        status: 'done',
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() =>
      expect(api.getCampaign).toHaveBeenLastCalledWith(
        'non-root',
        expect.objectContaining({ owner: undefined, status: undefined }),
      ),
    );
  });

  it('pages through the entities on the server', async () => {
    const api = mockReadinessApi({
      getCampaign: jest.fn(async (_id, query) =>
        makeCampaignDetail({
          entities: {
            items: [
              makeCampaignEntity({
                entityRef: `component:default/svc-${query?.offset}`,
                title: `Service at ${query?.offset}`,
              }),
            ],
            total: 60,
            offset: query?.offset ?? 0,
            limit: query?.limit ?? 25,
          },
        }),
      ),
    });
    await renderWithApis(<CampaignDetail id="non-root" />, { api });
    expect(await screen.findByText('Service at 0')).toBeInTheDocument();
    expect(screen.getByText('1-25 of 60')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Service at 25')).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenLastCalledWith(
      'non-root',
      expect.objectContaining({ limit: 25, offset: 25 }),
    );
  });

  it('offers no archiving without the permission', async () => {
    const api = mockReadinessApi({
      getCampaign: async () => makeCampaignDetail(),
    });
    await renderWithApis(
      <CampaignDetail
        id="non-root"
        editLink="?tab=campaigns&campaign=non-root&form=edit"
      />,
      { api, permission: mockPermissionApi(false) },
    );
    await screen.findByText('Orders API');
    expect(
      screen.queryByRole('button', { name: 'Archive' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
  });
});

describe('Campaign management without the permission', () => {
  it('offers no New campaign on the list', async () => {
    const permission = mockPermissionApi(false);
    const api = mockReadinessApi({
      listCampaigns: async () => ({ items: [makeCampaignSummary()] }),
    });
    await renderWithApis(
      <CampaignList
        detailLink={detailLink}
        newLink="?tab=campaigns&form=new"
      />,
      { api, permission },
    );
    await screen.findByRole('link', { name: 'Containers run as non-root' });
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });

  it('shows no form at its link, and asks nothing of the backend', async () => {
    const api = mockReadinessApi({ getRules: jest.fn(async () => []) });
    await renderWithApis(<ReadinessCampaigns />, {
      api,
      routeEntries: ['/?tab=campaigns&form=new'],
    });
    expect(
      await screen.findByText('You are not allowed to manage campaigns'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(api.getRules).not.toHaveBeenCalled();
    expect(api.createCampaign).not.toHaveBeenCalled();
  });
});

describe('burnUpSummary', () => {
  it('describes the climb against the target', () => {
    expect(burnUpSummary([], 4, '2027-03-01')).toBe(
      'No progress recorded yet; target: all 4 by 2027-03-01.',
    );
    expect(
      burnUpSummary([{ date: '2027-01-05', done: 2 }], 4, '2027-03-01'),
    ).toBe('2 of 4 done on 2027-01-05; target: all 4 by 2027-03-01.');
    expect(
      burnUpSummary(
        [
          { date: '2027-01-03', done: 3 },
          { date: '2027-01-05', done: 1 },
        ],
        4,
        '2027-03-01',
      ),
    ).toBe(
      '1 of 4 done on 2027-01-05, 3 on 2027-01-03 (2 fewer); target: all 4 by 2027-03-01.',
    );
  });
});
