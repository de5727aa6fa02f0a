import {
  EmptyState,
  InfoCard,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TablePagination from '@material-ui/core/TablePagination';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../../api/ReadinessApi';
import type {
  CampaignDetailQuery,
  CampaignDetailResponse,
  CampaignEntityProgress,
  CampaignTeamProgress,
} from '../../api/types';
import {
  CAMPAIGN_STATUSES,
  progressText,
  requirementText,
} from '../../helpers';
import { errorMessage, responseStatus } from '../../helpers/errors';
import { useCampaign, useCampaignManagePermission } from '../../hooks';
import { StatusChip } from '../StatusChip';
import { CampaignBurnUpChart } from './CampaignBurnUpChart';
import { CampaignProgressBar } from './CampaignProgressBar';

/** @public */
export interface CampaignDetailProps {
  id: string;
  /** The link back to the list of campaigns. */
  listLink?: string;
  /** The entity page's tab the entities link to (`readiness`). */
  tabPath?: string;
  /**
   * The link to the form changing the campaign; with it, users granted
   * `readiness.campaign.manage` get **Edit** on campaigns of the API.
   */
  editLink?: string;
}

type StatusFilter = NonNullable<CampaignDetailQuery['status']> | 'all';

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'left', label: 'Not done yet' },
  { value: 'not-done', label: CAMPAIGN_STATUSES['not-done'].label },
  { value: 'unscored', label: CAMPAIGN_STATUSES.unscored.label },
  { value: 'done', label: CAMPAIGN_STATUSES.done.label },
  { value: 'waived', label: CAMPAIGN_STATUSES.waived.label },
];

const PAGE_SIZES = [25, 50, 100];

function CampaignHeader(props: {
  campaign: CampaignDetailResponse;
  actions?: JSX.Element;
}) {
  const { campaign, actions } = props;
  const { progress } = campaign;
  return (
    <InfoCard title={campaign.title} subheader={`Campaign ${campaign.id}`}>
      <Box display="flex" flexDirection="column" gridGap={12}>
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <Typography variant="body2" component="span">
            Owner:{' '}
            <EntityRefLink entityRef={campaign.owner} defaultKind="group" />
          </Typography>
          <Typography variant="body2" component="span">
            · Target date: {campaign.targetDate}
          </Typography>
          {progress.overdue && (
            <StatusChip
              label="Overdue"
              tone="error"
              description={`the target date has passed with ${
                progress.entities - progress.done
              } not done`}
            />
          )}
          {campaign.archived && (
            <StatusChip
              label="Archived"
              tone="neutral"
              description="no longer followed"
            />
          )}
          {campaign.source === 'config' && (
            <Chip
              size="small"
              variant="outlined"
              label="From configuration"
              title="Defined in app-config; read-only through the API"
            />
          )}
        </Box>
        {campaign.description && (
          <Typography variant="body1">{campaign.description}</Typography>
        )}
        <Typography variant="body2">
          Requirement: {requirementText(campaign.requirement)}
        </Typography>
        <CampaignProgressBar
          done={progress.done}
          total={progress.entities}
          percent={progress.percent}
          label={campaign.title}
          width="100%"
        />
        <Typography variant="body2" color="textSecondary">
          {progressText(progress)}
          {progress.unscored > 0
            ? ` · ${progress.unscored} not audited yet`
            : ''}
        </Typography>
        {actions}
      </Box>
    </InfoCard>
  );
}

function teamColumns(
  onSelectOwner: (owner: string) => void,
): TableColumn<CampaignTeamProgress>[] {
  return [
    {
      title: 'Team',
      field: 'owner',
      highlight: true,
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          'No owner'
        ),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    { title: 'Done', field: 'done', type: 'numeric' },
    { title: 'By waiver', field: 'waived', type: 'numeric' },
    {
      title: 'Left',
      type: 'numeric',
      customSort: (a, b) => a.entities - a.done - (b.entities - b.done),
      render: row => row.entities - row.done,
    },
    {
      title: 'Progress',
      sorting: false,
      render: row => (
        <CampaignProgressBar
          done={row.done}
          total={row.entities}
          percent={
            row.entities === 0
              ? 100
              : Math.round((row.done / row.entities) * 100)
          }
          label={row.owner ?? 'No owner'}
          width={100}
        />
      ),
    },
    {
      title: '',
      sorting: false,
      render: row =>
        row.owner && row.entities > row.done ? (
          <Button
            size="small"
            onClick={() => onSelectOwner(row.owner!)}
            aria-label={`Show the entities of ${row.owner} not done yet`}
          >
            Show entities
          </Button>
        ) : null,
    },
  ];
}

function entityColumns(
  tabLink: (entityRef: string) => string,
): TableColumn<CampaignEntityProgress>[] {
  return [
    {
      title: 'Entity',
      field: 'entityRef',
      highlight: true,
      render: row => (
        <Link to={tabLink(row.entityRef)}>
          {row.title ?? parseEntityRef(row.entityRef).name}
        </Link>
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
    {
      title: 'Status',
      field: 'status',
      render: row => {
        const status = CAMPAIGN_STATUSES[row.status];
        return (
          <StatusChip
            label={status.label}
            tone={status.tone}
            description={status.description}
          />
        );
      },
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: row => (row.score === null ? '—' : row.score),
    },
    {
      title: 'Left',
      sorting: false,
      render: row => {
        if (row.rulesLeft.length > 0) return row.rulesLeft.join(', ');
        if (row.pointsLeft) return `${row.pointsLeft} points`;
        return '—';
      },
    },
    {
      title: 'Waived',
      sorting: false,
      render: row =>
        row.waivedRules.length > 0 ? row.waivedRules.join(', ') : '—',
    },
  ];
}

function ManageActions(props: {
  campaign: CampaignDetailResponse;
  onArchived: () => void;
  editLink?: string;
}) {
  const { campaign, onArchived, editLink } = props;
  const api = useApi(readinessApiRef);
  const permission = useCampaignManagePermission();
  const [state, archive] = useAsyncFn(async () => {
    await api.archiveCampaign(campaign.id);
    onArchived();
  }, [api, campaign.id, onArchived]);

  // Campaigns from configuration are read-only through the API.
  if (!permission.allowed || campaign.source !== 'api') return null;
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      {editLink && (
        <LinkButton to={editLink} variant="outlined" size="small">
          Edit
        </LinkButton>
      )}
      {!campaign.archived && (
        <Button
          variant="outlined"
          size="small"
          disabled={state.loading}
          onClick={() => archive()}
        >
          Archive
        </Button>
      )}
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          The campaign could not be archived: {errorMessage(state.error)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * A campaign: description, requirement and progress, the burn-up of its
 * daily series, the per-team table and its entities (filtered by status or
 * team, paged on the server), each linked to its Readiness tab.
 * @public
 */
export function CampaignDetail(props: CampaignDetailProps) {
  const { id, listLink, tabPath = 'readiness', editLink } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [owner, setOwner] = useState<string | undefined>();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  useEffect(() => setPage(0), [status, owner, id]);

  const { loading, error, value, retry } = useCampaign(id, {
    status: status === 'all' ? undefined : status,
    owner,
    limit: pageSize,
    offset: page * pageSize,
  });

  const back = listLink ? (
    <Box mb={2}>
      <Link to={listLink}>← All campaigns</Link>
    </Box>
  ) : null;

  if (loading && !value) {
    return (
      <>
        {back}
        <Progress />
      </>
    );
  }
  if (error) {
    return (
      <>
        {back}
        {responseStatus(error) === 404 ? (
          <EmptyState
            missing="info"
            title={`No campaign '${id}'`}
            description="It may have been removed from the configuration, or the link is wrong."
          />
        ) : (
          <ResponseErrorPanel error={error} />
        )}
      </>
    );
  }
  if (!value) return back;

  const tabLink = (entityRef: string) =>
    `${entityRoute(entityRouteParams(entityRef))}/${tabPath}`;
  const filtered = status !== 'all' || owner !== undefined;

  let entities: JSX.Element;
  if (value.progress.entities === 0) {
    entities = (
      <EmptyState
        missing="data"
        title="This campaign covers no entity you can see"
        description="Its scope matches no audited entity in the catalog, or none that you are allowed to see."
      />
    );
  } else if (value.entities.items.length === 0) {
    entities = (
      <EmptyState
        missing="data"
        title="No entity matches these filters"
        action={
          <Button
            variant="outlined"
            onClick={() => {
              setStatus('all');
              setOwner(undefined);
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  } else {
    entities = (
      <>
        <Table<CampaignEntityProgress>
          title="Entities"
          subtitle={`${value.entities.total} ${
            value.entities.total === 1 ? 'entity' : 'entities'
          }${filtered ? ' match' : ''}`}
          columns={entityColumns(tabLink)}
          data={value.entities.items}
          isLoading={loading}
          options={{
            draggable: false,
            paging: false,
            search: false,
            padding: 'dense',
          }}
        />
        <TablePagination
          component="div"
          count={value.entities.total}
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
    <>
      {back}
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <CampaignHeader
            campaign={value}
            actions={
              <ManageActions
                campaign={value}
                onArchived={retry}
                editLink={editLink}
              />
            }
          />
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Progress over time">
            <CampaignBurnUpChart
              series={value.series}
              total={value.progress.entities}
              targetDate={value.targetDate}
            />
          </InfoCard>
        </Grid>
        {value.teams.length > 0 && (
          <Grid item xs={12}>
            <Table<CampaignTeamProgress>
              title="Teams"
              columns={teamColumns(next => {
                setOwner(next);
                setStatus('left');
              })}
              data={value.teams}
              options={{
                draggable: false,
                paging: false,
                search: false,
                padding: 'dense',
              }}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" alignItems="center" gridGap={16} mb={1}>
            <TextField
              select
              id="readiness-campaign-status"
              label="Status"
              value={status}
              onChange={event => setStatus(event.target.value as StatusFilter)}
              variant="outlined"
              size="small"
              style={{ minWidth: 180 }}
            >
              {STATUS_FILTERS.map(option => (
                <MenuItem key={option.value} value={option.value}>
                  {option.label}
                </MenuItem>
              ))}
            </TextField>
            {owner && (
              <Chip
                label={`Team: ${owner}`}
                onDelete={() => setOwner(undefined)}
              />
            )}
          </Box>
          {entities}
        </Grid>
      </Grid>
    </>
  );
}
