import { entitySummary, testDatabases, testStore } from '../testing/databases';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { RollupOptions } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

const ref = (name: string) => `component:default/${name}`;
const day = (iso: string, hour = 12) =>
  new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00.000Z`);
const NOW = day('2025-03-10');
const options = (extra: Partial<RollupOptions> = {}): RollupOptions => ({
  worst: 10,
  rules: 10,
  days: 30,
  now: NOW,
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'DatabaseRollupStore on %s',
  databaseId => {
    let store: DatabaseReadinessStore;

    const audit = (
      name: string,
      score: number,
      at: Date,
      blockers: string[] = [],
    ) =>
      store.saveAudit({
        entity: entitySummary(name),
        scorecard: scorecardWithScore(score, blockers),
        auditedAt: at,
      });

    beforeEach(async () => {
      ({ store } = await testStore(databases, databaseId));
    });

    it('is empty for no entities and for entities it does not know', async () => {
      for (const refs of [[], [ref('nobody')]]) {
        const rollup = await store.getRollup(refs, options());
        expect(rollup).toMatchObject({
          entities: 0,
          scored: 0,
          averageScore: null,
          band: null,
          bands: { good: 0, 'needs-work': 0, poor: 0, critical: 0 },
          worst: [],
          blockerRules: [],
          failingRules: [],
          trend: [],
        });
      }
    });

    it('averages, bands and counts only the entities asked for', async () => {
      await audit('alpha', 90, day('2025-03-01'));
      await audit('bravo', 45, day('2025-03-01'), ['security/x']);
      await audit('charlie', 20, day('2025-03-01'), [
        'security/x',
        'testing/y',
      ]);
      await audit('outsider', 10, day('2025-03-01'), ['cicd/z']);
      await store.saveError({
        entity: entitySummary('never'),
        error: 'boom',
        checkedAt: day('2025-03-02'),
      });

      const rollup = await store.getRollup(
        ['alpha', 'bravo', 'charlie', 'never'].map(ref),
        options({ worst: 2 }),
      );
      expect(rollup).toMatchObject({
        entities: 4,
        scored: 3,
        averageScore: 52, // (90 + 45 + 20) / 3 = 51.67
        band: 'needs-work',
        bands: { good: 1, 'needs-work': 0, poor: 1, critical: 1 },
        blockers: 3,
      });
      expect(rollup.worst.map(r => [r.name, r.score])).toEqual([
        ['charlie', 20],
        ['bravo', 45],
      ]);
      expect(rollup.blockerRules).toEqual([
        expect.objectContaining({
          ruleId: 'security/x',
          count: 2,
          severity: 'high',
        }),
        expect.objectContaining({ ruleId: 'testing/y', count: 1 }),
      ]);
      // The outsider's rule never shows.
      expect(rollup.failingRules.map(r => r.ruleId)).not.toContain('cicd/z');
      expect(rollup.failingRules).toEqual([
        { ruleId: 'security/x', count: 2 },
        { ruleId: 'testing/y', count: 1 },
      ]);
    });

    it('counts the failing rules of each entity latest audit only', async () => {
      const failing = (ruleIds: string[], passing: string[] = []) =>
        makeScorecard([
          ...ruleIds.map(ruleId => ({ ruleId, status: 'fail' as const })),
          ...passing.map(ruleId => ({ ruleId })),
        ]);
      await store.saveAudit({
        entity: entitySummary('alpha'),
        scorecard: failing(['testing/a', 'security/b']),
        auditedAt: day('2025-03-01'),
      });
      // Fixed since: only the newer audit counts.
      await store.saveAudit({
        entity: entitySummary('alpha'),
        scorecard: failing(['security/b'], ['testing/a']),
        auditedAt: day('2025-03-02'),
      });
      await store.saveAudit({
        entity: entitySummary('bravo'),
        scorecard: failing(['security/b', 'documentation/c']),
        auditedAt: day('2025-03-01'),
      });
      const rollup = await store.getRollup(
        [ref('alpha'), ref('bravo')],
        options({ rules: 1 }),
      );
      expect(rollup.failingRules).toEqual([{ ruleId: 'security/b', count: 2 }]);
      const all = await store.getRollup(
        [ref('alpha'), ref('bravo')],
        options(),
      );
      expect(all.failingRules).toEqual([
        { ruleId: 'security/b', count: 2 },
        { ruleId: 'documentation/c', count: 1 },
      ]);
    });

    it('trends the average of each entity latest score per day', async () => {
      // Before the window: the baseline of the first day.
      await audit('alpha', 40, day('2025-01-01'));
      await audit('alpha', 50, day('2025-02-20'));
      // Two audits on one day: the later one counts.
      await audit('alpha', 60, day('2025-02-25', 9));
      await audit('alpha', 70, day('2025-02-25', 18));
      await audit('bravo', 30, day('2025-02-27'));
      await audit('alpha', 90, day('2025-03-03'));
      await audit('outsider', 0, day('2025-02-25'));

      const rollup = await store.getRollup(
        [ref('alpha'), ref('bravo')],
        options({ days: 30 }), // the window starts on 2025-02-08
      );
      expect(rollup.trend).toEqual([
        { date: '2025-02-08', averageScore: 40, entities: 1 },
        { date: '2025-02-20', averageScore: 50, entities: 1 },
        { date: '2025-02-25', averageScore: 70, entities: 1 },
        { date: '2025-02-27', averageScore: 50, entities: 2 },
        { date: '2025-03-03', averageScore: 60, entities: 2 },
      ]);
      expect(rollup.averageScore).toBe(60);
    });

    it('adds up the aggregates of more entities than one query takes', async () => {
      // 2,105 refs: two chunks of the store's queries. Only four are known,
      // one of them in the second chunk.
      const names = Array.from({ length: 2105 }, (_, i) => `svc-${i}`);
      await audit('svc-0', 50, day('2025-03-01'));
      await audit('svc-1', 51, day('2025-03-01'));
      await audit('svc-2', 52, day('2025-03-01'), ['testing/y']);
      await audit('svc-2104', 5, day('2025-03-01'), [
        'security/x',
        'testing/y',
      ]);
      const rollup = await store.getRollup(
        names.map(ref),
        options({ worst: 2 }),
      );
      expect(rollup).toMatchObject({
        entities: 4,
        scored: 4,
        averageScore: 40, // 158 / 4 = 39.5
        bands: { good: 0, 'needs-work': 3, poor: 0, critical: 1 },
        blockers: 3,
      });
      expect(rollup.worst.map(r => r.name)).toEqual(['svc-2104', 'svc-0']);
      expect(rollup.blockerRules.map(r => [r.ruleId, r.count])).toEqual([
        ['testing/y', 2],
        ['security/x', 1],
      ]);
      expect(rollup.trend).toEqual([
        { date: '2025-03-01', averageScore: 40, entities: 4 },
      ]);
    });
  },
);
