import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { EntityCampaign } from '../../api/types';
import {
  CAMPAIGN_STATUSES,
  entityCampaignText,
  TONE_COLOURS,
} from '../../helpers';
import { useEntityCampaigns } from '../../hooks';
import {
  campaignLink,
  useReadinessPageLink,
} from '../../hooks/useReadinessPageLink';
import { StatusChip } from '../StatusChip';

/** @public */
export interface EntityCampaignsProps {
  entityRef: string;
  /** The latest audit's time: the campaigns are fetched again when it changes. */
  auditedAt?: string | null;
  /** Rule titles by id, to name the rules left; ids are shown otherwise. */
  ruleTitles?: ReadonlyMap<string, string>;
}

function CampaignItem(props: {
  campaign: EntityCampaign;
  pagePath: string | undefined;
  ruleTitle: (ruleId: string) => string;
}) {
  const { campaign, pagePath, ruleTitle } = props;
  const status = CAMPAIGN_STATUSES[campaign.status];
  const text = entityCampaignText(campaign);
  const details = [
    campaign.rulesLeft.length > 0 &&
      `Left: ${campaign.rulesLeft.map(ruleTitle).join(', ')}`,
    campaign.waivedRules.length > 0 &&
      `Waived: ${campaign.waivedRules.map(ruleTitle).join(', ')}`,
  ].filter((line): line is string => Boolean(line));
  return (
    <ListItem
      disableGutters
      divider
      data-overdue={campaign.overdue ? 'true' : undefined}
    >
      <ListItemText
        primary={
          <Typography
            variant="body1"
            component="span"
            style={
              campaign.overdue
                ? { color: TONE_COLOURS.error, fontWeight: 600 }
                : undefined
            }
          >
            {pagePath ? (
              <Link to={campaignLink(pagePath, campaign.id)}>{text}</Link>
            ) : (
              text
            )}
          </Typography>
        }
        secondary={details.length > 0 ? details.join(' · ') : undefined}
      />
      <Box display="flex" gridGap={8} ml={1} flexShrink={0}>
        {campaign.overdue && (
          <StatusChip
            label="Overdue"
            tone="error"
            description={`the target date ${campaign.targetDate} has passed`}
          />
        )}
        <StatusChip
          label={status.label}
          tone={status.tone}
          description={status.description}
        />
      </Box>
    </ListItem>
  );
}

/**
 * The campaigns an entity is in, on its Readiness tab: what is left of each
 * and by when (overdue ones highlighted, done ones said to be done). Renders
 * nothing when the entity is in no campaign.
 * @public
 */
export function EntityCampaigns(props: EntityCampaignsProps) {
  const { entityRef, auditedAt, ruleTitles } = props;
  const { loading, error, value } = useEntityCampaigns(entityRef, auditedAt);
  const pagePath = useReadinessPageLink();
  const ruleTitle = (ruleId: string) => ruleTitles?.get(ruleId) ?? ruleId;

  if (loading && !value) {
    return (
      <InfoCard title="Campaigns">
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title="Campaigns">
        <ResponseErrorPanel
          error={error}
          title="The campaigns of this entity could not be loaded"
        />
      </InfoCard>
    );
  }
  if (!value || value.items.length === 0) return null;

  const overdue = value.items.filter(c => c.overdue).length;
  return (
    <InfoCard
      title="Campaigns"
      subheader={`In ${value.items.length} ${
        value.items.length === 1 ? 'campaign' : 'campaigns'
      }${overdue > 0 ? `, ${overdue} overdue` : ''}`}
    >
      <List dense disablePadding aria-label="Campaigns of this entity">
        {value.items.map(campaign => (
          <CampaignItem
            key={campaign.id}
            campaign={campaign}
            pagePath={pagePath}
            ruleTitle={ruleTitle}
          />
        ))}
      </List>
    </InfoCard>
  );
}
