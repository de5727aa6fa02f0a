import { AuditSlots } from './AuditSlots';

/** A promise with its resolve function, to settle work by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('AuditSlots', () => {
  it('runs at most its size at once, and the waiters in the order they asked', async () => {
    const slots = new AuditSlots(2);
    const gates = [0, 1, 2, 3].map(() => deferred());
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        await gate.promise;
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.held).toBe(2);

    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(slots.held).toBe(2);

    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(runs)).toEqual([0, 10, 20, 30]);
    expect(slots.held).toBe(0);
  });

  it('frees the slot of work that fails and passes the failure on', async () => {
    const slots = new AuditSlots(1);
    const failing = slots.run(async () => {
      throw new Error('engine failed');
    });
    const after = slots.run(async () => 'ran');
    await expect(failing).rejects.toThrow('engine failed');
    await expect(after).resolves.toBe('ran');
    expect(slots.held).toBe(0);
  });

  it('refuses a size below one', () => {
    expect(() => new AuditSlots(0)).toThrow(RangeError);
    expect(() => new AuditSlots(1.5)).toThrow(/size of 1 or more/);
  });
});
