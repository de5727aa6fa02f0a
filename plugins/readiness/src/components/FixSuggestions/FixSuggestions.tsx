import {
  CodeSnippet,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { SuggestedFixesResponse, SuggestedFixItem } from '../../api/types';
import { errorMessage } from '../../helpers/errors';
import { formatGain } from '../../helpers/format';
import { useFixPermission, useFixPullRequest } from '../../hooks';
import type { UseSuggestedFixesResult } from '../../hooks';

/** One rule's suggested change, folded: its files, then the diff and what is left to do by hand. */
export function SuggestedChange(props: { fix: SuggestedFixItem }) {
  const { fix } = props;
  const files = fix.files
    .map(f => `${f.path}${f.action === 'create' ? ' (new)' : ''}`)
    .join(', ');
  return (
    <Accordion
      variant="outlined"
      TransitionProps={{ unmountOnExit: true }}
      style={{ marginTop: 8 }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`Suggested change for ${fix.ruleId}`}
      >
        <Typography variant="body2">
          <strong>Suggested change</strong>: {fix.summary}
          <Typography
            component="span"
            variant="caption"
            color="textSecondary"
            display="block"
          >
            {files}
          </Typography>
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%" minWidth={0}>
          <Box aria-label={`Diff for ${fix.ruleId}`} overflow="auto">
            <CodeSnippet text={fix.diff} language="diff" />
          </Box>
          {fix.notes.length > 0 && (
            <Box mt={1} component="ul" pl={2}>
              {fix.notes.map(note => (
                <Typography key={note} component="li" variant="body2">
                  {note}
                </Typography>
              ))}
            </Box>
          )}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * Opens a pull or merge request with every suggested change; shown only to
 * users granted `readiness.fix.create`, with the link once it is opened.
 */
export function OpenPullRequest(props: {
  entityRef: string;
  suggestions: SuggestedFixesResponse;
}) {
  const { entityRef, suggestions } = props;
  const permission = useFixPermission();
  const request = useFixPullRequest(entityRef);
  if (!permission.allowed || suggestions.fixes.length === 0) return null;
  if (!suggestions.pullRequest.supported) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        {suggestions.pullRequest.reason}
      </Typography>
    );
  }
  const gain = suggestions.fixes.reduce((sum, f) => sum + f.expectedGain, 0);
  return (
    <Box mb={2}>
      {request.value ? (
        <Typography variant="body2">
          Opened{' '}
          <Link to={request.value.url}>
            {request.value.url.includes('merge_requests') ? 'merge' : 'pull'}{' '}
            request #{request.value.number}
          </Link>{' '}
          on branch <code>{request.value.branch}</code>, fixing{' '}
          {request.value.rules.length} rule
          {request.value.rules.length === 1 ? '' : 's'} (expected gain{' '}
          {formatGain(request.value.expectedGain)} points).
        </Typography>
      ) : (
        <Button
          variant="contained"
          color="primary"
          size="small"
          disabled={request.loading}
          onClick={() => request.open()}
        >
          {request.loading ? 'Opening pull request…' : 'Open pull request'}
        </Button>
      )}
      {!request.value && (
        <Typography variant="caption" color="textSecondary" component="p">
          One branch and request with the {suggestions.fixes.length} suggested
          change{suggestions.fixes.length === 1 ? '' : 's'} below (expected gain{' '}
          {formatGain(gain)} points), from the audited commit
          {suggestions.commit ? ` ${suggestions.commit.slice(0, 12)}` : ''}.
        </Typography>
      )}
      {request.error && (
        <Typography variant="body2" color="error" role="alert">
          The pull request could not be opened: {errorMessage(request.error)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The state of the suggested changes above the roadmap: progress while they
 * are computed, a warning when they cannot be, a line when no rule has one,
 * and the pull request action otherwise.
 */
export function SuggestedChangesStatus(props: {
  entityRef: string;
  state: UseSuggestedFixesResult;
}) {
  const { entityRef, state } = props;
  if (state.loading) {
    return (
      <Box mb={2} aria-label="Computing suggested changes">
        <Progress />
      </Box>
    );
  }
  if (state.error) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="warning"
          title="Suggested changes could not be computed"
          message={errorMessage(state.error)}
        />
      </Box>
    );
  }
  if (!state.value) return null;
  if (state.value.fixes.length === 0) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        gutterBottom
      >
        No rule on this list has a change to suggest; fix them by hand.
      </Typography>
    );
  }
  return <OpenPullRequest entityRef={entityRef} suggestions={state.value} />;
}
