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
import TablePagination from '@material-ui/core/TablePagination';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ErrorIcon from '@material-ui/icons/Error';
import GetAppIcon from '@material-ui/icons/GetApp';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import type { LeaderboardItem, LeaderboardOrderBy } from '../../api/types';
import { leaderboardToCsv } from '../../helpers/csv';
import { saveTextFile } from '../../helpers/download';
import { formatDateTime, waitingText } from '../../helpers/format';
import { useCategories, useLeaderboard, useOwners } from '../../hooks';
import { BandChip, VerdictChip } from '../StatusChip';
import {
  EMPTY_FILTERS,
  filtersToQuery,
  hasFilters,
  LeaderboardFilters,
} from './filters';
import { LeaderboardFilterBar } from './LeaderboardFilterBar';

/** Columns the backend can sort by, in the order they are shown. */
const SORTABLE: Record<string, LeaderboardOrderBy> = {
  name: 'name',
  owner: 'owner',
  score: 'score',
  auditedAt: 'auditedAt',
};

const PAGE_SIZES = [10, 25, 50, 100];

/** @public */
export interface ReadinessLeaderboardProps {
  /** Controlled filters; the component keeps its own when not given. */
  filters?: LeaderboardFilters;
  onFiltersChange?: (filters: LeaderboardFilters) => void;
  /** Delay before typing triggers a new query. */
  debounceMs?: number;
}

/** Keeps the server's order: sorting happens in the backend. */
const keepOrder = () => 0;

function buildColumns(
  orderBy: LeaderboardOrderBy,
  order: 'asc' | 'desc',
): TableColumn<LeaderboardItem>[] {
  const sortFor = (field: string) =>
    SORTABLE[field] === orderBy ? order : undefined;
  return [
    {
      title: 'Entity',
      field: 'name',
      highlight: true,
      customSort: keepOrder,
      defaultSort: sortFor('name'),
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>
          {row.title ?? row.name}
        </EntityRefLink>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      customSort: keepOrder,
      defaultSort: sortFor('owner'),
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '—'
        ),
    },
    { title: 'Kind', field: 'kind', sorting: false },
    {
      title: 'Lifecycle',
      field: 'lifecycle',
      sorting: false,
      render: row => row.lifecycle ?? '—',
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      customSort: keepOrder,
      defaultSort: sortFor('score'),
      render: row => row.score ?? '—',
    },
    {
      title: 'Band',
      field: 'band',
      sorting: false,
      render: row => (row.band ? <BandChip band={row.band} /> : '—'),
    },
    {
      title: 'Verdict',
      field: 'verdict',
      sorting: false,
      render: row =>
        row.verdict ? <VerdictChip verdict={row.verdict} /> : '—',
    },
    { title: 'Blockers', field: 'blockers', type: 'numeric', sorting: false },
    {
      title: 'Audited',
      field: 'auditedAt',
      customSort: keepOrder,
      defaultSort: sortFor('auditedAt'),
      render: row => (
        <Box display="flex" alignItems="center" gridGap={4}>
          {formatDateTime(row.auditedAt)}
          {row.waiting && (
            <Tooltip title={waitingText(row.waiting)}>
              <HourglassEmptyIcon
                color="action"
                fontSize="small"
                titleAccess={waitingText(row.waiting)}
              />
            </Tooltip>
          )}
          {row.error && !row.waiting && (
            <Tooltip title={`Latest audit failed: ${row.error}`}>
              <ErrorIcon
                color="error"
                fontSize="small"
                titleAccess={`Latest audit failed: ${row.error}`}
              />
            </Tooltip>
          )}
        </Box>
      ),
    },
  ];
}

/**
 * Every audited entity, ranked: filters, server-side sorting and paging, and
 * CSV export of the rows on screen.
 * @public
 */
export function ReadinessLeaderboard(props: ReadinessLeaderboardProps) {
  const { debounceMs = 300 } = props;
  const [ownFilters, setOwnFilters] = useState<LeaderboardFilters>(
    props.filters ?? EMPTY_FILTERS,
  );
  const filters = props.filters ?? ownFilters;
  const [queryFilters, setQueryFilters] = useState(filters);
  const [orderBy, setOrderBy] = useState<LeaderboardOrderBy>('score');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);

  useDebounce(() => setQueryFilters(filters), debounceMs, [filters]);
  useEffect(() => setPage(0), [queryFilters]);

  const { loading, error, value } = useLeaderboard({
    ...filtersToQuery(queryFilters),
    orderBy,
    order,
    limit: pageSize,
    offset: page * pageSize,
  });
  const owners = useOwners();
  const { categories } = useCategories();

  const changeFilters = (next: LeaderboardFilters) => {
    setOwnFilters(next);
    props.onFiltersChange?.(next);
  };

  const columns = buildColumns(orderBy, order);
  // The table reports clicks; the direction is decided here so that a new
  // column starts with its natural order and a second click reverses it.
  const onOrderChange = (columnIndex: number) => {
    const field = columns[columnIndex]?.field;
    const next = typeof field === 'string' ? SORTABLE[field] : undefined;
    setPage(0);
    if (!next) {
      setOrderBy('score');
      setOrder('desc');
    } else if (next === orderBy) {
      setOrder(order === 'asc' ? 'desc' : 'asc');
    } else {
      setOrderBy(next);
      setOrder(next === 'name' || next === 'owner' ? 'asc' : 'desc');
    }
  };

  const filterBar = (
    <LeaderboardFilterBar
      filters={filters}
      onChange={changeFilters}
      owners={(owners.value ?? []).map(owner => owner.owner)}
      categories={categories}
    />
  );

  let results: JSX.Element;
  if (loading && !value) {
    results = <Progress />;
  } else if (error) {
    results = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    results = hasFilters(queryFilters) ? (
      <EmptyState
        missing="data"
        title="No entity matches these filters"
        action={
          <Button
            variant="outlined"
            onClick={() => changeFilters(EMPTY_FILTERS)}
          >
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="data"
        title="No scorecards yet"
        description="Entities show up here once Readiness has audited their repository."
      />
    );
  } else {
    const items = value.items;
    results = (
      <>
        <Table<LeaderboardItem>
          title="Leaderboard"
          subtitle={`${value.total} entit${value.total === 1 ? 'y' : 'ies'}`}
          columns={columns}
          data={items}
          isLoading={loading}
          onOrderChange={onOrderChange}
          options={{
            draggable: false,
            paging: false,
            search: false,
            padding: 'dense',
            thirdSortClick: false,
          }}
          actions={[
            {
              icon: () => <GetAppIcon />,
              tooltip: 'Export the rows shown as CSV',
              isFreeAction: true,
              onClick: () =>
                saveTextFile(
                  'readiness-leaderboard.csv',
                  leaderboardToCsv(items),
                  'text/csv;charset=utf-8',
                ),
            },
          ]}
        />
        <TablePagination
          component="div"
          count={value.total}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      </>
    );
  }

  return (
    <Box>
      {filterBar}
      <Typography variant="srOnly" role="status" aria-live="polite">
        {value && !loading
          ? `${value.total} ${
              value.total === 1 ? 'entity matches' : 'entities match'
            }`
          : ''}
      </Typography>
      {results}
    </Box>
  );
}
