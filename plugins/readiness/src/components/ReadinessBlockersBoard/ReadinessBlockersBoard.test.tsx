import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadinessBlockersBoard } from './ReadinessBlockersBoard';
import {
  makeBlockerSummary,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';

describe('ReadinessBlockersBoard', () => {
  it('shows progress while loading', async () => {
    await renderWithApis(<ReadinessBlockersBoard />, {
      api: mockReadinessApi({ getBlockers: () => pending() }),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on failure', async () => {
    await renderWithApis(<ReadinessBlockersBoard />, {
      api: mockReadinessApi({
        getBlockers: async () => {
          throw await responseError(500);
        },
      }),
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state without blockers', async () => {
    await renderWithApis(<ReadinessBlockersBoard />, {
      api: mockReadinessApi({ getBlockers: async () => [] }),
    });
    expect(
      await screen.findByText('No production blockers'),
    ).toBeInTheDocument();
  });

  it('ranks rules by blocked entities and links the entities', async () => {
    const many = Array.from(
      { length: 7 },
      (_, i) => `component:default/svc-${i}`,
    );
    await renderWithApis(<ReadinessBlockersBoard />, {
      api: mockReadinessApi({
        getBlockers: async () => [
          makeBlockerSummary(),
          makeBlockerSummary({
            ruleId: 'cicd/no-ci',
            title: 'Continuous integration configured',
            severity: 'high',
            category: 'cicd',
            count: 7,
            entities: many,
          }),
        ],
      }),
    });
    await screen.findByText('Blockers board');
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText('cicd/no-ci')).toBeInTheDocument();
    expect(within(rows[1]).getByText('CI/CD')).toBeInTheDocument();
    expect(within(rows[1]).getByText('High')).toBeInTheDocument();
    expect(within(rows[1]).getAllByRole('link')).toHaveLength(5);
    expect(
      within(rows[2]).getByRole('link', { name: 'orders-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');

    await userEvent.click(
      within(rows[1]).getByRole('button', { name: 'Show all 7' }),
    );
    expect(within(rows[1]).getAllByRole('link')).toHaveLength(7);
  });

  it('counts the blocked entities the API does not list', async () => {
    const listed = Array.from(
      { length: 100 },
      (_, i) => `component:default/svc-${i}`,
    );
    await renderWithApis(<ReadinessBlockersBoard />, {
      api: mockReadinessApi({
        getBlockers: async () => [
          makeBlockerSummary({ count: 150, entities: listed }),
        ],
      }),
    });
    await screen.findByText('Blockers board');
    const row = screen.getAllByRole('row')[1];
    expect(within(row).getByText('150')).toBeInTheDocument();
    await userEvent.click(
      within(row).getByRole('button', { name: 'Show 100 of 150' }),
    );
    expect(within(row).getAllByRole('link')).toHaveLength(100);
    expect(within(row).getByText('and 50 more')).toBeInTheDocument();
  });
});
