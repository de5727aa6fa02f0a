import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  useRefresh,
  useRefreshPermission,
  useReviewDownload,
} from '../../hooks';
import { errorMessage } from '../../helpers/errors';
import { safeFileName } from '../../helpers/format';

/** @public */
export interface ReadinessActionsProps {
  entityRef: string;
  entityName: string;
  /** An audit is queued or running. */
  refreshing: boolean;
  /** Whether there is a review to download. */
  canDownload: boolean;
  /** Runs once a refresh was queued. */
  onQueued: () => void;
}

/**
 * Refresh (only for users allowed to re-audit the entity) and review download.
 */
export function ReadinessActions(props: ReadinessActionsProps) {
  const { entityRef, entityName, refreshing, canDownload, onQueued } = props;
  const permission = useRefreshPermission();
  const refresh = useRefresh(entityRef, onQueued);
  const review = useReviewDownload(
    entityRef,
    `${safeFileName(entityName)}-readiness-review.md`,
  );

  let refreshMessage: string | undefined;
  if (refresh.forbidden) {
    refreshMessage =
      'You are not allowed to refresh this scorecard. Ask the owner of this entity or an administrator.';
  } else if (refresh.error) {
    refreshMessage = `The refresh could not be queued: ${errorMessage(
      refresh.error,
    )}`;
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Box display="flex" flexWrap="wrap" gridGap={8}>
        {permission.allowed && (
          <Button
            variant="contained"
            color="primary"
            size="small"
            startIcon={<RefreshIcon />}
            onClick={() => refresh.refresh()}
            disabled={refresh.loading || refreshing}
          >
            {refreshing ? 'Audit running…' : 'Refresh'}
          </Button>
        )}
        {canDownload && (
          <Button
            variant="outlined"
            size="small"
            startIcon={<GetAppIcon />}
            onClick={() => review.download()}
            disabled={review.loading}
          >
            Download review
          </Button>
        )}
      </Box>
      <div role="status" aria-live="polite">
        {refreshing && (
          <Typography variant="body2">
            An audit is queued or running; this page updates when it finishes.
          </Typography>
        )}
        {!refreshing && refresh.queued && (
          <Typography variant="body2">Refresh queued.</Typography>
        )}
      </div>
      {refreshMessage && (
        <Typography variant="body2" color="error" role="alert">
          {refreshMessage}
        </Typography>
      )}
      {review.error && (
        <Typography variant="body2" color="error" role="alert">
          The review could not be downloaded: {errorMessage(review.error)}
        </Typography>
      )}
    </Box>
  );
}
