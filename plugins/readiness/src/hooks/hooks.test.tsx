import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { readinessApiRef, type ReadinessApi } from '../api/ReadinessApi';
import {
  makeScorecardResponse,
  mockReadinessApi,
  responseError,
} from '../__testUtils__/fixtures';
import { useLeaderboard } from './useLeaderboard';
import { useRefresh } from './useRefresh';
import { useScorecard } from './useScorecard';

function wrapperFor(api: ReadinessApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[readinessApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
}

describe('useScorecard', () => {
  it('returns the scorecard', async () => {
    const response = makeScorecardResponse();
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => response),
    });
    const { result } = renderHook(() => useScorecard('component:default/a'), {
      wrapper: wrapperFor(api),
    });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toBe(response);
    expect(result.current.notFound).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('reports a 404 as notFound, not as an error', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => {
        throw await responseError(404);
      }),
    });
    const { result } = renderHook(() => useScorecard('component:default/a'), {
      wrapper: wrapperFor(api),
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.notFound).toBe(true);
    expect(result.current.error).toBeUndefined();
  });

  it('reports other failures as errors', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => {
        throw await responseError(500);
      }),
    });
    const { result } = renderHook(() => useScorecard('component:default/a'), {
      wrapper: wrapperFor(api),
    });
    await waitFor(() => expect(result.current.error).toBeDefined());
    expect(result.current.notFound).toBe(false);
  });
});

describe('useLeaderboard', () => {
  it('refetches when a filter changes', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items: [], total: 0 })),
    });
    const { rerender } = renderHook(
      (props: { band?: 'good' | 'poor' }) =>
        useLeaderboard({ band: props.band, limit: 10 }),
      { wrapper: wrapperFor(api), initialProps: { band: 'good' } },
    );
    await waitFor(() => expect(api.getLeaderboard).toHaveBeenCalledTimes(1));
    rerender({ band: 'good' });
    rerender({ band: 'poor' });
    await waitFor(() => expect(api.getLeaderboard).toHaveBeenCalledTimes(2));
    expect(api.getLeaderboard).toHaveBeenLastCalledWith(
      expect.objectContaining({ band: 'poor', limit: 10 }),
    );
  });

  it('passes every field of the query on, includeUnscored among them', async () => {
    const api = mockReadinessApi({
      getLeaderboard: jest.fn(async () => ({ items: [], total: 0 })),
    });
    renderHook(
      () =>
        useLeaderboard({
          owner: 'group:default/payments',
          includeUnscored: true,
          orderBy: 'score',
          order: 'asc',
        }),
      { wrapper: wrapperFor(api) },
    );
    await waitFor(() => expect(api.getLeaderboard).toHaveBeenCalledTimes(1));
    expect(api.getLeaderboard).toHaveBeenCalledWith({
      owner: 'group:default/payments',
      includeUnscored: true,
      orderBy: 'score',
      order: 'asc',
    });
  });
});

describe('useRefresh', () => {
  it('queues a refresh and calls back', async () => {
    const onQueued = jest.fn();
    const api = mockReadinessApi({
      refresh: jest.fn(async () => ({ status: 'queued' })),
    });
    const { result } = renderHook(
      () => useRefresh('component:default/a', onQueued),
      {
        wrapper: wrapperFor(api),
      },
    );
    await act(() => result.current.refresh());
    expect(result.current.queued).toBe(true);
    expect(onQueued).toHaveBeenCalledTimes(1);
  });

  it('flags a 403 as forbidden without throwing', async () => {
    const onQueued = jest.fn();
    const api = mockReadinessApi({
      refresh: jest.fn(async () => {
        throw await responseError(403);
      }),
    });
    const { result } = renderHook(
      () => useRefresh('component:default/a', onQueued),
      {
        wrapper: wrapperFor(api),
      },
    );
    await act(() => result.current.refresh());
    expect(result.current.forbidden).toBe(true);
    expect(result.current.queued).toBe(false);
    expect(onQueued).not.toHaveBeenCalled();
  });
});
