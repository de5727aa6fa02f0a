import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { useMemo } from 'react';
import useInterval from 'react-use/esm/useInterval';
import type { EntityScorecardResponse } from '../../api/types';
import { scoreColour } from '../../helpers/bands';
import { formatDateTime, waitingText } from '../../helpers/format';
import { SourceRoot, sourceRootFor } from '../../helpers/sourceLinks';
import { useScorecard } from '../../hooks';
import { EntityCampaigns } from '../EntityCampaigns';
import { ScoreHistoryChart } from '../ScoreHistoryChart';
import { SinceLastAudit } from '../SinceLastAudit';
import { VerdictChip } from '../StatusChip';
import { CategorySection, CategoryTable } from './CategorySection';
import { ReadinessActions } from './ReadinessActions';
import {
  BlockersTable,
  FixRoadmap,
  Strengths,
  waivedRules,
  WaiversTable,
} from './Sections';

/** How often the tab reloads while an audit runs. */
const POLL_INTERVAL_MS = 5000;

/** @public */
export interface EntityReadinessContentProps {
  /** Poll interval while an audit runs; mainly for tests. */
  pollIntervalMs?: number;
}

/**
 * Why the scorecard is not current: the entity waits for its SCM's rate
 * limit (said instead of any earlier error, since nothing failed), or the
 * latest audit failed.
 */
function AuditErrorPanel(props: {
  error?: string;
  waiting?: EntityScorecardResponse['waiting'];
}) {
  if (props.waiting) {
    return (
      <WarningPanel
        severity="info"
        title={waitingText(props.waiting)}
        message={`The API rate limit of ${props.waiting.host} is used up, so its repositories are read again once it resets; nothing failed, and the audit runs then.`}
      />
    );
  }
  if (!props.error) return null;
  return (
    <WarningPanel
      severity="error"
      title="The latest audit failed"
      message={props.error}
      defaultExpanded
    />
  );
}

/** When the first audit of an entity without a scorecard runs. */
function firstAuditText(value: EntityScorecardResponse): string {
  if (value.waiting) {
    return `The first audit runs when the SCM rate limit of ${value.waiting.host} resets.`;
  }
  if (value.refreshing) return 'The first audit of this repository is running.';
  return 'This entity has no readiness scorecard yet. It is audited on the next scheduled run.';
}

function ScorecardView(props: {
  response: EntityScorecardResponse;
  scorecard: Scorecard;
  root: SourceRoot | undefined;
  actions: JSX.Element;
}) {
  const { response, scorecard, root, actions } = props;
  const hasWaivers = waivedRules(scorecard.results).length > 0;
  const ruleTitles = useMemo(
    () => new Map(scorecard.results.map(r => [r.ruleId, r.title])),
    [scorecard.results],
  );
  return (
    <Grid container spacing={3} alignItems="stretch">
      {(response.error || response.waiting) && (
        <Grid item xs={12}>
          <AuditErrorPanel error={response.error} waiting={response.waiting} />
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <InfoCard title="Production readiness" variant="fullHeight">
          <Box
            display="flex"
            flexDirection="column"
            alignItems="center"
            gridGap={12}
          >
            <Box
              width={180}
              aria-label={`Overall score ${scorecard.score} out of 100`}
              role="img"
            >
              <Gauge
                value={scorecard.score}
                fractional={false}
                max={100}
                unit=""
                getColor={({ value }) => scoreColour(value)}
              />
            </Box>
            <VerdictChip verdict={scorecard.verdict} size="medium" />
            <Typography variant="body2">
              Last audit: {formatDateTime(response.auditedAt)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {scorecard.stats.files} files read · engine{' '}
              {scorecard.engineVersion}
              {scorecard.stats.truncated
                ? ` · walk stopped: ${scorecard.stats.truncated}`
                : ''}
            </Typography>
            {scorecard.stack.length > 0 && (
              <Box
                display="flex"
                flexWrap="wrap"
                justifyContent="center"
                gridGap={4}
                aria-label="Detected stack"
              >
                {scorecard.stack.map(item => (
                  <Chip
                    key={item}
                    label={item}
                    size="small"
                    variant="outlined"
                  />
                ))}
              </Box>
            )}
            {actions}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <CategoryTable categories={scorecard.categories} />
      </Grid>
      <Grid item xs={12}>
        {/* A column, so that no gap is left when the entity is in no campaign. */}
        <Box display="flex" flexDirection="column" gridGap={24}>
          <EntityCampaigns
            entityRef={response.entityRef}
            auditedAt={response.auditedAt}
            ruleTitles={ruleTitles}
          />
          <SinceLastAudit
            entityRef={response.entityRef}
            auditedAt={response.auditedAt}
          />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <BlockersTable
          blockers={scorecard.blockers}
          root={root}
          categories={scorecard.categories}
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <FixRoadmap
          fixes={scorecard.fixes}
          entityRef={response.entityRef}
          categories={scorecard.categories}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <Strengths
          strengths={scorecard.strengths}
          categories={scorecard.categories}
        />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Results by category
        </Typography>
        {scorecard.categories.map(category => (
          <CategorySection
            key={category.id}
            category={category}
            results={scorecard.results.filter(r => r.category === category.id)}
            root={root}
          />
        ))}
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Score history">
          <ScoreHistoryChart history={response.history} />
        </InfoCard>
      </Grid>
      {hasWaivers && (
        <Grid item xs={12}>
          <WaiversTable results={scorecard.results} />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The Readiness tab of an entity: score and verdict, categories with their
 * parameter rows and findings, what changed since the last audit, blockers,
 * what is done well, the fix roadmap, history and waivers.
 * @public
 */
export function EntityReadinessContent(props: EntityReadinessContentProps) {
  const { pollIntervalMs = POLL_INTERVAL_MS } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value, notFound, retry } = useScorecard(entityRef);
  const links = value?.links;
  const root = useMemo(() => sourceRootFor(links, entity), [links, entity]);

  useInterval(retry, value?.refreshing ? pollIntervalMs : null);

  if (loading && !value && !notFound) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (notFound || !value) {
    return (
      <EmptyState
        missing="info"
        title="Readiness does not track this entity"
        description="Readiness audits entities whose repository it can read: check the entity's backstage.io/source-location annotation (or readiness.dev/source-location) and the Readiness configuration."
      />
    );
  }

  const actions = (
    <ReadinessActions
      entityRef={entityRef}
      entityName={entity.metadata.name}
      refreshing={value.refreshing}
      canDownload={value.scorecard !== null}
      onQueued={retry}
    />
  );

  if (!value.scorecard) {
    return (
      <Box display="flex" flexDirection="column" gridGap={16}>
        <AuditErrorPanel error={value.error} waiting={value.waiting} />
        <EmptyState
          missing="data"
          title="Not audited yet"
          description={firstAuditText(value)}
          action={actions}
        />
        <EntityCampaigns entityRef={entityRef} />
      </Box>
    );
  }

  return (
    <ScorecardView
      response={value}
      scorecard={value.scorecard}
      root={root}
      actions={actions}
    />
  );
}
