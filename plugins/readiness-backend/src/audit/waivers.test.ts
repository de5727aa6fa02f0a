import { Entity } from '@backstage/catalog-model';
import { parseWaiverAnnotation, waiversForEntity } from './waivers';

const entity = (value?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'a',
    annotations: value === undefined ? {} : { 'readiness.dev/waivers': value },
  },
});

describe('parseWaiverAnnotation', () => {
  it('reads a JSON list of waivers', () => {
    expect(
      parseWaiverAnnotation(
        entity(
          '[{"rule":"security/x","reason":"Accepted risk","expires":"2026-01-31"}]',
        ),
      ),
    ).toEqual({
      waivers: [
        {
          ruleId: 'security/x',
          reason: 'Accepted risk',
          expires: '2026-01-31',
          source: 'annotation',
        },
      ],
    });
    expect(parseWaiverAnnotation(entity())).toEqual({ waivers: [] });
    expect(parseWaiverAnnotation(entity('  '))).toEqual({ waivers: [] });
  });

  it('ignores malformed JSON and says so', () => {
    const parsed = parseWaiverAnnotation(entity('[{"rule":'));
    expect(parsed.waivers).toEqual([]);
    expect(parsed.problem).toMatch(
      /annotation was ignored: it is not valid JSON/,
    );
    expect(parseWaiverAnnotation(entity('{"rule":"a/b"}')).problem).toMatch(
      /must be a JSON list/,
    );
  });

  it('keeps the valid entries and names the invalid ones', () => {
    const parsed = parseWaiverAnnotation(
      entity(
        JSON.stringify([
          { rule: 'security/x', reason: 'ok', expires: '2026-01-31' },
          { rule: 'security/y', reason: 'no expiry' },
          { rule: 'security/z', reason: 'bad day', expires: '2026-02-30' },
        ]),
      ),
    );
    expect(parsed.waivers.map(w => w.ruleId)).toEqual(['security/x']);
    expect(parsed.problem).toMatch(
      /entry 1: expires: Required; entry 2: expires: is not a calendar day/,
    );
  });
});

describe('waiversForEntity', () => {
  it('puts configured waivers for all or for this entity before its own', () => {
    const own = [
      {
        ruleId: 'a/b',
        reason: 'own',
        expires: '2030-01-01',
        source: 'annotation',
      },
    ];
    const configured = [
      {
        waiver: {
          ruleId: 'a/b',
          reason: 'all',
          expires: '2030-01-01',
          source: 'config',
        },
      },
      {
        entityRef: 'component:default/a',
        waiver: { ruleId: 'c/d', reason: 'mine', expires: '2030-01-01' },
      },
      {
        entityRef: 'component:default/other',
        waiver: { ruleId: 'e/f', reason: 'theirs', expires: '2030-01-01' },
      },
    ];
    expect(
      waiversForEntity('component:default/a', configured, own).map(
        w => w.reason,
      ),
    ).toEqual(['all', 'mine', 'own']);
  });
});
