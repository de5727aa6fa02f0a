import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { readinessCampaignManagePermission } from '@readiness/backstage-plugin-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api/ReadinessApi';
import type { CampaignDetailQuery } from '../api/types';

/**
 * The campaigns with their progress; archived ones only with
 * `includeArchived`.
 * @public
 */
export function useCampaigns(options: { includeArchived?: boolean } = {}) {
  const api = useApi(readinessApiRef);
  const { includeArchived = false } = options;
  return useAsyncRetry(
    () => api.listCampaigns({ includeArchived }),
    [api, includeArchived],
  );
}

/**
 * A campaign with its progress per team and over time, and a page of its
 * entities.
 * @public
 */
export function useCampaign(id: string, query: CampaignDetailQuery = {}) {
  const api = useApi(readinessApiRef);
  const { status, owner, limit, offset, days } = query;
  return useAsyncRetry(
    () => api.getCampaign(id, { status, owner, limit, offset, days }),
    [api, id, status, owner, limit, offset, days],
  );
}

/**
 * The campaigns an entity is in, with its standing in each. `version`
 * (e.g. the time of the latest audit) fetches again when it changes.
 * @public
 */
export function useEntityCampaigns(entityRef: string, version?: string | null) {
  const api = useApi(readinessApiRef);
  return useAsyncRetry(
    () => api.getEntityCampaigns(entityRef),
    [api, entityRef, version],
  );
}

/**
 * Whether the signed-in user may create, change and archive campaigns
 * (`readiness.campaign.manage`, a basic permission).
 * @public
 */
export function useCampaignManagePermission(): {
  loading: boolean;
  allowed: boolean;
  error?: Error;
} {
  return usePermission({ permission: readinessCampaignManagePermission });
}
