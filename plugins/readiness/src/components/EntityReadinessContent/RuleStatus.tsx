import type { RuleResult } from '@readiness/backstage-plugin-readiness-common';
import { StatusChip } from '../StatusChip';
import type { Tone } from '../../helpers/bands';

/** The label and tone of a rule result, waivers and graded results included. */
export function ruleStatus(result: RuleResult): { label: string; tone: Tone } {
  if (result.waiver) return { label: 'Waived', tone: 'neutral' };
  switch (result.status) {
    case 'pass':
      if (result.score !== undefined && result.score < 1) {
        return {
          label: `Partial (${Math.round(result.score * 100)}%)`,
          tone: 'warning',
        };
      }
      return { label: 'Pass', tone: 'ok' };
    case 'fail':
      if (result.score !== undefined && result.score > 0) {
        return {
          label: `Partial (${Math.round(result.score * 100)}%)`,
          tone: 'warning',
        };
      }
      return { label: 'Fail', tone: 'error' };
    case 'not-applicable':
      return { label: 'Not applicable', tone: 'neutral' };
    default:
      return { label: 'Error', tone: 'serious' };
  }
}

export function RuleStatusChip(props: { result: RuleResult }) {
  const status = ruleStatus(props.result);
  return (
    <StatusChip
      label={status.label}
      tone={status.tone}
      description={props.result.message}
    />
  );
}
