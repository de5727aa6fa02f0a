import {
  LoggerService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  AuditTransitions,
  RuleTransition,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import { EntitySummary } from '../database/ReadinessStore';
import { ReadinessOptions } from '../options';

function notificationSeverity(
  newBlockers: Scorecard['blockers'],
): 'critical' | 'high' | 'normal' {
  if (newBlockers.some(b => b.severity === 'critical')) return 'critical';
  return newBlockers.length > 0 ? 'high' : 'normal';
}

/** Rules a notification names per kind of transition; the rest are counted. */
const NAMED_RULES = 5;

function ruleList(rules: RuleTransition[]): string {
  const named = rules.slice(0, NAMED_RULES).map(r => r.title);
  const more = rules.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/**
 * What changed since the last audit, as one sentence: "Since the last
 * audit: newly failing: A; fixed: B." Empty when no rule changed.
 * @public
 */
export function describeTransitions(transitions: AuditTransitions): string {
  const parts: string[] = [];
  const add = (label: string, rules: RuleTransition[]) => {
    if (rules.length > 0) parts.push(`${label}: ${ruleList(rules)}`);
  };
  add('newly failing', transitions.newlyFailing);
  add('waiver expired', transitions.waiverExpired);
  add('fixed', transitions.fixed);
  add('newly waived', transitions.newlyWaived);
  return parts.length > 0 ? `Since the last audit: ${parts.join('; ')}.` : '';
}

/** What the entity looked like before the audit. @public */
export interface PreviousStanding {
  score: number | null;
  blockerRuleIds: string[];
}

/**
 * Tells an entity's owner when its readiness gets worse: a new blocker, or a
 * score drop beyond the configured threshold. Does nothing when the
 * notifications plugin is not installed (unless forced on in config), and
 * never lets a failed send disturb an audit.
 * @public
 */
export class ReadinessNotifier {
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;
  readonly #settings: ReadinessOptions['notifications'];
  readonly #enabled: () => Promise<boolean>;

  static create(options: {
    notifications: NotificationService;
    instanceMetadata?: RootInstanceMetadataService;
    logger: LoggerService;
    settings: ReadinessOptions['notifications'];
  }): ReadinessNotifier {
    const { settings, instanceMetadata } = options;
    let decided: Promise<boolean> | undefined;
    const enabled = () => {
      if (!decided) {
        if (settings.enabled !== undefined) {
          decided = Promise.resolve(settings.enabled);
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
    return new ReadinessNotifier(
      options.notifications,
      options.logger,
      settings,
      enabled,
    );
  }

  private constructor(
    notifications: NotificationService,
    logger: LoggerService,
    settings: ReadinessOptions['notifications'],
    enabled: () => Promise<boolean>,
  ) {
    this.#notifications = notifications;
    this.#logger = logger;
    this.#settings = settings;
    this.#enabled = enabled;
  }

  /**
   * The notification an audit calls for, if any; it names the audit's rule
   * transitions when given. Pure.
   */
  compose(
    entity: EntitySummary,
    previous: PreviousStanding | undefined,
    scorecard: Scorecard,
    transitions?: AuditTransitions,
  ): NotificationSendOptions | undefined {
    if (!entity.owner || !previous || previous.score === null) return undefined;
    const known = new Set(previous.blockerRuleIds);
    const newBlockers = this.#settings.onNewBlocker
      ? scorecard.blockers.filter(b => !known.has(b.ruleId))
      : [];
    const drop = previous.score - scorecard.score;
    const dropped = drop > this.#settings.scoreDropThreshold;
    if (newBlockers.length === 0 && !dropped) return undefined;

    const label = entity.title ?? entity.name;
    const reasons: string[] = [];
    if (newBlockers.length > 0) {
      reasons.push(
        `New blocker${newBlockers.length > 1 ? 's' : ''}: ${newBlockers
          .map(b => `${b.title} (${b.ruleId})`)
          .join(', ')}.`,
      );
    }
    if (dropped) {
      reasons.push(
        `The score dropped from ${previous.score} to ${scorecard.score}.`,
      );
    }
    const changed = transitions ? describeTransitions(transitions) : '';
    if (changed) reasons.push(changed);
    return {
      recipients: { type: 'entity', entityRef: entity.owner },
      payload: {
        title:
          newBlockers.length > 0
            ? `${label} has a new production-readiness blocker`
            : `${label}'s readiness score dropped by ${drop} points`,
        description: reasons.join(' '),
        link: `/catalog/${entity.namespace}/${entity.kind.toLocaleLowerCase(
          'en-US',
        )}/${entity.name}`,
        severity: notificationSeverity(newBlockers),
        topic: 'readiness',
        scope: `readiness:${entity.entityRef}`,
      },
    };
  }

  async onAudit(
    entity: EntitySummary,
    previous: PreviousStanding | undefined,
    scorecard: Scorecard,
    transitions?: AuditTransitions,
  ): Promise<boolean> {
    const notification = this.compose(entity, previous, scorecard, transitions);
    if (!notification || !(await this.#enabled())) return false;
    try {
      await this.#notifications.send(notification);
      return true;
    } catch (e) {
      this.#logger.warn(
        `Could not notify ${entity.owner} about ${entity.entityRef}: ${
          (e as Error).message
        }`,
      );
      return false;
    }
  }
}
