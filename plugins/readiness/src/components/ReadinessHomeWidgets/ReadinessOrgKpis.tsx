import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { plural } from '../../helpers/tally';
import { useOrgReadiness } from '../../hooks/useOrgReadiness';
import { AverageScoreGauge, BandCounts } from '../StatusChip';

/** @public */
export interface ReadinessOrgKpisProps {
  /** Where the leaderboard page is; no link when not given. */
  leaderboardLink?: string;
}

/**
 * The organisation's readiness at a glance, over every scored entity the
 * user can see: average score, how many fall in each band, how many have
 * production blockers and how many are not production ready. The content of
 * the "Organisation readiness" home page widget.
 * @public
 */
export function ReadinessOrgKpis(props: ReadinessOrgKpisProps) {
  const { leaderboardLink } = props;
  const { loading, error, value } = useOrgReadiness();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.scored === 0 || value.averageScore === null) {
    return (
      <EmptyState
        missing="data"
        title="Nothing audited yet"
        description="Readiness scores every catalog component whose repository it can read, on a schedule; the figures show here after the first audits."
      />
    );
  }

  const average = value.averageScore;
  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <Box display="flex" alignItems="center" gridGap={24} flexWrap="wrap">
        <AverageScoreGauge average={average} />
        <Box display="flex" flexDirection="column" gridGap={8}>
          <Typography variant="body2">
            {plural(value.scored, 'service')} scored · {value.withBlockers} with
            blockers · {value.notProductionReady} not production ready
          </Typography>
          <BandCounts bands={value.bands} label="Services per band" />
        </Box>
      </Box>
      {leaderboardLink && (
        <Typography variant="body2">
          <Link to={leaderboardLink}>View the leaderboard</Link>
        </Typography>
      )}
    </Box>
  );
}
