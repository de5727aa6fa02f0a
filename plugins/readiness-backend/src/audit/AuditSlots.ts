/**
 * At most `size` holders at once; the others wait in the order they asked.
 * Lets an audit's network work (checking and downloading a source) run wider
 * than its engine work, which competes for the CPU.
 */
export class AuditSlots {
  readonly #size: number;
  #held = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`AuditSlots needs a size of 1 or more, got ${size}`);
    }
    this.#size = size;
  }

  /** Holders right now. */
  get held(): number {
    return this.#held;
  }

  /** Runs `work` once a slot is free and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#held >= this.#size) {
      await new Promise<void>(resolve => this.#waiting.push(resolve));
    } else {
      this.#held += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so the count stays.
      if (next) next();
      else this.#held -= 1;
    }
  }
}
