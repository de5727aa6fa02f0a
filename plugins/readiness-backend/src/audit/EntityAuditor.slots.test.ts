import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { readReadinessOptions } from '../options';
import { createRuleRegistry } from '../rules/createRuleRegistry';
import { RepositorySources } from '../sources/RepositorySources';
import { EntityAuditor } from './EntityAuditor';

/** The engine, replaced by runs that wait until the test lets them finish. */
const engine = {
  active: 0,
  peak: 0,
  finish: [] as Array<() => void>,
};

jest.mock('@readiness/backstage-plugin-readiness-node', () => {
  const actual = jest.requireActual(
    '@readiness/backstage-plugin-readiness-node',
  );
  return {
    ...actual,
    auditDirectory: async () => {
      engine.active += 1;
      engine.peak = Math.max(engine.peak, engine.active);
      await new Promise<void>(resolve => engine.finish.push(resolve));
      engine.active -= 1;
      return {
        results: [],
        stats: {},
        score: 100,
      };
    },
  };
});

const tick = () => new Promise(resolve => setImmediate(resolve));

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'readiness.dev/source-location': `dir:/srv/${name}` },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('EntityAuditor engine slots', () => {
  it('reads every source it is asked to while at most `concurrency` audits run the engine', async () => {
    let opened = 0;
    let released = 0;
    const sources = {
      open: async (e: Entity) => {
        opened += 1;
        return {
          status: 'ready' as const,
          dir: `/srv/${e.metadata.name}`,
          etag: 'e',
          location: {
            type: 'dir' as const,
            path: `/srv/${e.metadata.name}`,
            annotation: 'readiness.dev/source-location',
            written: `dir:/srv/${e.metadata.name}`,
          },
          release: async () => {
            released += 1;
          },
        };
      },
    } as unknown as RepositorySources;
    const auditor = EntityAuditor.create({
      rules: createRuleRegistry({ builtin: [] }),
      options: readReadinessOptions(
        new ConfigReader({ readiness: { concurrency: 2 } }),
      ),
      sources,
    });

    const audits = ['a', 'b', 'c', 'd', 'e'].map(name =>
      auditor.audit(entity(name)),
    );
    await tick();
    expect(opened).toBe(5);
    expect(engine.active).toBe(2);

    // Each finished run lets exactly one waiting audit in.
    while (engine.finish.length > 0) {
      engine.finish.shift()!();
      await tick();
      await tick();
      expect(engine.active).toBeLessThanOrEqual(2);
    }
    const outcomes = await Promise.all(audits);
    expect(outcomes.map(o => o.status)).toEqual(Array(5).fill('audited'));
    expect(engine.peak).toBe(2);
    expect(released).toBe(5);
  });
});
