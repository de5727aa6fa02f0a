import {
  EntityReadinessCard,
  EntityReadinessContent,
  ReadinessBandPicker,
  ReadinessLeaderboardPage,
  readinessPlugin,
} from './plugin';
import { readinessApiRef } from './api/ReadinessApi';
import { screen } from '@testing-library/react';
import {
  makeEntity,
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
});
