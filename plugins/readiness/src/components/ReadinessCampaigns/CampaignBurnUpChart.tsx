import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CampaignSeriesPoint } from '../../api/types';
import { ChartFigure } from '../ChartFigure';

/** @public */
export interface CampaignBurnUpChartProps {
  /** Entities done per day, oldest first. */
  series: CampaignSeriesPoint[];
  /** The covered entities: the line the done ones climb to. */
  total: number;
  /** `YYYY-MM-DD`; marked on the chart when it falls in the window. */
  targetDate: string;
  height?: number;
}

const dayTime = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A sentence describing the burn-up, for screen readers and as a caption. */
export function burnUpSummary(
  series: CampaignSeriesPoint[],
  total: number,
  targetDate: string,
): string {
  const target = `target: all ${total} by ${targetDate}`;
  if (series.length === 0) return `No progress recorded yet; ${target}.`;
  const first = series[0];
  const last = series[series.length - 1];
  if (series.length === 1) {
    return `${last.done} of ${total} done on ${last.date}; ${target}.`;
  }
  const delta = last.done - first.done;
  let change = 'no change';
  if (delta > 0) change = `${delta} more`;
  else if (delta < 0) change = `${-delta} fewer`;
  return `${last.done} of ${total} done on ${last.date}, ${first.done} on ${first.date} (${change}); ${target}.`;
}

/**
 * The entities done per day against the entities covered (a burn-up), with
 * the target date marked when it is within the window or shortly after it.
 * @public
 */
export function CampaignBurnUpChart(props: CampaignBurnUpChartProps) {
  const { series, total, targetDate, height = 240 } = props;
  const theme = useTheme();
  const summary = burnUpSummary(series, total, targetDate);
  const points = series
    .map(point => ({ ...point, time: dayTime(point.date) }))
    .filter(point => !Number.isNaN(point.time));

  if (points.length < 2) {
    return <Typography variant="body2">{summary}</Typography>;
  }

  const first = points[0].time;
  const last = points[points.length - 1].time;
  // The target stretches the axis when it is no further ahead than the
  // window is long, so the remaining road shows without crushing the series.
  const target = dayTime(targetDate);
  const showTarget =
    !Number.isNaN(target) && target >= first && target <= last + (last - first);
  const end = showTarget ? Math.max(last, target) : last;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

  return (
    <ChartFigure summary={summary} height={height}>
      <LineChart
        data={points}
        margin={{ top: 16, right: 24, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={[first, end]}
          tickFormatter={iso}
          minTickGap={24}
        />
        <YAxis
          domain={[0, Math.max(total, 1)]}
          allowDecimals={false}
          width={40}
        />
        <Tooltip
          labelFormatter={(time: number) => iso(time)}
          formatter={(value: number) => [`${value} of ${total}`, 'Done']}
        />
        <ReferenceLine
          y={total}
          stroke={theme.palette.text.secondary}
          strokeDasharray="4 4"
          label={`Covered: ${total}`}
        />
        {showTarget && (
          <ReferenceLine
            x={target}
            stroke={theme.palette.error.main}
            strokeDasharray="4 4"
            label={`Target ${targetDate}`}
          />
        )}
        <Line
          type="stepAfter"
          dataKey="done"
          name="Done"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={points.length <= 31}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
