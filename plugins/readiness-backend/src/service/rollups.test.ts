import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog, isUser } from '../testing/catalog';
import { entitySummary, testDatabases } from '../testing/databases';
import { scorecardWithScore } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

const rel = (type: string, targetRef: string) => ({ type, targetRef });

function group(name: string, parents: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: parents.map(p => rel('childOf', `group:default/${p}`)),
  };
}

function container(kind: 'System' | 'Domain', name: string, partOf?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { owner: 'team-a' },
    relations: partOf ? [rel('partOf', partOf)] : [],
  } as Entity;
}

function component(name: string, owner: string, partOf?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [
      rel('ownedBy', `group:default/${owner}`),
      ...(partOf ? [rel('partOf', partOf)] : []),
    ],
  };
}

// engineering ⊃ team-a, team-b; team-b also claims engineering as its child
// (a cycle). platform sits outside. The domain shop holds the systems
// commerce and back-office; alpha has a subcomponent alpha-worker.
const entities: Entity[] = [
  group('engineering', ['team-b']),
  group('team-a', ['engineering']),
  group('team-b', ['engineering']),
  group('platform'),
  group('secret-team', ['engineering']),
  container('Domain', 'shop'),
  container('System', 'commerce', 'domain:default/shop'),
  container('System', 'back-office', 'domain:default/shop'),
  component('alpha', 'team-a', 'system:default/commerce'),
  component('alpha-worker', 'team-a', 'component:default/alpha'),
  component('bravo', 'team-b', 'system:default/commerce'),
  component('hidden', 'team-b', 'system:default/commerce'),
  component('charlie', 'engineering', 'system:default/back-office'),
  component('delta', 'platform', 'system:default/back-office'),
  component('loose', 'platform'),
];

const SCORES: Array<[string, number, string[]]> = [
  ['alpha', 90, []],
  ['alpha-worker', 60, ['testing/has-tests']],
  ['bravo', 40, ['security/committed-env-file']],
  ['hidden', 5, ['security/committed-env-file', 'cicd/secret-only-blocker']],
  ['charlie', 70, []],
  ['delta', 20, ['security/committed-env-file']],
  ['loose', 100, []],
];

/** Users never see `hidden` nor `secret-team`, as a permission policy would arrange. */
const hiddenFromUsers = (ref: string, credentials: BackstageCredentials) =>
  isUser(credentials) &&
  ['component:default/hidden', 'group:default/secret-team'].includes(ref);

describe('GET /rollups/:kind/:namespace/:name', () => {
  let server: Awaited<ReturnType<typeof startReadinessBackend>>['server'];
  /** Entity lists asked of the catalog (the walks of the roll-ups). */
  let listings: number;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    let store;
    listings = 0;
    const hiding = hidingCatalog(entities, hiddenFromUsers);
    const catalog: CatalogService = {
      ...catalogServiceMock(),
      getEntityByRef: (...args) => hiding.getEntityByRef(...args),
      getEntities: (...args) => {
        listings += 1;
        return hiding.getEntities(...args);
      },
    };
    ({ server, store } = await startReadinessBackend({ knex, catalog }));
    for (const [name, score, blockers] of SCORES) {
      const owner = entities.find(e => e.metadata.name === name)!.spec!
        .owner as string;
      await store.saveAudit({
        entity: entitySummary(name, { owner: `group:default/${owner}` }),
        scorecard: scorecardWithScore(score, blockers),
        auditedAt: new Date(),
      });
    }
  });

  const get = (path: string, service = false) => {
    const req = request(server).get(`/api/readiness/rollups/${path}`);
    return service
      ? req.set('Authorization', mockCredentials.service.header())
      : req;
  };
  const worstNames = (body: { worst: Array<{ name: string }> }) =>
    body.worst.map(w => w.name);

  it('rolls up a group with its child groups, through a cycle, without hidden entities', async () => {
    const res = await get('group/default/engineering?worst=10');
    expect(res.status).toBe(200);
    // alpha, alpha-worker (team-a), bravo (team-b), charlie (engineering);
    // hidden is invisible to the user; delta and loose belong to platform.
    expect(res.body).toMatchObject({
      entityRef: 'group:default/engineering',
      entities: 4,
      scored: 4,
      averageScore: 65, // (90 + 60 + 40 + 70) / 4
      band: 'needs-work',
      bands: { good: 1, 'needs-work': 2, poor: 1, critical: 0 },
      blockers: 2,
    });
    expect(worstNames(res.body)).toEqual([
      'bravo',
      'alpha-worker',
      'charlie',
      'alpha',
    ]);
    expect(res.body.worst[0]).toMatchObject({
      entityRef: 'component:default/bravo',
      score: 40,
      band: 'poor',
      owner: 'group:default/team-b',
    });
    expect(
      res.body.blockerRules.map((r: { ruleId: string; count: number }) => [
        r.ruleId,
        r.count,
      ]),
    ).toEqual([
      ['security/committed-env-file', 1],
      ['testing/has-tests', 1],
    ]);
    expect(JSON.stringify(res.body)).not.toContain('hidden');
    expect(JSON.stringify(res.body)).not.toContain('secret-only-blocker');
    expect(res.body.trend).toHaveLength(1);
    expect(res.body.trend[0]).toMatchObject({ averageScore: 65, entities: 4 });
  });

  it('counts what the caller can see: a service sees the hidden entity', async () => {
    const res = await get('group/default/engineering', true);
    expect(res.status).toBe(200);
    expect(res.body.entities).toBe(5);
    expect(worstNames(res.body)[0]).toBe('hidden');
    expect(res.body.failingRules[0]).toEqual({
      ruleId: 'security/committed-env-file',
      count: 2,
    });
  });

  it('rolls up a team of its own and a system with its subcomponents', async () => {
    const team = await get('group/default/team-a');
    expect(worstNames(team.body).sort()).toEqual(['alpha', 'alpha-worker']);
    const system = await get('system/default/commerce');
    expect(system.status).toBe(200);
    expect(system.body.entities).toBe(3);
    expect(worstNames(system.body).sort()).toEqual([
      'alpha',
      'alpha-worker',
      'bravo',
    ]);
  });

  it('rolls up a domain through its systems, whoever owns the entities', async () => {
    const res = await get('Domain/default/shop?worst=2&rules=1');
    expect(res.status).toBe(200);
    // alpha, alpha-worker, bravo, charlie, delta; not loose, in no system.
    expect(res.body.entities).toBe(5);
    expect(res.body.averageScore).toBe(56); // 280 / 5
    expect(worstNames(res.body)).toEqual(['delta', 'bravo']);
    expect(res.body.blockerRules).toEqual([
      expect.objectContaining({
        ruleId: 'security/committed-env-file',
        count: 2,
      }),
    ]);
  });

  it('walks the catalog once per user and roll-up for 10 s', async () => {
    const first = await get('group/default/engineering');
    const walked = listings;
    expect(walked).toBeGreaterThan(0);
    const again = await get('group/default/engineering');
    expect(listings).toBe(walked);
    expect(again.body).toEqual(first.body);
    // The figures kept for the user's members are not a service's, who
    // sees the hidden entity too.
    const service = await get('group/default/engineering', true);
    expect([first.body.entities, service.body.entities]).toEqual([4, 5]);
    expect(worstNames(service.body)[0]).toBe('hidden');
    expect(
      JSON.stringify((await get('group/default/engineering')).body),
    ).not.toContain('hidden');

    // Another user, and another roll-up, are walked afresh.
    const other = await request(server)
      .get('/api/readiness/rollups/group/default/engineering')
      .set('Authorization', mockCredentials.user.header('user:default/other'));
    expect(other.body.entities).toBe(4);
    expect(listings).toBeGreaterThan(walked);
    const afterOther = listings;
    await get('group/default/team-a');
    expect(listings).toBeGreaterThan(afterOther);

    // After 10 s the first user's walk is done again.
    const afterTeam = listings;
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 10_001);
    try {
      await get('group/default/engineering');
    } finally {
      clock.mockRestore();
    }
    expect(listings).toBeGreaterThan(afterTeam);
  });

  it('answers an empty roll-up for a group that owns nothing', async () => {
    const res = await get('group/default/secret-team', true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entities: 0,
      scored: 0,
      averageScore: null,
      band: null,
      worst: [],
      blockerRules: [],
      failingRules: [],
      trend: [],
    });
  });

  it('is a 404 for hidden, missing and non-rolling-up entities; a 400 for bad input', async () => {
    const hidden = await get('group/default/secret-team');
    expect(hidden.status).toBe(404);
    const missing = await get('group/default/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      hidden.body.error.message.replace('secret-team', 'nobody'),
    );
    const notRollup = await get('component/default/alpha');
    expect(notRollup.status).toBe(404);
    expect(notRollup.body.error.message).toMatch(/Group, System and Domain/);
    for (const bad of [
      'group/default/engineering?worst=0',
      'group/default/engineering?days=abc',
      'group/default/engineering?unknown=1',
      'group/default/bad%20name',
    ]) {
      const res = await get(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.error.name).toBe('InputError');
    }
  });
});
