import { Knex } from 'knex';
import {
  at,
  entitySummary,
  T0,
  testDatabases,
  testStore,
} from '../testing/databases';
import {
  auditSnapshot,
  reportedFindings,
  snapshotFromFiles,
} from '@readiness/backstage-plugin-readiness-node';
import { makeScorecard, scorecardWithScore } from '../testing/scorecards';
import { DatabaseQueueStore } from './DatabaseQueueStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { DatabaseQueryStore } from './DatabaseQueryStore';

jest.setTimeout(60_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore on %s',
  databaseId => {
    let knex: Knex;
    let queue: DatabaseQueueStore;
    let scorecards: DatabaseScorecardStore;
    let queries: DatabaseQueryStore;

    beforeEach(async () => {
      const created = await testStore(databases, databaseId);
      knex = created.knex;
      ({ queue, scorecards, queries } = created.store);
    });

    it('stores an audit, its blockers and a history point', async () => {
      const scorecard = makeScorecard([
        {
          ruleId: 'security/committed-env-file',
          severity: 'critical',
          status: 'fail',
        },
        { ruleId: 'testing/has-tests', severity: 'high', status: 'fail' },
        { ruleId: 'documentation/readme', severity: 'low' },
      ]);
      await scorecards.saveAudit({
        entity: entitySummary('payments', { title: 'Payments' }),
        scorecard,
        etag: 'abc',
        inputsHash: 'h1',
        auditedAt: T0,
      });

      const stored = await queries.getScorecard('component:default/payments');
      expect(stored).toMatchObject({
        entityRef: 'component:default/payments',
        kind: 'Component',
        title: 'Payments',
        owner: 'group:default/team-a',
        score: scorecard.score,
        verdict: 'not-ready',
        blockers: 2,
        etag: 'abc',
        inputsHash: 'h1',
      });
      expect(stored?.auditedAt?.toISOString()).toBe(T0.toISOString());
      expect(stored?.scorecard).toEqual(scorecard);
      expect(stored?.error).toBeUndefined();
      expect(
        await queries.getBlockerRuleIds('component:default/payments'),
      ).toEqual(['security/committed-env-file', 'testing/has-tests']);

      const history = await queries.getHistory('component:default/payments');
      expect(history).toEqual([
        {
          auditedAt: T0,
          score: scorecard.score,
          verdict: 'not-ready',
          categories: expect.objectContaining({
            security: 0,
            documentation: 100,
            cicd: null,
          }),
          blockers: 2,
          failingRules: ['security/committed-env-file', 'testing/has-tests'],
          sourceVersion: 'abc',
        },
      ]);
      expect(
        await queries.getScorecard('component:default/missing'),
      ).toBeUndefined();
    });

    it('keeps the failing rules of each audit in its history point, waived ones left out', async () => {
      const card = makeScorecard([
        { ruleId: 'security/x', severity: 'high', status: 'fail' },
        { ruleId: 'security/waived', severity: 'high', status: 'fail' },
        { ruleId: 'testing/a', severity: 'low', status: 'fail' },
        { ruleId: 'testing/b', status: 'pass' },
        { ruleId: 'testing/c', status: 'not-applicable' },
      ]);
      const scorecard = {
        ...card,
        results: card.results.map(r =>
          r.ruleId === 'security/waived'
            ? {
                ...r,
                waiver: {
                  ruleId: r.ruleId,
                  reason: 'behind the gateway',
                  expires: '2099-01-01',
                },
              }
            : r,
        ),
      };
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard,
        auditedAt: T0,
      });
      // A point written before failing rules were kept.
      await knex('readiness_history').insert({
        entity_ref: 'component:default/a',
        audited_at: at(-10),
        score: 50,
        verdict: 'needs-work',
        categories: '{}',
        blockers: 0,
      });
      const history = await queries.getHistory('component:default/a');
      expect(history.map(h => h.failingRules)).toEqual([
        ['security/x', 'testing/a'],
        undefined,
      ]);
      expect('failingRules' in history[1]).toBe(false);
    });

    it('keeps the finding fingerprints in the scorecard and in each history point', async () => {
      const audit = (files: Record<string, string>) =>
        auditSnapshot(snapshotFromFiles(files), {
          now: T0,
          config: { only: ['infrastructure'] },
        });
      const dockerfile = 'FROM node:22\nCMD ["node", "index.js"]\n';
      const first = audit({ Dockerfile: dockerfile });
      // The next commit inserts lines above the finding and adds a second image.
      const second = audit({
        Dockerfile: `# syntax=docker/dockerfile:1\n\n${dockerfile}`,
        'worker/Dockerfile': dockerfile,
      });
      const ref = 'component:default/fp';
      await scorecards.saveAudit({
        entity: entitySummary('fp'),
        scorecard: first,
        auditedAt: T0,
      });
      await scorecards.saveAudit({
        entity: entitySummary('fp'),
        scorecard: second,
        auditedAt: at(10),
      });

      const stored = await queries.getScorecard(ref);
      const root = stored!.scorecard!.results.find(
        r => r.ruleId === 'infrastructure/dockerfile-runs-as-root',
      )!;
      expect(root.findings.map(f => [f.path, f.fingerprint])).toEqual([
        ['Dockerfile', expect.stringMatching(/^[0-9a-f]{20}$/)],
        ['worker/Dockerfile', expect.stringMatching(/^[0-9a-f]{20}$/)],
      ]);

      const [latest, previous] = await queries.getHistory(ref);
      const fingerprints = (s: typeof first) =>
        reportedFindings(s)
          .map(f => f.fingerprint)
          .sort();
      expect(previous.failingFindings).toEqual(fingerprints(first));
      expect(latest.failingFindings).toEqual(fingerprints(second));
      // The same identity as the CLI's: the moved finding is still there, the new image is new.
      const added = latest.failingFindings!.filter(
        f => !previous.failingFindings!.includes(f),
      );
      expect(added).toContain(root.findings[1].fingerprint);
      expect(added).not.toContain(root.findings[0].fingerprint);
      expect(previous.failingFindings).toContain(root.findings[0].fingerprint);
    });

    it('stores no fingerprints for a scorecard whose findings have none', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('old'),
        scorecard: makeScorecard([
          { ruleId: 'security/x', severity: 'high', status: 'fail' },
        ]),
        auditedAt: T0,
      });
      const [point] = await queries.getHistory('component:default/old');
      expect(point.failingRules).toEqual(['security/x']);
      expect('failingFindings' in point).toBe(false);
    });

    it('reads the audit state without the scorecard document', async () => {
      const scorecard = makeScorecard([
        {
          ruleId: 'security/committed-env-file',
          severity: 'critical',
          status: 'fail',
        },
      ]);
      await scorecards.saveAudit({
        entity: entitySummary('state'),
        scorecard,
        etag: 'e1',
        inputsHash: 'h1',
        auditedAt: T0,
      });
      expect(await queries.getAuditState('component:default/state')).toEqual({
        etag: 'e1',
        inputsHash: 'h1',
        score: scorecard.score,
      });
      expect(
        await queries.getAuditState('component:default/none'),
      ).toBeUndefined();
      // Several at once: one read, never-audited refs left out.
      await scorecards.saveError({
        entity: entitySummary('broken'),
        error: 'unreadable',
        checkedAt: T0,
      });
      const states = await queries.getAuditStates([
        'component:default/state',
        'component:default/none',
        'component:default/broken',
        'component:default/state',
      ]);
      expect([...states.keys()].sort()).toEqual([
        'component:default/broken',
        'component:default/state',
      ]);
      expect(states.get('component:default/state')).toEqual({
        etag: 'e1',
        inputsHash: 'h1',
        score: scorecard.score,
      });
      expect(states.get('component:default/broken')).toEqual({ score: null });
    });

    it('replaces blockers on the next audit and orders history newest first', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: scorecardWithScore(40, ['security/x', 'security/y']),
        auditedAt: at(0),
      });
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: scorecardWithScore(70, ['security/y']),
        auditedAt: at(10),
      });
      expect(await queries.getBlockerRuleIds('component:default/a')).toEqual([
        'security/y',
      ]);
      const history = await queries.getHistory('component:default/a');
      expect(history.map(h => h.score)).toEqual([70, 40]);
      expect(await queries.getHistory('component:default/a', 1)).toHaveLength(
        1,
      );
    });

    it('keeps the last good scorecard when an audit fails, and clears the etag', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: scorecardWithScore(66),
        etag: 'e1',
        inputsHash: 'h',
        auditedAt: at(0),
      });
      await scorecards.saveError({
        entity: entitySummary('a', { owner: 'group:default/team-b' }),
        error: 'repository not found',
        checkedAt: at(5),
      });
      const stored = await queries.getScorecard('component:default/a');
      expect(stored).toMatchObject({
        score: 66,
        error: 'repository not found',
        owner: 'group:default/team-b',
      });
      expect(stored?.etag).toBeUndefined();
      expect(stored?.checkedAt).toEqual(at(5));
      expect(stored?.auditedAt).toEqual(at(0));

      await scorecards.saveError({
        entity: entitySummary('never'),
        error: 'no source location',
        checkedAt: at(5),
      });
      expect(
        await queries.getScorecard('component:default/never'),
      ).toMatchObject({
        score: null,
        scorecard: null,
        error: 'no source location',
      });
    });

    it('marks an unchanged source as checked without a history point', async () => {
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: scorecardWithScore(50),
        etag: 'e1',
        auditedAt: at(0),
      });
      await scorecards.markUnchanged({
        entity: entitySummary('a', { title: 'New title' }),
        checkedAt: at(30),
      });
      const stored = await queries.getScorecard('component:default/a');
      expect(stored?.checkedAt).toEqual(at(30));
      expect(stored?.auditedAt).toEqual(at(0));
      expect(stored?.title).toBe('New title');
      expect(stored?.etag).toBe('e1');
      expect(await queries.getHistory('component:default/a')).toHaveLength(1);
    });

    it('marks unchanged and releases the leases of a batch in one transaction', async () => {
      await queue.syncEntities(['component:default/a'], T0);
      await scorecards.saveAudit({
        entity: entitySummary('a'),
        scorecard: scorecardWithScore(50),
        etag: 'e1',
        auditedAt: at(0),
      });
      const [claim] = await queue.claimDue({
        owner: 'w',
        limit: 1,
        leaseSeconds: 60,
        now: at(1),
      });
      expect(claim.entityRef).toBe('component:default/a');
      const release = {
        entityRef: 'component:default/a',
        owner: 'w',
        token: claim.token,
        nextDueAt: at(90),
        claimedPriority: claim.priority,
      };
      expect(
        await scorecards.completeUnchanged([
          { entity: entitySummary('a'), checkedAt: at(2), release },
        ]),
      ).toBe(1);
      expect(
        (await queries.getScorecard('component:default/a'))?.checkedAt,
      ).toEqual(at(2));
      expect(await queue.getRefreshState('component:default/a')).toMatchObject({
        nextDueAt: at(90),
        priority: 0,
      });
      // A lease that is no longer ours is not released, and the entity is
      // not marked checked by its former holder.
      expect(
        await scorecards.completeUnchanged([
          { entity: entitySummary('a'), checkedAt: at(3), release },
        ]),
      ).toBe(0);
      expect(
        (await queries.getScorecard('component:default/a'))?.checkedAt,
      ).toEqual(at(2));
      // Nor when another claim took it over: the new holder's lease stays.
      const [taken] = await queue.claimDue({
        owner: 'other',
        limit: 1,
        leaseSeconds: 60,
        now: at(91),
      });
      expect(
        await scorecards.completeUnchanged([
          {
            entity: entitySummary('a'),
            checkedAt: at(92),
            release: { ...release, nextDueAt: at(200) },
          },
        ]),
      ).toBe(0);
      expect(
        (await queries.getScorecard('component:default/a'))?.checkedAt,
      ).toEqual(at(2));
      expect(await queue.getRefreshState('component:default/a')).toMatchObject({
        leaseOwner: 'other',
        nextDueAt: at(90),
      });
      expect(taken.token).toBeGreaterThan(claim.token);
      expect(await scorecards.completeUnchanged([])).toBe(0);
    });

    describe('history retention', () => {
      beforeEach(async () => {
        for (let day = 0; day < 10; day++) {
          for (const name of ['a', 'b']) {
            await scorecards.saveAudit({
              entity: entitySummary(name),
              scorecard: scorecardWithScore(50 + day),
              auditedAt: new Date(T0.getTime() + day * 86_400_000),
            });
          }
        }
      });

      it('prunes by age', async () => {
        const now = new Date(T0.getTime() + 10 * 86_400_000);
        expect(await scorecards.pruneHistory({ days: 3 }, now)).toBe(14);
        expect(
          (await queries.getHistory('component:default/a')).map(h => h.score),
        ).toEqual([59, 58, 57]);
      });

      it('prunes by number of runs per entity', async () => {
        expect(await scorecards.pruneHistory({ runs: 4 }, T0)).toBe(12);
        expect(
          (await queries.getHistory('component:default/b')).map(h => h.score),
        ).toEqual([59, 58, 57, 56]);
      });

      it('prunes by runs when an audit is saved', async () => {
        await scorecards.saveAudit(
          {
            entity: entitySummary('a'),
            scorecard: scorecardWithScore(99),
            auditedAt: new Date(T0.getTime() + 11 * 86_400_000),
          },
          { runs: 2 },
        );
        expect(
          (await queries.getHistory('component:default/a')).map(h => h.score),
        ).toEqual([99, 59]);
        expect(await queries.getHistory('component:default/b')).toHaveLength(
          10,
        );
      });
    });
  },
);
