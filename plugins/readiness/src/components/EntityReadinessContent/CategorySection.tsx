import { Table, TableColumn } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  CategoryScore,
  RuleResult,
} from '@readiness/backstage-plugin-readiness-common';
import type { SourceRoot } from '../../helpers/sourceLinks';
import { BandChip, SeverityChip } from '../StatusChip';
import { FindingList } from './FindingList';
import { RuleStatusChip } from './RuleStatus';

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const STATUS_ORDER = {
  fail: 0,
  error: 1,
  pass: 2,
  'not-applicable': 3,
} as const;

/** Failing rules first, then by severity and title. */
export function sortResults(results: RuleResult[]): RuleResult[] {
  return [...results].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.title.localeCompare(b.title),
  );
}

/** The score, band and rule counts of every category. */
export function CategoryTable(props: { categories: CategoryScore[] }) {
  const columns: TableColumn<CategoryScore>[] = [
    { title: 'Category', field: 'title', highlight: true },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: row => (row.score === null ? '—' : row.score),
      customSort: (a, b) => (a.score ?? -1) - (b.score ?? -1),
    },
    {
      title: 'Band',
      field: 'band',
      render: row => <BandChip band={row.band} />,
      sorting: false,
    },
    {
      title: 'Rules passing',
      field: 'passed',
      render: row =>
        row.applicable === 0 ? '—' : `${row.passed} of ${row.applicable}`,
    },
    { title: 'Failing', field: 'failed', type: 'numeric' },
  ];
  return (
    <Table<CategoryScore>
      title="Categories"
      columns={columns}
      data={props.categories}
      options={{
        draggable: false,
        paging: false,
        search: false,
        padding: 'dense',
      }}
    />
  );
}

/** @public */
export interface CategorySectionProps {
  category: CategoryScore;
  results: RuleResult[];
  root: SourceRoot | undefined;
}

/** One category as an accordion: its parameter rows, with their findings. */
export function CategorySection(props: CategorySectionProps) {
  const { category, results, root } = props;
  const headingId = `readiness-category-${category.id}`;
  const columns: TableColumn<RuleResult>[] = [
    {
      title: 'Rule',
      field: 'title',
      render: row => (
        <Box minWidth={180}>
          <Typography variant="body2">{row.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {row.ruleId}
          </Typography>
        </Box>
      ),
    },
    {
      title: 'Severity',
      field: 'severity',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: row => <RuleStatusChip result={row} />,
    },
    {
      title: 'Findings',
      field: 'findings',
      sorting: false,
      render: row =>
        row.status === 'not-applicable' ? (
          <Typography variant="body2">{row.message ?? '—'}</Typography>
        ) : (
          <FindingList findings={row.findings} root={root} />
        ),
    },
  ];
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${headingId}-content`}
        id={headingId}
      >
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={12}>
          <Typography variant="h6" component="h3">
            {category.title}
          </Typography>
          <Typography variant="body1">
            {category.score === null ? '—' : `${category.score} / 100`}
          </Typography>
          <BandChip band={category.band} />
          <Typography variant="body2" color="textSecondary">
            {category.applicable === 0
              ? 'No applicable rule'
              : `${category.passed} of ${category.applicable} rules pass`}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${headingId}-content`}>
        <Box width="100%">
          <Table<RuleResult>
            columns={columns}
            data={sortResults(results)}
            options={{
              draggable: false,
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
          />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
