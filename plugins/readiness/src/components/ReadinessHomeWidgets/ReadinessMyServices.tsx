import {
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { LeaderboardItem } from '../../api/types';
import { waitingText } from '../../helpers/format';
import {
  plural,
  tallyReadiness,
  type ReadinessTally,
} from '../../helpers/tally';
import {
  useMyServicesReadiness,
  type MyServicesReadiness,
} from '../../hooks/useMyServicesReadiness';
import { BandChip, VerdictChip } from '../StatusChip';

/** @public */
export interface ReadinessMyServicesProps {
  /** How many services to list, worst first; 5 by default. */
  limit?: number;
  /** Path of the Readiness tab under an entity page; `readiness` by default. */
  tabPath?: string;
  /** Where the leaderboard page is; no link when not given. */
  leaderboardLink?: string;
}

/** `Average 58 over 3 scored services · 2 not production ready`. */
export function myServicesSummary(
  tally: ReadinessTally,
  listed: number,
): string {
  const unscored = listed - tally.scored;
  if (tally.scored === 0) {
    return `None of your ${plural(
      listed,
      'service',
    )} has a score yet: every audit so far failed.`;
  }
  const parts = [
    `Average ${tally.averageScore} over ${plural(
      tally.scored,
      'scored service',
    )}`,
    `${tally.notProductionReady} not production ready`,
  ];
  if (unscored > 0) parts.push(`${unscored} not scored yet`);
  return parts.join(' · ');
}

function serviceDetail(item: LeaderboardItem): string {
  const parts: string[] = [];
  if (item.score !== null) parts.push(plural(item.blockers, 'blocker'));
  if (item.waiting) parts.push(waitingText(item.waiting));
  else if (item.error) parts.push(`Latest audit failed: ${item.error}`);
  return parts.join(' · ');
}

function EmptyServices(props: {
  value: MyServicesReadiness;
  leaderboardLink?: string;
}) {
  const { value, leaderboardLink } = props;
  const action = leaderboardLink ? (
    <LinkButton variant="outlined" to={leaderboardLink}>
      Open the leaderboard
    </LinkButton>
  ) : undefined;
  if (value.ownedComponents) {
    return (
      <EmptyState
        missing="data"
        title="Nothing audited yet"
        description={`You and your groups own ${plural(
          value.ownedComponents,
          'component',
        )}, and Readiness has not audited any of them yet. Audits run on a schedule; a component needs a source location Readiness can read (its backstage.io/source-location annotation). Its Readiness tab says why it is not audited.`}
        action={action}
      />
    );
  }
  const owners = value.owners.length > 0 ? ` (${value.owners.join(', ')})` : '';
  return (
    <EmptyState
      missing="data"
      title="You own no audited services"
      description={`Readiness lists here the components owned by you or one of your groups${owners}. Set spec.owner in a service's catalog-info.yaml to your team to see it here.`}
      action={action}
    />
  );
}

/**
 * The readiness of the services the signed-in user and their groups own,
 * worst first, each linked to its Readiness tab, under a one-line summary.
 * The content of the "My services" home page widget.
 * @public
 */
export function ReadinessMyServices(props: ReadinessMyServicesProps) {
  const { limit = 5, tabPath = 'readiness', leaderboardLink } = props;
  const { loading, error, value } = useMyServicesReadiness();
  const entityRoute = useRouteRef(entityRouteRef);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.services.length === 0) {
    return (
      <EmptyServices
        value={value ?? { owners: [], services: [], tally: tallyReadiness([]) }}
        leaderboardLink={leaderboardLink}
      />
    );
  }

  const shown = value.services.slice(0, limit);
  const more = value.services.length - shown.length;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Typography variant="body2">
        {myServicesSummary(value.tally, value.services.length)}
      </Typography>
      <List dense disablePadding aria-label="My services, worst first">
        {shown.map(item => (
          <ListItem key={item.entityRef} disableGutters divider>
            <ListItemText
              primary={
                <Link
                  to={`${entityRoute(
                    entityRouteParams(item.entityRef),
                  )}/${tabPath}`}
                >
                  {item.title ?? item.name}
                </Link>
              }
              secondary={serviceDetail(item)}
            />
            <Box display="flex" alignItems="center" gridGap={8} ml={1}>
              {item.score === null ? (
                <Typography variant="body2">Not scored</Typography>
              ) : (
                <>
                  <Typography
                    variant="body2"
                    aria-label={`Score ${item.score} out of 100`}
                  >
                    {item.score}
                  </Typography>
                  {item.band && <BandChip band={item.band} size="small" />}
                  {item.verdict && (
                    <VerdictChip verdict={item.verdict} size="small" />
                  )}
                </>
              )}
            </Box>
          </ListItem>
        ))}
      </List>
      {(more > 0 || leaderboardLink) && (
        <Typography variant="body2">
          {more > 0 && `and ${plural(more, 'more service')}`}
          {more > 0 && leaderboardLink && ' · '}
          {leaderboardLink && (
            <Link to={leaderboardLink}>View the leaderboard</Link>
          )}
        </Typography>
      )}
    </Box>
  );
}
