import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Readiness backend plugin. */
  readiness?: {
    /**
     * When the refresh task runs. Each run syncs the queue with the catalog's
     * Component entities and audits those that are due.
     * A run with nothing due is cheap (it lists the catalog's refs), so runs
     * are frequent; `auditInterval` sets how often an entity is re-audited.
     * Defaults: every 5 minutes, timeout 25 minutes, first run 5 seconds
     * after start-up. Keys given here override only themselves.
     */
    schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;

    /**
     * How long after an audit an entity is due again. Sources whose etag
     * has not changed are not re-audited. ISO duration string or
     * HumanDuration. Default: 6 hours.
     */
    auditInterval?: string | HumanDuration;

    /**
     * Audits whose engine work (walking, parsing, running the rules) runs at
     * the same time on one replica: CPU-bound. Default 2.
     */
    concurrency?: number;

    /**
     * Sources downloaded at the same time on one replica: network-bound, so
     * it can be wider than `concurrency`. Default 8.
     */
    fetchConcurrency?: number;

    /**
     * Entities worked on at the same time on one replica, i.e. checks whether
     * a source changed in flight: an unchanged GitHub or GitLab source costs
     * one small SCM request and no download or engine work, so this can be
     * wider than `fetchConcurrency`; a check that finds a change waits for a
     * download slot. Default: `fetchConcurrency`.
     */
    checkConcurrency?: number;

    /** Entities claimed from the queue at a time. Default 20. */
    batchSize?: number;

    /**
     * How long a claim of an entity lasts unless extended. While a replica
     * works through a claimed batch it extends the leases every third of
     * this time, and every replica looks for due entities and expired leases
     * as often; so the entities of a replica that died are claimed again at
     * most `leaseSeconds * 4 / 3` after it died (80 seconds by default).
     * Every claim carries a fencing token: an audit whose entity was claimed
     * again meanwhile is discarded, never saved. Default 60 seconds.
     */
    leaseSeconds?: number;

    /**
     * Run the queue right away when someone asks for a refresh, instead of
     * waiting for the next scheduled run. Default true.
     */
    refreshImmediately?: boolean;

    /**
     * Keep the visibility index: the audited entities' fields the catalog's
     * permission rules match on, refreshed from the catalog every 30
     * seconds, so that a user's conditional decision on `catalog.entity.read`
     * is evaluated in this plugin's database instead of the catalog naming
     * every entity the user sees. Default true.
     */
    visibilityIndex?: boolean;

    /** How much score history to keep. Default: 365 days and 500 runs per entity. */
    historyRetention?: {
      /** History points older than this many days are deleted. */
      days?: number;
      /** At most this many history points are kept per entity. */
      runs?: number;
    };

    /**
     * Directories that `dir:` and `file:` source locations may point into.
     * Relative entries resolve against the backend's working directory.
     * Without an entry no local directory is audited.
     * @visibility backend
     */
    localRoots?: string[];

    /**
     * Waivers that apply to every entity, or to one entity when `entity` is
     * set. Waivers of the `readiness.dev/waivers` annotation take precedence.
     */
    waivers?: Array<{
      /** Entity ref the waiver applies to; all entities when absent. */
      entity?: string;
      /** The rule id, e.g. `security/committed-env-file`. */
      rule: string;
      /** Why the failure is accepted. */
      reason: string;
      /** Last day the waiver is in force, YYYY-MM-DD. */
      expires: string;
    }>;

    /** Rule weight by severity. Defaults: critical 10, high 5, medium 3, low 1. */
    severityWeights?: {
      critical?: number;
      high?: number;
      medium?: number;
      low?: number;
    };

    /**
     * Category weight in the overall score. Defaults: security 2, others 1,
     * a custom category its own `weight`. Keys are built-in category ids or
     * ids declared under `categories`.
     */
    categoryWeights?: {
      /**
       * A category's weight, by its id: security, testing, infrastructure,
       * code-quality, database, frontend, observability, cicd, documentation,
       * or a custom category's id.
       */
      [category: string]: number;
    };

    /** Rule ids reported as not applicable (`disabled by configuration`). */
    disabledRules?: string[];

    /** Settings of graded rules. */
    settings?: {
      /** Test files per source file below which testing/low-test-ratio fails. Default 0.3. */
      testRatioTarget?: number;
      /** TODO/FIXME markers per 1,000 lines above which code-quality/todo-debt fails. Default 2. */
      todoPerKlocTarget?: number;
    };

    /**
     * Custom categories beside the nine built-in ones. Rules from
     * `customRules` and from backend modules name one as their category;
     * scorecards, the API (`GET /categories`), the entity tab, the review and
     * the leaderboard's category filter list it after the built-in ones.
     */
    categories?: Array<{
      /** Lower-case kebab-case, never a built-in category id. */
      id: string;
      title: string;
      /** Weight in the overall score; 1 when absent. */
      weight?: number;
      description?: string;
    }>;

    /**
     * Rules defined without code. Each becomes a rule of the registry; the
     * list is validated at start-up.
     */
    customRules?: Array<{
      /** `<category>/<name>`, lower-case kebab-case; the category is built in or declared under `categories`. */
      id: string;
      category: string;
      /** critical, high, medium or low. */
      severity: string;
      title: string;
      description?: string;
      rationale?: string;
      remediation?: string;
      check: {
        /** file-exists, file-absent, file-contains or json-path. */
        type: string;
        /** Repository-relative path; globs such as `**\/Dockerfile` allowed. */
        path: string;
        /** file-contains: a regular expression every matching file must contain. */
        pattern?: string;
        /** json-path: a dotted path, e.g. `scripts.test` or `engines.node`. */
        jsonPath?: string;
        /** json-path: the value the path must hold; presence alone when absent. */
        equals?: string | number | boolean | null;
      };
    }>;

    /** Notifications to the owner when readiness gets worse. */
    notifications?: {
      /**
       * true: always send; false: never. When absent, notifications are sent
       * only when the notifications plugin runs in this backend.
       */
      enabled?: boolean;
      /** Notify when the score drops by more than this many points. Default 10. */
      scoreDropThreshold?: number;
      /** Notify when a new blocker appears. Default true. */
      onNewBlocker?: boolean;
    };

    /**
     * Campaigns: a requirement a set of entities must meet by a date. These
     * are read-only through the API (which adds, changes and archives its
     * own). Every entry is validated at start-up; an invalid one stops it
     * with an error naming the entry and the field.
     */
    campaigns?: Array<{
      /** A slug: lower-case letters, digits and inner dashes, up to 64 characters. */
      id: string;
      title: string;
      description?: string;
      /** The owning group's entity ref; a bare name is a group of `default`. */
      owner: string;
      /** The day by which the requirement must hold, YYYY-MM-DD. */
      targetDate: string;
      /** Exactly one of `rules`, `categories` or `minScore`. */
      requirement: {
        /** Rule ids that must pass (or be waived). */
        rules?: string[];
        /** Categories whose every rule must pass (or be waived). */
        categories?: string[];
        /** The overall score to reach, 0–100. */
        minScore?: number;
      };
      /**
       * The entities covered: every field given must match, a list matches
       * any of its values. Only audited kinds (Component) are covered.
       * Default: every audited entity.
       */
      scope?: {
        kind?: string | string[];
        /** spec.type */
        type?: string | string[];
        /** Owner entity refs; bare names are groups of `default`. */
        owner?: string | string[];
        /** System entity refs; bare names are systems of `default`. */
        system?: string | string[];
        /** spec.lifecycle */
        lifecycle?: string | string[];
        /** metadata.tags: any of them. */
        tags?: string | string[];
        /** metadata.annotations: each with this value, or present for `true`. */
        annotations?: { [key: string]: string | boolean };
      };
      /** Archived campaigns are listed only on request and send no reminders. */
      archived?: boolean;
    }>;

    /** Reminders to the owners of entities not done in a campaign. */
    campaignReminders?: {
      /**
       * Remind every day from this many days before the target date (and
       * every day once it is overdue). 0: only on the day. Default 7.
       */
      daysBefore?: number;
    };

    /** Limits of one audit; a repository beyond them is reported as too large. */
    limits?: {
      /** Files above this size are counted and not read. Default 1 MiB. */
      maxFileBytes?: number;
      /** Entries walked before the audit stops. Default 50,000. */
      maxFiles?: number;
      /** Bytes read before the audit stops. Default 256 MiB. */
      maxTotalBytes?: number;
      /**
       * The most bytes of files (uncompressed) the archive of a url: source
       * may hold; the download stops beyond it and the entity gets an error.
       * Default 1 GiB.
       */
      maxArchiveBytes?: number;
      /** How long one read of a url: source may take, in seconds. Default 300. */
      readTimeoutSeconds?: number;
    };

    /** The catalog integration (module `catalogModuleReadiness`). */
    catalog?: {
      /** How long the processor caches scores. Default 60 seconds. */
      cacheSeconds?: number;
    };
  };
}
