import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { categoryTitle } from '@readiness/backstage-plugin-readiness-common';
import { useState } from 'react';
import type { BlockerSummary } from '../../api/types';
import { useBlockers, useCategories } from '../../hooks';
import { SeverityChip } from '../StatusChip';

const SHOWN = 5;

/**
 * The blocked entities of one rule, the first few at once. The API lists at most a page of them
 * (`count` counts all), so the rest are counted, not listed.
 */
function BlockedEntities(props: { entities: string[]; count: number }) {
  const { entities, count } = props;
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? entities : entities.slice(0, SHOWN);
  const unlisted = Math.max(0, count - entities.length);
  return (
    <Box>
      <Box
        component="ul"
        m={0}
        p={0}
        display="flex"
        flexWrap="wrap"
        gridGap={8}
        style={{ listStyle: 'none' }}
      >
        {shown.map(ref => (
          <li key={ref}>
            <EntityRefLink entityRef={ref} />
          </li>
        ))}
      </Box>
      {entities.length > SHOWN && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded && 'Show fewer'}
          {!expanded &&
            (unlisted > 0
              ? `Show ${entities.length} of ${count}`
              : `Show all ${entities.length}`)}
        </Button>
      )}
      {(expanded || entities.length <= SHOWN) && unlisted > 0 && (
        <Typography variant="caption" color="textSecondary">
          and {unlisted} more
        </Typography>
      )}
    </Box>
  );
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The board's columns; a category is titled from the backend's categories. */
const columnsFor = (
  categories: ReadonlyArray<{ id: string; title: string }>,
): TableColumn<BlockerSummary>[] => [
  {
    title: 'Rule',
    field: 'title',
    highlight: true,
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
    customSort: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  },
  {
    title: 'Category',
    field: 'category',
    render: row => categoryTitle(row.category, categories),
  },
  {
    title: 'Entities blocked',
    field: 'count',
    type: 'numeric',
    defaultSort: 'desc',
  },
  {
    title: 'Entities',
    field: 'entities',
    sorting: false,
    render: row => (
      <BlockedEntities entities={row.entities} count={row.count} />
    ),
  },
];

/**
 * The rules that block the most entities from production, with the entities.
 * @public
 */
export function ReadinessBlockersBoard() {
  const { loading, error, value } = useBlockers();
  const { categories } = useCategories();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No production blockers"
        description="No audited entity fails a critical or high rule."
      />
    );
  }
  return (
    <Table<BlockerSummary>
      title="Blockers board"
      subtitle="Rules that block the most entities from production"
      columns={columnsFor(categories)}
      data={value}
      options={{
        draggable: false,
        paging: value.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
    />
  );
}
