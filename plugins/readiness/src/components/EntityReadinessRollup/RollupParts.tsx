import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { RollupResponse } from '@readiness/backstage-plugin-readiness-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LeaderboardItem } from '../../api/types';
import {
  AverageScoreGauge,
  BandChip,
  BandCounts,
  SeverityChip,
} from '../StatusChip';
import { ChartFigure } from '../ChartFigure';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** Average score, band distribution and counts. */
export function RollupSummary(props: { rollup: RollupResponse }) {
  const { rollup } = props;
  const average = rollup.averageScore ?? 0;
  return (
    <Box display="flex" alignItems="center" gridGap={24} flexWrap="wrap">
      <AverageScoreGauge average={average} />
      <Box display="flex" flexDirection="column" gridGap={8}>
        <Typography variant="body2">
          {plural(rollup.scored, 'entity', 'entities')} scored
          {rollup.entities > rollup.scored
            ? ` of ${rollup.entities}`
            : ''} · {plural(rollup.blockers, 'blocker')} · {rollup.notReady} not
          ready
        </Typography>
        <BandCounts bands={rollup.bands} label="Entities per band" />
      </Box>
    </Box>
  );
}

/** The lowest-scored entities, each linked to its page. */
export function WorstEntityList(props: { items: LeaderboardItem[] }) {
  return (
    <List dense disablePadding aria-label="Lowest scores">
      {props.items.map(item => (
        <ListItem key={item.entityRef} disableGutters divider>
          <ListItemText
            primary={
              <EntityRefLink entityRef={item.entityRef} title={item.title} />
            }
            secondary={plural(item.blockers, 'blocker')}
          />
          <Box display="flex" alignItems="center" gridGap={8}>
            <Typography variant="body2">{item.score}</Typography>
            {item.band && <BandChip band={item.band} size="small" />}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}

const worstColumns: TableColumn<LeaderboardItem>[] = [
  {
    title: 'Entity',
    field: 'name',
    highlight: true,
    render: row => (
      <EntityRefLink entityRef={row.entityRef} title={row.title} />
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  { title: 'Score', field: 'score', type: 'numeric' },
  {
    title: 'Band',
    field: 'band',
    render: row => (row.band ? <BandChip band={row.band} /> : '—'),
  },
  { title: 'Blockers', field: 'blockers', type: 'numeric' },
];

/** The lowest-scored entities as a table. */
export function WorstEntityTable(props: { items: LeaderboardItem[] }) {
  return (
    <Table<LeaderboardItem>
      title="Lowest scores"
      columns={worstColumns}
      data={props.items}
      options={{
        paging: false,
        search: false,
        draggable: false,
        padding: 'dense',
      }}
    />
  );
}

/** The rules blocking the most entities. */
export function BlockerRuleList(props: {
  rules: RollupResponse['blockerRules'];
}) {
  if (props.rules.length === 0) {
    return <Typography variant="body2">No production blockers.</Typography>;
  }
  return (
    <List dense disablePadding aria-label="Blocking rules">
      {props.rules.map(rule => (
        <ListItem key={rule.ruleId} disableGutters divider>
          <ListItemText
            primary={rule.title}
            secondary={`${rule.ruleId} · blocks ${plural(
              rule.count,
              'entity',
              'entities',
            )}`}
          />
          <SeverityChip severity={rule.severity} />
        </ListItem>
      ))}
    </List>
  );
}

/** The rules failing in the most entities. */
export function FailingRuleList(props: {
  rules: RollupResponse['failingRules'];
}) {
  if (props.rules.length === 0) {
    return <Typography variant="body2">No failing rules.</Typography>;
  }
  return (
    <List dense disablePadding aria-label="Failing rules">
      {props.rules.map(rule => (
        <ListItem key={rule.ruleId} disableGutters divider>
          <ListItemText
            primary={rule.ruleId}
            secondary={`fails in ${plural(rule.count, 'entity', 'entities')}`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** A sentence describing the trend, for screen readers and as a caption. */
export function trendSummary(trend: RollupResponse['trend']): string {
  if (trend.length === 0) return 'No audit history yet.';
  const first = trend[0];
  const last = trend[trend.length - 1];
  if (trend.length === 1) {
    return `Average score ${last.averageScore} on ${last.date}.`;
  }
  const delta = last.averageScore - first.averageScore;
  let change = 'unchanged';
  if (delta > 0) change = `up ${delta} points`;
  else if (delta < 0) change = `down ${-delta} points`;
  return `Average score ${first.averageScore} on ${first.date}, ${last.averageScore} on ${last.date} (${change}).`;
}

/** The average score per day. */
export function RollupTrendChart(props: {
  trend: RollupResponse['trend'];
  height?: number;
}) {
  const { trend, height = 220 } = props;
  const theme = useTheme();
  const summary = trendSummary(trend);
  if (trend.length < 2) {
    return <Typography variant="body2">{summary}</Typography>;
  }
  return (
    <ChartFigure summary={summary} height={height}>
      <LineChart
        data={trend}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="date" />
        <YAxis domain={[0, 100]} allowDecimals={false} width={40} />
        <Tooltip />
        <Line
          type="monotone"
          dataKey="averageScore"
          name="Average score"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
