import {
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type { CampaignSummary } from '../../api/types';
import { requirementText } from '../../helpers';
import { useCampaignManagePermission, useCampaigns } from '../../hooks';
import { StatusChip } from '../StatusChip';
import { CampaignProgressBar } from './CampaignProgressBar';

/** @public */
export interface CampaignListProps {
  /** The link to a campaign's detail. */
  detailLink: (id: string) => string;
  /**
   * The link to the form creating a campaign; with it, users granted
   * `readiness.campaign.manage` get **New campaign**.
   */
  newLink?: string;
}

function columns(
  detailLink: CampaignListProps['detailLink'],
): TableColumn<CampaignSummary>[] {
  return [
    {
      title: 'Campaign',
      field: 'title',
      highlight: true,
      render: row => (
        <Box display="flex" alignItems="center" gridGap={8}>
          <Link to={detailLink(row.id)}>{row.title}</Link>
          {row.archived && (
            <StatusChip
              label="Archived"
              tone="neutral"
              description="no longer followed"
            />
          )}
        </Box>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row => (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ),
    },
    {
      title: 'Target date',
      field: 'targetDate',
      render: row => (
        <Box display="flex" alignItems="center" gridGap={8}>
          <Typography variant="body2" component="span">
            {row.targetDate}
          </Typography>
          {row.progress.overdue && (
            <StatusChip
              label="Overdue"
              tone="error"
              description={`the target date has passed with ${
                row.progress.entities - row.progress.done
              } not done`}
            />
          )}
        </Box>
      ),
    },
    {
      title: 'Progress',
      customSort: (a, b) => a.progress.percent - b.progress.percent,
      render: row => (
        <CampaignProgressBar
          done={row.progress.done}
          total={row.progress.entities}
          percent={row.progress.percent}
          label={row.title}
        />
      ),
    },
    {
      title: 'Requirement',
      sorting: false,
      render: row => requirementText(row.requirement),
    },
  ];
}

/**
 * The campaigns with their owner, target date, progress (overdue ones
 * marked); archived ones only when asked.
 * @public
 */
export function CampaignList(props: CampaignListProps) {
  const { detailLink, newLink } = props;
  const [includeArchived, setIncludeArchived] = useState(false);
  const { loading, error, value } = useCampaigns({ includeArchived });
  const permission = useCampaignManagePermission();
  const create =
    newLink && permission.allowed ? (
      <LinkButton to={newLink} variant="contained" color="primary" size="small">
        New campaign
      </LinkButton>
    ) : null;

  const toggle = (
    <FormControlLabel
      control={
        <Switch
          checked={includeArchived}
          onChange={(_event, checked) => setIncludeArchived(checked)}
          color="primary"
        />
      }
      label="Show archived"
    />
  );

  let content: JSX.Element;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={includeArchived ? 'No campaigns' : 'No campaigns under way'}
        description="A campaign sets a target (rules, categories or a minimum score) that a set of entities must meet by a date. Define them under readiness.campaigns in app-config.yaml, or create them through the API (POST /api/readiness/campaigns) with the readiness.campaign.manage permission."
      />
    );
  } else {
    content = (
      <Table<CampaignSummary>
        title="Campaigns"
        subtitle={`${value.items.length} ${
          value.items.length === 1 ? 'campaign' : 'campaigns'
        }`}
        columns={columns(detailLink)}
        data={value.items}
        isLoading={loading}
        options={{
          draggable: false,
          paging: false,
          search: false,
          padding: 'dense',
        }}
      />
    );
  }

  return (
    <Box>
      <Box
        display="flex"
        justifyContent="flex-end"
        alignItems="center"
        gridGap={16}
      >
        {toggle}
        {create}
      </Box>
      {content}
    </Box>
  );
}
