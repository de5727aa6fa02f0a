import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';

/** The rules that block the most entities. @public */
export function useBlockers() {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(() => api.getBlockers(), [api]);
}
