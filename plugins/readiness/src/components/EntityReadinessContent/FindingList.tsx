import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Finding } from '@readiness/backstage-plugin-readiness-common';
import { useState } from 'react';
import { findingLink, SourceRoot } from '../../helpers/sourceLinks';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    marginBottom: theme.spacing(1),
  },
  excerpt: {
    display: 'block',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    background: theme.palette.background.default,
    padding: theme.spacing(0.5, 1),
    borderRadius: 4,
  },
  location: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
}));

/** @public */
export interface FindingLocationProps {
  root: SourceRoot | undefined;
  path: string;
  line?: number;
}

/** A finding's `path:line`, linked to the repository where the host is known. */
export function FindingLocation(props: FindingLocationProps) {
  const classes = useStyles();
  const link = findingLink(props.root, props.path, props.line);
  if (link.href) {
    return (
      <Link
        to={link.href}
        className={classes.location}
        aria-label={`Open ${link.text} in the source repository`}
      >
        {link.text}
      </Link>
    );
  }
  return <span className={classes.location}>{link.text}</span>;
}

/** @public */
export interface FindingListProps {
  findings: Finding[];
  root: SourceRoot | undefined;
  /** How many findings show before "Show all". */
  initiallyShown?: number;
}

/** The findings of a rule: location, message, redacted excerpt. */
export function FindingList(props: FindingListProps) {
  const { findings, root, initiallyShown = 5 } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  if (findings.length === 0) {
    return <Typography variant="body2">No findings</Typography>;
  }
  const shown = expanded ? findings : findings.slice(0, initiallyShown);
  const hidden = findings.length - shown.length;
  return (
    <Box>
      <ul className={classes.list}>
        {shown.map((finding, index) => (
          <li
            key={`${finding.path}:${finding.line ?? ''}:${index}`}
            className={classes.item}
          >
            <FindingLocation
              root={root}
              path={finding.path}
              line={finding.line}
            />
            {finding.confidence === 'low' && (
              <Typography variant="caption" component="span">
                {' '}
                (low confidence: test, fixture, docs or example)
              </Typography>
            )}
            <Typography variant="body2">{finding.message}</Typography>
            {finding.excerpt && (
              <code className={classes.excerpt}>{finding.excerpt}</code>
            )}
          </li>
        ))}
      </ul>
      {(hidden > 0 || expanded) && findings.length > initiallyShown && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show ${hidden} more`}
        </Button>
      )}
    </Box>
  );
}
