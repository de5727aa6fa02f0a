import { ConflictError } from '@backstage/errors';
import { CampaignDefinition } from '@readiness/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { entitySummary, testDatabases, testStore } from '../testing/databases';
import { makeScorecard, TestResult } from '../testing/scorecards';
import { epochDay } from '../campaigns/progress';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

const ref = (name: string) => `component:default/${name}`;
const day = (iso: string, hour = 12) =>
  new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00.000Z`);

const definition = (
  extra: Partial<CampaignDefinition> = {},
): CampaignDefinition => ({
  id: 'non-root',
  title: 'Containers run as non-root',
  description: 'Every container drops root.',
  owner: 'group:default/platform',
  targetDate: '2027-03-01',
  requirement: { rules: ['security/a'] },
  scope: { owner: ['group:default/team-a'] },
  archived: false,
  ...extra,
});

/** A scorecard failing `failing`, passing `passing`, with `waived` failing under a waiver. */
function scorecard(
  failing: string[],
  options: { passing?: string[]; waived?: string[] } = {},
) {
  const results: TestResult[] = [
    ...failing.map(ruleId => ({ ruleId, status: 'fail' as const })),
    ...(options.waived ?? []).map(ruleId => ({
      ruleId,
      status: 'fail' as const,
    })),
    ...(options.passing ?? []).map(ruleId => ({ ruleId })),
  ];
  const card = makeScorecard(results);
  const waived = new Set(options.waived ?? []);
  return {
    ...card,
    results: card.results.map(r =>
      waived.has(r.ruleId)
        ? {
            ...r,
            waiver: {
              ruleId: r.ruleId,
              reason: 'accepted',
              expires: '2099-01-01',
            },
          }
        : r,
    ),
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;
    let campaigns: DatabaseCampaignStore;

    const audit = (
      name: string,
      at: Date,
      failing: string[],
      options: { passing?: string[]; waived?: string[]; score?: number } = {},
    ) => {
      const card = scorecard(failing, options);
      return store.saveAudit({
        entity: entitySummary(name),
        scorecard:
          options.score === undefined
            ? card
            : { ...card, score: options.score },
        auditedAt: at,
      });
    };

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
      campaigns = new DatabaseCampaignStore({ knex });
    });

    it('creates, lists, updates and archives campaigns', async () => {
      const created = await campaigns.createCampaign(
        definition(),
        day('2027-01-01'),
      );
      expect(created).toEqual({
        ...definition(),
        source: 'api',
        createdAt: '2027-01-01T12:00:00.000Z',
        updatedAt: '2027-01-01T12:00:00.000Z',
      });
      await campaigns.createCampaign(
        definition({ id: 'a-first', requirement: { minScore: 70 } }),
        day('2027-01-01'),
      );
      expect((await campaigns.listCampaigns()).map(c => c.id)).toEqual([
        'a-first',
        'non-root',
      ]);

      const updated = await campaigns.updateCampaign(
        'non-root',
        {
          ...definition(),
          title: 'Non-root, everywhere',
          requirement: { categories: ['security'] },
          scope: { tags: ['java'], annotations: { 'x/y': true } },
        },
        day('2027-01-02'),
      );
      expect(updated).toMatchObject({
        title: 'Non-root, everywhere',
        requirement: { categories: ['security'] },
        scope: { tags: ['java'], annotations: { 'x/y': true } },
        archived: false,
        createdAt: '2027-01-01T12:00:00.000Z',
        updatedAt: '2027-01-02T12:00:00.000Z',
      });

      const archived = await campaigns.archiveCampaign(
        'non-root',
        day('2027-01-03'),
      );
      expect(archived).toMatchObject({
        archived: true,
        updatedAt: '2027-01-03T12:00:00.000Z',
      });
      expect((await campaigns.getCampaign('non-root'))?.archived).toBe(true);
    });

    it('refuses a second campaign with an id, keeping the first', async () => {
      await campaigns.createCampaign(definition(), day('2027-01-01'));
      await expect(
        campaigns.createCampaign(
          definition({ title: 'Another' }),
          day('2027-01-02'),
        ),
      ).rejects.toThrow(ConflictError);
      expect((await campaigns.getCampaign('non-root'))?.title).toBe(
        'Containers run as non-root',
      );
    });

    it('answers undefined for a campaign it does not have', async () => {
      expect(await campaigns.getCampaign('nope')).toBeUndefined();
      expect(
        await campaigns.updateCampaign('nope', definition(), day('2027-01-01')),
      ).toBeUndefined();
      expect(
        await campaigns.archiveCampaign('nope', day('2027-01-01')),
      ).toBeUndefined();
    });

    it('reads each entity standing from its latest audit', async () => {
      await audit('alpha', day('2027-01-01'), ['security/a', 'testing/b']);
      // Fixed since, with a rule waived: only the latest audit counts.
      await audit('alpha', day('2027-01-05'), ['testing/b'], {
        passing: ['security/a'],
        waived: ['cicd/c'],
      });
      await audit('bravo', day('2027-01-02'), [], { passing: ['security/a'] });
      await store.saveError({
        entity: entitySummary('never'),
        error: 'boom',
        checkedAt: day('2027-01-03'),
      });

      const standings = await campaigns.getStandings(
        ['alpha', 'bravo', 'never', 'unknown'].map(ref),
      );
      expect(standings).toEqual([
        expect.objectContaining({
          entityRef: ref('alpha'),
          owner: 'group:default/team-a',
          failingRules: ['testing/b'],
          waivedRules: ['cicd/c'],
          auditedAt: day('2027-01-05'),
        }),
        expect.objectContaining({
          entityRef: ref('bravo'),
          failingRules: [],
          waivedRules: [],
        }),
        expect.objectContaining({ entityRef: ref('never'), score: null }),
      ]);
      expect(typeof standings[0].score).toBe('number');
    });

    it('reads the rules the audit recorded on the scorecard row', async () => {
      await audit('alpha', day('2027-01-01'), ['security/a', 'testing/c'], {
        waived: ['testing/b'],
      });
      const row = await knex('readiness_scorecards')
        .where('entity_ref', ref('alpha'))
        .first('failing_rules', 'waived_rules');
      expect(JSON.parse(row.failing_rules)).toEqual([
        'security/a',
        'testing/c',
      ]);
      expect(JSON.parse(row.waived_rules)).toEqual(['testing/b']);
      // The row decides, not the history point nor the document.
      await knex('readiness_history')
        .where('entity_ref', ref('alpha'))
        .update({ failing_rules: JSON.stringify(['cicd/x']) });
      await knex('readiness_scorecards')
        .where('entity_ref', ref('alpha'))
        .update({ scorecard: JSON.stringify(scorecard(['cicd/y'])) });
      const [standing] = await campaigns.getStandings([ref('alpha')]);
      expect(standing).toMatchObject({
        failingRules: ['security/a', 'testing/c'],
        waivedRules: ['testing/b'],
      });
    });

    describe('a scorecard row written before its rules were recorded', () => {
      beforeEach(async () => {
        await audit('alpha', day('2027-01-01'), ['security/a'], {
          waived: ['testing/b'],
        });
        await audit('bravo', day('2027-01-01'), ['cicd/c']);
        await knex('readiness_scorecards')
          .where('entity_ref', ref('alpha'))
          .update({ failing_rules: null, waived_rules: null });
      });

      it('reads the failing rules from the latest history point', async () => {
        await knex('readiness_history')
          .where('entity_ref', ref('alpha'))
          .update({ failing_rules: JSON.stringify(['security/z']) });
        const standings = await campaigns.getStandings(
          ['alpha', 'bravo'].map(ref),
        );
        expect(standings).toEqual([
          expect.objectContaining({
            entityRef: ref('alpha'),
            failingRules: ['security/z'],
            waivedRules: ['testing/b'],
          }),
          expect.objectContaining({
            entityRef: ref('bravo'),
            failingRules: ['cicd/c'],
            waivedRules: [],
          }),
        ]);
      });

      it('reads the rules from the document when the history point has none', async () => {
        await knex('readiness_history')
          .where('entity_ref', ref('alpha'))
          .update({ failing_rules: null });
        const [standing] = await campaigns.getStandings([ref('alpha')]);
        expect(standing).toMatchObject({
          failingRules: ['security/a'],
          waivedRules: ['testing/b'],
        });
      });
    });

    describe('series changes', () => {
      const since = epochDay(day('2027-01-10'));
      const d = (iso: string) => epochDay(day(iso));

      beforeEach(async () => {
        // alpha: fails security/a before the window, fixes it on the 12th,
        // breaks it again on the 14th and fixes it later that day.
        await audit('alpha', day('2027-01-01'), ['security/a']);
        await audit('alpha', day('2027-01-12'), [], {
          passing: ['security/a'],
        });
        await audit('alpha', day('2027-01-14', 9), ['security/a']);
        await audit('alpha', day('2027-01-14', 15), [], {
          passing: ['security/a'],
        });
        // bravo: done before the window (by a waiver), breaks it on the 13th.
        await audit('bravo', day('2027-01-02'), [], { waived: ['security/a'] });
        await audit('bravo', day('2027-01-13'), ['security/a', 'security/z']);
        // charlie: fails another security rule only; first audited on the 11th.
        await audit('charlie', day('2027-01-11'), ['security/z']);
        // outsider: not asked for.
        await audit('outsider', day('2027-01-12'), []);
      });

      const refs = ['alpha', 'bravo', 'charlie'].map(ref);

      it('counts rules met per day, the baseline on the first day', async () => {
        expect(
          await campaigns.getSeriesChanges(
            refs,
            { rules: ['security/a'] },
            since,
          ),
        ).toEqual([
          { day: since, delta: 1 }, // bravo, waived
          { day: d('2027-01-11'), delta: 1 }, // charlie
          { day: d('2027-01-12'), delta: 1 }, // alpha
          { day: d('2027-01-13'), delta: -1 }, // bravo
          // alpha on the 14th ends the day met: no change.
        ]);
      });

      it('counts categories met per day', async () => {
        expect(
          await campaigns.getSeriesChanges(
            refs,
            { categories: ['security'] },
            since,
          ),
        ).toEqual([
          { day: since, delta: 1 },
          { day: d('2027-01-12'), delta: 1 },
          { day: d('2027-01-13'), delta: -1 },
        ]);
      });

      it('counts a minimum score met per day', async () => {
        await audit('charlie', day('2027-01-15'), [], { score: 90 });
        await audit('charlie', day('2027-01-16'), [], { score: 40 });
        const changes = await campaigns.getSeriesChanges(
          [ref('charlie')],
          { minScore: 80 },
          since,
        );
        expect(changes).toEqual([
          { day: d('2027-01-15'), delta: 1 },
          { day: d('2027-01-16'), delta: -1 },
        ]);
      });

      it('treats rule ids as text, not as patterns', async () => {
        // `_` in a LIKE pattern would match any character.
        await audit('delta', day('2027-01-11'), ['security/a-b']);
        expect(
          await campaigns.getSeriesChanges(
            [ref('delta')],
            { rules: ['security/a_b'] },
            since,
          ),
        ).toEqual([{ day: d('2027-01-11'), delta: 1 }]);
      });
    });

    it('records a reminder once per campaign, owner, kind and day', async () => {
      const claim = {
        campaignId: 'non-root',
        owner: 'group:default/team-a',
        kind: 'due-soon' as const,
        day: '2027-02-22',
        now: day('2027-02-22'),
      };
      expect(await campaigns.claimReminder(claim)).toBe(true);
      expect(await campaigns.claimReminder(claim)).toBe(false);
      expect(await campaigns.claimReminder({ ...claim, kind: 'overdue' })).toBe(
        true,
      );
      expect(
        await campaigns.claimReminder({ ...claim, owner: 'group:default/b' }),
      ).toBe(true);
      expect(
        await campaigns.claimReminder({
          ...claim,
          day: '2027-02-23',
          now: day('2027-02-23'),
        }),
      ).toBe(true);
      await campaigns.releaseReminder(claim);
      expect(await campaigns.claimReminder(claim)).toBe(true);

      expect(await campaigns.pruneReminders(day('2027-02-23'))).toBe(3);
      expect(await campaigns.claimReminder(claim)).toBe(true);
    });
  },
);
