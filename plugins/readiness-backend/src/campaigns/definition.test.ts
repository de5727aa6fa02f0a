import { ConfigReader } from '@backstage/config';
import {
  campaignSchema,
  readCampaignReminderOptions,
  readConfiguredCampaigns,
} from './definition';

const vocabulary = {
  hasRule: (id: string) => ['security/a', 'testing/b', 'cicd/c'].includes(id),
  categories: new Set(['security', 'testing', 'cicd']),
};

const valid = {
  id: 'non-root',
  title: 'Containers run as non-root',
  owner: 'platform',
  targetDate: '2027-03-01',
  requirement: { rules: ['security/a'] },
};

const read = (campaigns: unknown) =>
  readConfiguredCampaigns(
    new ConfigReader({ readiness: { campaigns } } as any),
    vocabulary,
  );

describe('readConfiguredCampaigns', () => {
  it('reads campaigns with their defaults and normalised refs', () => {
    expect(
      read([
        valid,
        {
          ...valid,
          id: 'score-70',
          requirement: { minScore: 70 },
          scope: {
            kind: 'Component',
            owner: ['team-a', 'group:ops/team-b'],
            system: 'shop',
            tags: ['java'],
            annotations: { 'backstage.io/source-location': true },
          },
        },
      ]),
    ).toEqual([
      {
        ...valid,
        owner: 'group:default/platform',
        description: '',
        scope: {},
        archived: false,
      },
      expect.objectContaining({
        id: 'score-70',
        requirement: { minScore: 70 },
        scope: {
          kind: ['Component'],
          owner: ['group:default/team-a', 'group:ops/team-b'],
          system: ['system:default/shop'],
          tags: ['java'],
          annotations: { 'backstage.io/source-location': true },
        },
      }),
    ]);
  });

  it('is empty without campaigns', () => {
    expect(readConfiguredCampaigns(new ConfigReader({}), vocabulary)).toEqual(
      [],
    );
  });

  it.each([
    [
      'an unknown rule',
      { ...valid, requirement: { rules: ['security/a', 'nope/x'] } },
      "readiness.campaigns[0] (id 'non-root') is invalid: requirement.rules.1: 'nope/x' is not a rule this backend runs",
    ],
    [
      'two requirements',
      { ...valid, requirement: { rules: ['security/a'], minScore: 50 } },
      'requirement: must give exactly one of rules, categories or minScore (got rules, minScore)',
    ],
    [
      'no requirement',
      { ...valid, requirement: {} },
      'requirement: must give exactly one of rules, categories or minScore',
    ],
    [
      'an unknown category',
      { ...valid, requirement: { categories: ['ml'] } },
      "requirement.categories.0: 'ml' is not one of security, testing, cicd",
    ],
    [
      'a score out of range',
      { ...valid, requirement: { minScore: 101 } },
      'requirement.minScore: must be at most 100',
    ],
    [
      'a date that is no day',
      { ...valid, targetDate: '2027-02-30' },
      'targetDate: is not a calendar day',
    ],
    [
      'an id that is no slug',
      { ...valid, id: 'Non Root' },
      "readiness.campaigns[0] (id 'Non Root') is invalid: id: must be a slug",
    ],
    [
      'an unknown scope field',
      { ...valid, scope: { team: 'a' } },
      "scope: Unrecognized key(s) in object: 'team'",
    ],
    [
      'a malformed owner',
      { ...valid, owner: 'group:' },
      'owner: must be an entity ref',
    ],
    ['a missing title', { ...valid, title: undefined }, 'title: Required'],
  ])('names the field of %s', (_what, entry, message) => {
    expect(() => read([entry])).toThrow(message);
  });

  it('refuses two campaigns with one id, naming the second', () => {
    expect(() => read([valid, { ...valid }])).toThrow(
      "readiness.campaigns[1] (id 'non-root') is invalid: id: another campaign has the id 'non-root'",
    );
  });

  it('refuses a campaigns key that is not a list', () => {
    expect(() => read({ a: valid })).toThrow(
      'readiness.campaigns must be a list',
    );
  });
});

describe('campaignSchema', () => {
  it('sorts and deduplicates the rules of a requirement', () => {
    const parsed = campaignSchema(vocabulary).parse({
      ...valid,
      requirement: { rules: ['testing/b', 'security/a', 'testing/b'] },
    });
    expect(parsed.requirement).toEqual({ rules: ['security/a', 'testing/b'] });
  });
});

describe('readCampaignReminderOptions', () => {
  it('defaults to seven days before', () => {
    expect(readCampaignReminderOptions(new ConfigReader({}))).toEqual({
      daysBefore: 7,
    });
  });

  it('refuses a negative or fractional number of days', () => {
    for (const daysBefore of [-1, 1.5]) {
      expect(() =>
        readCampaignReminderOptions(
          new ConfigReader({
            readiness: { campaignReminders: { daysBefore } },
          }),
        ),
      ).toThrow(
        'readiness.campaignReminders.daysBefore must be a whole number',
      );
    }
  });
});
