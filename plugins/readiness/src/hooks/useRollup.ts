import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef, type RollupQuery } from '../api/ReadinessApi';

/** The readiness roll-up of a Group, System or Domain. @public */
export function useRollup(entityRef: string, query: RollupQuery = {}) {
  const api = useApi(readinessApiRef);
  const { worst, rules, days } = query;
  return useAsyncRetry(
    () => api.getRollup(entityRef, { worst, rules, days }),
    [api, entityRef, worst, rules, days],
  );
}
