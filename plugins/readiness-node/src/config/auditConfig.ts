import {
  CATEGORY_IDS,
  CategoryDefinition,
  CategoryId,
  isBuiltInCategory,
  SEVERITIES,
  Severity,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { z } from 'zod';
import type { AuditConfig } from '../engine/audit';
import type { RuleSettings } from '../rules/types';

/**
 * The audit configuration (weights, waivers, disabled rules, rule settings) as one zod schema, the
 * one the backend reads `readiness.*` with and the CLI its `--config` file with. Every problem is
 * reported with its config path (`severityWeights.urgent`, `waivers[0].expires`), all at once.
 */

/** The keys of an audit configuration. */
export const AUDIT_CONFIG_KEYS = ['severityWeights', 'categoryWeights', 'waivers', 'disabledRules', 'settings', 'categories'] as const;

const SETTING_KEYS = ['testRatioTarget', 'todoPerKlocTarget', 'custom'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A custom category id: lower-case kebab-case, as the first part of a rule id. */
const CATEGORY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CATEGORY_FIELDS = ['id', 'title', 'weight', 'description'] as const;

/** How a value reads in a message: `string "x"`, `a list`, `missing`. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A schema whose every issue has one message, built from the value it was given. */
const says = (message: (value: unknown) => string): z.ZodErrorMap => (_issue, ctx) => ({ message: message(ctx.data) });

const weight = z
  .number({ errorMap: says(v => `must be a number of 0 or more, not ${describe(v)}`) })
  .finite()
  .min(0);

const mapping = (what: string) => z.record(z.string(), z.unknown(), { errorMap: says(v => `must be ${what}, not ${describe(v)}`) });

function weights<K extends string>(allowed: readonly K[]) {
  return mapping(`a mapping of ${allowed.join(', ')} to numbers`)
    .superRefine((value, ctx) => {
      for (const [key, given] of Object.entries(value)) {
        if (!(allowed as readonly string[]).includes(key)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `is not one of ${allowed.join(', ')}` });
          continue;
        }
        const parsed = weight.safeParse(given);
        if (!parsed.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: parsed.error.issues[0].message });
      }
    })
    .transform(value => value as Partial<Record<K, number>>);
}

/** One custom category: `{ id, title, weight?, description? }`. */
function categorySchema(declared: readonly unknown[]) {
  return z
  .object(
    {
      id: z
        .string({ errorMap: says(v => `must be a category id, not ${describe(v)}`) })
        .superRefine((id, ctx) => {
          if (!CATEGORY_ID.test(id)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${id}' must be lower-case kebab-case, like 'operations'` });
          } else if (id.length > 63) {
            // The store keeps a blocker's category in 64 characters; the API takes up to 63.
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be at most 63 characters' });
          } else if (isBuiltInCategory(id)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${id}' is a built-in category; a custom category needs an id of its own` });
          } else {
            // The entry's index is in the path: `categories[2].id`.
            const index = ctx.path.at(-2);
            const first = declared.indexOf(id);
            if (typeof index === 'number' && first < index) {
              ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${id}' repeats the id of categories[${first}]` });
            }
          }
        }),
      title: z
        .string({ errorMap: says(v => `must be the category's title, not ${describe(v)}`) })
        .trim()
        .min(1, "must be the category's title"),
      weight: weight.optional(),
      description: z.string({ errorMap: says(v => `must be a text, not ${describe(v)}`) }).optional(),
    },
    { errorMap: says(v => `must be a mapping with id and title, not ${describe(v)}`) },
  )
  .catchall(
    z.unknown().superRefine((_value, ctx) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a category field (${CATEGORY_FIELDS.join(', ')})` }),
    ),
  )
  .transform(({ id, title, weight: w, description }): CategoryDefinition => ({
    id,
    title,
    ...(w !== undefined ? { weight: w } : {}),
    ...(description !== undefined ? { description } : {}),
  }));
}

/** The ids a document's `categories` declares, as written (before any check). */
function declaredCategoryIds(doc: unknown): unknown[] {
  const categories = doc && typeof doc === 'object' ? (doc as { categories?: unknown }).categories : undefined;
  if (!Array.isArray(categories)) return [];
  return categories.map(c => (c && typeof c === 'object' ? (c as { id?: unknown }).id : undefined));
}

function isCalendarDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** A day written YYYY-MM-DD that is on the calendar; a YAML 1.1 date (a Date) counts by its UTC day. */
const day = z
  .unknown()
  .transform((value, ctx) => {
    let text: string | undefined;
    if (value instanceof Date && !Number.isNaN(value.getTime())) text = value.toISOString().slice(0, 10);
    else if (typeof value === 'string' && DAY.test(value) && isCalendarDay(value)) text = value;
    if (text === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a date like 2025-12-31 (${value === undefined ? 'missing' : `not ${describe(value)}`})` });
      return z.NEVER;
    }
    return text;
  });

/** Who decides whether a rule id is known; every id is when absent. */
export interface AuditConfigSchemaOptions {
  knownRule?: (id: string) => boolean;
  /**
   * Whether a waiver may name the entity it is for (`entity`, an entity ref as written); the
   * backend waives per entity, the CLI audits one repository.
   */
  waiverEntity?: boolean;
  /** Refuse keys beyond the audit configuration's (a file that holds nothing else); default false. */
  strict?: boolean;
}

function ruleId(knownRule: ((id: string) => boolean) | undefined, unknown: (id: string) => string) {
  return z.string({ errorMap: says(() => 'must be a rule id') }).superRefine((id, ctx) => {
    if (!id) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a rule id' });
    else if (knownRule && !knownRule(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: unknown(id) });
  });
}

function waiverSchema(options: AuditConfigSchemaOptions) {
  const fields = ['rule', 'reason', 'expires', ...(options.waiverEntity ? ['entity'] : [])];
  const notAField = `is not a waiver field (${fields.join(', ')})`;
  const entity = options.waiverEntity
    ? z.string({ errorMap: says(v => `must be an entity ref, not ${describe(v)}`) }).min(1, 'must be an entity ref')
    : z.undefined({ errorMap: says(() => notAField) });
  return z
    .object(
      {
        rule: ruleId(options.knownRule, id => `'${id}' is not a known rule id`),
        reason: z
          .string({ errorMap: says(() => 'must say why the rule is waived') })
          .trim()
          .min(1, 'must say why the rule is waived'),
        expires: day,
        // Only where allowed; elsewhere `entity` is another field, refused below.
        entity: entity.optional(),
      },
      { errorMap: says(v => `must be a mapping with rule, reason and expires, not ${describe(v)}`) },
    )
    .catchall(
      z.unknown().superRefine((_value, ctx) => ctx.addIssue({ code: z.ZodIssueCode.custom, message: notAField })),
    )
    .transform(({ rule, reason, expires, entity: ref }) => ({
      rule,
      reason,
      expires: expires as string,
      ...(typeof ref === 'string' ? { entity: ref } : {}),
    }));
}

function settingsSchema() {
  return mapping('a mapping').superRefine((value, ctx) => {
    for (const [key, given] of Object.entries(value)) {
      if (!(SETTING_KEYS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `is not a setting (${SETTING_KEYS.join(', ')})` });
      } else if (key === 'custom') {
        if (typeof given !== 'object' || given === null || Array.isArray(given)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `must be a mapping, not ${describe(given)}` });
        }
      } else {
        const parsed = weight.safeParse(given);
        if (!parsed.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: parsed.error.issues[0].message });
      }
    }
  }) as unknown as z.ZodType<Partial<RuleSettings>, z.ZodTypeDef, unknown>;
}

/**
 * The schema of an audit configuration: `severityWeights`, `categoryWeights`, `waivers`,
 * `disabledRules`, `settings` and `categories` (custom categories beside the built-in ones), each
 * optional. Other keys are left to the caller (the backend
 * reads more of `readiness.*`).
 * @public
 */
export function auditConfigSchema(options: AuditConfigSchemaOptions = {}) {
  // Weights may name the categories the same document declares: the schema is built per document,
  // so a weight is checked beside every other problem, not only once the rest is valid.
  return z.unknown().transform((doc, ctx) => {
    const parsed = documentSchema(options, declaredCategoryIds(doc)).safeParse(doc);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    return z.NEVER;
  });
}

function documentSchema(options: AuditConfigSchemaOptions, declared: unknown[]) {
  const keys: readonly string[] = AUDIT_CONFIG_KEYS;
  const categoryIds = [...CATEGORY_IDS, ...declared.filter((id): id is string => typeof id === 'string' && CATEGORY_ID.test(id) && id.length <= 63 && !isBuiltInCategory(id))];
  return z
    .object({
    severityWeights: weights<Severity>(SEVERITIES).optional(),
    categoryWeights: weights<CategoryId>([...new Set(categoryIds)]).optional(),
    waivers: z
      .array(waiverSchema(options), { errorMap: says(v => `must be a list, not ${describe(v)}`) })
      .optional(),
    disabledRules: z
      .array(z.unknown(), { errorMap: says(() => 'must be a list of rule ids') })
      .superRefine((ids, ctx) => {
        if (ids.some(id => typeof id !== 'string')) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a list of rule ids' });
          return;
        }
        for (const id of ids as string[]) {
          if (options.knownRule && !options.knownRule(id)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `holds '${id}', which is not a known rule id` });
          }
        }
      })
      .transform(ids => ids as string[])
      .optional(),
    settings: settingsSchema().optional(),
    categories: z
      .array(categorySchema(declared), { errorMap: says(v => `must be a list of categories, not ${describe(v)}`) })
      .optional(),
    })
    // Each other key is an issue of its own, reported beside every other problem.
    .catchall(
      options.strict
        ? z.unknown().superRefine((_value, ctx) =>
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a configuration key (${keys.join(', ')})` }),
          )
        : z.unknown(),
    );
}

/** An audit configuration as read, waivers with the entity they name (when allowed). @public */
export interface ParsedAuditConfig extends Omit<AuditConfig, 'waivers' | 'only' | 'skip'> {
  waivers?: Array<{ entity?: string; waiver: Waiver }>;
}

/** The config path of an issue: `waivers[0].expires`, under `prefix` when given. */
export function configPath(path: ReadonlyArray<string | number>, prefix = ''): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, prefix);
}

/**
 * Parses an audit configuration. Returns it, or every problem as `<config path> <what is wrong>`
 * (`severityWeights.urgent is not one of critical, high, medium, low`), each path under `prefix`
 * (`readiness` for the backend's `readiness.severityWeights`).
 * @public
 */
export function parseAuditConfig(
  doc: unknown,
  options: AuditConfigSchemaOptions & { prefix?: string } = {},
): { success: true; config: ParsedAuditConfig } | { success: false; problems: string[] } {
  const parsed = auditConfigSchema(options).safeParse(doc);
  if (!parsed.success) {
    return {
      success: false,
      problems: parsed.error.issues.map(issue => `${configPath(issue.path, options.prefix)} ${issue.message}`.trim()),
    };
  }
  const { waivers, severityWeights, categoryWeights, disabledRules, settings, categories } = parsed.data;
  const config: ParsedAuditConfig = {};
  if (categories) config.categories = categories;
  if (severityWeights) config.severityWeights = severityWeights;
  if (categoryWeights) config.categoryWeights = categoryWeights;
  if (disabledRules) config.disabledRules = disabledRules;
  if (settings) config.settings = settings;
  if (waivers) {
    config.waivers = waivers.map(({ entity, rule, reason, expires }) => ({
      ...(entity ? { entity } : {}),
      waiver: { ruleId: rule, reason, expires, source: 'config' as const },
    }));
  }
  return { success: true, config };
}
