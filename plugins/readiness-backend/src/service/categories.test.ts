import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  defineRule,
  outcome,
  readinessRulesExtensionPoint,
  writeFixtureRepo,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import request from 'supertest';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog } from '../testing/catalog';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

/** A rule a backend module adds in the custom category. */
const onCallRule = defineRule({
  id: 'operations/on-call',
  category: 'operations',
  severity: 'low',
  title: 'Names its on-call rotation',
  description: 'ONCALL.md names the rotation.',
  rationale: 'Pages need somewhere to go.',
  remediation: 'Add ONCALL.md.',
  evaluate: facts =>
    facts.file('ONCALL.md')
      ? outcome.pass()
      : outcome.fail([{ path: 'ONCALL.md', message: 'No ONCALL.md' }]),
});

const rulesModule = createBackendModule({
  pluginId: 'readiness',
  moduleId: 'operations-rules',
  register(reg) {
    reg.registerInit({
      deps: { rules: readinessRulesExtensionPoint },
      async init({ rules }) {
        rules.addRules(onCallRule);
      },
    });
  },
});

const config = (root: string) => ({
  localRoots: [root],
  categories: [
    {
      id: 'operations',
      title: 'Operations',
      weight: 2,
      description: 'Runbooks and on-call',
    },
  ],
  customRules: [
    {
      id: 'operations/runbook',
      category: 'operations',
      severity: 'high',
      title: 'Has a runbook',
      check: { type: 'file-exists', path: 'RUNBOOK.md' },
    },
  ],
});

describe('custom categories through the API', () => {
  it('scores a custom category, serves its title and filters the leaderboard by it', async () => {
    const withRunbook = await writeFixtureRepo({
      'README.md': '# Service\n',
      'RUNBOOK.md': '# Runbook\n',
    });
    const without = await writeFixtureRepo({ 'README.md': '# Service\n' });
    const root = await fs.realpath(`${withRunbook}/..`);
    const local = (name: string, dir: string) =>
      component(name, 'team-a', {
        annotations: { 'readiness.dev/source-location': `dir:${dir}` },
      });
    try {
      const { server, scheduler } = await startReadinessBackend({
        knex: await databases.init('SQLITE_3'),
        catalog: hidingCatalog(
          [local('ready', withRunbook), local('unready', without)],
          () => false,
        ),
        config: config(root),
        features: [rulesModule],
      });
      await scheduler.triggerTask(REFRESH_TASK_ID);

      const card = await request(server).get(
        '/api/readiness/scorecards/component/default/unready',
      );
      expect(card.status).toBe(200);
      const operations = card.body.scorecard.categories.find(
        (c: { id: string }) => c.id === 'operations',
      );
      expect(operations).toEqual({
        id: 'operations',
        title: 'Operations',
        score: 0,
        band: 'critical',
        weight: 2,
        passed: 0,
        failed: 2,
        applicable: 2,
      });
      expect(card.body.scorecard.categories.at(-1).id).toBe('operations');
      expect(
        card.body.scorecard.blockers.map((b: { ruleId: string }) => b.ruleId),
      ).toContain('operations/runbook');

      const review = await request(server).get(
        '/api/readiness/scorecards/component/default/unready/review.md',
      );
      expect(review.text).toContain('### Operations — 0/100');

      const categories = await request(server).get('/api/readiness/categories');
      expect(categories.status).toBe(200);
      expect(categories.body.items).toHaveLength(10);
      expect(categories.body.items[0]).toEqual({
        id: 'security',
        title: 'Security',
        weight: 2,
      });
      expect(categories.body.items[9]).toEqual({
        id: 'operations',
        title: 'Operations',
        weight: 2,
        description: 'Runbooks and on-call',
        custom: true,
      });

      const blocked = await request(server).get(
        '/api/readiness/leaderboard?category=operations',
      );
      expect(blocked.status).toBe(200);
      expect(
        blocked.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/unready']);
      expect(blocked.body.total).toBe(1);

      const all = await request(server).get('/api/readiness/leaderboard');
      expect(all.body.total).toBe(2);

      const unknown = await request(server).get(
        '/api/readiness/leaderboard?category=ml-pipeline',
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        "Invalid query: category: 'ml-pipeline' is not a category this backend scores (security, testing, infrastructure, code-quality, database, frontend, observability, cicd, documentation, operations)",
      );
      const malformed = await request(server).get(
        '/api/readiness/leaderboard?category=Ops%20Team',
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/category/);
    } finally {
      await fs.rm(withRunbook, { recursive: true, force: true });
      await fs.rm(without, { recursive: true, force: true });
    }
  });

  it('refuses to start when a rule names a category nobody declared', async () => {
    const start = startReadinessBackend({
      knex: await databases.init('SQLITE_3'),
      catalog: hidingCatalog([], () => false),
      config: {
        customRules: [
          {
            id: 'operations/runbook',
            category: 'operations',
            severity: 'high',
            title: 'Has a runbook',
            check: { type: 'file-exists', path: 'RUNBOOK.md' },
          },
        ],
      },
    });
    await expect(start).rejects.toThrow(
      /readiness\.customRules\[0\] \(id 'operations\/runbook'\) is invalid: category: must be one of security, .*documentation; declare a custom category under readiness\.categories/,
    );
  });

  it('refuses to start when a module adds a rule of an undeclared category', async () => {
    const start = startReadinessBackend({
      knex: await databases.init('SQLITE_3'),
      catalog: hidingCatalog([], () => false),
      features: [rulesModule],
    });
    await expect(start).rejects.toThrow(
      /Rule 'operations\/on-call' has unknown category 'operations'/,
    );
  });

  it('serves the nine built-in categories when none is declared', async () => {
    const { server } = await startReadinessBackend({
      knex: await databases.init('SQLITE_3'),
      catalog: hidingCatalog([], () => false),
    });
    const res = await request(server).get('/api/readiness/categories');
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([
      'security',
      'testing',
      'infrastructure',
      'code-quality',
      'database',
      'frontend',
      'observability',
      'cicd',
      'documentation',
    ]);
    expect(res.body.items.some((c: { custom?: boolean }) => c.custom)).toBe(
      false,
    );
    const ok = await request(server).get(
      '/api/readiness/leaderboard?category=security',
    );
    expect(ok.status).toBe(200);
    const custom = await request(server).get(
      '/api/readiness/leaderboard?category=operations',
    );
    expect(custom.status).toBe(400);
  });
});
