import { LoggerService } from '@backstage/backend-plugin-api';
import { ClaimedEntity, ReadinessStore } from '../database/ReadinessStore';

/**
 * Keeps the leases of a claimed batch alive while it is worked through:
 * every `intervalMs` the leases not yet settled are extended to
 * `now + leaseSeconds`. A lease the store no longer grants (its token was
 * superseded by another replica's claim, or the entity was removed) is
 * marked lost, and the audit's result must then be discarded.
 */
export class LeaseHeartbeat {
  readonly #store: Pick<ReadinessStore, 'extendLeases'>;
  readonly #owner: string;
  readonly #leaseSeconds: number;
  readonly #clock: () => Date;
  readonly #logger: LoggerService;
  readonly #held = new Map<string, number>();
  readonly #lost = new Set<string>();
  readonly #timer: ReturnType<typeof setInterval>;
  #beat?: Promise<void>;

  static start(options: {
    store: Pick<ReadinessStore, 'extendLeases'>;
    owner: string;
    claims: ClaimedEntity[];
    leaseSeconds: number;
    intervalMs: number;
    clock: () => Date;
    logger: LoggerService;
  }): LeaseHeartbeat {
    return new LeaseHeartbeat(options);
  }

  private constructor(options: {
    store: Pick<ReadinessStore, 'extendLeases'>;
    owner: string;
    claims: ClaimedEntity[];
    leaseSeconds: number;
    intervalMs: number;
    clock: () => Date;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#owner = options.owner;
    this.#leaseSeconds = options.leaseSeconds;
    this.#clock = options.clock;
    this.#logger = options.logger;
    for (const claim of options.claims) {
      this.#held.set(claim.entityRef, claim.token);
    }
    this.#timer = setInterval(() => {
      if (!this.#beat) {
        this.#beat = this.#extend().finally(() => {
          this.#beat = undefined;
        });
      }
    }, options.intervalMs);
    // A heartbeat alone never keeps the process alive.
    this.#timer.unref?.();
  }

  /** Whether the entity's lease was found taken over or removed. */
  isLost(entityRef: string): boolean {
    return this.#lost.has(entityRef);
  }

  /** Stops extending the entity's lease (released, or given up). */
  settle(entityRef: string): void {
    this.#held.delete(entityRef);
  }

  /** Stops every extension and waits for one in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#held.clear();
    await this.#beat;
  }

  async #extend(): Promise<void> {
    const leases = [...this.#held].map(([entityRef, token]) => ({
      entityRef,
      token,
    }));
    if (leases.length === 0) return;
    let kept: Set<string>;
    try {
      kept = new Set(
        await this.#store.extendLeases({
          owner: this.#owner,
          leases,
          leaseSeconds: this.#leaseSeconds,
          now: this.#clock(),
        }),
      );
    } catch (e) {
      // The next beat tries again; if the lease expires meanwhile and
      // another replica claims the entity, the fenced writes refuse ours.
      this.#logger.warn(
        `Readiness could not extend the leases of ${leases.length} entities: ${
          (e as Error).message
        }`,
      );
      return;
    }
    for (const { entityRef, token } of leases) {
      // Settled while the extension ran: its release made it unextendable.
      if (kept.has(entityRef) || this.#held.get(entityRef) !== token) continue;
      this.#held.delete(entityRef);
      this.#lost.add(entityRef);
      this.#logger.warn(
        `Readiness lost the lease of ${entityRef} (token ${token}): another replica claimed it, or it was removed; this audit's result will be discarded`,
      );
    }
  }
}
