import {
  CampaignEntityProgress,
  CampaignEntityStatus,
  CampaignProgress,
  CampaignRequirement,
  CampaignSeriesPoint,
  CampaignTeamProgress,
} from '@readiness/backstage-plugin-readiness-common';

const DAY_MS = 86_400_000;

/**
 * What the store knows of an entity's latest audit, all a campaign needs to
 * judge it.
 */
export interface EntityStanding {
  entityRef: string;
  title?: string;
  owner?: string;
  /** Null when never audited successfully. */
  score: number | null;
  auditedAt?: Date;
  /** Rules failing without a waiver in the latest audit. */
  failingRules: string[];
  /** Rules failing under an active waiver in the latest audit. */
  waivedRules: string[];
}

/** A covered entity as the catalog names it. */
export interface CoveredEntity {
  entityRef: string;
  title?: string;
  owner?: string;
}

/** The category of a rule id (`<category>/<name>`). */
export function categoryOfRule(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash < 0 ? ruleId : ruleId.slice(0, slash);
}

/** Whether `ruleId` is one the requirement needs to pass. */
export function requirementNeeds(
  requirement: CampaignRequirement,
  ruleId: string,
): boolean {
  if ('rules' in requirement) return requirement.rules.includes(ruleId);
  if ('categories' in requirement) {
    return requirement.categories.includes(categoryOfRule(ruleId));
  }
  return false;
}

/**
 * Judges one covered entity against a requirement. A rule counts as left
 * when it fails without a waiver; a needed rule that fails under a waiver
 * counts as done but is flagged (`waived`). With `minScore`, the score
 * decides (waivers score as passing, so an entity that is done while any
 * rule is waived is flagged).
 */
export function judgeEntity(
  requirement: CampaignRequirement,
  entity: CoveredEntity,
  standing: EntityStanding | undefined,
): CampaignEntityProgress {
  const base = {
    entityRef: entity.entityRef,
    ...(entity.title ? { title: entity.title } : {}),
    ...(entity.owner ?? standing?.owner
      ? { owner: entity.owner ?? standing?.owner }
      : {}),
  };
  if (!standing || standing.score === null) {
    return {
      ...base,
      status: 'unscored',
      done: false,
      score: null,
      rulesLeft: 'rules' in requirement ? [...requirement.rules] : [],
      waivedRules: [],
      ...('minScore' in requirement
        ? { pointsLeft: requirement.minScore }
        : {}),
      auditedAt: standing?.auditedAt?.toISOString() ?? null,
    };
  }
  let done: boolean;
  let rulesLeft: string[] = [];
  let waivedRules: string[];
  let pointsLeft: number | undefined;
  if ('minScore' in requirement) {
    pointsLeft = Math.max(0, requirement.minScore - standing.score);
    done = pointsLeft === 0;
    waivedRules = [...standing.waivedRules].sort();
  } else {
    rulesLeft = standing.failingRules
      .filter(id => requirementNeeds(requirement, id))
      .sort();
    waivedRules = standing.waivedRules
      .filter(id => requirementNeeds(requirement, id))
      .sort();
    done = rulesLeft.length === 0;
  }
  let status: CampaignEntityStatus = 'not-done';
  if (done) status = waivedRules.length > 0 ? 'waived' : 'done';
  return {
    ...base,
    status,
    done,
    score: standing.score,
    rulesLeft,
    waivedRules,
    ...(pointsLeft !== undefined ? { pointsLeft } : {}),
    auditedAt: standing.auditedAt?.toISOString() ?? null,
  };
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whether the target date has passed: `now`'s UTC day is after it. */
export function isPastTarget(targetDate: string, now: Date): boolean {
  return utcDay(now) > targetDate;
}

/** Whole days from `now`'s UTC day to the target date (negative once past). */
export function daysUntil(targetDate: string, now: Date): number {
  return Math.round(
    (Date.parse(`${targetDate}T00:00:00Z`) -
      Date.parse(`${utcDay(now)}T00:00:00Z`)) /
      DAY_MS,
  );
}

/** The counts over the judged entities, and whether the campaign is overdue. */
export function summarizeProgress(
  entities: CampaignEntityProgress[],
  targetDate: string,
  now: Date,
): CampaignProgress {
  const done = entities.filter(e => e.done).length;
  return {
    entities: entities.length,
    done,
    waived: entities.filter(e => e.status === 'waived').length,
    unscored: entities.filter(e => e.status === 'unscored').length,
    percent:
      entities.length === 0 ? 100 : Math.floor((done * 100) / entities.length),
    overdue: isPastTarget(targetDate, now) && done < entities.length,
  };
}

/** Progress per owner, by owner ref; entities without an owner last. */
export function progressByTeam(
  entities: CampaignEntityProgress[],
): CampaignTeamProgress[] {
  const teams = new Map<string | null, CampaignTeamProgress>();
  for (const entity of entities) {
    const owner = entity.owner ?? null;
    const team = teams.get(owner) ?? { owner, entities: 0, done: 0, waived: 0 };
    team.entities += 1;
    if (entity.done) team.done += 1;
    if (entity.status === 'waived') team.waived += 1;
    teams.set(owner, team);
  }
  return [...teams.values()].sort((a, b) => {
    if (a.owner === b.owner) return 0;
    if (a.owner === null) return 1;
    if (b.owner === null) return -1;
    return a.owner < b.owner ? -1 : 1;
  });
}

/**
 * A day on which some entities started or stopped meeting the requirement:
 * `delta` is the change of the count of entities meeting it.
 */
export interface SeriesChange {
  /** Days since the epoch (UTC). */
  day: number;
  delta: number;
}

/**
 * The daily series from its changes: for each day from `fromDay` to
 * `toDay` (days since the epoch), how many entities met the requirement at
 * its end. Changes before `fromDay` make its starting count.
 */
export function seriesOf(
  changes: SeriesChange[],
  fromDay: number,
  toDay: number,
): CampaignSeriesPoint[] {
  const byDay = new Map<number, number>();
  let count = 0;
  for (const change of changes) {
    if (change.day < fromDay) count += change.delta;
    else byDay.set(change.day, (byDay.get(change.day) ?? 0) + change.delta);
  }
  const out: CampaignSeriesPoint[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    count += byDay.get(day) ?? 0;
    out.push({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      done: count,
    });
  }
  return out;
}

/** Days since the epoch of `at`'s UTC day. */
export function epochDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}
