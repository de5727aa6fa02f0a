import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuditChangesResponse,
  ScorecardResponse,
} from '@readiness/backstage-plugin-readiness-common';
import request from 'supertest';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog, isUser } from '../testing/catalog';
import { entitySummary, testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { makeScorecard } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);
const HIDDEN = 'component:default/hidden';

const entities = ['alpha', 'once', 'never', 'hidden'].map(name =>
  component(name, 'team-a'),
);

const FIRST = makeScorecard([
  { ruleId: 'security/committed-env-file', severity: 'critical' },
  { ruleId: 'testing/has-tests', severity: 'high', status: 'fail' },
]);
const SECOND = makeScorecard([
  {
    ruleId: 'security/committed-env-file',
    severity: 'critical',
    status: 'fail',
  },
  { ruleId: 'testing/has-tests', severity: 'high' },
]);

describe('GET /scorecards/:kind/:namespace/:name/changes', () => {
  let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];
  let store: DatabaseReadinessStore;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    ({ server, store } = await startReadinessBackend({
      knex,
      catalog: hidingCatalog(
        entities,
        (ref, credentials) => isUser(credentials) && ref === HIDDEN,
      ),
    }));
    for (const name of ['alpha', 'hidden']) {
      await store.saveAudit({
        entity: entitySummary(name),
        scorecard: FIRST,
        etag: 'commit-1',
        auditedAt: new Date('2025-02-01T00:00:00Z'),
      });
      await store.saveAudit({
        entity: entitySummary(name),
        scorecard: SECOND,
        etag: 'commit-2',
        auditedAt: new Date('2025-02-02T00:00:00Z'),
      });
    }
    await store.saveAudit({
      entity: entitySummary('once'),
      scorecard: FIRST,
      auditedAt: new Date('2025-02-01T00:00:00Z'),
    });
  });

  const changesOf = (name: string) =>
    request(server).get(
      `/api/readiness/scorecards/component/default/${name}/changes`,
    );

  it('serves the transitions of the latest audit against the one before, with the versions read', async () => {
    const res = await changesOf('alpha');
    expect(res.status).toBe(200);
    const body: AuditChangesResponse = res.body;
    expect(body).toEqual({
      entityRef: 'component:default/alpha',
      current: {
        auditedAt: '2025-02-02T00:00:00.000Z',
        score: SECOND.score,
        verdict: SECOND.verdict,
        blockers: 1,
        sourceVersion: 'commit-2',
      },
      previous: {
        auditedAt: '2025-02-01T00:00:00.000Z',
        score: FIRST.score,
        verdict: FIRST.verdict,
        blockers: 1,
        sourceVersion: 'commit-1',
      },
      transitions: {
        newlyFailing: [
          {
            ruleId: 'security/committed-env-file',
            title: 'Title of security/committed-env-file',
            severity: 'critical',
          },
        ],
        fixed: [
          {
            ruleId: 'testing/has-tests',
            title: 'Title of testing/has-tests',
            severity: 'high',
          },
        ],
        newlyWaived: [],
        waiverExpired: [],
      },
    });
  });

  it('serves null transitions after a first audit and nothing for an entity never audited', async () => {
    const once = await changesOf('once');
    expect(once.status).toBe(200);
    expect(once.body).toMatchObject({ previous: null, transitions: null });
    expect(once.body.current.score).toBe(FIRST.score);
    expect('sourceVersion' in once.body.current).toBe(false);

    const never = await changesOf('never');
    expect(never.status).toBe(200);
    expect(never.body).toEqual({
      entityRef: 'component:default/never',
      current: null,
      previous: null,
      transitions: null,
    });
  });

  it('follows catalog visibility: 404 for an entity the caller cannot see', async () => {
    const hidden = await changesOf('hidden');
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('newlyFailing');
    const asService = await changesOf('hidden').set(
      'Authorization',
      mockCredentials.service.header(),
    );
    expect(asService.status).toBe(200);
    expect(asService.body.transitions.fixed).toHaveLength(1);
  });

  it('answers 404 for an unknown entity and 400 for a malformed reference or a query', async () => {
    expect((await changesOf('nope')).status).toBe(404);
    const bad = await request(server).get(
      '/api/readiness/scorecards/component/default/al%20pha/changes',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/name/);
    const query = await request(server).get(
      '/api/readiness/scorecards/component/default/alpha/changes?limit=5',
    );
    expect(query.status).toBe(400);
    expect(
      (
        await request(server).post(
          '/api/readiness/scorecards/component/default/alpha/changes',
        )
      ).status,
    ).toBe(405);
  });

  it('gives each point of the scorecard history its transitions and source version', async () => {
    const res = await request(server).get(
      '/api/readiness/scorecards/component/default/alpha',
    );
    const body: ScorecardResponse = res.body;
    expect(body.history.map(h => h.sourceVersion)).toEqual([
      'commit-1',
      'commit-2',
    ]);
    expect(body.history[0].transitions).toBeUndefined();
    expect(body.history[1].transitions?.newlyFailing[0].ruleId).toBe(
      'security/committed-env-file',
    );
  });
});
