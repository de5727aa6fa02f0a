import { mockServices } from '@backstage/backend-test-utils';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import {
  auditSnapshot,
  snapshotFromFiles,
} from '@readiness/backstage-plugin-readiness-node';
import {
  at,
  entitySummary,
  T0,
  testDatabases,
  testStore,
} from '../testing/databases';
import { makeScorecard, TestResult } from '../testing/scorecards';
import { DatabaseQueryStore } from './DatabaseQueryStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';

jest.setTimeout(60_000);

const databases = testDatabases();
const REF = 'component:default/a';

/** A scorecard whose failing rules in `waived` carry a waiver until `expires`. */
function audit(
  results: TestResult[],
  waived: Record<string, string> = {},
): Scorecard {
  const card = makeScorecard(results);
  return {
    ...card,
    results: card.results.map(r =>
      waived[r.ruleId] && r.status === 'fail'
        ? {
            ...r,
            waiver: {
              ruleId: r.ruleId,
              reason: 'accepted until the migration',
              expires: waived[r.ruleId],
            },
          }
        : r,
    ),
  };
}

const ids = (list: Array<{ ruleId: string }> | undefined) =>
  list?.map(t => t.ruleId);

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore transitions on %s',
  databaseId => {
    let scorecards: DatabaseScorecardStore;
    let queries: DatabaseQueryStore;

    beforeEach(async () => {
      ({ scorecards, queries } = (
        await testStore(databases, databaseId)
      ).store);
    });

    it('stores no transitions for a first audit, and the source version it read', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit([
          { ruleId: 'security/x', severity: 'high', status: 'fail' },
        ]),
        etag: '0123456789abcdef0123456789abcdef01234567',
        auditedAt: T0,
      });
      const [point] = await queries.getHistory(REF);
      expect(point.sourceVersion).toBe(
        '0123456789abcdef0123456789abcdef01234567',
      );
      expect('transitions' in point).toBe(false);
    });

    it('stores each kind of transition against the previous audit', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit(
          [
            { ruleId: 'security/fixed', severity: 'high', status: 'fail' },
            { ruleId: 'security/breaks', severity: 'critical' },
            { ruleId: 'testing/to-waive', status: 'fail' },
            { ruleId: 'docs/expiring', severity: 'low', status: 'fail' },
            { ruleId: 'docs/same', status: 'fail' },
          ],
          { 'docs/expiring': '2025-03-01' },
        ),
        etag: 'c1',
        auditedAt: T0,
      });
      // The next day: the waiver of docs/expiring ran out on the 1st.
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit(
          [
            { ruleId: 'security/fixed', severity: 'high' },
            {
              ruleId: 'security/breaks',
              severity: 'critical',
              status: 'fail',
            },
            { ruleId: 'testing/to-waive', status: 'fail' },
            { ruleId: 'docs/expiring', severity: 'low', status: 'fail' },
            { ruleId: 'docs/same', status: 'fail' },
          ],
          { 'testing/to-waive': '2025-06-30' },
        ),
        etag: 'c2',
        auditedAt: new Date('2025-03-02T08:00:00.000Z'),
      });
      const [latest, first] = await queries.getHistory(REF);
      expect(first.sourceVersion).toBe('c1');
      expect(latest.sourceVersion).toBe('c2');
      expect(latest.transitions).toEqual({
        newlyFailing: [
          {
            ruleId: 'security/breaks',
            title: 'Title of security/breaks',
            severity: 'critical',
          },
        ],
        fixed: [
          {
            ruleId: 'security/fixed',
            title: 'Title of security/fixed',
            severity: 'high',
          },
        ],
        newlyWaived: [
          {
            ruleId: 'testing/to-waive',
            title: 'Title of testing/to-waive',
            severity: 'medium',
            expires: '2025-06-30',
          },
        ],
        waiverExpired: [
          {
            ruleId: 'docs/expiring',
            title: 'Title of docs/expiring',
            severity: 'low',
            expires: '2025-03-01',
          },
        ],
      });
    });

    it('keeps empty transitions for an audit that changed nothing', async () => {
      const card = audit([
        { ruleId: 'security/x', severity: 'high', status: 'fail' },
      ]);
      for (const minutes of [0, 10]) {
        await scorecards.saveAudit({
          entity: entitySummary('a'),
          scorecard: card,
          auditedAt: at(minutes),
        });
      }
      const [latest] = await queries.getHistory(REF);
      expect(latest.transitions).toEqual({
        newlyFailing: [],
        fixed: [],
        newlyWaived: [],
        waiverExpired: [],
      });
      // No etag, no source version.
      expect('sourceVersion' in latest).toBe(false);
    });

    it('compares with the last good scorecard across a failed audit', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit([{ ruleId: 'security/x', status: 'fail' }]),
        auditedAt: at(0),
      });
      await scorecards.saveError({
        entity: entitySummary('a'),
        error: 'repository not found',
        checkedAt: at(5),
      });
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit([{ ruleId: 'security/x' }]),
        auditedAt: at(10),
      });
      const [latest] = await queries.getHistory(REF);
      expect(ids(latest.transitions?.fixed)).toEqual(['security/x']);
    });

    it('counts the findings that came and went by fingerprint', async () => {
      const engine = (files: Record<string, string>) =>
        auditSnapshot(snapshotFromFiles(files), {
          now: T0,
          config: { only: ['infrastructure'] },
        });
      const dockerfile = 'FROM node:22\nCMD ["node", "index.js"]\n';
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: engine({ Dockerfile: dockerfile }),
        auditedAt: at(0),
      });
      // Lines inserted above the finding, and a second image with the same problem.
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: engine({
          Dockerfile: `# syntax=docker/dockerfile:1\n\n${dockerfile}`,
          'worker/Dockerfile': dockerfile,
        }),
        auditedAt: at(10),
      });
      const [latest] = await queries.getHistory(REF);
      expect(latest.transitions?.findings?.added).toBeGreaterThan(0);
      expect(latest.transitions?.findings?.resolved).toBe(0);
    });

    it('adds the columns to an existing history, and removes them on the way down', async () => {
      const fresh = await databases.init(databaseId);
      const directory = `${__dirname}/../../migrations`;
      const [, pending]: [unknown, Array<{ file: string }>] =
        await fresh.migrate.list({ directory });
      const mine = pending.findIndex(
        m => m.file === '20270107120000_history_transitions.js',
      );
      expect(mine).toBeGreaterThan(0);
      for (let i = 0; i < mine; i += 1) await fresh.migrate.up({ directory });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'transitions'),
      ).toBe(false);
      // An audit stored before transitions were kept: its row and point.
      const before = audit([{ ruleId: 'security/x', status: 'fail' }]);
      await fresh('readiness_scorecards').insert({
        entity_ref: REF,
        kind: 'Component',
        namespace: 'default',
        name: 'a',
        score: before.score,
        verdict: before.verdict,
        band: 'poor',
        blockers: 0,
        scorecard: JSON.stringify(before),
        audited_at: T0,
      });
      await fresh('readiness_history').insert({
        entity_ref: REF,
        audited_at: T0,
        score: before.score,
        verdict: before.verdict,
        categories: '{}',
        blockers: 0,
      });
      const upgraded = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex: fresh }),
      });
      await upgraded.saveAudit({
        entity: entitySummary('a'),
        scorecard: audit([{ ruleId: 'security/x' }]),
        etag: 'c2',
        auditedAt: at(10),
      });
      const [latest, old] = await upgraded.getHistory(REF);
      expect(ids(latest.transitions?.fixed)).toEqual(['security/x']);
      expect(latest.sourceVersion).toBe('c2');
      expect('transitions' in old).toBe(false);
      expect('sourceVersion' in old).toBe(false);

      await fresh.migrate.down({
        directory,
        name: '20270107120000_history_transitions.js',
      });
      expect(
        await fresh.schema.hasColumn('readiness_history', 'transitions'),
      ).toBe(false);
      expect(
        await fresh.schema.hasColumn('readiness_history', 'source_version'),
      ).toBe(false);
      expect(
        (await fresh('readiness_history').pluck('audited_at')).length,
      ).toBe(2);
    });
  },
);
