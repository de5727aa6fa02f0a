import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadinessLeaderboardPage } from './ReadinessLeaderboardPage';
import {
  makeBlockerSummary,
  makeCampaignDetail,
  makeCampaignSummary,
  makeLeaderboardItem,
  makeOwner,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

function fullApi() {
  return mockReadinessApi({
    getLeaderboard: jest.fn(async () => ({
      items: [makeLeaderboardItem()],
      total: 1,
    })),
    getOwners: async () => [makeOwner()],
    getBlockers: async () => [makeBlockerSummary()],
  });
}

describe('ReadinessLeaderboardPage', () => {
  it('shows progress while the leaderboard loads', async () => {
    await renderWithApis(<ReadinessLeaderboardPage />, {
      api: mockReadinessApi({
        getLeaderboard: () => pending(),
        getOwners: () => pending(),
      }),
    });
    expect(screen.getByText('Readiness')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel when the leaderboard fails', async () => {
    await renderWithApis(<ReadinessLeaderboardPage />, {
      api: mockReadinessApi({
        getLeaderboard: async () => {
          throw await responseError(503);
        },
        getOwners: async () => [],
      }),
    });
    expect(
      await screen.findByText(/Request failed with 503/),
    ).toBeInTheDocument();
  });

  it('shows the empty state before any audit', async () => {
    await renderWithApis(<ReadinessLeaderboardPage />, {
      api: mockReadinessApi({
        getLeaderboard: async () => ({ items: [], total: 0 }),
        getOwners: async () => [],
      }),
    });
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });

  it('switches between leaderboard, teams and blockers board with the keyboard', async () => {
    await renderWithApis(<ReadinessLeaderboardPage />, { api: fullApi() });
    expect(
      await screen.findByRole('link', { name: 'Orders API' }),
    ).toBeInTheDocument();

    const tabs = screen.getByRole('tablist', { name: 'Readiness views' });
    const leaderboardTab = within(tabs).getByRole('tab', {
      name: 'Leaderboard',
    });
    expect(leaderboardTab).toHaveAttribute('aria-selected', 'true');

    await userEvent.click(within(tabs).getByRole('tab', { name: 'Teams' }));
    expect(
      await screen.findByText('Teams', { selector: 'h2, h5, h6' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAttribute(
      'aria-labelledby',
      'readiness-tab-teams',
    );

    within(tabs).getByRole('tab', { name: 'Teams' }).focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');
    expect(
      await screen.findByText('Blockers board', { selector: 'h2, h5, h6' }),
    ).toBeInTheDocument();
  });

  it('opens the leaderboard filtered by an owner from the team roll-up', async () => {
    const api = fullApi();
    await renderWithApis(<ReadinessLeaderboardPage />, { api });
    await screen.findByRole('link', { name: 'Orders API' });
    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show in the leaderboard' }),
    );
    expect(screen.getByRole('tab', { name: 'Leaderboard' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ owner: 'group:default/payments' }),
      ),
    );
  });

  it('lists the campaigns in their tab, opens one and goes back to the list', async () => {
    const api = mockReadinessApi({
      getLeaderboard: async () => ({
        items: [makeLeaderboardItem()],
        total: 1,
      }),
      getOwners: async () => [makeOwner()],
      listCampaigns: async () => ({ items: [makeCampaignSummary()] }),
      getCampaign: async () => makeCampaignDetail(),
    });
    await renderWithApis(<ReadinessLeaderboardPage />, { api });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Campaigns' }),
    );
    await userEvent.click(
      await screen.findByRole('link', { name: 'Containers run as non-root' }),
    );
    expect(
      await screen.findByText(
        'Every production container drops root before it starts.',
      ),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith(
      'non-root',
      expect.objectContaining({ offset: 0 }),
    );
    expect(screen.getByRole('tab', { name: 'Campaigns' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(
      screen.getByRole('link', { name: '← All campaigns' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Containers run as non-root' }),
    ).toBeInTheDocument();

    // Another tab forgets the campaign shown.
    await userEvent.click(
      await screen.findByRole('link', { name: 'Containers run as non-root' }),
    );
    await screen.findByText('← All campaigns');
    await userEvent.click(screen.getByRole('tab', { name: 'Blockers board' }));
    await userEvent.click(screen.getByRole('tab', { name: 'Campaigns' }));
    expect(
      await screen.findByRole('link', { name: 'Containers run as non-root' }),
    ).toBeInTheDocument();
  });
});
