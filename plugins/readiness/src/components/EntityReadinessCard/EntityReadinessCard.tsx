import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { scoreColour } from '../../helpers/bands';
import { formatDateTime, waitingText } from '../../helpers/format';
import { useScorecard } from '../../hooks';
import { SeverityChip, VerdictChip } from '../StatusChip';

/** @public */
export interface EntityReadinessCardProps {
  /** Path of the Readiness tab under the entity page; `readiness` by default. */
  tabPath?: string;
}

/** Why an entity has no scorecard yet. */
function notAuditedText(
  value: { error?: string; waiting?: { host: string; until: string } } = {},
): string {
  if (value.waiting) {
    return `${waitingText(value.waiting)}; the audit runs then.`;
  }
  if (value.error) return `The latest audit failed: ${value.error}`;
  return 'No readiness scorecard for this entity yet.';
}

/**
 * Overview card: score, verdict, the top three blockers and a link to the tab.
 * @public
 */
export function EntityReadinessCard(props: EntityReadinessCardProps) {
  const { tabPath = 'readiness' } = props;
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value, notFound } = useScorecard(entityRef);
  const tabLink = `${entityRoute(entityRouteParams(entity))}/${tabPath}`;
  const deepLink = { title: 'View readiness review', link: tabLink };

  let body: JSX.Element;
  if (loading && !value && !notFound) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (notFound || !value || !value.scorecard) {
    body = (
      <EmptyState
        missing="data"
        title={notFound ? 'Not tracked by Readiness' : 'Not audited yet'}
        description={notAuditedText(value)}
      />
    );
  } else {
    const { scorecard } = value;
    const top = scorecard.blockers.slice(0, 3);
    body = (
      <Box display="flex" flexDirection="column" gridGap={12}>
        <Box display="flex" alignItems="center" gridGap={16}>
          <Box
            width={96}
            role="img"
            aria-label={`Overall score ${scorecard.score} out of 100`}
          >
            <Gauge
              value={scorecard.score}
              fractional={false}
              max={100}
              unit=""
              size="small"
              getColor={({ value: score }) => scoreColour(score)}
            />
          </Box>
          <Box display="flex" flexDirection="column" gridGap={4}>
            <VerdictChip verdict={scorecard.verdict} />
            <Typography variant="caption" color="textSecondary">
              Audited {formatDateTime(value.auditedAt)}
            </Typography>
          </Box>
        </Box>
        <Typography variant="subtitle2" component="h3">
          {scorecard.blockers.length === 0
            ? 'No production blockers'
            : `Top blockers (${Math.min(3, scorecard.blockers.length)} of ${
                scorecard.blockers.length
              })`}
        </Typography>
        {top.length > 0 && (
          <List dense disablePadding>
            {top.map(blocker => (
              <ListItem key={blocker.ruleId} disableGutters divider>
                <ListItemText
                  primary={blocker.title}
                  secondary={`${blocker.findings} finding${
                    blocker.findings === 1 ? '' : 's'
                  } · ${blocker.ruleId}`}
                />
                <SeverityChip severity={blocker.severity} />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    );
  }

  return (
    <InfoCard title="Production readiness" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
