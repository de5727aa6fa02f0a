import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { LeaderboardQuery } from '../api/types';

/**
 * A page of the leaderboard for the given filters, sort and paging.
 * @public
 */
export function useLeaderboard(query: LeaderboardQuery) {
  const api = useApi(readinessApiRef);
  const {
    owner,
    kind,
    lifecycle,
    band,
    minScore,
    maxScore,
    q,
    orderBy,
    order,
    limit,
    offset,
  } = query;
  return useAsyncRetry(
    () =>
      api.getLeaderboard({
        owner,
        kind,
        lifecycle,
        band,
        minScore,
        maxScore,
        q,
        orderBy,
        order,
        limit,
        offset,
      }),
    [
      api,
      owner,
      kind,
      lifecycle,
      band,
      minScore,
      maxScore,
      q,
      orderBy,
      order,
      limit,
      offset,
    ],
  );
}
