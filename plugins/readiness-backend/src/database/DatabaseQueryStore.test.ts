import {
  at,
  entitySummary,
  testDatabases,
  testStore,
} from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { DatabaseQueryStore } from './DatabaseQueryStore';
import { EntitySummary } from './ReadinessStore';

jest.setTimeout(60_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseQueryStore on %s',
  databaseId => {
    let scorecards: DatabaseScorecardStore;
    let queries: DatabaseQueryStore;

    beforeEach(async () => {
      ({ scorecards, queries } = (
        await testStore(databases, databaseId)
      ).store);
    });

    describe('listings', () => {
      beforeEach(async () => {
        const rows: Array<[string, number, Partial<EntitySummary>, string[]]> =
          [
            ['alpha', 90, { title: 'Alpha 100%_done' }, []],
            ['bravo', 45, { owner: 'group:default/team-b' }, ['security/x']],
            [
              'charlie',
              72,
              { lifecycle: 'experimental' },
              ['security/x', 'testing/y'],
            ],
            ['delta', 30, { owner: 'group:default/team-b' }, ['security/x']],
            ['echo', 88, { kind: 'Component' }, []],
          ];
        for (const [i, [name, score, extra, blockers]] of rows.entries()) {
          await scorecards.saveAudit({
            entity: entitySummary(name, extra),
            scorecard: scorecardWithScore(score, blockers),
            auditedAt: at(i),
          });
        }
        await scorecards.saveError({
          entity: entitySummary('foxtrot'),
          error: 'boom',
          checkedAt: at(9),
        });
      });

      it('orders by score descending by default and pages', async () => {
        const page = await queries.listScorecards({ limit: 2 }, undefined);
        expect(page.total).toBe(5);
        expect(page.items.map(i => i.name)).toEqual(['alpha', 'echo']);
        const next = await queries.listScorecards(
          { limit: 2, offset: 2 },
          undefined,
        );
        expect(next.items.map(i => i.name)).toEqual(['charlie', 'bravo']);
        expect(next.items[1]).toMatchObject({
          entityRef: 'component:default/bravo',
          score: 45,
          band: 'poor',
          blockers: 1,
          owner: 'group:default/team-b',
        });
      });

      it('filters by owner, lifecycle, band, score range, kind and text', async () => {
        const names = async (q: Parameters<typeof queries.listScorecards>[0]) =>
          (await queries.listScorecards(q, undefined)).items.map(i => i.name);
        expect(await names({ owner: 'group:default/team-b' })).toEqual([
          'bravo',
          'delta',
        ]);
        expect(await names({ owner: 'GROUP:default/TEAM-B' })).toEqual([
          'bravo',
          'delta',
        ]);
        expect(await names({ lifecycle: 'experimental' })).toEqual(['charlie']);
        expect(await names({ band: 'good' })).toEqual(['alpha', 'echo']);
        expect(await names({ minScore: 45, maxScore: 80 })).toEqual([
          'charlie',
          'bravo',
        ]);
        expect(await names({ kind: 'component', orderBy: 'name' })).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
          'echo',
        ]);
        expect(await names({ kind: 'api' })).toEqual([]);
        expect(await names({ q: 'ALPHA' })).toEqual(['alpha']);
        expect(await names({ q: '100%_' })).toEqual(['alpha']);
        expect(await names({ q: 'a%e' })).toEqual([]);
        expect(await names({ q: 'h_' })).toEqual([]);
        expect(await names({ orderBy: 'auditedAt', order: 'asc' })).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
          'echo',
        ]);
        expect(
          await names({ orderBy: 'score', order: 'asc', limit: 1 }),
        ).toEqual(['delta']);
      });

      it('filters by a blocker category, built-in or custom, within visibility', async () => {
        await scorecards.saveAudit({
          entity: entitySummary('golf', { owner: 'group:default/team-b' }),
          scorecard: scorecardWithScore(60, ['operations/runbook']),
          auditedAt: at(6),
        });
        const names = async (
          category: string,
          visibility?: Set<string>,
          offset = 0,
        ) => {
          const page = await queries.listScorecards(
            { category, offset, limit: 1 },
            visibility,
          );
          return { names: page.items.map(i => i.name), total: page.total };
        };
        expect(await names('testing')).toEqual({
          names: ['charlie'],
          total: 1,
        });
        expect(await names('operations')).toEqual({
          names: ['golf'],
          total: 1,
        });
        expect(await names('security', undefined, 1)).toEqual({
          names: ['bravo'],
          total: 3,
        });
        expect(
          await names('security', new Set(['component:default/delta'])),
        ).toEqual({ names: ['delta'], total: 1 });
        expect(await names('documentation')).toEqual({ names: [], total: 0 });
      });

      it('lists never-scored entities only when asked, last', async () => {
        const all = await queries.listScorecards(
          { includeUnscored: true },
          undefined,
        );
        expect(all.total).toBe(6);
        expect(all.items[5]).toMatchObject({
          name: 'foxtrot',
          score: null,
          error: 'boom',
        });
        const asc = await queries.listScorecards(
          { includeUnscored: true, order: 'asc' },
          undefined,
        );
        expect(asc.items[5].name).toBe('foxtrot');
      });

      it('counts and lists only visible entities', async () => {
        const visible = new Set([
          'component:default/bravo',
          'component:default/echo',
        ]);
        const page = await queries.listScorecards({}, visible);
        expect(page.total).toBe(2);
        expect(page.items.map(i => i.name)).toEqual(['echo', 'bravo']);
        expect((await queries.listScorecards({}, new Set())).total).toBe(0);

        const many = new Set(visible);
        for (let i = 0; i < 3000; i++) many.add(`component:default/other-${i}`);
        expect((await queries.listScorecards({}, many)).total).toBe(2);
      });

      it('pages and orders within the visible entities', async () => {
        const visible = new Set([
          'component:default/alpha',
          'component:default/charlie',
          'component:default/delta',
          'component:default/foxtrot',
        ]);
        const byName = await queries.listScorecards(
          { orderBy: 'name', order: 'desc', limit: 2, offset: 1 },
          visible,
        );
        expect(byName.total).toBe(3);
        expect(byName.items.map(i => i.name)).toEqual(['charlie', 'alpha']);
        expect(byName.items[0]).toMatchObject({ score: 72, blockers: 2 });
        const withUnscored = await queries.listScorecards(
          { includeUnscored: true, orderBy: 'auditedAt' },
          visible,
        );
        expect(withUnscored.items.map(i => i.name)).toEqual([
          'delta',
          'charlie',
          'alpha',
          'foxtrot',
        ]);
        const beyond = await queries.listScorecards({ offset: 10 }, visible);
        expect(beyond).toEqual({ items: [], total: 3 });
      });

      it('aggregates blockers by entity count, within visibility', async () => {
        expect(await queries.listBlockers(undefined)).toEqual([
          {
            ruleId: 'security/x',
            title: 'Title of security/x',
            severity: 'high',
            category: 'security',
            count: 3,
            entities: [
              'component:default/bravo',
              'component:default/charlie',
              'component:default/delta',
            ],
          },
          expect.objectContaining({ ruleId: 'testing/y', count: 1 }),
        ]);
        expect(
          await queries.listBlockers(
            new Set(['component:default/bravo', 'component:default/alpha']),
          ),
        ).toEqual([
          expect.objectContaining({
            ruleId: 'security/x',
            count: 1,
            entities: ['component:default/bravo'],
          }),
        ]);
      });

      it('pages blockers and caps the entities each lists, counting them all', async () => {
        const visible = new Set([
          'component:default/charlie',
          'component:default/delta',
          'component:default/echo',
        ]);
        for (const visibility of [undefined, visible]) {
          const first = await queries.listBlockers(visibility, {
            limit: 1,
            entities: 1,
          });
          expect(first).toEqual([
            expect.objectContaining({
              ruleId: 'security/x',
              count: visibility ? 2 : 3,
              entities: [
                visibility
                  ? 'component:default/charlie'
                  : 'component:default/bravo',
              ],
            }),
          ]);
          const rest = await queries.listBlockers(visibility, {
            limit: 10,
            offset: 1,
            entities: 0,
          });
          expect(rest).toEqual([
            expect.objectContaining({
              ruleId: 'testing/y',
              count: 1,
              entities: [],
            }),
          ]);
        }
        // Hidden entities count nowhere, not even beyond the listed ones.
        expect(
          await queries.listBlockers(new Set(['component:default/alpha']), {
            entities: 1,
          }),
        ).toEqual([]);
      });

      it('aggregates owners within visibility', async () => {
        expect(await queries.listOwners(undefined)).toEqual([
          {
            owner: 'group:default/team-a',
            entities: 3,
            averageScore: 83,
            band: 'good',
            blockers: 2,
            notReady: 0,
          },
          {
            owner: 'group:default/team-b',
            entities: 2,
            averageScore: 38,
            band: 'critical',
            blockers: 2,
            notReady: 0,
          },
        ]);
        expect(
          await queries.listOwners(new Set(['component:default/delta'])),
        ).toEqual([
          expect.objectContaining({
            owner: 'group:default/team-b',
            entities: 1,
            averageScore: 30,
            blockers: 1,
          }),
        ]);
      });

      it('lists score summaries within visibility', async () => {
        expect(
          await queries.listSummaries(new Set(['component:default/alpha'])),
        ).toEqual([
          {
            entityRef: 'component:default/alpha',
            score: 90,
            band: 'good',
            verdict: 'production-ready',
            blockers: 0,
          },
        ]);
        expect(await queries.listSummaries(undefined)).toHaveLength(5);
      });

      it('pages score summaries by entity ref, within visibility', async () => {
        const refs = (rows: Array<{ entityRef: string }>) =>
          rows.map(r => r.entityRef.split('/')[1]);
        expect(
          refs(await queries.listSummaries(undefined, { limit: 2, offset: 1 })),
        ).toEqual(['bravo', 'charlie']);
        const visible = new Set([
          'component:default/alpha',
          'component:default/delta',
          'component:default/echo',
        ]);
        expect(
          refs(await queries.listSummaries(visible, { limit: 2, offset: 1 })),
        ).toEqual(['delta', 'echo']);
        expect(
          await queries.listSummaries(visible, { limit: 2, offset: 3 }),
        ).toEqual([]);
      });

      it('reads several scorecards at once, as getScorecard reads each', async () => {
        // More refs than one chunk of the IN list; most are unknown.
        const unknown = Array.from(
          { length: 250 },
          (_, i) => `component:default/unknown-${i}`,
        );
        const refs = [
          'component:default/delta',
          ...unknown,
          'component:default/alpha',
          'component:default/foxtrot',
          'component:default/alpha',
        ];
        const rows = await queries.getScorecards(refs);
        expect(rows.map(r => r.name)).toEqual(['alpha', 'delta', 'foxtrot']);
        for (const row of rows) {
          expect(row).toEqual(await queries.getScorecard(row.entityRef));
        }
        expect(rows[1].scorecard?.blockers.map(b => b.ruleId)).toEqual([
          'security/x',
        ]);
        expect(rows[2]).toMatchObject({ score: null, scorecard: null });
        expect(await queries.getScorecards([])).toEqual([]);
      });
    });
  },
);
