import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CAMPAIGN_ID_PATTERN,
  CAMPAIGN_SCOPE_LIST_FIELDS,
  type Campaign,
  type CampaignInput,
  type CampaignRequirement,
  type CampaignScope,
} from '@readiness/backstage-plugin-readiness-common';

/** What a campaign may require: one of rules, categories or a minimum score. */
export type CampaignRequirementKind = 'rules' | 'categories' | 'minScore';

/** The scope fields the form edits (annotations are kept as they are). */
export const CAMPAIGN_SCOPE_FIELDS = CAMPAIGN_SCOPE_LIST_FIELDS;
export type CampaignScopeField = (typeof CAMPAIGN_SCOPE_FIELDS)[number];

/** The values of the campaign form, as typed. */
export interface CampaignFormValues {
  id: string;
  title: string;
  description: string;
  owner: string;
  targetDate: string;
  /** Empty until the user picks what must hold. */
  requirementKind: CampaignRequirementKind | '';
  rules: string[];
  categories: string[];
  minScore: string;
  scope: Record<CampaignScopeField, string[]>;
}

/** A message per field that does not pass; empty when the form may be sent. */
export type CampaignFormErrors = Partial<
  Record<
    | 'id'
    | 'title'
    | 'description'
    | 'owner'
    | 'targetDate'
    | 'requirement'
    | `scope.${CampaignScopeField}`,
    string
  >
>;

/** What the checks need to know beyond the values. */
export interface CampaignFormContext {
  /** `create` checks the id; `edit` keeps it. */
  mode: 'create' | 'edit';
  /** Today, `YYYY-MM-DD` (UTC, as the backend counts overdue days). */
  today: string;
  /** The stored target date when editing: it may stay in the past. */
  originalTargetDate?: string;
  /** The rules the backend runs (GET /rules). */
  ruleIds: ReadonlySet<string>;
  /** The categories the backend scores, custom ones included (GET /categories). */
  categoryIds: ReadonlySet<string>;
}

/** The most values a scope field, or rules and categories a requirement, may list. */
const MAX_LIST = 100;

/** C0 and C1 control characters and unpaired surrogates, as the API refuses them. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;

const KIND_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Today as the backend counts days: `YYYY-MM-DD` in UTC. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An empty form: nothing required yet, covering every audited entity. */
export function emptyCampaignForm(): CampaignFormValues {
  return {
    id: '',
    title: '',
    description: '',
    owner: '',
    targetDate: '',
    requirementKind: '',
    rules: [],
    categories: [],
    minScore: '',
    scope: {
      kind: [],
      type: [],
      owner: [],
      system: [],
      lifecycle: [],
      tags: [],
    },
  };
}

/** The form's values for an existing campaign. */
export function campaignFormValues(campaign: Campaign): CampaignFormValues {
  const empty = emptyCampaignForm();
  const { requirement, scope } = campaign;
  let requirementKind: CampaignRequirementKind = 'minScore';
  if ('rules' in requirement) requirementKind = 'rules';
  else if ('categories' in requirement) requirementKind = 'categories';
  return {
    ...empty,
    id: campaign.id,
    title: campaign.title,
    description: campaign.description,
    owner: campaign.owner,
    targetDate: campaign.targetDate,
    requirementKind,
    rules: 'rules' in requirement ? [...requirement.rules] : [],
    categories: 'categories' in requirement ? [...requirement.categories] : [],
    minScore: 'minScore' in requirement ? String(requirement.minScore) : '',
    scope: Object.fromEntries(
      CAMPAIGN_SCOPE_FIELDS.map(field => [field, [...(scope[field] ?? [])]]),
    ) as CampaignFormValues['scope'],
  };
}

/** The problem with a text the API trims and bounds, if any. */
function textProblem(
  value: string,
  options: { max: number; required: boolean },
): string | undefined {
  const trimmed = value.trim();
  if (options.required && trimmed.length === 0) return 'Required';
  if (trimmed.length > options.max) {
    return `At most ${options.max} characters (${trimmed.length} now)`;
  }
  if (CONTROL.test(trimmed)) {
    return 'Must not contain line breaks, tabs or other control characters';
  }
  return undefined;
}

/**
 * An entity ref normalised as the catalog writes it (`group:default/name`),
 * the kind and namespace defaulted; undefined when it cannot be parsed.
 */
export function normalizeEntityRef(
  value: string,
  defaultKind: string,
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

function entityRefProblem(
  value: string,
  defaultKind: string,
): string | undefined {
  const problem = textProblem(value, { max: 255, required: true });
  if (problem) return problem;
  if (normalizeEntityRef(value, defaultKind) === undefined) {
    return `'${value.trim()}' is not an entity ref such as ${defaultKind}:default/name`;
  }
  return undefined;
}

/** Whether `day` is a calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const time = Date.parse(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day
  );
}

function targetDateProblem(
  values: CampaignFormValues,
  context: CampaignFormContext,
): string | undefined {
  const day = values.targetDate.trim();
  if (!day) return 'Required';
  if (!isCalendarDay(day)) return 'Must be a calendar day, YYYY-MM-DD';
  const kept = context.mode === 'edit' && day === context.originalTargetDate;
  if (day < context.today && !kept) {
    return `Must be today (${context.today}) or later`;
  }
  return undefined;
}

function requirementProblem(
  values: CampaignFormValues,
  context: CampaignFormContext,
): string | undefined {
  switch (values.requirementKind) {
    case 'rules': {
      if (values.rules.length === 0) return 'Pick at least one rule';
      if (values.rules.length > MAX_LIST) {
        return `Pick at most ${MAX_LIST} rules`;
      }
      const unknown = values.rules.filter(id => !context.ruleIds.has(id));
      return unknown.length
        ? `Not rules this backend runs: ${unknown.join(', ')}`
        : undefined;
    }
    case 'categories': {
      if (values.categories.length === 0) return 'Pick at least one category';
      if (values.categories.length > MAX_LIST) {
        return `Pick at most ${MAX_LIST} categories`;
      }
      const unknown = values.categories.filter(
        id => !context.categoryIds.has(id),
      );
      return unknown.length
        ? `Not categories this backend scores: ${unknown.join(', ')}`
        : undefined;
    }
    case 'minScore': {
      const text = values.minScore.trim();
      if (!text) return 'Give the minimum score, 0 to 100';
      const score = Number(text);
      if (!Number.isInteger(score) || score < 0 || score > 100) {
        return 'The minimum score must be a whole number from 0 to 100';
      }
      return undefined;
    }
    default:
      return 'Pick what must hold: rules, categories or a minimum score';
  }
}

function scopeProblem(
  field: CampaignScopeField,
  values: string[],
): string | undefined {
  if (values.length > MAX_LIST) return `At most ${MAX_LIST} values`;
  for (const value of values) {
    if (field === 'owner' || field === 'system') {
      const problem = entityRefProblem(
        value,
        field === 'owner' ? 'group' : 'system',
      );
      if (problem) return problem;
    } else if (field === 'kind') {
      const problem = textProblem(value, { max: 63, required: true });
      if (problem) return problem;
      if (!KIND_NAME.test(value.trim())) {
        return `'${value}' is not a kind name (a letter, then letters and digits)`;
      }
    } else {
      const problem = textProblem(value, { max: 255, required: true });
      if (problem) return `'${value}': ${problem.toLocaleLowerCase('en-US')}`;
    }
  }
  return undefined;
}

/**
 * The fields that do not pass the checks the API makes (and a target date
 * in the past, which a new campaign or a changed date may not have).
 */
export function validateCampaignForm(
  values: CampaignFormValues,
  context: CampaignFormContext,
): CampaignFormErrors {
  const errors: CampaignFormErrors = {};
  if (context.mode === 'create') {
    if (!values.id) errors.id = 'Required';
    else if (!CAMPAIGN_ID_PATTERN.test(values.id)) {
      errors.id =
        'Lower-case letters, digits and dashes, up to 64 characters, starting and ending with a letter or digit';
    }
  }
  const title = textProblem(values.title, { max: 200, required: true });
  if (title) errors.title = title;
  const description = textProblem(values.description, {
    max: 4000,
    required: false,
  });
  if (description) errors.description = description;
  const owner = entityRefProblem(values.owner, 'group');
  if (owner) errors.owner = owner;
  const targetDate = targetDateProblem(values, context);
  if (targetDate) errors.targetDate = targetDate;
  const requirement = requirementProblem(values, context);
  if (requirement) errors.requirement = requirement;
  for (const field of CAMPAIGN_SCOPE_FIELDS) {
    const problem = scopeProblem(field, values.scope[field]);
    if (problem) errors[`scope.${field}`] = problem;
  }
  return errors;
}

function requirementOf(values: CampaignFormValues): CampaignRequirement {
  if (values.requirementKind === 'rules') return { rules: [...values.rules] };
  if (values.requirementKind === 'categories') {
    return { categories: [...values.categories] };
  }
  return { minScore: Number(values.minScore.trim()) };
}

function scopeOf(
  values: CampaignFormValues,
  original: Campaign | undefined,
): CampaignScope {
  const scope: CampaignScope = {};
  for (const field of CAMPAIGN_SCOPE_FIELDS) {
    const list = values.scope[field]
      .map(value => {
        const trimmed = value.trim();
        if (field === 'owner') return normalizeEntityRef(trimmed, 'group')!;
        if (field === 'system') return normalizeEntityRef(trimmed, 'system')!;
        return trimmed;
      })
      .filter(value => value.length > 0);
    if (list.length > 0) scope[field] = [...new Set(list)];
  }
  // The form does not edit annotations; a campaign keeps the ones it has.
  const annotations = original?.scope.annotations;
  if (annotations && Object.keys(annotations).length > 0) {
    scope.annotations = annotations;
  }
  return scope;
}

/**
 * The body of PUT /campaigns/:id from valid form values: text trimmed, refs
 * normalised, empty scope fields left out; the campaign's annotations and
 * archived flag are kept, since the API replaces the whole definition.
 */
export function campaignUpdateBody(
  values: CampaignFormValues,
  original?: Campaign,
): Omit<CampaignInput, 'id'> {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    owner: normalizeEntityRef(values.owner, 'group')!,
    targetDate: values.targetDate.trim(),
    requirement: requirementOf(values),
    scope: scopeOf(values, original),
    ...(original ? { archived: original.archived } : {}),
  };
}

/** The body of POST /campaigns from valid form values. */
export function campaignCreateBody(values: CampaignFormValues): CampaignInput {
  return { id: values.id, ...campaignUpdateBody(values) };
}
