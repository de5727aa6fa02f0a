import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ListIcon from '@material-ui/icons/List';
import type { OwnerSummary } from '../../api/types';
import { useOwners } from '../../hooks';
import { BandChip } from '../StatusChip';

/** @public */
export interface ReadinessOwnersProps {
  /** Shows the owner's entities, e.g. in the leaderboard. */
  onSelectOwner?: (owner: string) => void;
}

const columns: TableColumn<OwnerSummary>[] = [
  {
    title: 'Owner',
    field: 'owner',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  { title: 'Entities', field: 'entities', type: 'numeric' },
  {
    title: 'Average score',
    field: 'averageScore',
    type: 'numeric',
    defaultSort: 'asc',
    render: row => Math.round(row.averageScore),
  },
  {
    title: 'Band',
    field: 'band',
    render: row => <BandChip band={row.band} />,
    customSort: (a, b) => a.averageScore - b.averageScore,
  },
  { title: 'Blockers', field: 'blockers', type: 'numeric' },
  { title: 'Not ready', field: 'notReady', type: 'numeric' },
];

/**
 * Readiness rolled up per owning team, weakest first.
 * @public
 */
export function ReadinessOwners(props: ReadinessOwnersProps) {
  const { onSelectOwner } = props;
  const { loading, error, value } = useOwners();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No team roll-up yet"
        description="Owners show up here once entities they own have been audited."
      />
    );
  }
  return (
    <Table<OwnerSummary>
      title="Teams"
      subtitle="Average score of the entities each owner is responsible for"
      columns={columns}
      data={value}
      options={{
        draggable: false,
        paging: value.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      actions={
        onSelectOwner
          ? [
              {
                icon: () => <ListIcon />,
                tooltip: 'Show in the leaderboard',
                onClick: (_event, row) => {
                  if (!Array.isArray(row)) onSelectOwner(row.owner);
                },
              },
            ]
          : undefined
      }
    />
  );
}
