import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  CatalogProcessor,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startReadinessBackend } from '../testing/backend';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { scorecardWithScore } from '../testing/scorecards';
import { catalogModuleReadinessBand } from './module';
import { ReadinessBandProcessor } from './ReadinessBandProcessor';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

describe('catalogModuleReadinessBand', () => {
  it('labels entities with the band and score served by the readiness API', async () => {
    const knex = await databases.init('SQLITE_3');
    const processors: CatalogProcessor[] = [];
    const { store } = await startReadinessBackend({
      knex,
      catalog: catalogServiceMock({ entities: [component('orders')] }),
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addProcessor: (...p: CatalogProcessor[]) =>
              processors.push(...p.flat()),
          },
        ],
      ],
      features: [catalogModuleReadinessBand],
    });
    await store.saveAudit({
      entity: {
        entityRef: 'component:default/orders',
        kind: 'Component',
        namespace: 'default',
        name: 'orders',
      },
      scorecard: scorecardWithScore(64),
      auditedAt: new Date(),
    });

    expect(processors).toHaveLength(1);
    const [processor] = processors;
    expect(processor.getProcessorName()).toBe('ReadinessBandProcessor');
    const processed = await processor.preProcessEntity!(
      component('orders', 'team-a', {
        labels: { tier: '1' },
        annotations: { a: 'b' },
      }),
      { type: 'file', target: '/x.yaml' },
      jest.fn(),
      { type: 'file', target: '/x.yaml' },
      { get: jest.fn(), set: jest.fn() },
    );
    expect(processed.metadata.labels).toEqual({
      tier: '1',
      'readiness.dev/band': 'needs-work',
    });
    expect(processed.metadata.annotations).toEqual({
      a: 'b',
      'readiness.dev/score': '64',
    });
  });
});

describe('ReadinessBandProcessor', () => {
  const response = (items: object[], status = 200) =>
    new Response(
      JSON.stringify(
        status === 200 ? { items } : { error: { message: 'down' } },
      ),
      {
        status,
        headers: { 'content-type': 'application/json' },
      },
    );

  function processor(fetchImpl: jest.Mock) {
    return ReadinessBandProcessor.create({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      cacheSeconds: 60,
      fetch: fetchImpl,
    });
  }

  it('asks the API once per cache period, with a service token', async () => {
    const fetchImpl = jest.fn().mockImplementation(async () =>
      response([
        {
          entityRef: 'component:default/a',
          score: 91,
          band: 'good',
          verdict: 'production-ready',
          blockers: 0,
        },
      ]),
    );
    const p = processor(fetchImpl);
    const a = await p.preProcessEntity(component('a'));
    await p.preProcessEntity(component('b'));
    expect(a.metadata.labels).toEqual({ 'readiness.dev/band': 'good' });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toMatch(/\/api\/readiness\/summaries\?limit=10000&offset=0$/);
    expect(init.headers.Authorization).toMatch(/^Bearer /);
  });

  it('reads every page of summaries until a short one', async () => {
    const summary = (i: number) => ({
      entityRef: `component:default/s${i}`,
      score: 40,
      band: 'poor',
      verdict: 'needs-work',
      blockers: 1,
    });
    const fetchImpl = jest.fn().mockImplementation(async (url: string) => {
      const offset = Number(new URL(url).searchParams.get('offset'));
      const size = offset === 0 ? 10_000 : 1;
      return response(
        Array.from({ length: size }, (_, i) => summary(offset + i)),
      );
    });
    const p = processor(fetchImpl);
    const last = await p.preProcessEntity(component('s10000'));
    expect(last.metadata.labels).toEqual({ 'readiness.dev/band': 'poor' });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(fetchImpl.mock.calls[1][0]).toMatch(/limit=10000&offset=10000$/);
  });

  it('leaves entities alone when not scored, not audited kinds, or the API fails', async () => {
    const failing = processor(
      jest.fn().mockImplementation(async () => response([], 503)),
    );
    const entity = component('a');
    expect(await failing.preProcessEntity(entity)).toBe(entity);

    const p = processor(jest.fn().mockImplementation(async () => response([])));
    expect(await p.preProcessEntity(entity)).toBe(entity);
    const api: Entity = { ...entity, kind: 'API' };
    expect(await p.preProcessEntity(api)).toBe(api);
  });
});
