import { SharedCache } from './sharedCache';

describe('SharedCache', () => {
  let now: number;
  let cache: SharedCache<string>;
  let computed: number;
  const compute = (value: string) => async () => {
    computed += 1;
    return value;
  };

  beforeEach(() => {
    now = 1_000_000;
    computed = 0;
    cache = new SharedCache({
      freshMs: 10_000,
      staleMs: 60_000,
      max: 2,
      now: () => now,
    });
  });

  it('computes a key once while it is fresh, and once for callers at the same time', async () => {
    const [a, b] = await Promise.all([
      cache.get('k', compute('one')),
      cache.get('k', compute('two')),
    ]);
    expect([a, b]).toEqual(['one', 'one']);
    now += 9_999;
    expect(await cache.get('k', compute('three'))).toBe('one');
    expect(computed).toBe(1);
    expect(await cache.get('other', compute('four'))).toBe('four');
    expect(computed).toBe(2);
  });

  it('serves a stale value while computing it again, then the new one', async () => {
    await cache.get('k', compute('one'));
    now += 10_000;
    let release!: () => void;
    const slow = () =>
      new Promise<string>(resolve => {
        release = () => resolve('two');
      });
    expect(await cache.get('k', slow)).toBe('one');
    // The refresh is under way: not started twice, the old value served.
    expect(await cache.get('k', compute('three'))).toBe('one');
    expect(computed).toBe(1);
    release();
    await new Promise(r => setImmediate(r));
    expect(await cache.get('k', compute('four'))).toBe('two');
    expect(computed).toBe(1);
  });

  it('waits for a new value once the old one has expired', async () => {
    await cache.get('k', compute('one'));
    now += 60_000;
    expect(await cache.get('k', compute('two'))).toBe('two');
  });

  it('forgets a failed computation and keeps the value it was to replace', async () => {
    const failing = async () => {
      throw new Error('database gone');
    };
    await expect(cache.get('k', failing)).rejects.toThrow('database gone');
    expect(await cache.get('k', compute('one'))).toBe('one');
    now += 10_000;
    // A failed refresh: the stale value is still served, and retried later.
    expect(await cache.get('k', failing)).toBe('one');
    await new Promise(r => setImmediate(r));
    expect(await cache.get('k', compute('two'))).toBe('one');
    await new Promise(r => setImmediate(r));
    expect(await cache.get('k', compute('three'))).toBe('two');
  });

  it('keeps at most `max` keys, dropping the oldest', async () => {
    await cache.get('a', compute('a1'));
    await cache.get('b', compute('b1'));
    await cache.get('c', compute('c1'));
    expect(await cache.get('b', compute('b2'))).toBe('b1');
    expect(await cache.get('a', compute('a2'))).toBe('a2');
  });
});
