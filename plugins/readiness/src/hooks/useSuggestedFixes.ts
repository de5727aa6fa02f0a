import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { SuggestedFixesResponse } from '../api/types';

/** Result of {@link useSuggestedFixes}. @public */
export interface UseSuggestedFixesResult {
  loading: boolean;
  error?: Error;
  value?: SuggestedFixesResponse;
  retry: () => void;
}

/**
 * The changes the failing rules of an entity suggest, at its last audited
 * commit. Nothing is asked while `enabled` is false (e.g. nothing to fix).
 * @public
 */
export function useSuggestedFixes(
  entityRef: string,
  enabled = true,
): UseSuggestedFixesResult {
  const api = useApi(readinessApiRef);
  const state = useAsyncRetry(async () => {
    if (!enabled) return undefined;
    return api.getSuggestedFixes(entityRef);
  }, [api, entityRef, enabled]);
  return {
    loading: state.loading,
    error: state.error,
    value: state.value,
    retry: state.retry,
  };
}
