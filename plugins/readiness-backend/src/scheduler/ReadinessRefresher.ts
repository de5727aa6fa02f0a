import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AuditOutcome } from '../audit/EntityAuditor';
import { summarizeEntity } from '../audit/entitySummary';
import {
  AuditState,
  ClaimedEntity,
  EntitySummary,
  Lease,
  ReadinessStore,
  UnchangedEntity,
} from '../database/ReadinessStore';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { ReadinessOptions } from '../options';
import { ScmRateLimitError } from '../sources/rateLimits';
import { SourceError } from '../sources/SourceError';
import { withoutServerPaths } from '../sources/userPaths';
import { LeaseHeartbeat } from './LeaseHeartbeat';

/** The kinds whose repositories are audited. @public */
export const AUDITED_KINDS = ['Component'];

/** The id of the scheduled task. @public */
export const REFRESH_TASK_ID = 'readiness-refresh';

/**
 * The id of the task, local to each replica, that claims due entities and
 * expired leases between the scheduled runs. @public
 */
export const QUEUE_TASK_ID = 'readiness-refresh-queue';

/** What the refresher needs of an auditor. @public */
export interface Auditor {
  audit(
    entity: Entity,
    previous?: { etag?: string; inputsHash?: string },
    options?: { force?: boolean; now?: Date },
  ): Promise<AuditOutcome>;
}

/** @public */
export type RefresherOptions = Pick<
  ReadinessOptions,
  | 'schedule'
  | 'auditIntervalMs'
  | 'concurrency'
  | 'batchSize'
  | 'leaseSeconds'
  | 'refreshImmediately'
  | 'historyRetention'
> &
  Partial<Pick<ReadinessOptions, 'fetchConcurrency' | 'checkConcurrency'>> & {
    /**
     * How often the leases of a claimed batch are extended, and how often each
     * replica looks for due entities and expired leases. Default: a third of
     * the lease.
     */
    heartbeatMs?: number;
  };

/** A claimed batch while its entities are worked through. */
interface Batch {
  heartbeat: LeaseHeartbeat;
  /** Its entities whose source did not change, recorded together. */
  unchanged: UnchangedEntity[];
  /** How many of its entities have not settled yet. */
  left: number;
}

/** Retry delay after consecutive failures: 2, 4, 8 … minutes, up to the audit interval. */
function backoffMs(attempts: number, intervalMs: number): number {
  return Math.min(intervalMs, 60_000 * 2 ** Math.min(attempts + 1, 20));
}

/** What a refresher works with. @public */
export interface RefresherDeps {
  store: ReadinessStore;
  auditor: Auditor;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  logger: LoggerService;
  options: RefresherOptions;
  notifier?: ReadinessNotifier;
  clock?: () => Date;
  /** The lease owner name; unique per instance by default. */
  id?: string;
}

/**
 * Keeps scorecards fresh. Each scheduled run makes the queue match the
 * catalog's Component entities, then claims due entities in batches under a
 * lease (so replicas never audit the same entity at once, and a dead
 * replica's lease is taken over once it expires), audits them with bounded
 * concurrency, stores the results and schedules the next audit.
 * @public
 */
export class ReadinessRefresher {
  readonly #store: ReadinessStore;
  readonly #auditor: Auditor;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #scheduler: SchedulerService;
  readonly #logger: LoggerService;
  readonly #options: RefresherOptions;
  readonly #notifier?: ReadinessNotifier;
  readonly #clock: () => Date;
  readonly #abort = new AbortController();
  /** The lease owner name of this instance. */
  readonly id: string;
  #processing?: Promise<number>;
  #again = false;

  static create(options: RefresherDeps): ReadinessRefresher {
    return new ReadinessRefresher(options);
  }

  private constructor(options: RefresherDeps) {
    this.#store = options.store;
    this.#auditor = options.auditor;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#scheduler = options.scheduler;
    this.#logger = options.logger;
    this.#options = options.options;
    this.#notifier = options.notifier;
    this.#clock = options.clock ?? (() => new Date());
    this.id =
      options.id ??
      `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** How often leases are extended and the queue is polled. */
  get heartbeatMs(): number {
    return this.#options.heartbeatMs ?? (this.#options.leaseSeconds * 1000) / 3;
  }

  /**
   * Schedules the refresh task on the core scheduler, and on this replica a
   * poll of the queue every heartbeat, so that the entities of a replica that
   * died are claimed soon after their leases expire, without waiting for the
   * next scheduled run (which a dead replica may hold until its timeout).
   */
  async start(): Promise<void> {
    await this.#scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      ...this.#options.schedule,
      signal: this.#abort.signal,
      fn: async () => {
        await this.run();
      },
    });
    const every = { milliseconds: this.heartbeatMs };
    await this.#scheduler.scheduleTask({
      id: QUEUE_TASK_ID,
      scope: 'local',
      frequency: every,
      initialDelay: every,
      timeout: this.#options.schedule.timeout,
      signal: this.#abort.signal,
      fn: async () => {
        try {
          await this.processDue();
        } catch (e) {
          throw new ForwardedError('Readiness queue poll failed', e);
        }
      },
    });
  }

  /** Stops scheduling and waits for audits in flight. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#again = false;
    await this.#processing?.catch(() => undefined);
  }

  /** One scheduled run: sync, audit what is due, prune history. */
  async run(): Promise<void> {
    try {
      const synced = await this.syncWithCatalog();
      if (synced.added || synced.removed) {
        this.#logger.info(
          `Readiness queue synced with the catalog: ${synced.added} added, ${synced.removed} removed`,
        );
      }
    } catch (e) {
      // Audits of known entities go on when the catalog is briefly away.
      this.#logger.warn(
        `Readiness could not sync with the catalog: ${(e as Error).message}`,
      );
    }
    try {
      const audited = await this.processDue();
      if (audited > 0)
        this.#logger.info(`Readiness processed ${audited} entities`);
      // Runs are pruned per entity as each audit is saved; age needs a sweep.
      const pruned = await this.#store.pruneHistory(
        { days: this.#options.historyRetention.days },
        this.#clock(),
      );
      if (pruned > 0)
        this.#logger.info(`Readiness pruned ${pruned} history points`);
    } catch (e) {
      throw new ForwardedError('Readiness refresh failed', e);
    }
  }

  /** Makes the queue match the catalog's audited entities. */
  async syncWithCatalog(): Promise<{ added: number; removed: number }> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const refs: string[] = [];
    for await (const page of this.#catalog.streamEntities(
      {
        filter: { kind: AUDITED_KINDS },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    )) {
      for (const entity of page) refs.push(stringifyEntityRef(entity));
    }
    if (refs.length === 0) {
      // A catalog that is still starting up answers with nothing; forgetting
      // every scorecard and its history on that answer would be wrong.
      this.#logger.info(
        'Readiness found no components in the catalog; the queue is left as it is',
      );
      return { added: 0, removed: 0 };
    }
    return this.#store.syncEntities(refs, this.#clock());
  }

  /**
   * Audits every due entity, batch after batch, and returns how many were
   * processed. Calls made while a pass runs join it.
   */
  processDue(): Promise<number> {
    if (this.#processing) {
      this.#again = true;
      return this.#processing;
    }
    const pass = (async () => {
      let total = 0;
      do {
        this.#again = false;
        total += await this.#drain();
      } while (this.#again && !this.#abort.signal.aborted);
      return total;
    })();
    this.#processing = pass.finally(() => {
      this.#processing = undefined;
    });
    return this.#processing;
  }

  /**
   * Queues an on-demand refresh: due now, ahead of the scheduled work, and
   * (unless configured otherwise) processed right away in the background.
   */
  async requestRefresh(entityRef: string): Promise<void> {
    await this.#store.requestRefresh(entityRef, this.#clock());
    if (this.#options.refreshImmediately && !this.#abort.signal.aborted) {
      this.processDue().catch(e =>
        this.#logger.warn(
          `Readiness on-demand refresh failed: ${(e as Error).message}`,
        ),
      );
    }
  }

  /** Whether an audit of the entity is requested or running. */
  async isRefreshing(entityRef: string): Promise<boolean> {
    const state = await this.#store.getRefreshState(entityRef);
    if (!state) return false;
    const leased =
      state.leaseExpiresAt !== undefined &&
      state.leaseExpiresAt > this.#clock();
    return leased || state.priority > 0;
  }

  /**
   * Works through the due entities with `checkConcurrency` of them in flight
   * (the sources hold downloads to `fetchConcurrency`, the auditor engine
   * work to `concurrency`). Batches are claimed as the work runs out, not
   * when the previous batch is done: while its slowest audits finish, the
   * next batch's start, so the width is kept across batches. Each batch
   * holds its leases until its last entity settles, then records its
   * unchanged entities in one commit.
   */
  async #drain(): Promise<number> {
    const width =
      this.#options.checkConcurrency ??
      this.#options.fetchConcurrency ??
      this.#options.concurrency;
    const queue: Array<{
      claim: ClaimedEntity;
      entity?: Entity;
      /** The last audit's fingerprints, read for the whole batch at once. */
      previous?: AuditState;
      batch: Batch;
    }> = [];
    let total = 0;
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const finishing: Promise<void>[] = [];

    const claimBatch = async () => {
      const claims = await this.#store.claimDue({
        owner: this.id,
        limit: this.#options.batchSize,
        leaseSeconds: this.#options.leaseSeconds,
        now: this.#clock(),
      });
      if (claims.length === 0) {
        exhausted = true;
        return;
      }
      // The whole batch is held while it waits for its turn and is audited.
      const heartbeat = LeaseHeartbeat.start({
        store: this.#store,
        owner: this.id,
        claims,
        leaseSeconds: this.#options.leaseSeconds,
        intervalMs: this.heartbeatMs,
        clock: this.#clock,
        logger: this.#logger,
      });
      const batch: Batch = {
        heartbeat,
        unchanged: [],
        left: claims.length,
      };
      try {
        const credentials = await this.#auth.getOwnServiceCredentials();
        const refs = claims.map(c => c.entityRef);
        const { items } = await this.#catalog.getEntitiesByRefs(
          { entityRefs: refs },
          { credentials },
        );
        // Held under the batch's leases, so no other audit changes them.
        const states = await this.#store.getAuditStates(refs);
        claims.forEach((claim, i) =>
          queue.push({
            claim,
            entity: items[i] ?? undefined,
            previous: states.get(claim.entityRef),
            batch,
          }),
        );
        total += claims.length;
      } catch (e) {
        await heartbeat.stop();
        throw e;
      }
    };

    /** Claims a batch, or joins the claim another worker is making. */
    const claimShared = () => {
      claiming ??= claimBatch().finally(() => {
        claiming = undefined;
      });
      return claiming;
    };

    /** The next claimed entity, claiming a batch when none is left. */
    const next = async () => {
      while (queue.length === 0) {
        if (exhausted || this.#abort.signal.aborted) return undefined;
        await claimShared();
      }
      return queue.shift();
    };

    const finish = async (batch: Batch) => {
      try {
        // Entities whose source did not change are settled together: one commit per batch.
        if (batch.unchanged.length > 0) {
          try {
            await this.#store.completeUnchanged(batch.unchanged);
          } catch (e) {
            // Their leases expire on their own and a later run picks them up.
            this.#logger.warn(
              `Readiness could not record ${
                batch.unchanged.length
              } unchanged entities: ${(e as Error).message}`,
            );
          }
        }
      } finally {
        await batch.heartbeat.stop();
      }
    };

    const worker = async () => {
      for (let item = await next(); item; item = await next()) {
        const { claim, entity, previous, batch } = item;
        try {
          await this.#process(
            claim,
            entity,
            previous,
            batch.unchanged,
            batch.heartbeat,
          );
        } finally {
          batch.left -= 1;
          if (batch.left === 0) finishing.push(finish(batch));
        }
      }
    };

    const workers = await Promise.allSettled(
      Array.from({ length: width }, worker),
    );
    await Promise.all(finishing);
    // A failed claim stops the workers that waited for it: the entities left
    // of the batches already claimed keep their leases until they expire.
    await Promise.all(
      [...new Set(queue.map(item => item.batch))].map(batch =>
        batch.heartbeat.stop(),
      ),
    );
    const failed = workers.find(
      (w): w is PromiseRejectedResult => w.status === 'rejected',
    );
    if (failed) throw failed.reason;
    return total;
  }

  /** Logs an audit result that is not applied because its lease is gone. */
  #discard(ref: string, lease: Lease): void {
    this.#logger.warn(
      `Readiness discarded its audit of ${ref}: the lease (token ${lease.token}) was taken over by another claim or the entity was removed, so the result is not saved`,
    );
  }

  /**
   * Gives back the claim of an entity whose SCM's rate limit is used up: due
   * again when the limit resets, with no failure counted, and marked as
   * waiting for the API and the UI.
   */
  async #wait(
    claim: ClaimedEntity,
    summary: EntitySummary,
    limit: ScmRateLimitError,
    heartbeat: LeaseHeartbeat,
  ): Promise<void> {
    const ref = claim.entityRef;
    const lease: Lease = { owner: this.id, token: claim.token };
    heartbeat.settle(ref);
    try {
      const saved =
        !heartbeat.isLost(ref) &&
        (await this.#store.saveWaiting({
          entity: summary,
          host: limit.host,
          until: limit.until,
          lease,
        }));
      if (!saved) this.#discard(ref, lease);
    } catch (storeError) {
      // The lease expires on its own and another run picks the entity up.
      this.#logger.error(
        `Readiness could not record that ${ref} waits for the rate limit of ${limit.host}`,
        storeError as Error,
      );
    }
  }

  async #process(
    claim: ClaimedEntity,
    entity: Entity | undefined,
    previous: AuditState | undefined,
    unchanged: UnchangedEntity[],
    heartbeat: LeaseHeartbeat,
  ): Promise<void> {
    const ref = claim.entityRef;
    const lease: Lease = { owner: this.id, token: claim.token };
    if (!entity) {
      heartbeat.settle(ref);
      await this.#store.removeEntity(ref);
      return;
    }
    const now = this.#clock();
    const summary = summarizeEntity(entity);
    try {
      const outcome = await this.#auditor.audit(
        entity,
        { etag: previous?.etag, inputsHash: previous?.inputsHash },
        { force: claim.priority > 0, now },
      );
      if (heartbeat.isLost(ref)) {
        this.#discard(ref, lease);
        return;
      }
      const release = {
        entityRef: ref,
        ...lease,
        nextDueAt: new Date(now.getTime() + this.#options.auditIntervalMs),
        claimedPriority: claim.priority,
      };
      if (outcome.status === 'unchanged') {
        unchanged.push({ entity: summary, checkedAt: now, release });
        return;
      }
      const blockerRuleIds = previous
        ? await this.#store.getBlockerRuleIds(ref)
        : [];
      const saved = await this.#store.saveAudit(
        {
          entity: summary,
          scorecard: outcome.scorecard,
          etag: outcome.etag,
          inputsHash: outcome.inputsHash,
          links: outcome.links,
          auditedAt: now,
          warning: outcome.warning,
          lease,
        },
        { runs: this.#options.historyRetention.runs },
      );
      if (!saved) {
        heartbeat.settle(ref);
        this.#discard(ref, lease);
        return;
      }
      if (this.#notifier) {
        // The transitions the store computed for the point just saved.
        const [point] = await this.#store.getHistory(ref, 1);
        await this.#notifier.onAudit(
          summary,
          previous ? { score: previous.score, blockerRuleIds } : undefined,
          outcome.scorecard,
          point?.transitions,
        );
      }
      heartbeat.settle(ref);
      await this.#store.releaseClaim(release);
    } catch (e) {
      if (e instanceof ScmRateLimitError) {
        await this.#wait(claim, summary, e, heartbeat);
        return;
      }
      // Shown to the entity's owners: no path of the server's file system.
      // The log keeps the whole error for operators.
      const message = withoutServerPaths(
        e instanceof SourceError
          ? e.message
          : `The audit failed: ${(e as Error)?.message ?? String(e)}`,
      );
      if (!(e instanceof SourceError)) {
        this.#logger.warn(`Readiness audit of ${ref} failed`, e as Error);
      }
      try {
        heartbeat.settle(ref);
        const saved =
          !heartbeat.isLost(ref) &&
          (await this.#store.saveError({
            entity: summary,
            error: message,
            checkedAt: now,
            lease,
          }));
        if (!saved) {
          this.#discard(ref, lease);
          return;
        }
        await this.#store.releaseClaim({
          entityRef: ref,
          ...lease,
          nextDueAt: new Date(
            now.getTime() +
              backoffMs(claim.attempts, this.#options.auditIntervalMs),
          ),
          error: message,
          claimedPriority: claim.priority,
        });
      } catch (storeError) {
        // The lease expires on its own and another run picks the entity up.
        this.#logger.error(
          `Readiness could not record the failed audit of ${ref}`,
          storeError as Error,
        );
      }
    }
  }
}
