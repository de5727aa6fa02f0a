import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef, type ReadinessApi } from '../api/ReadinessApi';
import type { LeaderboardItem } from '../api/types';
import {
  tallyReadiness,
  worstFirst,
  type ReadinessTally,
} from '../helpers/tally';

/** Leaderboard rows per request: the most the API gives. */
const PAGE = 500;

/** The readiness of what the signed-in user and their groups own. @public */
export interface MyServicesReadiness {
  /** The user's ownership refs (the user and their groups), lower-case. */
  owners: string[];
  /** Every owned entity Readiness knows, worst first; never-scored ones last. */
  services: LeaderboardItem[];
  tally: ReadinessTally;
  /**
   * Components the catalog says the user's refs own, asked only when
   * Readiness knows none of them (to tell "owns nothing" from "nothing
   * audited yet"); undefined when not asked or when the catalog failed.
   */
  ownedComponents?: number;
}

/** Every leaderboard row of one owner, scored or not, page by page. */
async function ownedBy(
  api: ReadinessApi,
  owner: string,
): Promise<LeaderboardItem[]> {
  const items: LeaderboardItem[] = [];
  for (;;) {
    const page = await api.getLeaderboard({
      owner,
      orderBy: 'score',
      order: 'asc',
      includeUnscored: true,
      limit: PAGE,
      offset: items.length,
    });
    items.push(...page.items);
    if (page.items.length < PAGE || items.length >= page.total) return items;
  }
}

/**
 * The signed-in user's services: their ownership refs
 * (`identityApi.getBackstageIdentity().ownershipEntityRefs`), each one's
 * entities from the leaderboard, merged worst first and counted.
 * @public
 */
export function useMyServicesReadiness() {
  const identityApi = useApi(identityApiRef);
  const readinessApi = useApi(readinessApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async (): Promise<MyServicesReadiness> => {
    const identity = await identityApi.getBackstageIdentity();
    const owners = [
      ...new Set(
        identity.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
      ),
    ];
    const lists = await Promise.all(
      owners.map(owner => ownedBy(readinessApi, owner)),
    );
    const services = worstFirst(lists.flat());
    const result: MyServicesReadiness = {
      owners,
      services,
      tally: tallyReadiness(services),
    };
    if (services.length === 0 && owners.length > 0) {
      result.ownedComponents = await catalogApi
        .queryEntities({
          filter: { kind: 'component', 'relations.ownedBy': owners },
          fields: ['metadata.name'],
          limit: 1,
        })
        .then(
          response => response.totalItems,
          () => undefined,
        );
    }
    return result;
  }, [identityApi, readinessApi, catalogApi]);
}
