import { screen } from '@testing-library/react';
import { EntityReadinessCard } from './EntityReadinessCard';
import {
  makeEntity,
  makeScorecard,
  makeScorecardResponse,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import type { Blocker } from '@readiness/backstage-plugin-readiness-common';

const blocker = (n: number): Blocker => ({
  ruleId: `security/rule-${n}`,
  category: 'security',
  severity: n === 1 ? 'critical' : 'high',
  title: `Blocker ${n}`,
  findings: n,
});

describe('EntityReadinessCard', () => {
  it('shows progress while loading', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({ getScorecard: () => pending() }),
      entity: makeEntity(),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on failure', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () => {
          throw await responseError(500);
        },
      }),
      entity: makeEntity(),
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state for an entity without a scorecard', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () =>
          makeScorecardResponse({
            scorecard: null,
            auditedAt: null,
            history: [],
          }),
      }),
      entity: makeEntity(),
    });
    expect(await screen.findByText('Not audited yet')).toBeInTheDocument();
  });

  it('shows an empty state for an entity Readiness does not track', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () => {
          throw await responseError(404);
        },
      }),
      entity: makeEntity(),
    });
    expect(
      await screen.findByText('Not tracked by Readiness'),
    ).toBeInTheDocument();
  });

  it('shows score, verdict, the top three blockers and a link to the tab', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () =>
          makeScorecardResponse({
            scorecard: makeScorecard({
              score: 44,
              blockers: [1, 2, 3, 4].map(blocker),
            }),
          }),
      }),
      entity: makeEntity('orders-api'),
    });
    expect(
      await screen.findByRole('img', { name: 'Overall score 44 out of 100' }),
    ).toHaveTextContent('44');
    expect(screen.getByText('Not ready')).toBeInTheDocument();
    expect(screen.getByText('Top blockers (3 of 4)')).toBeInTheDocument();
    expect(screen.getByText('Blocker 1')).toBeInTheDocument();
    expect(screen.getByText('Blocker 3')).toBeInTheDocument();
    expect(screen.queryByText('Blocker 4')).not.toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View readiness review/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/readiness',
    );
  });

  it('says when there is no blocker', async () => {
    await renderWithApis(<EntityReadinessCard />, {
      api: mockReadinessApi({
        getScorecard: async () =>
          makeScorecardResponse({
            scorecard: makeScorecard({
              score: 91,
              verdict: 'production-ready',
              blockers: [],
            }),
          }),
      }),
      entity: makeEntity(),
    });
    expect(
      await screen.findByText('No production blockers'),
    ).toBeInTheDocument();
    expect(screen.getByText('Production ready')).toBeInTheDocument();
  });
});
