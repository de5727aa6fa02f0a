import { useApi } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../api/ReadinessApi';
import type { FixPullRequestResponse } from '../api/types';

/** Result of {@link useFixPullRequest}. @public */
export interface UseFixPullRequestResult {
  /** Opens the request; resolves once the backend answered. */
  open: (rules?: string[]) => Promise<void>;
  loading: boolean;
  /** The request opened. */
  value?: FixPullRequestResponse;
  error?: Error;
}

/**
 * Opens a pull or merge request with the suggested fixes of an entity.
 * @public
 */
export function useFixPullRequest(entityRef: string): UseFixPullRequestResult {
  const api = useApi(readinessApiRef);
  const [state, run] = useAsyncFn(
    async (rules?: string[]) =>
      api.openFixPullRequest(entityRef, rules ? { rules } : {}),
    [api, entityRef],
  );
  const open = useCallback(
    async (rules?: string[]) => {
      await run(rules);
    },
    [run],
  );
  return {
    open,
    loading: state.loading,
    value: state.error ? undefined : state.value,
    error: state.error,
  };
}
