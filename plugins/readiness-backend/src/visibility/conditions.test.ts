import { catalogConditions } from '@backstage/plugin-catalog-backend/alpha';
import { PermissionCondition } from '@backstage/plugin-permission-common';
import { KNOWN_RULES, translateConditions } from './conditions';

describe('translateConditions', () => {
  it.each([
    [
      'IS_ENTITY_KIND',
      catalogConditions.isEntityKind({ kinds: ['Component', 'API'] }),
      { key: 'kind', values: ['component', 'api'] },
    ],
    [
      'IS_ENTITY_OWNER',
      catalogConditions.isEntityOwner({
        claims: ['group:default/Team-A', 'user:default/jo'],
      }),
      {
        key: 'relations.ownedby',
        values: ['group:default/team-a', 'user:default/jo'],
      },
    ],
    [
      'HAS_LABEL with a value',
      catalogConditions.hasLabel({ label: 'Tier', value: 'Gold' }),
      { key: 'metadata.labels.tier', values: ['gold'] },
    ],
    [
      'HAS_LABEL without a value',
      catalogConditions.hasLabel({ label: 'example.com/hidden' }),
      { key: 'metadata.labels.example.com/hidden' },
    ],
    [
      'HAS_ANNOTATION',
      catalogConditions.hasAnnotation({
        annotation: 'backstage.io/source-location',
      }),
      { key: 'metadata.annotations.backstage.io/source-location' },
    ],
    [
      'HAS_METADATA',
      catalogConditions.hasMetadata({ key: 'tags', value: 'Java' }),
      { key: 'metadata.tags', values: ['java'] },
    ],
    [
      'HAS_SPEC',
      catalogConditions.hasSpec({ key: 'lifecycle', value: 'production' }),
      { key: 'spec.lifecycle', values: ['production'] },
    ],
  ])('translates %s as the catalog queries it', (_name, condition, leaf) => {
    expect(translateConditions(condition)).toEqual({ filter: leaf });
  });

  it('knows exactly the rules of the catalog backend', () => {
    expect([...KNOWN_RULES].sort()).toEqual(
      [
        'HAS_ANNOTATION',
        'HAS_LABEL',
        'HAS_METADATA',
        'HAS_SPEC',
        'IS_ENTITY_KIND',
        'IS_ENTITY_OWNER',
      ].sort(),
    );
  });

  it('keeps allOf, anyOf and not, nested, as written', () => {
    const criteria = {
      anyOf: [
        catalogConditions.isEntityOwner({ claims: ['group:default/a'] }),
        {
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['Component'] }),
            { not: catalogConditions.hasLabel({ label: 'hidden' }) },
          ],
        },
      ],
    } as const;
    expect(translateConditions(criteria as any)).toEqual({
      filter: {
        anyOf: [
          { key: 'relations.ownedby', values: ['group:default/a'] },
          {
            allOf: [
              { key: 'kind', values: ['component'] },
              { not: { key: 'metadata.labels.hidden' } },
            ],
          },
        ],
      },
    });
  });

  it('answers unknown for a rule it does not know, however deep', () => {
    const custom: PermissionCondition = {
      resourceType: 'catalog-entity',
      rule: 'IS_IN_SYSTEM',
      params: { systemRef: 'system:default/payments' },
    };
    expect(translateConditions(custom)).toEqual({
      unknown: 'the rule IS_IN_SYSTEM',
    });
    expect(
      translateConditions({
        allOf: [
          catalogConditions.isEntityKind({ kinds: ['Component'] }),
          { not: { anyOf: [custom] } },
        ],
      } as any),
    ).toEqual({ unknown: 'the rule IS_IN_SYSTEM' });
  });

  it('answers unknown for parameters the rule would refuse', () => {
    const translation = translateConditions({
      resourceType: 'catalog-entity',
      rule: 'IS_ENTITY_KIND',
      params: { kinds: 'Component' },
    });
    expect(translation).toEqual({
      unknown: 'the rule IS_ENTITY_KIND with parameters {"kinds":"Component"}',
    });
    expect(
      translateConditions({
        resourceType: 'catalog-entity',
        rule: 'HAS_LABEL',
        params: {},
      }),
    ).toHaveProperty('unknown');
  });

  it('answers unknown for a condition on another resource type', () => {
    expect(
      translateConditions({
        resourceType: 'scaffolder-template',
        rule: 'HAS_TAG',
        params: { tag: 'x' },
      }),
    ).toEqual({ unknown: 'a condition on resource type scaffolder-template' });
  });

  it('does not take a rule name from the object prototype', () => {
    expect(
      translateConditions({
        resourceType: 'catalog-entity',
        rule: 'toString',
        params: {},
      }),
    ).toEqual({ unknown: 'the rule toString' });
  });
});
