import {
  LoggerService,
  RootInstanceMetadataService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  Campaign,
  CampaignEntityProgress,
} from '@readiness/backstage-plugin-readiness-common';
import {
  DatabaseCampaignStore,
  ReminderKind,
} from '../database/DatabaseCampaignStore';
import { CampaignService } from './CampaignService';
import { CampaignReminderOptions } from './definition';
import { daysUntil, utcDay } from './progress';

/** The id of the scheduled task that sends campaign reminders. @public */
export const CAMPAIGN_REMINDERS_TASK_ID = 'readiness-campaign-reminders';

/** Records of reminders sent are kept this long. */
const KEEP_REMINDERS_MS = 30 * 86_400_000;

/** Entities named in one reminder; the rest are counted. */
const NAMED_ENTITIES = 10;

/** What a run did. */
export interface ReminderRunResult {
  /** Reminders sent. */
  sent: number;
  /** Reminders already sent today, not sent again. */
  alreadySent: number;
  /** False when the notifications service is absent or turned off. */
  enabled: boolean;
}

/** Which reminder a campaign calls for today, if any. */
export function reminderKind(
  campaign: Pick<Campaign, 'targetDate' | 'archived'>,
  daysBefore: number,
  now: Date,
): ReminderKind | undefined {
  if (campaign.archived) return undefined;
  const days = daysUntil(campaign.targetDate, now);
  if (days < 0) return 'overdue';
  return days <= daysBefore ? 'due-soon' : undefined;
}

const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);

/** The notification to one owner about its entities that are not done. Pure. */
export function composeReminder(
  campaign: Campaign,
  kind: ReminderKind,
  owner: string,
  entities: CampaignEntityProgress[],
  now: Date,
): NotificationSendOptions {
  const days = daysUntil(campaign.targetDate, now);
  const count = `${entities.length} ${
    entities.length === 1 ? 'entity' : 'entities'
  }`;
  const title =
    kind === 'overdue'
      ? `Campaign '${campaign.title}' is overdue: ${count} not done`
      : `Campaign '${campaign.title}' is due ${
          days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`
        }: ${count} not done`;
  const lines = entities.slice(0, NAMED_ENTITIES).map(e => {
    const label = e.title ?? nameOf(e.entityRef);
    if (e.status === 'unscored') return `${label} (not audited yet)`;
    if (e.rulesLeft.length > 0) {
      return `${label} (${e.rulesLeft.length} rule${
        e.rulesLeft.length === 1 ? '' : 's'
      } left: ${e.rulesLeft.join(', ')})`;
    }
    if (e.pointsLeft !== undefined) {
      return `${label} (${e.pointsLeft} points short of ${
        'minScore' in campaign.requirement ? campaign.requirement.minScore : ''
      })`;
    }
    return label;
  });
  const more =
    entities.length > NAMED_ENTITIES
      ? ` and ${entities.length - NAMED_ENTITIES} more`
      : '';
  return {
    recipients: { type: 'entity', entityRef: owner },
    payload: {
      title,
      description: `Due ${campaign.targetDate}. Not done: ${lines.join(
        '; ',
      )}${more}.`,
      link: `/readiness/campaigns/${campaign.id}`,
      severity: kind === 'overdue' ? 'high' : 'normal',
      topic: 'readiness-campaigns',
      scope: `readiness:campaign:${campaign.id}:${kind}`,
    },
  };
}

/**
 * Reminds the owners of the entities that are not done in a campaign,
 * through Backstage notifications: from `daysBefore` days before the target
 * date ("due soon"), and every day once it has passed ("overdue"). Each
 * campaign, owner and kind gets at most one reminder a day, on any number
 * of replicas: the reminder is recorded in the database before it is sent
 * (and the record dropped if sending fails). Nothing is sent, and nothing
 * is read, without the notifications plugin (or with
 * `readiness.notifications.enabled: false`). Runs as a scheduled task of
 * its own.
 */
export class CampaignReminders {
  readonly #campaigns: CampaignService;
  readonly #store: DatabaseCampaignStore;
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;
  readonly #options: CampaignReminderOptions;
  readonly #enabled: () => Promise<boolean>;

  static create(options: {
    campaigns: CampaignService;
    store: DatabaseCampaignStore;
    notifications: NotificationService;
    instanceMetadata?: RootInstanceMetadataService;
    logger: LoggerService;
    options: CampaignReminderOptions;
    /** `readiness.notifications.enabled`: absent means "when the plugin runs". */
    notificationsEnabled?: boolean;
  }): CampaignReminders {
    let decided: Promise<boolean> | undefined;
    const enabled = () => {
      if (!decided) {
        const { instanceMetadata, notificationsEnabled } = options;
        if (notificationsEnabled !== undefined) {
          decided = Promise.resolve(notificationsEnabled);
        } else if (!instanceMetadata) {
          decided = Promise.resolve(false);
        } else {
          decided = instanceMetadata
            .getInstalledPlugins()
            .then(plugins => plugins.some(p => p.pluginId === 'notifications'))
            .catch(() => false);
        }
      }
      return decided;
    };
    return new CampaignReminders(options, enabled);
  }

  private constructor(
    options: {
      campaigns: CampaignService;
      store: DatabaseCampaignStore;
      notifications: NotificationService;
      logger: LoggerService;
      options: CampaignReminderOptions;
    },
    enabled: () => Promise<boolean>,
  ) {
    this.#campaigns = options.campaigns;
    this.#store = options.store;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
    this.#options = options.options;
    this.#enabled = enabled;
  }

  /** Schedules the reminders: every hour, cluster-wide. */
  async start(scheduler: SchedulerService, signal?: AbortSignal) {
    await scheduler.scheduleTask({
      id: CAMPAIGN_REMINDERS_TASK_ID,
      frequency: { hours: 1 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
      scope: 'global',
      signal,
      fn: async () => {
        try {
          await this.run(new Date());
        } catch (e) {
          throw new ForwardedError('Readiness campaign reminders failed', e);
        }
      },
    });
  }

  /** Sends the reminders due at `now`. */
  async run(now: Date): Promise<ReminderRunResult> {
    const result: ReminderRunResult = {
      sent: 0,
      alreadySent: 0,
      enabled: false,
    };
    if (!(await this.#enabled())) return result;
    result.enabled = true;
    const day = utcDay(now);
    for (const campaign of await this.#campaigns.list()) {
      const kind = reminderKind(campaign, this.#options.daysBefore, now);
      if (!kind) continue;
      const { entities } = await this.#campaigns.judge(
        campaign,
        undefined,
        now,
      );
      const byOwner = new Map<string, CampaignEntityProgress[]>();
      for (const entity of entities) {
        if (entity.done || !entity.owner) continue;
        byOwner.set(entity.owner, [
          ...(byOwner.get(entity.owner) ?? []),
          entity,
        ]);
      }
      for (const [owner, left] of byOwner) {
        const claim = { campaignId: campaign.id, owner, kind, day };
        if (!(await this.#store.claimReminder({ ...claim, now }))) {
          result.alreadySent += 1;
          continue;
        }
        try {
          await this.#notifications.send(
            composeReminder(campaign, kind, owner, left, now),
          );
          result.sent += 1;
        } catch (e) {
          await this.#store.releaseReminder(claim);
          this.#logger.warn(
            `Could not remind ${owner} of campaign ${campaign.id}: ${
              (e as Error).message
            }`,
          );
        }
      }
    }
    await this.#store.pruneReminders(
      new Date(now.getTime() - KEEP_REMINDERS_MS),
    );
    return result;
  }
}
