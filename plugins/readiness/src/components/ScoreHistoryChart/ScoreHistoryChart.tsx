import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ScorecardHistoryEntry } from '../../api/types';
import { verdictLabel } from '../../helpers/bands';
import { formatDate, formatDateTime } from '../../helpers/format';

/** @public */
export interface ScoreHistoryChartProps {
  history: ScorecardHistoryEntry[];
  height?: number;
}

interface Point {
  time: number;
  score: number;
  blockers: number;
  verdict: string;
  auditedAt: string;
}

/** The points of a history, oldest first, invalid dates left out. */
export function historyPoints(history: ScorecardHistoryEntry[]): Point[] {
  return history
    .map(entry => ({
      time: Date.parse(entry.auditedAt),
      score: entry.score,
      blockers: entry.blockers,
      verdict: verdictLabel(entry.verdict),
      auditedAt: entry.auditedAt,
    }))
    .filter(point => !Number.isNaN(point.time))
    .sort((a, b) => a.time - b.time);
}

/** A sentence describing the trend, for screen readers. */
export function historySummary(points: Point[]): string {
  if (points.length === 0) return 'No audit history yet.';
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1) {
    return `One audit so far: score ${last.score} on ${formatDateTime(
      last.auditedAt,
    )}.`;
  }
  const delta = last.score - first.score;
  let trend = 'unchanged';
  if (delta > 0) trend = `up ${delta} points`;
  else if (delta < 0) trend = `down ${-delta} points`;
  return `Score history over ${points.length} audits: ${
    first.score
  } on ${formatDateTime(first.auditedAt)}, ${last.score} on ${formatDateTime(
    last.auditedAt,
  )} (${trend}).`;
}

/**
 * The overall score over time, with the band thresholds as reference lines.
 * @public
 */
export function ScoreHistoryChart(props: ScoreHistoryChartProps) {
  const { history, height = 260 } = props;
  const theme = useTheme();
  const points = historyPoints(history);
  const summary = historySummary(points);

  if (points.length < 2) {
    return <Typography variant="body2">{summary}</Typography>;
  }

  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={summary} style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(time: number) =>
                formatDate(new Date(time).toISOString())
              }
            />
            <YAxis
              yAxisId="score"
              domain={[0, 100]}
              allowDecimals={false}
              width={40}
            />
            <YAxis
              yAxisId="blockers"
              orientation="right"
              allowDecimals={false}
              width={32}
            />
            <ReferenceLine
              yAxisId="score"
              y={75}
              strokeDasharray="4 4"
              label="Good"
            />
            <ReferenceLine
              yAxisId="score"
              y={50}
              strokeDasharray="4 4"
              label="Needs work"
            />
            <ReferenceLine
              yAxisId="score"
              y={40}
              strokeDasharray="4 4"
              label="Poor"
            />
            <Tooltip
              labelFormatter={(time: number) =>
                formatDateTime(new Date(time).toISOString())
              }
              formatter={(value: number, name: string) => [value, name]}
            />
            <Line
              yAxisId="score"
              type="monotone"
              dataKey="score"
              name="Score"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
            <Line
              yAxisId="blockers"
              type="stepAfter"
              dataKey="blockers"
              name="Blockers"
              stroke={theme.palette.error.main}
              strokeDasharray="5 3"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Typography component="figcaption" variant="caption">
        {summary}
      </Typography>
    </figure>
  );
}
