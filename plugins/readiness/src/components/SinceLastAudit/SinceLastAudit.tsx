import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import type {
  AuditChangesPoint,
  AuditChangesResponse,
  AuditTransitions,
  RuleTransition,
} from '../../api/types';
import { formatDateTime } from '../../helpers/format';
import { useAuditChanges } from '../../hooks';
import { SeverityChip } from '../StatusChip';

/** The kinds of transition, in the order the section lists them. */
export const TRANSITION_KINDS: Array<{
  key: 'newlyFailing' | 'waiverExpired' | 'fixed' | 'newlyWaived';
  label: string;
}> = [
  { key: 'newlyFailing', label: 'Newly failing' },
  { key: 'waiverExpired', label: 'Waiver expired' },
  { key: 'fixed', label: 'Fixed' },
  { key: 'newlyWaived', label: 'Waived' },
];

/** Whether any rule changed (finding counts alone do not list a rule). */
export function hasRuleTransitions(transitions: AuditTransitions): boolean {
  return TRANSITION_KINDS.some(kind => transitions[kind.key].length > 0);
}

/** A commit is shown by its first 12 characters, other versions whole. */
function shortVersion(version: string): string {
  return /^[0-9a-f]{40}$/i.test(version) ? version.slice(0, 12) : version;
}

function versionText(point: AuditChangesPoint | null): string | undefined {
  return point?.sourceVersion ? shortVersion(point.sourceVersion) : undefined;
}

/** "Score 62 → 70 (+8)", blockers likewise when they changed. */
function standingText(
  previous: AuditChangesPoint,
  current: AuditChangesPoint,
): string {
  const delta = current.score - previous.score;
  let change = 'unchanged';
  if (delta !== 0) change = `${delta > 0 ? '+' : ''}${delta}`;
  const parts = [`Score ${previous.score} → ${current.score} (${change})`];
  if (current.blockers !== previous.blockers) {
    parts.push(`blockers ${previous.blockers} → ${current.blockers}`);
  }
  return parts.join(', ');
}

/** The rule's explanation from the backend's rule catalog. */
function RuleExplanation(props: { rule: RuleTransition; onClose: () => void }) {
  const { rule, onClose } = props;
  const api = useApi(readinessApiRef);
  const rules = useAsync(() => api.getRules(), [api]);
  const meta = rules.value?.find(r => r.id === rule.ruleId);
  let body;
  if (rules.loading) body = <Progress />;
  else if (rules.error) body = <ResponseErrorPanel error={rules.error} />;
  else if (!meta) {
    body = (
      <Typography variant="body2">
        This backend no longer runs {rule.ruleId}, so it has no explanation to
        show.
      </Typography>
    );
  } else {
    body = (
      <>
        <Typography variant="body2" paragraph>
          {meta.description}
        </Typography>
        <Typography variant="subtitle2">Why it matters</Typography>
        <Typography variant="body2" paragraph>
          {meta.rationale}
        </Typography>
        <Typography variant="subtitle2">How to fix it</Typography>
        <Typography variant="body2">{meta.remediation}</Typography>
      </>
    );
  }
  return (
    <Dialog open onClose={onClose} aria-labelledby="readiness-rule-explanation">
      <DialogTitle id="readiness-rule-explanation">{rule.title}</DialogTitle>
      <DialogContent>
        <Typography variant="caption" color="textSecondary" paragraph>
          {rule.ruleId}
        </Typography>
        {body}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function RuleItem(props: {
  rule: RuleTransition & { expires?: string };
  kind: string;
  onExplain: (rule: RuleTransition) => void;
}) {
  const { rule, kind, onExplain } = props;
  return (
    <ListItem disableGutters dense>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <SeverityChip severity={rule.severity} />
        <Link
          component="button"
          variant="body2"
          onClick={() => onExplain(rule)}
          aria-label={`${rule.title}: explain this rule`}
        >
          {rule.title}
        </Link>
        <Typography variant="caption" color="textSecondary">
          {rule.ruleId}
          {rule.expires &&
            (kind === 'waiverExpired'
              ? ` · waiver expired ${rule.expires}`
              : ` · waived until ${rule.expires}`)}
        </Typography>
      </Box>
    </ListItem>
  );
}

function ChangesView(props: { changes: AuditChangesResponse }) {
  const { current, previous, transitions } = props.changes;
  const [explained, setExplained] = useState<RuleTransition>();
  if (!current) {
    return (
      <Typography variant="body2">
        No audit yet: changes are shown once the entity has been audited twice.
      </Typography>
    );
  }
  if (!transitions) {
    return (
      <Typography variant="body2">
        {previous
          ? 'This audit was recorded before changes were kept, so there is nothing to compare.'
          : `The first audit (${formatDateTime(
              current.auditedAt,
            )}) has nothing to compare with yet; the next one will say what changed.`}
      </Typography>
    );
  }
  const from = versionText(previous);
  const to = versionText(current);
  const findings = transitions.findings;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Typography variant="body2">
        {previous
          ? `${formatDateTime(previous.auditedAt)} → ${formatDateTime(
              current.auditedAt,
            )}`
          : `Audit of ${formatDateTime(current.auditedAt)}`}
        {from && to && from !== to ? ` · source ${from} → ${to}` : ''}
        {!from && to ? ` · source ${to}` : ''}
      </Typography>
      {previous && (
        <Typography variant="body2">
          {standingText(previous, current)}
        </Typography>
      )}
      {findings && (findings.added > 0 || findings.resolved > 0) && (
        <Typography variant="body2">
          {findings.added} new finding{findings.added === 1 ? '' : 's'},{' '}
          {findings.resolved} resolved
        </Typography>
      )}
      {hasRuleTransitions(transitions) ? (
        TRANSITION_KINDS.filter(kind => transitions[kind.key].length > 0).map(
          kind => (
            <section key={kind.key} aria-label={kind.label}>
              <Typography variant="subtitle2" component="h3">
                {kind.label} ({transitions[kind.key].length})
              </Typography>
              <List dense disablePadding>
                {transitions[kind.key].map(rule => (
                  <RuleItem
                    key={rule.ruleId}
                    rule={rule}
                    kind={kind.key}
                    onExplain={setExplained}
                  />
                ))}
              </List>
            </section>
          ),
        )
      ) : (
        <Typography variant="body2">
          No rule changed since the last audit.
        </Typography>
      )}
      {explained && (
        <RuleExplanation
          rule={explained}
          onClose={() => setExplained(undefined)}
        />
      )}
    </Box>
  );
}

/** @public */
export interface SinceLastAuditProps {
  entityRef: string;
  /** The time of the latest audit the page shows; a new one fetches again. */
  auditedAt?: string | null;
}

/**
 * What changed since the last audit: the rules newly failing, fixed, waived
 * or whose waiver expired, each opening its explanation, and the score and
 * source version before and after.
 * @public
 */
export function SinceLastAudit(props: SinceLastAuditProps) {
  const { entityRef, auditedAt } = props;
  const { loading, error, value } = useAuditChanges(entityRef, auditedAt);
  let content;
  if (loading && !value) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <ChangesView changes={value} />;
  return <InfoCard title="Since the last audit">{content}</InfoCard>;
}
