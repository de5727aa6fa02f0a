import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from './backend';
import { testDatabases } from './databases';
import {
  DEMO_GITHUB_HOST,
  DEMO_OWNER,
  githubDemoCatalog,
  ScmDemo,
  startScmDemo,
} from './scmDemo';

/**
 * The demo of `./scripts/start.sh --scm`: its config and rewritten catalog,
 * and one sample entity audited through them with Backstage's real GitHub
 * reader, without starting the app.
 */

jest.setTimeout(120_000);

const databases = testDatabases(['SQLITE_3']);
const ROOT = resolve(__dirname, '../../../..');

describe('the sample catalog on GitHub-style URLs', () => {
  let demo: ScmDemo;
  let workDir: string;

  beforeAll(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'readiness-scm-demo-test-'));
    demo = await startScmDemo({ root: ROOT, workDir });
  });

  afterAll(async () => {
    await demo?.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('rewrites the sample repositories to GitHub URLs and leaves the rest as written', () => {
    const { yaml, repositories } = githubDemoCatalog(
      [
        'kind: Component',
        'metadata:',
        '  name: a',
        '  annotations:',
        '    backstage.io/source-location: dir:./repos/a/',
        '---',
        'kind: Component',
        'metadata:',
        '  name: self',
        '  annotations:',
        '    backstage.io/source-location: dir:./',
        '---',
        'kind: System',
        'metadata:',
        '  name: s',
        '',
      ].join('\n'),
    );
    expect(repositories).toEqual(['a']);
    const docs = parseAllDocuments(yaml).map(d => d.toJS());
    expect(docs[0].metadata.annotations).toEqual({
      'backstage.io/source-location': `url:https://${DEMO_GITHUB_HOST}/${DEMO_OWNER}/a`,
    });
    expect(docs[1].metadata.annotations).toEqual({
      'backstage.io/source-location': 'dir:./',
    });
    expect(docs[2]).toEqual({ kind: 'System', metadata: { name: 's' } });
  });

  it('serves every sample repository and points the catalog and integrations.github at them', async () => {
    const sampleDirs = (
      await fs.readdir(join(ROOT, 'examples/repos'), { withFileTypes: true })
    )
      .filter(e => e.isDirectory())
      .map(e => e.name)
      .sort();
    expect([...demo.repos.keys()].sort()).toEqual(sampleDirs);

    const entities = parseAllDocuments(
      await fs.readFile(demo.entitiesFile, 'utf8'),
    ).map(d => d.toJS() as Entity);
    const components = entities.filter(e => e.kind === 'Component');
    expect(components.length).toBe(sampleDirs.length);
    for (const c of components) {
      expect(c.metadata.annotations?.['backstage.io/source-location']).toMatch(
        `url:https://${DEMO_GITHUB_HOST}/${DEMO_OWNER}/`,
      );
    }
    const config = demo.config as any;
    expect(config.integrations.github).toEqual([
      { host: DEMO_GITHUB_HOST, apiBaseUrl: demo.scm.githubApiBaseUrl },
    ]);
    const targets: string[] = config.catalog.locations.map(
      (l: { target: string }) => l.target,
    );
    expect(targets[0]).toBe(demo.entitiesFile);
    for (const target of targets)
      await expect(fs.stat(target)).resolves.toBeTruthy();
  });

  it('audits a sample entity through the real GitHub reader with the demo config, with links to the code', async () => {
    const entities = parseAllDocuments(
      await fs.readFile(demo.entitiesFile, 'utf8'),
    ).map(d => d.toJS() as Entity);
    const flask = entities.find(e => e.metadata.name === 'flask-orders-api')!;
    const knex = await databases.init('SQLITE_3');
    const backend = await startReadinessBackend({
      knex,
      catalog: catalogServiceMock({ entities: [flask] }),
      rootConfig: {
        integrations: (demo.config as JsonObject).integrations as JsonObject,
      },
    });
    demo.scm.resetRequests();
    await backend.scheduler.triggerTask(REFRESH_TASK_ID);

    const card = await backend.store.getScorecard(
      'component:default/flask-orders-api',
    );
    const sha = await demo.repos.get('flask-orders-api')!.resolve('main');
    expect(card?.error).toBeUndefined();
    expect(card?.etag).toBe(sha);
    expect(card?.scorecard?.stats.files).toBeGreaterThan(3);
    expect(card?.links).toEqual({
      base: `https://${DEMO_GITHUB_HOST}/${DEMO_OWNER}/flask-orders-api/blob/${sha}/`,
      lineAnchor: '#L',
    });
    // read through the GitHub API of the SCM server: one archive
    expect(demo.scm.archiveDownloads()).toBe(1);
  });
});
