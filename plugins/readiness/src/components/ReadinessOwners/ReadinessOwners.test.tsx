import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadinessOwners } from './ReadinessOwners';
import {
  makeOwner,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

describe('ReadinessOwners', () => {
  it('shows progress while loading', async () => {
    await renderWithApis(<ReadinessOwners />, {
      api: mockReadinessApi({ getOwners: () => pending() }),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on failure', async () => {
    await renderWithApis(<ReadinessOwners />, {
      api: mockReadinessApi({
        getOwners: async () => {
          throw await responseError(500);
        },
      }),
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state without owners', async () => {
    await renderWithApis(<ReadinessOwners />, {
      api: mockReadinessApi({ getOwners: async () => [] }),
    });
    expect(await screen.findByText('No team roll-up yet')).toBeInTheDocument();
  });

  it('lists owners weakest first, with links and bands', async () => {
    const onSelectOwner = jest.fn();
    await renderWithApis(<ReadinessOwners onSelectOwner={onSelectOwner} />, {
      api: mockReadinessApi({
        getOwners: async () => [
          makeOwner({
            owner: 'group:default/platform',
            averageScore: 88.4,
            band: 'good',
          }),
          makeOwner({
            owner: 'group:default/payments',
            averageScore: 41,
            band: 'poor',
            notReady: 2,
          }),
        ],
      }),
    });
    const payments = await screen.findByRole('link', { name: 'payments' });
    expect(payments).toHaveAttribute('href', '/catalog/default/group/payments');
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText('payments')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Poor')).toBeInTheDocument();
    expect(within(rows[2]).getByText('88')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Good')).toBeInTheDocument();

    await userEvent.click(
      within(rows[1]).getByRole('button', { name: 'Show in the leaderboard' }),
    );
    expect(onSelectOwner).toHaveBeenCalledWith('group:default/payments');
  });
});
