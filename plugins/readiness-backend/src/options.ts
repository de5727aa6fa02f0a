import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, JsonObject } from '@backstage/types';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { Waiver } from '@readiness/backstage-plugin-readiness-common';
import {
  AUDIT_CONFIG_KEYS,
  AuditConfig,
  parseAuditConfig,
  WalkLimits,
} from '@readiness/backstage-plugin-readiness-node';
import { resolve } from 'node:path';
import { z } from 'zod';
import { HistoryRetention } from './database/ReadinessStore';

/** A configured waiver, for every entity or for one. @public */
export interface ConfiguredWaiver {
  /** Lower-case entity ref; every entity when absent. */
  entityRef?: string;
  waiver: Waiver;
}

/** Everything the plugin reads from `readiness.*`. @public */
export interface ReadinessOptions {
  schedule: SchedulerServiceTaskScheduleDefinition;
  auditIntervalMs: number;
  concurrency: number;
  /** Sources downloaded at once on one replica. */
  fetchConcurrency: number;
  /**
   * Entities worked on at once on one replica: how many checks whether a
   * source changed are in flight. Downloads stay within `fetchConcurrency`
   * and engine work within `concurrency`.
   */
  checkConcurrency: number;
  batchSize: number;
  leaseSeconds: number;
  refreshImmediately: boolean;
  historyRetention: HistoryRetention;
  /** Absolute paths. */
  localRoots: string[];
  /** Weights, disabled rules and rule settings; waivers are per entity. */
  audit: Omit<AuditConfig, 'waivers'>;
  waivers: ConfiguredWaiver[];
  limits: Partial<WalkLimits>;
  /** Time and archive size limits of url: reads (`readiness.limits`). */
  sourceLimits?: { maxArchiveBytes?: number; readTimeoutMs?: number };
  notifications: {
    enabled?: boolean;
    scoreDropThreshold: number;
    onNewBlocker: boolean;
  };
  catalogCacheSeconds: number;
}

// A run with nothing due only lists the catalog's refs, so runs are cheap
// and frequent; how often an entity is re-audited is `auditInterval`.
const DEFAULT_SCHEDULE: JsonObject = {
  frequency: { minutes: 5 },
  timeout: { minutes: 25 },
  initialDelay: { seconds: 5 },
};

/** YYYY-MM-DD that is a real day. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    day =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    'is not a calendar day',
  );

const positiveInt = (
  key: string,
  value: number | undefined,
  fallback: number,
) => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `readiness.${key} must be a positive integer, got ${value}`,
    );
  }
  return value;
};

/** Formats a zod error as `path: message` lines. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map(
      issue =>
        `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${
          issue.message
        }`,
    )
    .join('; ');
}

/**
 * Reads the audit configuration of `readiness.*` (weights, waivers, disabled
 * rules, rule settings) with the engine's schema, the one the CLI reads its
 * config file with; every problem is named by its config path.
 */
function readAuditConfig(config: Config): {
  audit: Omit<AuditConfig, 'waivers'>;
  waivers: ConfiguredWaiver[];
} {
  const section = config.getOptional('readiness');
  const doc =
    section && typeof section === 'object' && !Array.isArray(section)
      ? Object.fromEntries(
          AUDIT_CONFIG_KEYS.map(key => [
            key,
            (section as Record<string, unknown>)[key],
          ]),
        )
      : {};
  const parsed = parseAuditConfig(doc, {
    prefix: 'readiness',
    waiverEntity: true,
  });
  if (!parsed.success) {
    throw new InputError(
      `The readiness configuration is invalid: ${parsed.problems.join('; ')}`,
    );
  }
  const { waivers = [], ...audit } = parsed.config;
  return {
    audit: { ...audit, disabledRules: audit.disabledRules ?? [] },
    waivers: waivers.map(({ entity, waiver }, index) => {
      if (!entity) return { waiver };
      try {
        const entityRef = stringifyEntityRef(
          parseEntityRef(entity, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
        return { entityRef, waiver };
      } catch (e) {
        throw new InputError(
          `readiness.waivers[${index}].entity '${entity}' is not an entity ref: ${
            (e as Error).message
          }`,
        );
      }
    }),
  };
}

/**
 * Reads and checks the plugin's configuration. Throws an error naming the
 * offending key when something is wrong, so a bad config stops start-up.
 * @public
 */
export function readReadinessOptions(
  config: Config,
  cwd: string = process.cwd(),
): ReadinessOptions {
  const scheduleConfig = config.getOptionalConfig('readiness.schedule');
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader({
      ...DEFAULT_SCHEDULE,
      ...(scheduleConfig?.get<JsonObject>() ?? {}),
    }),
  );

  const auditIntervalMs = config.has('readiness.auditInterval')
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: 'readiness.auditInterval' }),
      )
    : 6 * 60 * 60 * 1000;

  const retention = config.getOptionalConfig('readiness.historyRetention');
  const historyRetention: HistoryRetention = {
    days: positiveInt(
      'historyRetention.days',
      retention?.getOptionalNumber('days'),
      365,
    ),
    runs: positiveInt(
      'historyRetention.runs',
      retention?.getOptionalNumber('runs'),
      500,
    ),
  };

  const { audit, waivers } = readAuditConfig(config);

  const limitsConfig = config.getOptionalConfig('readiness.limits');
  const limits: Partial<WalkLimits> = {};
  for (const key of ['maxFileBytes', 'maxFiles', 'maxTotalBytes'] as const) {
    const value = limitsConfig?.getOptionalNumber(key);
    if (value !== undefined)
      limits[key] = positiveInt(`limits.${key}`, value, value);
  }
  const sourceLimits: ReadinessOptions['sourceLimits'] = {};
  const maxArchiveBytes = limitsConfig?.getOptionalNumber('maxArchiveBytes');
  if (maxArchiveBytes !== undefined) {
    sourceLimits.maxArchiveBytes = positiveInt(
      'limits.maxArchiveBytes',
      maxArchiveBytes,
      maxArchiveBytes,
    );
  }
  const readTimeoutSeconds =
    limitsConfig?.getOptionalNumber('readTimeoutSeconds');
  if (readTimeoutSeconds !== undefined) {
    if (!(readTimeoutSeconds > 0)) {
      throw new InputError(
        `readiness.limits.readTimeoutSeconds must be more than zero, got ${readTimeoutSeconds}`,
      );
    }
    sourceLimits.readTimeoutMs = readTimeoutSeconds * 1000;
  }

  const notifications = config.getOptionalConfig('readiness.notifications');
  const threshold =
    notifications?.getOptionalNumber('scoreDropThreshold') ?? 10;
  if (!(threshold >= 0)) {
    throw new InputError(
      'readiness.notifications.scoreDropThreshold must be zero or more',
    );
  }

  const fetchConcurrency = positiveInt(
    'fetchConcurrency',
    config.getOptionalNumber('readiness.fetchConcurrency'),
    8,
  );

  return {
    schedule,
    auditIntervalMs,
    concurrency: positiveInt(
      'concurrency',
      config.getOptionalNumber('readiness.concurrency'),
      2,
    ),
    fetchConcurrency,
    // As wide as the downloads unless configured: measured on a loaded
    // 2-core machine, wider checks did not make an unchanged pass faster.
    checkConcurrency: positiveInt(
      'checkConcurrency',
      config.getOptionalNumber('readiness.checkConcurrency'),
      fetchConcurrency,
    ),
    batchSize: positiveInt(
      'batchSize',
      config.getOptionalNumber('readiness.batchSize'),
      20,
    ),
    leaseSeconds: positiveInt(
      'leaseSeconds',
      config.getOptionalNumber('readiness.leaseSeconds'),
      60,
    ),
    refreshImmediately:
      config.getOptionalBoolean('readiness.refreshImmediately') ?? true,
    historyRetention,
    localRoots: (
      config.getOptionalStringArray('readiness.localRoots') ?? []
    ).map(root => resolve(cwd, root)),
    audit,
    waivers,
    limits,
    sourceLimits,
    notifications: {
      enabled: notifications?.getOptionalBoolean('enabled'),
      scoreDropThreshold: threshold,
      onNewBlocker: notifications?.getOptionalBoolean('onNewBlocker') ?? true,
    },
    catalogCacheSeconds: positiveInt(
      'catalog.cacheSeconds',
      config.getOptionalNumber('readiness.catalog.cacheSeconds'),
      60,
    ),
  };
}
