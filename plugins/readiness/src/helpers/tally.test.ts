import { plural, tallyReadiness, worstFirst, type TallyItem } from './tally';

function item(
  entityRef: string,
  score: number | null,
  overrides: Partial<TallyItem> = {},
): TallyItem {
  return {
    entityRef,
    score,
    band: null,
    verdict: null,
    blockers: 0,
    ...overrides,
  };
}

describe('tallyReadiness', () => {
  it('averages, bands and counts the scored entities only', () => {
    const tally = tallyReadiness([
      item('component:default/a', 90, {
        band: 'good',
        verdict: 'production-ready',
      }),
      item('component:default/b', 45, {
        band: 'poor',
        verdict: 'not-ready',
        blockers: 3,
      }),
      item('component:default/c', 60, {
        band: 'needs-work',
        verdict: 'needs-work',
      }),
      // An audit that failed: listed, but not in any figure.
      item('component:default/d', null, { blockers: 2 }),
    ]);
    expect(tally).toEqual({
      entities: 4,
      scored: 3,
      averageScore: 65,
      bands: { good: 1, 'needs-work': 1, poor: 1, critical: 0 },
      withBlockers: 1,
      notProductionReady: 2,
    });
  });

  it('rounds the average and has none without a score', () => {
    expect(tallyReadiness([item('a', 50), item('b', 51)]).averageScore).toBe(
      51,
    );
    expect(tallyReadiness([item('a', null)])).toMatchObject({
      entities: 1,
      scored: 0,
      averageScore: null,
    });
    expect(tallyReadiness([]).averageScore).toBeNull();
  });
});

describe('worstFirst', () => {
  it('orders by score, then blockers, then ref, with unscored entities last', () => {
    const ordered = worstFirst([
      item('component:default/unscored', null),
      item('component:default/b', 40, { blockers: 1 }),
      item('component:default/high', 90),
      item('component:default/a', 40, { blockers: 1 }),
      item('component:default/blocked', 40, { blockers: 4 }),
      item('component:default/low', 12),
    ]);
    expect(ordered.map(i => i.entityRef)).toEqual([
      'component:default/low',
      'component:default/blocked',
      'component:default/a',
      'component:default/b',
      'component:default/high',
      'component:default/unscored',
    ]);
  });

  it('keeps an entity listed under two owners once', () => {
    const ordered = worstFirst([
      item('component:default/a', 40),
      item('component:default/b', 30),
      item('component:default/a', 40),
    ]);
    expect(ordered.map(i => i.entityRef)).toEqual([
      'component:default/b',
      'component:default/a',
    ]);
  });
});

describe('plural', () => {
  it('says one or many', () => {
    expect(plural(1, 'service')).toBe('1 service');
    expect(plural(0, 'service')).toBe('0 services');
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
  });
});
