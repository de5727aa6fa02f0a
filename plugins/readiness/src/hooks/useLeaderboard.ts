import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { LeaderboardQuery } from '../api/types';

/**
 * A page of the leaderboard for the given filters, sort and paging. The
 * query is passed on whole, and fetched again only when its content changes.
 * @public
 */
export function useLeaderboard(query: LeaderboardQuery) {
  const api = useApi(readinessApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.getLeaderboard(JSON.parse(key) as LeaderboardQuery),
    [api, key],
  );
}
