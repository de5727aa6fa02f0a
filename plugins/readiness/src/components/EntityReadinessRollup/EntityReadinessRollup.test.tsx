import type { Entity } from '@backstage/catalog-model';
import type { RollupResponse } from '@readiness/backstage-plugin-readiness-common';
import { screen, within } from '@testing-library/react';
import {
  makeLeaderboardItem,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityReadinessRollupCard } from './EntityReadinessRollupCard';
import { EntityReadinessRollupContent } from './EntityReadinessRollupContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'engineering', namespace: 'default' },
  spec: { type: 'department', children: [] },
};

function makeRollup(overrides: Partial<RollupResponse> = {}): RollupResponse {
  return {
    entityRef: 'group:default/engineering',
    entities: 4,
    scored: 3,
    averageScore: 48,
    band: 'poor',
    bands: { good: 1, 'needs-work': 0, poor: 1, critical: 1 },
    blockers: 3,
    notReady: 2,
    worst: [
      makeLeaderboardItem({
        entityRef: 'component:default/ledger',
        name: 'ledger',
        title: 'Ledger',
        score: 21,
        band: 'critical',
        blockers: 2,
      }),
      makeLeaderboardItem({ score: 45, band: 'poor' }),
    ],
    blockerRules: [
      {
        ruleId: 'security/committed-env-file',
        title: 'No committed .env file',
        severity: 'critical',
        category: 'security',
        count: 2,
      },
    ],
    failingRules: [{ ruleId: 'testing/has-tests', count: 3 }],
    trend: [
      { date: '2026-11-01', averageScore: 40, entities: 2 },
      { date: '2026-11-20', averageScore: 48, entities: 3 },
    ],
    ...overrides,
  };
}

const components = [
  ['card', <EntityReadinessRollupCard />],
  ['tab', <EntityReadinessRollupContent />],
] as const;

describe.each(components)('the roll-up %s', (_name, element) => {
  it('shows progress while loading', async () => {
    await renderWithApis(element, {
      api: mockReadinessApi({ getRollup: () => pending() }),
      entity: group,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on failure', async () => {
    await renderWithApis(element, {
      api: mockReadinessApi({
        getRollup: async () => {
          throw await responseError(500);
        },
      }),
      entity: group,
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state when nothing it holds is scored', async () => {
    await renderWithApis(element, {
      api: mockReadinessApi({
        getRollup: async () =>
          makeRollup({
            entities: 1,
            scored: 0,
            averageScore: null,
            band: null,
            bands: { good: 0, 'needs-work': 0, poor: 0, critical: 0 },
            worst: [],
            trend: [],
          }),
      }),
      entity: group,
    });
    expect(
      await screen.findByText('Nothing audited here yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/this group and its child groups own/),
    ).toBeInTheDocument();
  });

  it('shows the average, bands and the lowest scores, linked', async () => {
    const api = mockReadinessApi({ getRollup: async () => makeRollup() });
    await renderWithApis(element, { api, entity: group });
    expect(
      await screen.findByRole('img', { name: 'Average score 48 out of 100' }),
    ).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith(
      'group:default/engineering',
      expect.any(Object),
    );
    const bands = screen.getByRole('list', { name: 'Entities per band' });
    expect(within(bands).getByLabelText('Good: 1')).toBeInTheDocument();
    expect(within(bands).getByLabelText('Needs work: 0')).toBeInTheDocument();
    expect(within(bands).getByLabelText('Critical: 1')).toBeInTheDocument();
    expect(screen.getByText(/3 entities scored of 4/)).toHaveTextContent(
      '3 blockers · 2 not ready',
    );
    expect(screen.getByRole('link', { name: 'Ledger' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger',
    );
  });
});

describe('the roll-up tab', () => {
  it('lists blockers, failing rules and the trend', async () => {
    await renderWithApis(<EntityReadinessRollupContent days={30} />, {
      api: mockReadinessApi({ getRollup: async () => makeRollup() }),
      entity: group,
    });
    expect(
      await screen.findByText('No committed .env file'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('security/committed-env-file · blocks 2 entities'),
    ).toBeInTheDocument();
    expect(screen.getByText('testing/has-tests')).toBeInTheDocument();
    expect(screen.getByText('fails in 3 entities')).toBeInTheDocument();
    expect(screen.getByText('Average score, last 30 days')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Average score 40 on 2026-11-01, 48 on 2026-11-20 (up 8 points).',
      ),
    ).toBeInTheDocument();
  });

  it('links the card to the tab', async () => {
    await renderWithApis(<EntityReadinessRollupCard tabPath="scores" />, {
      api: mockReadinessApi({ getRollup: async () => makeRollup() }),
      entity: group,
    });
    expect(
      await screen.findByRole('link', { name: /View readiness roll-up/ }),
    ).toHaveAttribute('href', '/catalog/default/group/engineering/scores');
  });
});
