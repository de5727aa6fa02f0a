import Paper from '@material-ui/core/Paper';
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
import type { AuditTransitions, ScorecardHistoryEntry } from '../../api/types';
import { verdictLabel } from '../../helpers/bands';
import { formatDate, formatDateTime } from '../../helpers/format';
import { TRANSITION_KINDS } from '../SinceLastAudit';
import { ChartFigure } from '../ChartFigure';

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
  /** What the audit changed against the one before, one line per kind. */
  changes: string[];
}

/** Rules a tooltip line names before it counts the rest. */
const NAMED_RULES = 4;

/**
 * The rule transitions of an audit as lines ("Newly failing: A, B"), in the
 * order the tab lists them, then the findings that came and went.
 */
export function transitionLines(transitions?: AuditTransitions): string[] {
  if (!transitions) return [];
  const lines = TRANSITION_KINDS.flatMap(kind => {
    const rules = transitions[kind.key];
    if (rules.length === 0) return [];
    const named = rules.slice(0, NAMED_RULES).map(r => r.title);
    const more = rules.length - named.length;
    return [
      `${kind.label}: ${named.join(', ')}${
        more > 0 ? ` and ${more} more` : ''
      }`,
    ];
  });
  const findings = transitions.findings;
  if (findings && (findings.added > 0 || findings.resolved > 0)) {
    lines.push(
      `Findings: ${findings.added} new, ${findings.resolved} resolved`,
    );
  }
  return lines;
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
      changes: transitionLines(entry.transitions),
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
  const changed = points.filter(point => point.changes.length > 0).length;
  return `Score history over ${points.length} audits: ${
    first.score
  } on ${formatDateTime(first.auditedAt)}, ${last.score} on ${formatDateTime(
    last.auditedAt,
  )} (${trend}).${
    changed > 0
      ? ` ${changed} ${
          changed === 1 ? 'audit changed' : 'audits changed'
        } rules or findings (the larger points).`
      : ''
  }`;
}

/** The tooltip of a point: its time, score, blockers and what it changed. */
export function HistoryTooltip(props: {
  active?: boolean;
  payload?: Array<{ payload?: Point }>;
}) {
  const point = props.payload?.[0]?.payload;
  if (!props.active || !point) return null;
  return (
    <Paper elevation={3} style={{ padding: 8, maxWidth: 360 }}>
      <Typography variant="subtitle2">
        {formatDateTime(point.auditedAt)}
      </Typography>
      <Typography variant="body2">
        Score {point.score} · {point.verdict} · {point.blockers} blocker
        {point.blockers === 1 ? '' : 's'}
      </Typography>
      {point.changes.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </Paper>
  );
}

/** A point's dot: larger and ringed when the audit changed something. */
export function ChangeDot(props: {
  cx?: number;
  cy?: number;
  payload?: Point;
  stroke?: string;
}) {
  const { cx, cy, payload, stroke } = props;
  if (cx === undefined || cy === undefined) return <g />;
  const changed = (payload?.changes.length ?? 0) > 0;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={changed ? 6 : 3}
      stroke={stroke}
      strokeWidth={changed ? 3 : 1}
      fill={changed ? '#fff' : stroke}
      data-changed={changed ? 'true' : undefined}
    />
  );
}

/**
 * The overall score over time, with the band thresholds as reference lines;
 * the audits that changed rules are marked, and their tooltip lists them.
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
    <ChartFigure summary={summary} height={height}>
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
        <Tooltip content={<HistoryTooltip />} />
        <Line
          yAxisId="score"
          type="monotone"
          dataKey="score"
          name="Score"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={dotProps => (
            <ChangeDot
              key={`${dotProps.key ?? dotProps.index}`}
              {...dotProps}
            />
          )}
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
    </ChartFigure>
  );
}
