import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CAMPAIGN_ID_PATTERN,
  CAMPAIGN_SCOPE_LIST_FIELDS,
  CampaignDefinition,
  CampaignRequirement,
  CampaignScope,
  CATEGORY_IDS,
} from '@readiness/backstage-plugin-readiness-common';
import { z } from 'zod';
import { describeZodError, isoDay } from '../options';

/** C0 and C1 control characters, DEL, and unpaired surrogates. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;

/** The most values a scope field, or rules a requirement, may list. */
const MAX_LIST = 100;

const text = (max: number, min = 0) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min}`)
    .max(max, `must be at most ${max} characters`)
    .refine(value => !CONTROL.test(value), {
      message: 'must not contain control characters',
    });

/** A campaign id: a slug of lower-case letters, digits and inner dashes. */
export const campaignId = z
  .string({ invalid_type_error: 'must be text' })
  .regex(
    CAMPAIGN_ID_PATTERN,
    'must be a slug: lower-case letters, digits and dashes, up to 64 characters, starting and ending with a letter or digit',
  );

const list = (item: z.ZodTypeAny) =>
  z
    .union([item.transform(v => [v]), z.array(item)])
    .pipe(
      z
        .array(z.any())
        .min(1, 'must list at least one value')
        .max(MAX_LIST, `must list at most ${MAX_LIST} values`),
    );

/** An entity ref with a default kind; normalised as the catalog writes refs. */
const entityRef = (defaultKind: string) =>
  text(255, 1).transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      );
    } catch (e) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be an entity ref such as ${defaultKind}:default/name (${
          (e as Error).message
        })`,
      });
      return z.NEVER;
    }
  });

const kind = text(63, 1).pipe(
  z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a kind name'),
);

const scopeSchema = z
  .object({
    kind: list(kind).optional(),
    type: list(text(255, 1)).optional(),
    owner: list(entityRef('group')).optional(),
    system: list(entityRef('system')).optional(),
    lifecycle: list(text(255, 1)).optional(),
    tags: list(text(255, 1)).optional(),
    annotations: z
      .record(
        text(255, 1),
        z.union([text(1000, 1), z.literal(true)], {
          errorMap: () => ({
            message: 'must be the value the annotation must have, or true',
          }),
        }),
      )
      .refine(a => Object.keys(a).length <= MAX_LIST, {
        message: `must name at most ${MAX_LIST} annotations`,
      })
      .optional(),
  })
  .strict();

/** What the requirement may name: rules and categories the backend knows. */
export interface CampaignVocabulary {
  hasRule(ruleId: string): boolean;
  categories: ReadonlySet<string>;
}

function requirementSchema(vocabulary: CampaignVocabulary) {
  return z
    .object({
      rules: z
        .array(text(255, 1))
        .min(1, 'must list at least one rule')
        .max(MAX_LIST, `must list at most ${MAX_LIST} rules`)
        .superRefine((ids, ctx) =>
          ids.forEach((id, index) => {
            if (!vocabulary.hasRule(id)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [index],
                message: `'${id}' is not a rule this backend runs`,
              });
            }
          }),
        )
        .optional(),
      categories: z
        .array(text(64, 1))
        .min(1, 'must list at least one category')
        .max(MAX_LIST, `must list at most ${MAX_LIST} categories`)
        .superRefine((ids, ctx) =>
          ids.forEach((id, index) => {
            if (!vocabulary.categories.has(id)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [index],
                message: `'${id}' is not one of ${[
                  ...vocabulary.categories,
                ].join(', ')}`,
              });
            }
          }),
        )
        .optional(),
      minScore: z
        .number({ invalid_type_error: 'must be a number' })
        .int('must be a whole number')
        .min(0, 'must be at least 0')
        .max(100, 'must be at most 100')
        .optional(),
    })
    .strict()
    .transform((value, ctx): CampaignRequirement => {
      const given = (['rules', 'categories', 'minScore'] as const).filter(
        key => value[key] !== undefined,
      );
      if (given.length !== 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must give exactly one of rules, categories or minScore${
            given.length ? ` (got ${given.join(', ')})` : ''
          }`,
        });
        return z.NEVER;
      }
      if (value.rules) return { rules: [...new Set(value.rules)].sort() };
      if (value.categories) {
        return { categories: [...new Set(value.categories)].sort() };
      }
      return { minScore: value.minScore! };
    });
}

/**
 * The schema of a campaign without its id, as PUT /campaigns/:id takes it;
 * {@link campaignSchema} adds the id. Rule ids and categories are checked
 * against what the backend runs.
 */
export function campaignBodySchema(vocabulary: CampaignVocabulary) {
  return z
    .object({
      title: text(200, 1),
      description: text(4000).default(''),
      owner: entityRef('group'),
      targetDate: isoDay,
      requirement: requirementSchema(vocabulary),
      scope: scopeSchema.default({}),
      archived: z
        .boolean({ invalid_type_error: 'must be true or false' })
        .default(false),
    })
    .strict();
}

/** A whole campaign, as POST /campaigns and `readiness.campaigns` take it. */
export function campaignSchema(vocabulary: CampaignVocabulary) {
  return campaignBodySchema(vocabulary).extend({ id: campaignId });
}

/** The scope with empty lists dropped, as it is stored and served. */
export function normalizeScope(scope: CampaignScope): CampaignScope {
  const out: CampaignScope = {};
  for (const key of CAMPAIGN_SCOPE_LIST_FIELDS) {
    const values = scope[key];
    if (values && values.length > 0) out[key] = [...new Set(values)];
  }
  if (scope.annotations && Object.keys(scope.annotations).length > 0) {
    out.annotations = scope.annotations;
  }
  return out;
}

/** The vocabulary of a rule registry: its rules and their categories. */
export function vocabularyOf(rules: {
  has(id: string): boolean;
  list(): Array<{ category: string }>;
  categoryIds?(): string[];
}): CampaignVocabulary {
  return {
    hasRule: id => rules.has(id),
    categories: new Set<string>([
      ...(rules.categoryIds?.() ?? CATEGORY_IDS),
      ...rules.list().map(rule => rule.category),
    ]),
  };
}

/**
 * Reads `readiness.campaigns`. Throws an error naming the entry and the
 * field when one is invalid or two share an id, so a bad config stops
 * start-up.
 */
export function readConfiguredCampaigns(
  config: Config,
  vocabulary: CampaignVocabulary,
): CampaignDefinition[] {
  const raw = config.getOptional('readiness.campaigns');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new InputError('readiness.campaigns must be a list');
  }
  const schema = campaignSchema(vocabulary);
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const named =
      entry && typeof entry === 'object' && !Array.isArray(entry)
        ? entry.id
        : undefined;
    const id = typeof named === 'string' ? ` (id '${named}')` : '';
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      throw new InputError(
        `readiness.campaigns[${index}]${id} is invalid: ${describeZodError(
          parsed.error,
        )}`,
      );
    }
    if (seen.has(parsed.data.id)) {
      throw new InputError(
        `readiness.campaigns[${index}]${id} is invalid: id: another campaign has the id '${parsed.data.id}'`,
      );
    }
    seen.add(parsed.data.id);
    return { ...parsed.data, scope: normalizeScope(parsed.data.scope) };
  });
}

/** When and whether campaign reminders go out. */
export interface CampaignReminderOptions {
  /** Remind this many days before the target date (0: on the day only). */
  daysBefore: number;
}

/** Reads `readiness.campaignReminders`. */
export function readCampaignReminderOptions(
  config: Config,
): CampaignReminderOptions {
  const daysBefore = config.getOptionalNumber(
    'readiness.campaignReminders.daysBefore',
  );
  if (
    daysBefore !== undefined &&
    (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > 365)
  ) {
    throw new InputError(
      `readiness.campaignReminders.daysBefore must be a whole number from 0 to 365, got ${daysBefore}`,
    );
  }
  return { daysBefore: daysBefore ?? 7 };
}
