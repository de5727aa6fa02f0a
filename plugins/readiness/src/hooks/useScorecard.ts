import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { EntityScorecardResponse } from '../api/types';
import { responseStatus } from '../helpers/errors';

/** Result of {@link useScorecard}. @public */
export interface UseScorecardResult {
  loading: boolean;
  error?: Error;
  /** undefined while loading, on error, and when Readiness does not know the entity. */
  value?: EntityScorecardResponse;
  /** True when Readiness does not track the entity (404). */
  notFound: boolean;
  retry: () => void;
}

/**
 * The latest scorecard of an entity. A 404 is not an error here: it means the
 * entity is not audited by Readiness and is reported as `notFound`.
 * @public
 */
export function useScorecard(entityRef: string): UseScorecardResult {
  const api = useApi(readinessApiRef);
  const state = useAsyncRetry(async () => {
    try {
      return { response: await api.getScorecard(entityRef), notFound: false };
    } catch (error) {
      if (responseStatus(error) === 404) {
        return { response: undefined, notFound: true };
      }
      throw error;
    }
  }, [api, entityRef]);
  return {
    loading: state.loading,
    error: state.error,
    value: state.value?.response,
    notFound: state.value?.notFound ?? false,
    retry: state.retry,
  };
}
