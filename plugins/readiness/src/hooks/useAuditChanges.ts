import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';

/**
 * What changed in an entity's readiness since the last audit. `version`
 * (e.g. the time of the latest audit) fetches again when it changes.
 * @public
 */
export function useAuditChanges(entityRef: string, version?: string | null) {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(
    () => api.getChanges(entityRef),
    [api, entityRef, version],
  );
}
