import { useApi } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../api/ReadinessApi';
import { responseStatus } from '../helpers/errors';

/** Result of {@link useRefresh}. @public */
export interface UseRefreshResult {
  /** Queues a new audit; resolves once the backend accepted it. */
  refresh: () => Promise<void>;
  loading: boolean;
  /** True once a refresh was accepted. */
  queued: boolean;
  error?: Error;
  /** Set when the backend refused the refresh for lack of permission (403). */
  forbidden: boolean;
}

/**
 * Queues a re-audit of an entity's repository. `onQueued` runs after the
 * backend accepted it, e.g. to reload the scorecard.
 * @public
 */
export function useRefresh(
  entityRef: string,
  onQueued?: () => void,
): UseRefreshResult {
  const api = useApi(readinessApiRef);
  const [state, run] = useAsyncFn(async () => {
    await api.refresh(entityRef);
    onQueued?.();
    return true;
  }, [api, entityRef, onQueued]);
  const refresh = useCallback(async () => {
    await run();
  }, [run]);
  return {
    refresh,
    loading: state.loading,
    queued: state.value === true && !state.error,
    error: state.error,
    forbidden: responseStatus(state.error) === 403,
  };
}
