import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/** Done out of total as a bar with its figures beside it. */
export function CampaignProgressBar(props: {
  done: number;
  total: number;
  percent: number;
  /** Read out with the figures, e.g. the campaign's title. */
  label: string;
  width?: number | string;
}) {
  const { done, total, percent, label, width = 160 } = props;
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Box width={width}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, Math.max(0, percent))}
          aria-label={`${label}: ${done} of ${total} done`}
        />
      </Box>
      <Typography variant="body2" component="span">
        {done}/{total} ({percent}%)
      </Typography>
    </Box>
  );
}
