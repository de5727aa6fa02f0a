import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { EntityReadinessSummary } from '../api/types';
import { tallyReadiness, type ReadinessTally } from '../helpers/tally';

/** Summaries per request: the most the API gives. */
const PAGE = 10_000;

/**
 * The readiness of every scored entity the user can see, counted from the
 * API's summaries (read page by page until a short one): average score,
 * bands, entities with blockers, not production ready.
 * @public
 */
export function useOrgReadiness() {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(async (): Promise<ReadinessTally> => {
    const items: EntityReadinessSummary[] = [];
    for (;;) {
      const page = await api.getSummaries({
        limit: PAGE,
        offset: items.length,
      });
      items.push(...page);
      if (page.length < PAGE) return tallyReadiness(items);
    }
  }, [api]);
}
