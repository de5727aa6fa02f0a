import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import {
  Blocker,
  CATEGORY_IDS,
  categoryTitle,
  Fix,
  Priority,
  RuleResult,
  Scorecard,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { formatGain } from '../../helpers/format';
import { useSuggestedFixes } from '../../hooks';
import { SuggestedChange, SuggestedChangesStatus } from '../FixSuggestions';
import type { SourceRoot } from '../../helpers/sourceLinks';
import { PriorityChip, SeverityChip } from '../StatusChip';
import { FindingLocation } from './FindingList';

/** The categories of a scorecard, by id and title: the custom ones are titled only there. */
type KnownCategories = ReadonlyArray<{ id: string; title: string }>;

function RuleCell(props: { title: string; ruleId: string }) {
  return (
    <Box minWidth={160}>
      <Typography variant="body2">{props.title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {props.ruleId}
      </Typography>
    </Box>
  );
}

/** The failing critical and high rules that stand between the entity and production. */
export function BlockersTable(props: {
  blockers: Blocker[];
  root: SourceRoot | undefined;
  categories?: KnownCategories;
}) {
  const { blockers, root, categories } = props;
  const columns: TableColumn<Blocker>[] = [
    {
      title: 'Rule',
      field: 'title',
      render: row => <RuleCell title={row.title} ruleId={row.ruleId} />,
    },
    {
      title: 'Severity',
      field: 'severity',
      render: row => <SeverityChip severity={row.severity} />,
    },
    {
      title: 'Category',
      field: 'category',
      render: row => categoryTitle(row.category, categories),
    },
    { title: 'Findings', field: 'findings', type: 'numeric' },
    {
      title: 'Example',
      sorting: false,
      render: row =>
        row.example ? (
          <Box>
            <FindingLocation
              root={root}
              path={row.example.path}
              line={row.example.line}
            />
            <Typography variant="body2">{row.example.message}</Typography>
          </Box>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table<Blocker>
      title="Production blockers"
      subtitle={
        blockers.length === 0
          ? undefined
          : 'Failing critical and high rules; fix these before going to production.'
      }
      columns={columns}
      data={blockers}
      options={{
        draggable: false,
        paging: false,
        search: false,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No production blockers. Nice work.
          </Typography>
        </Box>
      }
    />
  );
}

const PRIORITY_HEADINGS: Record<Priority, string> = {
  P0: 'P0 — fix before production',
  P1: 'P1 — fix next',
  P2: 'P2 — improvements',
};

/**
 * The fix list grouped by priority, each fix with the points it wins back
 * and, for rules with a fix, the suggested change; users granted
 * `readiness.fix.create` can open a pull request with the changes.
 */
export function FixRoadmap(props: {
  fixes: Fix[];
  entityRef: string;
  categories?: KnownCategories;
}) {
  const { fixes, entityRef, categories } = props;
  const priorities: Priority[] = ['P0', 'P1', 'P2'];
  const suggestions = useSuggestedFixes(entityRef, fixes.length > 0);
  const changeOf = (ruleId: string) =>
    suggestions.value?.fixes.find(f => f.ruleId === ruleId);
  return (
    <InfoCard
      title="Fix roadmap"
      subheader="Ordered by severity, then by expected gain"
    >
      {fixes.length === 0 ? (
        <Typography variant="body2">Nothing left to fix.</Typography>
      ) : (
        <SuggestedChangesStatus entityRef={entityRef} state={suggestions} />
      )}
      {fixes.length > 0 &&
        priorities.map(priority => {
          const group = fixes.filter(fix => fix.priority === priority);
          if (group.length === 0) return null;
          return (
            <Box key={priority} mb={2} component="section">
              <Typography variant="subtitle1" component="h3">
                {PRIORITY_HEADINGS[priority]}
              </Typography>
              <List dense disablePadding>
                {group.map(fix => (
                  <ListItem key={fix.ruleId} divider alignItems="flex-start">
                    <ListItemIcon>
                      <PriorityChip priority={fix.priority} />
                    </ListItemIcon>
                    <ListItemText
                      primary={
                        <>
                          {fix.title}{' '}
                          <Typography
                            component="span"
                            variant="body2"
                            color="primary"
                            aria-label={`expected gain ${formatGain(
                              fix.expectedGain,
                            )} points`}
                          >
                            <strong>{formatGain(fix.expectedGain)}</strong>
                          </Typography>
                        </>
                      }
                      secondaryTypographyProps={{ component: 'div' }}
                      secondary={
                        <>
                          <span>{fix.remediation}</span>
                          <br />
                          <span>
                            {categoryTitle(fix.category, categories)} ·{' '}
                            {fix.ruleId}
                          </span>
                          {changeOf(fix.ruleId) && (
                            <SuggestedChange fix={changeOf(fix.ruleId)!} />
                          )}
                        </>
                      }
                    />
                  </ListItem>
                ))}
              </List>
            </Box>
          );
        })}
    </InfoCard>
  );
}

/**
 * The rules that pass, grouped by category in the scorecard's order (the
 * built-in categories, then the custom ones).
 */
export function Strengths(props: {
  strengths: Scorecard['strengths'];
  categories?: KnownCategories;
}) {
  const { strengths, categories } = props;
  const order = [
    ...new Set([
      ...(categories?.map(c => c.id) ?? CATEGORY_IDS),
      ...strengths.map(s => s.category),
    ]),
  ];
  return (
    <InfoCard title="What is done well">
      {strengths.length === 0 ? (
        <Typography variant="body2">No rule passes yet.</Typography>
      ) : (
        order.map(category => {
          const group = strengths.filter(item => item.category === category);
          if (group.length === 0) return null;
          return (
            <Box key={category} mb={1} component="section">
              <Typography variant="subtitle2" component="h3">
                {categoryTitle(category, categories)}
              </Typography>
              <List dense disablePadding>
                {group.map(item => (
                  <ListItem key={item.ruleId}>
                    <ListItemIcon>
                      <CheckCircleIcon
                        style={{ color: '#1b5e20' }}
                        titleAccess="Passing"
                      />
                    </ListItemIcon>
                    <ListItemText
                      primary={item.title}
                      secondary={item.ruleId}
                    />
                  </ListItem>
                ))}
              </List>
            </Box>
          );
        })
      )}
    </InfoCard>
  );
}

interface WaivedRule {
  ruleId: string;
  title: string;
  waiver: Waiver;
}

/** The rules whose failure is waived, with the reason and the expiry. */
export function waivedRules(results: RuleResult[]): WaivedRule[] {
  return results.flatMap(result =>
    result.waiver
      ? [{ ruleId: result.ruleId, title: result.title, waiver: result.waiver }]
      : [],
  );
}

export function WaiversTable(props: { results: RuleResult[] }) {
  const columns: TableColumn<WaivedRule>[] = [
    {
      title: 'Rule',
      field: 'title',
      render: row => <RuleCell title={row.title} ruleId={row.ruleId} />,
    },
    { title: 'Reason', field: 'waiver.reason' },
    { title: 'Expires', field: 'waiver.expires' },
    {
      title: 'Source',
      field: 'waiver.source',
      render: row => row.waiver.source ?? '—',
    },
  ];
  return (
    <Table<WaivedRule>
      title="Waived rules"
      subtitle="Waived rules score as passing and are not blockers until the waiver expires."
      columns={columns}
      data={waivedRules(props.results)}
      options={{
        draggable: false,
        paging: false,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
