import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { scoreColour } from '../../helpers/bands';

/** An average score (0–100) as a small gauge in its band's colour, read as one image. */
export function AverageScoreGauge(props: { average: number }) {
  const { average } = props;
  return (
    <Box
      width={104}
      role="img"
      aria-label={`Average score ${average} out of 100`}
    >
      <Gauge
        value={average}
        fractional={false}
        max={100}
        unit=""
        size="small"
        getColor={({ value }) => scoreColour(value)}
      />
    </Box>
  );
}
