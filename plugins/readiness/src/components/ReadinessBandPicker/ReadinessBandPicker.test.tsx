import type { Entity } from '@backstage/catalog-model';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ReadinessBandPicker,
  type ReadinessEntityFilters,
} from './ReadinessBandPicker';
import { ReadinessFilter, readinessScoreOf } from './ReadinessFilter';

function entity(band?: string, score?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${band ?? 'none'}-${score ?? 'none'}`,
      labels: band ? { 'readiness.dev/band': band } : {},
      annotations: score ? { 'readiness.dev/score': score } : {},
    },
  };
}

describe('ReadinessFilter', () => {
  it('sends the bands to the catalog backend as a label query', () => {
    expect(
      new ReadinessFilter({ bands: ['poor', 'good'] }).getCatalogQuery(),
    ).toEqual({
      'metadata.labels.readiness.dev/band': { $in: ['good', 'poor'] },
    });
    expect(
      new ReadinessFilter({ minScore: 50 }).getCatalogQuery(),
    ).toBeUndefined();
  });

  it('filters entities by band label and score annotation', () => {
    const filter = new ReadinessFilter({
      bands: ['good', 'needs-work'],
      minScore: 60,
    });
    expect(filter.filterEntity(entity('good', '91'))).toBe(true);
    expect(filter.filterEntity(entity('needs-work', '60'))).toBe(true);
    expect(filter.filterEntity(entity('needs-work', '59'))).toBe(false);
    expect(filter.filterEntity(entity('poor', '99'))).toBe(false);
    expect(filter.filterEntity(entity(undefined, '99'))).toBe(false);
    expect(filter.filterEntity(entity('good'))).toBe(false);
    expect(new ReadinessFilter({ minScore: 0 }).filterEntity(entity())).toBe(
      false,
    );
    expect(
      new ReadinessFilter({ bands: ['good'] }).filterEntity(entity('good')),
    ).toBe(true);
  });

  it('round-trips through the query string', () => {
    const filter = new ReadinessFilter({
      bands: ['critical', 'good'],
      minScore: 75,
    });
    expect(filter.toQueryValue()).toEqual([
      'band:good',
      'band:critical',
      'min:75',
    ]);
    const parsed = ReadinessFilter.fromQueryValue(filter.toQueryValue());
    expect(parsed?.bands).toEqual(['good', 'critical']);
    expect(parsed?.minScore).toBe(75);
    expect(ReadinessFilter.fromQueryValue('band:poor')?.bands).toEqual([
      'poor',
    ]);
    expect(
      ReadinessFilter.fromQueryValue(['band:nope', 'min:x']),
    ).toBeUndefined();
    expect(ReadinessFilter.fromQueryValue(undefined)).toBeUndefined();
  });

  it('reads scores defensively', () => {
    expect(readinessScoreOf(entity('good', ' 80 '))).toBe(80);
    expect(readinessScoreOf(entity('good', 'n/a'))).toBeUndefined();
    expect(readinessScoreOf(entity('good', ''))).toBeUndefined();
  });
});

describe('ReadinessBandPicker', () => {
  function renderPicker(
    queryParameters: Record<string, string | string[]> = {},
  ) {
    const updateFilters = jest.fn();
    const result = renderInTestApp(
      <MockEntityListContextProvider<ReadinessEntityFilters>
        value={{ updateFilters, queryParameters }}
      >
        <ReadinessBandPicker />
      </MockEntityListContextProvider>,
    );
    const lastFilter = () =>
      updateFilters.mock.calls[updateFilters.mock.calls.length - 1][0]
        .readiness as ReadinessFilter | undefined;
    return { result, updateFilters, lastFilter };
  }

  it('sets no filter until something is chosen', async () => {
    const { updateFilters } = renderPicker();
    await waitFor(() =>
      expect(updateFilters).toHaveBeenCalledWith({ readiness: undefined }),
    );
    for (const name of [
      'Good (75–100)',
      'Needs work (50–74)',
      'Poor (40–49)',
      'Critical (0–39)',
    ]) {
      expect(await screen.findByRole('checkbox', { name })).not.toBeChecked();
    }
  });

  it('filters by the bands ticked and the minimum score', async () => {
    const { lastFilter } = renderPicker();
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Poor (40–49)' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Critical (0–39)' }),
    );
    await waitFor(() =>
      expect(lastFilter()?.bands).toEqual(['poor', 'critical']),
    );

    await userEvent.click(screen.getByLabelText('Minimum readiness score'));
    await userEvent.click(
      await screen.findByRole('option', { name: '40 or more' }),
    );
    await waitFor(() => expect(lastFilter()?.minScore).toBe(40));

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Poor (40–49)' }),
    );
    await waitFor(() => expect(lastFilter()?.bands).toEqual(['critical']));
  });

  it('restores its state from the URL', async () => {
    const { lastFilter } = renderPicker({ readiness: ['band:good', 'min:75'] });
    expect(
      await screen.findByRole('checkbox', { name: 'Good (75–100)' }),
    ).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Poor (40–49)' }),
    ).not.toBeChecked();
    await waitFor(() =>
      expect(lastFilter()?.toQueryValue()).toEqual(['band:good', 'min:75']),
    );
  });
});
