import { createHash } from 'node:crypto';

/**
 * A few seconds' memory of values that are costly to compute and the same
 * for every caller who asks with the same key (never a decision about what
 * a caller may see: the key names what was already decided for them).
 *
 * A value younger than `freshMs` is served as it is. An older one, up to
 * `staleMs`, is served while it is computed again in the background (once,
 * however many ask), so a caller waits for the computation only when there
 * is no value, or an expired one. A computation that fails is forgotten and
 * the next caller computes again. At most `max` keys are kept; past that
 * the oldest is dropped.
 */
export class SharedCache<T> {
  readonly #freshMs: number;
  readonly #staleMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #values = new Map<string, { at: number; value: T }>();
  readonly #computing = new Map<string, Promise<T>>();

  constructor(options: {
    freshMs: number;
    staleMs: number;
    max: number;
    now?: () => number;
  }) {
    this.#freshMs = options.freshMs;
    this.#staleMs = options.staleMs;
    this.#max = options.max;
    this.#now = options.now ?? Date.now;
  }

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.#values.get(key);
    const age = kept ? this.#now() - kept.at : Infinity;
    if (kept && age < this.#freshMs) return kept.value;
    if (kept && age < this.#staleMs) {
      // Served as it is; a failed refresh leaves it for the next caller.
      this.#compute(key, compute).catch(() => undefined);
      return kept.value;
    }
    return this.#compute(key, compute);
  }

  /** The computation of `key` under way, or a new one. */
  #compute(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.#computing.get(key);
    if (running) return running;
    const at = this.#now();
    const value = compute().then(result => {
      this.#values.delete(key);
      this.#values.set(key, { at, value: result });
      while (this.#values.size > this.#max) {
        this.#values.delete(this.#values.keys().next().value!);
      }
      return result;
    });
    this.#computing.set(key, value);
    const done = () => this.#computing.delete(key);
    value.then(done, done);
    return value;
  }
}

/** A short key for a list of entity refs (in the order given). */
export function refsKey(refs: readonly string[]): string {
  return createHash('sha256').update(refs.join('\n')).digest('base64url');
}
