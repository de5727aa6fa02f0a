import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { RollupSummary, WorstEntityList } from './RollupParts';
import { useEntityRollup } from './useEntityRollup';

/** @public */
export interface EntityReadinessRollupCardProps {
  /** Path of the roll-up tab under the entity page; `readiness` by default. */
  tabPath?: string;
  /** How many of the lowest-scored entities to list; 3 by default. */
  worst?: number;
}

/**
 * Overview card of a Group, System or Domain: the average score of what it
 * holds, the band distribution, blockers and the lowest scores, linked.
 * @public
 */
export function EntityReadinessRollupCard(
  props: EntityReadinessRollupCardProps,
) {
  const { tabPath = 'readiness', worst = 3 } = props;
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const result = useEntityRollup({ worst, rules: 1, days: 1 });
  const deepLink = {
    title: 'View readiness roll-up',
    link: `${entityRoute(entityRouteParams(entity))}/${tabPath}`,
  };
  return (
    <InfoCard title="Production readiness" deepLink={deepLink}>
      {result.fallback ?? (
        <Box display="flex" flexDirection="column" gridGap={12}>
          <RollupSummary rollup={result.rollup} />
          <Typography variant="subtitle2" component="h3">
            Lowest scores
          </Typography>
          <WorstEntityList items={result.rollup.worst} />
        </Box>
      )}
    </InfoCard>
  );
}
