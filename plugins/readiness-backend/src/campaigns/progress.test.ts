import {
  daysUntil,
  EntityStanding,
  isPastTarget,
  judgeEntity,
  progressByTeam,
  seriesOf,
  summarizeProgress,
} from './progress';

const entity = (name: string, owner = 'group:default/team-a') => ({
  entityRef: `component:default/${name}`,
  owner,
});

const standing = (extra: Partial<EntityStanding> = {}): EntityStanding => ({
  entityRef: 'component:default/alpha',
  score: 70,
  auditedAt: new Date('2027-01-02T03:04:05Z'),
  failingRules: [],
  waivedRules: [],
  ...extra,
});

describe('judgeEntity', () => {
  const rules = { rules: ['security/a', 'testing/b'] };

  it('is done when none of the listed rules fails', () => {
    const judged = judgeEntity(
      rules,
      entity('alpha'),
      standing({ failingRules: ['cicd/other'] }),
    );
    expect(judged).toMatchObject({
      status: 'done',
      done: true,
      rulesLeft: [],
      waivedRules: [],
      score: 70,
      auditedAt: '2027-01-02T03:04:05.000Z',
    });
  });

  it('lists the listed rules still failing, and only those', () => {
    const judged = judgeEntity(
      rules,
      entity('alpha'),
      standing({ failingRules: ['testing/b', 'cicd/other', 'security/a'] }),
    );
    expect(judged.status).toBe('not-done');
    expect(judged.done).toBe(false);
    expect(judged.rulesLeft).toEqual(['security/a', 'testing/b']);
  });

  it('counts a waived rule as done but flags it', () => {
    const judged = judgeEntity(
      rules,
      entity('alpha'),
      standing({ waivedRules: ['security/a', 'cicd/unrelated'] }),
    );
    expect(judged).toMatchObject({
      status: 'waived',
      done: true,
      rulesLeft: [],
      waivedRules: ['security/a'],
    });
  });

  it('is not done while one rule fails even if another is waived', () => {
    const judged = judgeEntity(
      rules,
      entity('alpha'),
      standing({ failingRules: ['testing/b'], waivedRules: ['security/a'] }),
    );
    expect(judged).toMatchObject({
      status: 'not-done',
      rulesLeft: ['testing/b'],
      waivedRules: ['security/a'],
    });
  });

  it('takes every rule of the listed categories', () => {
    const categories = { categories: ['security'] };
    expect(
      judgeEntity(
        categories,
        entity('alpha'),
        standing({ failingRules: ['testing/b', 'cicd/c'] }),
      ).status,
    ).toBe('done');
    const judged = judgeEntity(
      categories,
      entity('alpha'),
      standing({
        failingRules: ['security/z', 'security/a', 'testing/b'],
        waivedRules: ['security/w'],
      }),
    );
    expect(judged.rulesLeft).toEqual(['security/a', 'security/z']);
    expect(judged.waivedRules).toEqual(['security/w']);
    // A category named like the start of another does not match it.
    expect(
      judgeEntity(
        { categories: ['code'] },
        entity('alpha'),
        standing({ failingRules: ['code-quality/x'] }),
      ).done,
    ).toBe(true);
  });

  it('compares the score with minScore and says how many points are missing', () => {
    const min = { minScore: 75 };
    expect(
      judgeEntity(min, entity('alpha'), standing({ score: 75 })),
    ).toMatchObject({
      status: 'done',
      done: true,
      pointsLeft: 0,
      rulesLeft: [],
    });
    expect(
      judgeEntity(min, entity('alpha'), standing({ score: 60 })),
    ).toMatchObject({ status: 'not-done', done: false, pointsLeft: 15 });
    // Waivers score as passing: an entity that reaches the score with one is flagged.
    expect(
      judgeEntity(
        min,
        entity('alpha'),
        standing({ score: 80, waivedRules: ['security/a'] }),
      ),
    ).toMatchObject({
      status: 'waived',
      done: true,
      waivedRules: ['security/a'],
    });
  });

  it('counts an entity never audited as not done', () => {
    expect(judgeEntity(rules, entity('alpha'), undefined)).toMatchObject({
      status: 'unscored',
      done: false,
      score: null,
      rulesLeft: ['security/a', 'testing/b'],
      auditedAt: null,
    });
    expect(
      judgeEntity({ minScore: 50 }, entity('alpha'), standing({ score: null })),
    ).toMatchObject({ status: 'unscored', done: false, pointsLeft: 50 });
  });
});

describe('target dates', () => {
  it('is past the target only from the day after it (UTC)', () => {
    expect(isPastTarget('2027-03-01', new Date('2027-03-01T23:59:59Z'))).toBe(
      false,
    );
    expect(isPastTarget('2027-03-01', new Date('2027-03-02T00:00:00Z'))).toBe(
      true,
    );
  });

  it('counts whole days to the target', () => {
    expect(daysUntil('2027-03-01', new Date('2027-02-22T18:00:00Z'))).toBe(7);
    expect(daysUntil('2027-03-01', new Date('2027-03-01T01:00:00Z'))).toBe(0);
    expect(daysUntil('2027-03-01', new Date('2027-03-03T01:00:00Z'))).toBe(-2);
  });
});

describe('summarizeProgress and progressByTeam', () => {
  const rules = { rules: ['security/a'] };
  const judged = [
    judgeEntity(rules, entity('alpha'), standing()),
    judgeEntity(
      rules,
      entity('bravo', 'group:default/team-b'),
      standing({ waivedRules: ['security/a'] }),
    ),
    judgeEntity(
      rules,
      entity('charlie', 'group:default/team-b'),
      standing({ failingRules: ['security/a'] }),
    ),
    judgeEntity(rules, { entityRef: 'component:default/loose' }, undefined),
  ];

  it('counts done (waived included), waived and unscored entities', () => {
    expect(
      summarizeProgress(judged, '2027-03-01', new Date('2027-02-01T00:00:00Z')),
    ).toEqual({
      entities: 4,
      done: 2,
      waived: 1,
      unscored: 1,
      percent: 50,
      overdue: false,
    });
  });

  it('is overdue after the target date unless every entity is done', () => {
    const after = new Date('2027-03-02T00:00:00Z');
    expect(summarizeProgress(judged, '2027-03-01', after).overdue).toBe(true);
    expect(
      summarizeProgress(
        judged.filter(e => e.done),
        '2027-03-01',
        after,
      ).overdue,
    ).toBe(false);
    expect(summarizeProgress([], '2027-03-01', after)).toMatchObject({
      entities: 0,
      percent: 100,
      overdue: false,
    });
  });

  it('groups by owner, entities without one last', () => {
    expect(progressByTeam(judged)).toEqual([
      { owner: 'group:default/team-a', entities: 1, done: 1, waived: 0 },
      { owner: 'group:default/team-b', entities: 2, done: 1, waived: 1 },
      { owner: null, entities: 1, done: 0, waived: 0 },
    ]);
  });
});

describe('seriesOf', () => {
  it('fills every day, starting from the changes before the window', () => {
    // Day 100 is 1970-04-11.
    const series = seriesOf(
      [
        { day: 90, delta: 2 },
        { day: 101, delta: 1 },
        { day: 103, delta: -1 },
      ],
      100,
      104,
    );
    expect(series).toEqual([
      { date: '1970-04-11', done: 2 },
      { date: '1970-04-12', done: 3 },
      { date: '1970-04-13', done: 3 },
      { date: '1970-04-14', done: 2 },
      { date: '1970-04-15', done: 2 },
    ]);
  });
});
