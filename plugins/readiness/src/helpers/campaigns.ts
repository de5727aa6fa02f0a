import type {
  CampaignEntityStatus,
  CampaignProgress,
  CampaignRequirement,
  EntityCampaign,
} from '@readiness/backstage-plugin-readiness-common';
import type { Tone } from './bands';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** What a campaign requires, in a few words. */
export function requirementText(
  requirement: CampaignRequirement,
  ruleTitle: (ruleId: string) => string = id => id,
): string {
  if ('rules' in requirement) {
    return `${
      requirement.rules.length === 1 ? 'Rule' : 'Rules'
    } passing: ${requirement.rules.map(ruleTitle).join(', ')}`;
  }
  if ('categories' in requirement) {
    return `Every rule passing in ${
      requirement.categories.length === 1 ? 'category' : 'categories'
    } ${requirement.categories.join(', ')}`;
  }
  return `A score of at least ${requirement.minScore}`;
}

/** How an entity's status in a campaign reads and looks. */
export const CAMPAIGN_STATUSES: Record<
  CampaignEntityStatus,
  { label: string; tone: Tone; description: string }
> = {
  done: {
    label: 'Done',
    tone: 'ok',
    description: 'the requirement holds',
  },
  waived: {
    label: 'Done by waiver',
    tone: 'warning',
    description: 'the requirement holds only because of waivers',
  },
  'not-done': {
    label: 'Not done',
    tone: 'serious',
    description: 'the requirement does not hold',
  },
  unscored: {
    label: 'Not audited',
    tone: 'neutral',
    description: 'never audited successfully',
  },
};

/**
 * An entity's standing in a campaign, in one sentence:
 * `2 rules left for 'Containers run as non-root', due 2027-03-01`.
 */
export function entityCampaignText(campaign: EntityCampaign): string {
  const name = `'${campaign.title}'`;
  const due = `due ${campaign.targetDate}`;
  if (campaign.status === 'done') return `Done: ${name}, ${due}`;
  if (campaign.status === 'waived') {
    return `Done by waiver: ${name}, ${due}`;
  }
  if (campaign.status === 'unscored') {
    return `Not audited yet for ${name}, ${due}`;
  }
  if (campaign.rulesLeft.length > 0) {
    return `${plural(
      campaign.rulesLeft.length,
      'rule',
    )} left for ${name}, ${due}`;
  }
  if (campaign.pointsLeft !== undefined && campaign.pointsLeft > 0) {
    return `${plural(campaign.pointsLeft, 'point')} left for ${name}, ${due}`;
  }
  return `Not done for ${name}, ${due}`;
}

/** A campaign's progress in one line: `3 of 12 done (25%)`. */
export function progressText(progress: CampaignProgress): string {
  if (progress.entities === 0) return 'Covers no entity you can see';
  const waived =
    progress.waived > 0 ? `, ${progress.waived} of them by waiver` : '';
  return `${progress.done} of ${progress.entities} done (${progress.percent}%)${waived}`;
}
