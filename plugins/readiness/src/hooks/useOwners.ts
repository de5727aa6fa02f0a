import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';

/** The readiness roll-up per owner. @public */
export function useOwners() {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(() => api.getOwners(), [api]);
}
