import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  Priority,
  Severity,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';
import type { ReactElement } from 'react';
import {
  bandLabel,
  bandRange,
  bandTone,
  priorityTone,
  severityLabel,
  severityTone,
  Tone,
  TONE_COLOURS,
  verdictLabel,
  verdictTone,
  type BandOrNotApplicable,
} from '../../helpers/bands';

const TONE_ICONS: Record<Tone, ReactElement> = {
  ok: <CheckCircleIcon />,
  warning: <WarningIcon />,
  serious: <ErrorOutlineIcon />,
  error: <BlockIcon />,
  neutral: <RemoveCircleOutlineIcon />,
};

const useStyles = makeStyles({
  chip: {
    color: '#fff',
    fontWeight: 600,
    margin: 0,
  },
  icon: {
    color: 'inherit',
  },
});

/** @public */
export interface StatusChipProps {
  label: string;
  tone: Tone;
  /** Extra context read out by screen readers and shown as a tooltip. */
  description?: string;
  size?: 'small' | 'medium';
}

/**
 * A status shown with text, an icon and a colour together, so it never relies
 * on colour alone.
 * @public
 */
export function StatusChip(props: StatusChipProps) {
  const { label, tone, description, size = 'small' } = props;
  const classes = useStyles();
  return (
    <Chip
      className={classes.chip}
      classes={{ icon: classes.icon }}
      style={{ backgroundColor: TONE_COLOURS[tone] }}
      size={size}
      icon={TONE_ICONS[tone]}
      label={label}
      title={description}
      aria-label={description ? `${label}: ${description}` : label}
      data-tone={tone}
    />
  );
}

/** @public */
export function BandChip(props: {
  band: BandOrNotApplicable;
  size?: 'small' | 'medium';
}) {
  return (
    <StatusChip
      label={bandLabel(props.band)}
      tone={bandTone(props.band)}
      description={`band ${bandRange(props.band)}`}
      size={props.size}
    />
  );
}

/** @public */
export function VerdictChip(props: {
  verdict: Verdict;
  size?: 'small' | 'medium';
}) {
  return (
    <StatusChip
      label={verdictLabel(props.verdict)}
      tone={verdictTone(props.verdict)}
      size={props.size}
    />
  );
}

/** @public */
export function SeverityChip(props: { severity: Severity }) {
  return (
    <StatusChip
      label={severityLabel(props.severity)}
      tone={severityTone(props.severity)}
      description="severity"
    />
  );
}

/** @public */
export function PriorityChip(props: { priority: Priority }) {
  return (
    <StatusChip
      label={props.priority}
      tone={priorityTone(props.priority)}
      description="priority"
    />
  );
}
