import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import {
  BlockerRuleList,
  FailingRuleList,
  RollupSummary,
  RollupTrendChart,
  WorstEntityTable,
} from './RollupParts';
import { useEntityRollup } from './useEntityRollup';

/** @public */
export interface EntityReadinessRollupContentProps {
  /** How many of the lowest-scored entities to list; 10 by default. */
  worst?: number;
  /** How many blocking and failing rules to list; 5 by default. */
  rules?: number;
  /** Days of trend; 90 by default. */
  days?: number;
}

/**
 * The readiness tab of a Group, System or Domain: average and bands,
 * blockers, the lowest scores, the rules failing most and the trend.
 * @public
 */
export function EntityReadinessRollupContent(
  props: EntityReadinessRollupContentProps,
) {
  const { worst = 10, rules = 5, days = 90 } = props;
  const result = useEntityRollup({ worst, rules, days });
  if (result.fallback) return result.fallback;
  const { rollup } = result;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5}>
        <InfoCard title="Readiness roll-up">
          <RollupSummary rollup={rollup} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title={`Average score, last ${days} days`}>
          <RollupTrendChart trend={rollup.trend} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <WorstEntityTable items={rollup.worst} />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Blocking the most entities">
          <BlockerRuleList rules={rollup.blockerRules} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Failing in the most entities">
          <FailingRuleList rules={rollup.failingRules} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
