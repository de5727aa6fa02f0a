import type { Campaign } from '@readiness/backstage-plugin-readiness-common';
import {
  campaignCreateBody,
  campaignFormValues,
  campaignUpdateBody,
  type CampaignFormContext,
  type CampaignFormValues,
  emptyCampaignForm,
  isCalendarDay,
  utcToday,
  validateCampaignForm,
} from './campaignForm';

const context: CampaignFormContext = {
  mode: 'create',
  today: '2027-01-10',
  ruleIds: new Set(['security/container-root-user', 'ops/healthcheck']),
  categoryIds: new Set(['security', 'ml-pipeline']),
};

function valid(overrides: Partial<CampaignFormValues> = {}) {
  return {
    ...emptyCampaignForm(),
    id: 'non-root',
    title: 'Containers run as non-root',
    owner: 'platform',
    targetDate: '2027-03-01',
    requirementKind: 'rules' as const,
    rules: ['security/container-root-user'],
    ...overrides,
  };
}

const campaign: Campaign = {
  id: 'non-root',
  title: 'Containers run as non-root',
  description: 'Drop root.',
  owner: 'group:default/platform',
  targetDate: '2027-01-05',
  requirement: { categories: ['security'] },
  scope: {
    lifecycle: ['production'],
    annotations: { 'github.com/project-slug': true },
  },
  archived: true,
  source: 'api',
};

describe('validateCampaignForm', () => {
  it('passes a complete form', () => {
    expect(validateCampaignForm(valid(), context)).toEqual({});
  });

  it('refuses an id the API refuses, and a missing one', () => {
    for (const id of [
      'Non-Root',
      'non_root',
      '-lead',
      'trail-',
      'a'.repeat(65),
    ]) {
      expect(validateCampaignForm(valid({ id }), context).id).toMatch(
        /^Lower-case letters/,
      );
    }
    expect(validateCampaignForm(valid({ id: '' }), context).id).toBe(
      'Required',
    );
    expect(
      validateCampaignForm(valid({ id: 'a' }), context).id,
    ).toBeUndefined();
    // The id is not checked when editing: it cannot change.
    expect(
      validateCampaignForm(valid({ id: 'Kept' }), { ...context, mode: 'edit' })
        .id,
    ).toBeUndefined();
  });

  it('refuses a missing, malformed or past target date; an unchanged past date may stay when editing', () => {
    const check = (
      targetDate: string,
      extra: Partial<CampaignFormContext> = {},
    ) =>
      validateCampaignForm(valid({ targetDate }), { ...context, ...extra })
        .targetDate;
    expect(check('')).toBe('Required');
    expect(check('2027-02-30')).toBe('Must be a calendar day, YYYY-MM-DD');
    expect(check('1 March 2027')).toBe('Must be a calendar day, YYYY-MM-DD');
    expect(check('2027-01-09')).toBe('Must be today (2027-01-10) or later');
    expect(check('2027-01-10')).toBeUndefined();
    const editing = { mode: 'edit' as const, originalTargetDate: '2027-01-05' };
    expect(check('2027-01-05', editing)).toBeUndefined();
    expect(check('2027-01-06', editing)).toBe(
      'Must be today (2027-01-10) or later',
    );
  });

  it('refuses a requirement with nothing selected, and names what the backend does not know', () => {
    const problem = (overrides: Partial<CampaignFormValues>) =>
      validateCampaignForm(valid(overrides), context).requirement;
    expect(problem({ requirementKind: '' })).toBe(
      'Pick what must hold: rules, categories or a minimum score',
    );
    expect(problem({ rules: [] })).toBe('Pick at least one rule');
    expect(problem({ rules: ['gone/rule'] })).toBe(
      'Not rules this backend runs: gone/rule',
    );
    expect(problem({ requirementKind: 'categories', categories: [] })).toBe(
      'Pick at least one category',
    );
    expect(
      problem({ requirementKind: 'categories', categories: ['ml-pipeline'] }),
    ).toBeUndefined();
    expect(
      problem({ requirementKind: 'categories', categories: ['nope'] }),
    ).toBe('Not categories this backend scores: nope');
    expect(problem({ requirementKind: 'minScore', minScore: '' })).toBe(
      'Give the minimum score, 0 to 100',
    );
    for (const minScore of ['101', '-1', '7.5', 'x']) {
      expect(problem({ requirementKind: 'minScore', minScore })).toBe(
        'The minimum score must be a whole number from 0 to 100',
      );
    }
    expect(
      problem({ requirementKind: 'minScore', minScore: '0' }),
    ).toBeUndefined();
  });

  it('checks title, description, owner and scope as the API does', () => {
    const errors = validateCampaignForm(
      valid({
        title: '   ',
        description: 'two\nlines',
        owner: 'group:',
        scope: {
          ...emptyCampaignForm().scope,
          kind: ['Component', 'not a kind'],
          owner: ['team-a', 'user:'],
          tags: ['x'.repeat(256)],
        },
      }),
      context,
    );
    expect(errors.title).toBe('Required');
    expect(errors.description).toBe(
      'Must not contain line breaks, tabs or other control characters',
    );
    expect(errors.owner).toMatch(/^'group:' is not an entity ref/);
    expect(errors['scope.kind']).toBe(
      "'not a kind' is not a kind name (a letter, then letters and digits)",
    );
    expect(errors['scope.owner']).toMatch(/^'user:' is not an entity ref/);
    expect(errors['scope.tags']).toMatch(/at most 255 characters/);
    expect(errors['scope.type']).toBeUndefined();
    expect(
      validateCampaignForm(valid({ title: 't'.repeat(201) }), context).title,
    ).toBe('At most 200 characters (201 now)');
  });
});

describe('campaign bodies', () => {
  it('builds the create body: trimmed, refs normalised, empty scope fields left out', () => {
    const body = campaignCreateBody(
      valid({
        title: '  Non-root  ',
        description: ' Drop root. ',
        owner: 'Platform',
        scope: {
          ...emptyCampaignForm().scope,
          owner: ['team-a', 'group:default/team-a', 'group:ops/sre'],
          system: ['shop'],
          lifecycle: ['production'],
        },
      }),
    );
    expect(body).toEqual({
      id: 'non-root',
      title: 'Non-root',
      description: 'Drop root.',
      owner: 'group:default/platform',
      targetDate: '2027-03-01',
      requirement: { rules: ['security/container-root-user'] },
      scope: {
        owner: ['group:default/team-a', 'group:ops/sre'],
        system: ['system:default/shop'],
        lifecycle: ['production'],
      },
    });
  });

  it('sends only the chosen requirement, a minimum score as a number', () => {
    expect(
      campaignCreateBody(
        valid({ requirementKind: 'minScore', minScore: ' 75 ' }),
      ).requirement,
    ).toEqual({ minScore: 75 });
  });

  it('reads a campaign back into the form, and keeps its annotations and archived flag on update', () => {
    const values = campaignFormValues(campaign);
    expect(values.requirementKind).toBe('categories');
    expect(values.categories).toEqual(['security']);
    expect(values.scope.lifecycle).toEqual(['production']);
    expect(values.scope.kind).toEqual([]);
    const body = campaignUpdateBody({ ...values, title: 'Renamed' }, campaign);
    expect(body).toEqual({
      title: 'Renamed',
      description: 'Drop root.',
      owner: 'group:default/platform',
      targetDate: '2027-01-05',
      requirement: { categories: ['security'] },
      scope: {
        lifecycle: ['production'],
        annotations: { 'github.com/project-slug': true },
      },
      archived: true,
    });
    expect(body).not.toHaveProperty('id');
  });
});

describe('dates', () => {
  it('knows calendar days and the UTC day', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2027-1-01')).toBe(false);
    expect(utcToday(new Date('2027-01-10T23:30:00-05:00'))).toBe('2027-01-11');
  });
});
