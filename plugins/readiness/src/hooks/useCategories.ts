import { useApi } from '@backstage/core-plugin-api';
import { categoryCatalog } from '@readiness/backstage-plugin-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';

/**
 * The categories the backend scores, with their titles (custom ones
 * included). `categories` is the built-in list until the answer comes, or
 * when the backend cannot be asked, so that a filter or a title never waits
 * on it.
 * @public
 */
export function useCategories() {
  const api = useApi(readinessApiRef);
  const state = useAsyncRetry(() => api.getCategories(), [api]);
  return { ...state, categories: state.value ?? categoryCatalog() };
}
