import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';

/**
 * What a campaign may require: the rule catalog and the categories (custom
 * ones included) the backend serves. Both are needed before the campaign
 * form can offer or check them.
 * @public
 */
export function useCampaignVocabulary() {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(async () => {
    const [rules, categories] = await Promise.all([
      api.getRules(),
      api.getCategories(),
    ]);
    return { rules, categories };
  }, [api]);
}

/** Values the catalog holds, offered while typing a campaign's scope. */
export interface CampaignSuggestions {
  groups: string[];
  systems: string[];
  kinds: string[];
  types: string[];
  lifecycles: string[];
  tags: string[];
}

const NO_SUGGESTIONS: CampaignSuggestions = {
  groups: [],
  systems: [],
  kinds: [],
  types: [],
  lifecycles: [],
  tags: [],
};

/**
 * Group and System refs and the kinds, types, lifecycles and tags of the
 * catalog, to suggest in the campaign form. Suggestions only: while they
 * load, or when the catalog cannot be asked, the fields take typed values.
 */
export function useCampaignSuggestions(): CampaignSuggestions {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const refsOf = async (kind: string) => {
      const { items } = await catalogApi.getEntities({
        filter: { kind },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      });
      return items.map(entity => stringifyEntityRef(entity)).sort();
    };
    const [groups, systems, facets] = await Promise.all([
      refsOf('Group').catch(() => []),
      refsOf('System').catch(() => []),
      catalogApi
        .getEntityFacets({
          facets: ['kind', 'spec.type', 'spec.lifecycle', 'metadata.tags'],
        })
        .then(response => response.facets)
        .catch(() => ({} as Record<string, { value: string }[]>)),
    ]);
    const facet = (name: string) =>
      (facets[name] ?? []).map(f => f.value).sort();
    return {
      groups,
      systems,
      kinds: facet('kind'),
      types: facet('spec.type'),
      lifecycles: facet('spec.lifecycle'),
      tags: facet('metadata.tags'),
    };
  }, [catalogApi]);
  return value ?? NO_SUGGESTIONS;
}
