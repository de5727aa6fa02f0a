import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadinessLeaderboard } from './ReadinessLeaderboard';
import {
  filtersToQuery,
  EMPTY_FILTERS,
  hasFilters,
  parseScore,
} from './filters';
import {
  makeLeaderboardItem,
  makeOwner,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { formatDateTime } from '../../helpers/format';

const items = [
  makeLeaderboardItem({
    entityRef: 'component:default/ledger',
    name: 'ledger',
    title: 'Ledger',
    score: 91,
    band: 'good',
    verdict: 'production-ready',
    blockers: 0,
  }),
  makeLeaderboardItem({ error: 'clone failed' }),
  makeLeaderboardItem({
    entityRef: 'component:default/fresh',
    name: 'fresh',
    title: undefined,
    score: null,
    band: null,
    verdict: null,
    auditedAt: null,
  }),
];

const owners = async () => [
  makeOwner(),
  makeOwner({ owner: 'group:default/platform' }),
];

describe('leaderboard filters', () => {
  it('turns the form into a backend query, clamping and ordering the score range', () => {
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({
      q: undefined,
      owner: undefined,
      kind: undefined,
      band: undefined,
      minScore: undefined,
      maxScore: undefined,
    });
    expect(
      filtersToQuery({
        q: ' orders ',
        owner: 'group:default/payments',
        kind: 'Component',
        band: 'poor',
        minScore: '80',
        maxScore: '150',
      }),
    ).toEqual({
      q: 'orders',
      owner: 'group:default/payments',
      kind: 'Component',
      band: 'poor',
      minScore: 80,
      maxScore: 100,
    });
    expect(
      filtersToQuery({ ...EMPTY_FILTERS, minScore: '70', maxScore: '40' }),
    ).toMatchObject({
      minScore: 40,
      maxScore: 70,
    });
  });

  it('parses score bounds', () => {
    expect(parseScore('')).toBeUndefined();
    expect(parseScore('abc')).toBeUndefined();
    expect(parseScore('-5')).toBe(0);
    expect(parseScore('42.6')).toBe(43);
    expect(parseScore('0')).toBe(0);
  });

  it('knows when a filter is set', () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, q: '  ' })).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, minScore: '0' })).toBe(true);
  });
});

describe('ReadinessLeaderboard', () => {
  it('shows progress while loading', async () => {
    await renderWithApis(<ReadinessLeaderboard />, {
      api: mockReadinessApi({
        getLeaderboard: () => pending(),
        getOwners: owners,
      }),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on failure', async () => {
    await renderWithApis(<ReadinessLeaderboard />, {
      api: mockReadinessApi({
        getLeaderboard: async () => {
          throw await responseError(500);
        },
        getOwners: owners,
      }),
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state before any audit', async () => {
    await renderWithApis(<ReadinessLeaderboard />, {
      api: mockReadinessApi({
        getLeaderboard: async () => ({ items: [], total: 0 }),
        getOwners: async () => [],
      }),
    });
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });

  it('ranks entities with links, bands, verdicts and audit errors', async () => {
    const api = mockReadinessApi({
      getLeaderboard: async () => ({ items, total: 3 }),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard />, { api });
    const ledger = await screen.findByRole('link', { name: 'Ledger' });
    expect(ledger).toHaveAttribute('href', '/catalog/default/component/ledger');
    expect(screen.getByText('3 entities')).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]).getByText('91')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Good')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Production ready')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Needs work')).toBeInTheDocument();
    expect(
      within(rows[3]).getByRole('link', { name: 'fresh' }),
    ).toBeInTheDocument();
    expect(within(rows[3]).getAllByText('—').length).toBeGreaterThanOrEqual(3);
    expect(
      within(rows[2]).getByRole('img', {
        name: 'Latest audit failed: clone failed',
      }),
    ).toBeInTheDocument();
    expect(api.getLeaderboard).toHaveBeenCalledWith(
      expect.objectContaining({
        orderBy: 'score',
        order: 'desc',
        limit: 25,
        offset: 0,
      }),
    );
  });

  it('marks an entity that waits for the SCM rate limit instead of its error', async () => {
    const until = '2026-12-03T10:04:00.000Z';
    const api = mockReadinessApi({
      getLeaderboard: async () => ({
        items: [
          makeLeaderboardItem({
            error: 'clone failed',
            waiting: { reason: 'scm-rate-limit', host: 'github.com', until },
          }),
        ],
        total: 1,
      }),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard />, { api });
    const rows = await screen.findAllByRole('row');
    expect(
      within(rows[1]).getByRole('img', {
        name: `Waiting for the SCM rate limit of github.com until ${formatDateTime(
          until,
        )}`,
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).queryByRole('img', { name: /Latest audit failed/ }),
    ).not.toBeInTheDocument();
  });

  it('queries the backend with the filters and shows an empty state with a way out', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest
        .fn()
        .mockResolvedValueOnce({ items, total: 3 })
        .mockResolvedValue({ items: [], total: 0 }),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard debounceMs={0} />, { api });
    await screen.findByRole('link', { name: 'Ledger' });

    await userEvent.type(screen.getByLabelText('Search'), 'zzz');
    expect(
      await screen.findByText('No entity matches these filters'),
    ).toBeInTheDocument();
    expect(api.getLeaderboard).toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'zzz' }),
    );

    fireEvent.change(screen.getByLabelText('Min score'), {
      target: { value: '50' },
    });
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'zzz', minScore: 50 }),
      ),
    );

    await userEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[1],
    );
    // The cleared filters are no longer sent.
    await waitFor(() => {
      const [last] = (api.getLeaderboard as jest.Mock).mock.lastCall;
      expect(last.q).toBeUndefined();
      expect(last.minScore).toBeUndefined();
      expect(last.orderBy).toBe('score');
    });
    expect(screen.getByLabelText('Search')).toHaveValue('');
  });

  it('filters by owner and band through the selects', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items, total: 3 })),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard debounceMs={0} />, { api });
    await screen.findByRole('link', { name: 'Ledger' });

    await userEvent.click(screen.getByLabelText('Owner'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/platform' }),
    );
    await userEvent.click(screen.getByLabelText('Band'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Poor (40–49)' }),
    );
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: 'group:default/platform',
          band: 'poor',
        }),
      ),
    );
  });

  it('offers the backend categories by title, a custom one included, and filters by one', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items, total: 3 })),
      getOwners: owners,
      getCategories: async () => [
        { id: 'security', title: 'Security', weight: 2 },
        {
          id: 'ml-pipeline',
          title: 'ML pipeline',
          weight: 1,
          custom: true,
        },
      ],
    });
    await renderWithApis(<ReadinessLeaderboard debounceMs={0} />, { api });
    await screen.findByRole('link', { name: 'Ledger' });

    await userEvent.click(screen.getByLabelText('Blocked in'));
    expect(
      await screen.findByRole('option', { name: 'Security' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'ML pipeline' }));
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ category: 'ml-pipeline' }),
      ),
    );
  });

  it('sorts on the server when a sortable header is clicked', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items, total: 3 })),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard />, { api });
    await screen.findByRole('link', { name: 'Ledger' });
    const header = (name: string) =>
      screen
        .getAllByRole('columnheader')
        .find(cell => cell.textContent === name)!
        .querySelector('[role="button"]') as HTMLElement;
    await userEvent.click(header('Entity'));
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'name', order: 'asc', offset: 0 }),
      ),
    );
    await userEvent.click(header('Entity'));
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'name', order: 'desc' }),
      ),
    );
    await userEvent.click(header('Audited'));
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'auditedAt', order: 'desc' }),
      ),
    );
  });

  it('pages through the results', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items, total: 60 })),
      getOwners: owners,
    });
    await renderWithApis(<ReadinessLeaderboard />, { api });
    await screen.findByRole('link', { name: 'Ledger' });
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 25, offset: 25 }),
      ),
    );
  });

  it('exports the rows shown as CSV', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWithApis(<ReadinessLeaderboard />, {
      api: mockReadinessApi({
        getLeaderboard: async () => ({ items, total: 3 }),
        getOwners: owners,
      }),
    });
    await screen.findByRole('link', { name: 'Ledger' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Export the rows shown as CSV' }),
    );
    expect(click).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const text = await blob.text();
    expect(text.split('\r\n')[1]).toMatch(/^component:default\/ledger,Ledger,/);
    click.mockRestore();
  });
});
