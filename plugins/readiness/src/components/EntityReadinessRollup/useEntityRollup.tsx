import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { RollupResponse } from '@readiness/backstage-plugin-readiness-common';
import type { RollupQuery } from '../../api/ReadinessApi';
import { useRollup } from '../../hooks';

/**
 * The roll-up of the entity on the page, or what to show instead of it:
 * progress, the error, or an empty state when nothing it holds is scored.
 */
export function useEntityRollup(
  query: RollupQuery,
):
  | { rollup: RollupResponse; fallback?: undefined }
  | { fallback: JSX.Element } {
  const { entity } = useEntity();
  const { loading, error, value } = useRollup(
    stringifyEntityRef(entity),
    query,
  );
  if (loading && !value) return { fallback: <Progress /> };
  if (error) return { fallback: <ResponseErrorPanel error={error} /> };
  if (!value || value.scored === 0) {
    return {
      fallback: (
        <EmptyState
          missing="data"
          title="Nothing audited here yet"
          description={`Readiness scores the components ${describeHolder(
            entity.kind,
          )}; none has a score yet.`}
        />
      ),
    };
  }
  return { rollup: value };
}

function describeHolder(kind: string): string {
  switch (kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return 'this group and its child groups own';
    case 'domain':
      return "this domain's systems hold";
    default:
      return 'this system holds';
  }
}
