import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CATEGORY_IDS,
  CategoryDefinition,
  Finding,
  SEVERITIES,
} from '@readiness/backstage-plugin-readiness-common';
import {
  defineRule,
  Facts,
  outcome,
  ReadinessRule,
  RuleOutcome,
} from '@readiness/backstage-plugin-readiness-node';
import { posix } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../options';

const pathSchema = z
  .string()
  .min(1)
  .refine(p => !p.startsWith('/') && !p.split('/').includes('..'), {
    message: 'must be a repository-relative path without ..',
  });

const checkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file-exists'), path: pathSchema }).strict(),
  z.object({ type: z.literal('file-absent'), path: pathSchema }).strict(),
  z
    .object({
      type: z.literal('file-contains'),
      path: pathSchema,
      pattern: z
        .string()
        .min(1)
        .refine(
          pattern => {
            try {
              return Boolean(new RegExp(pattern, 'm'));
            } catch {
              return false;
            }
          },
          { message: 'is not a valid regular expression' },
        ),
    })
    .strict(),
  z
    .object({
      type: z.literal('json-path'),
      path: pathSchema,
      jsonPath: z.string().min(1),
      equals: z
        .union([z.string(), z.number(), z.boolean(), z.null()])
        .optional(),
    })
    .strict(),
]);

/** A rule definition whose category is a built-in one or one of `categories`. */
function customRuleSchema(categories: readonly string[]) {
  return z
    .object({
      id: z
        .string()
        .regex(
          /^[a-z0-9-]+\/[a-z0-9-]+$/,
          "must look like '<category>/<name>' in lower-case kebab-case",
        ),
      category: z.string().refine(category => categories.includes(category), {
        message: `must be one of ${categories.join(
          ', ',
        )}; declare a custom category under readiness.categories`,
      }),
      severity: z.enum(SEVERITIES),
      title: z.string().min(1),
      description: z.string().optional(),
      rationale: z.string().optional(),
      remediation: z.string().optional(),
      check: checkSchema,
    })
    .strict()
    .refine(rule => rule.id.split('/')[0] === rule.category, {
      message: 'the id must start with the category',
      path: ['id'],
    });
}

/** A rule defined in configuration, as validated. @public */
export type CustomRuleDefinition = z.infer<ReturnType<typeof customRuleSchema>>;
type Check = CustomRuleDefinition['check'];

function normalise(pattern: string): string {
  return pattern.replace(/^\.\//, '');
}

function matches(path: string, pattern: string): boolean {
  return path === pattern || posix.matchesGlob(path, pattern);
}

/** Paths present in the repository, read or not (binary, too large), but never vendored. */
function presentPaths(facts: Facts): string[] {
  return [
    ...facts.files.map(f => f.path),
    ...facts.snapshot.skipped
      .filter(s => s.reason !== 'vendored')
      .map(s => s.path),
  ];
}

/** Tokens of a dotted path: `a.b[0]['c.d']`, with an optional leading `$`. */
function jsonPathTokens(path: string): Array<string | number> {
  const tokens: Array<string | number> = [];
  const re = /\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|([^.[\]]+)/g;
  const body = path.replace(/^\$\.?/, '');
  for (const match of body.matchAll(re)) {
    if (match[1] !== undefined) tokens.push(Number(match[1]));
    else tokens.push(match[2] ?? match[3] ?? match[4]);
  }
  return tokens;
}

function lookup(
  value: unknown,
  tokens: Array<string | number>,
): { found: boolean; value?: unknown } {
  let current: unknown = value;
  for (const token of tokens) {
    if (typeof token === 'number') {
      if (!Array.isArray(current) || token >= current.length)
        return { found: false };
      current = current[token];
    } else {
      if (
        current === null ||
        typeof current !== 'object' ||
        Array.isArray(current) ||
        !Object.prototype.hasOwnProperty.call(current, token)
      ) {
        return { found: false };
      }
      current = (current as Record<string, unknown>)[token];
    }
  }
  return { found: true, value: current };
}

function evaluateCheck(check: Check, facts: Facts): RuleOutcome {
  const pattern = normalise(check.path);
  switch (check.type) {
    case 'file-exists': {
      const found = presentPaths(facts).some(p => matches(p, pattern));
      return found
        ? outcome.pass()
        : outcome.fail([
            { path: pattern, message: `No file matches ${pattern}` },
          ]);
    }
    case 'file-absent': {
      const found = presentPaths(facts)
        .filter(p => matches(p, pattern))
        .sort();
      return outcome.fromFindings(
        found.map(path => ({
          path,
          message: `${path} should not be in the repository`,
        })),
      );
    }
    case 'file-contains': {
      const files = facts.files.filter(f => matches(f.path, pattern));
      if (files.length === 0)
        return outcome.notApplicable(`no file matches ${pattern}`);
      const re = new RegExp(check.pattern, 'm');
      return outcome.fromFindings(
        files
          .filter(f => !re.test(f.text))
          .map(f => ({
            path: f.path,
            message: `${f.path} does not contain /${check.pattern}/`,
          })),
      );
    }
    case 'json-path': {
      const files = facts.files.filter(f => matches(f.path, pattern));
      if (files.length === 0)
        return outcome.notApplicable(`no file matches ${pattern}`);
      const tokens = jsonPathTokens(check.jsonPath);
      const findings: Finding[] = [];
      for (const file of files) {
        let doc: unknown;
        try {
          doc = JSON.parse(file.text);
        } catch (e) {
          findings.push({
            path: file.path,
            message: `${file.path} is not valid JSON`,
          });
          continue;
        }
        const hit = lookup(doc, tokens);
        if (!hit.found) {
          findings.push({
            path: file.path,
            message: `${check.jsonPath} is not set in ${file.path}`,
          });
        } else if (
          check.equals !== undefined &&
          JSON.stringify(hit.value) !== JSON.stringify(check.equals)
        ) {
          findings.push({
            path: file.path,
            message: `${check.jsonPath} is ${JSON.stringify(hit.value)} in ${
              file.path
            }, expected ${JSON.stringify(check.equals)}`,
          });
        }
      }
      return outcome.fromFindings(findings);
    }
    default:
      return outcome.notApplicable('unknown check');
  }
}

function describeCheck(check: Check): string {
  switch (check.type) {
    case 'file-exists':
      return `A file matching \`${check.path}\` exists.`;
    case 'file-absent':
      return `No file matching \`${check.path}\` is committed.`;
    case 'file-contains':
      return `Files matching \`${check.path}\` contain \`${check.pattern}\`.`;
    case 'json-path':
      return check.equals === undefined
        ? `\`${check.jsonPath}\` is set in \`${check.path}\`.`
        : `\`${check.jsonPath}\` equals ${JSON.stringify(check.equals)} in \`${
            check.path
          }\`.`;
    default:
      return '';
  }
}

/** Turns one validated definition into a rule. @public */
export function createCustomRule(
  definition: CustomRuleDefinition,
): ReadinessRule {
  const { check } = definition;
  return defineRule({
    id: definition.id,
    category: definition.category,
    severity: definition.severity,
    title: definition.title,
    description: definition.description ?? describeCheck(check),
    rationale: definition.rationale ?? 'An organisation-specific requirement.',
    remediation: definition.remediation ?? describeCheck(check),
    evaluate: facts => evaluateCheck(check, facts),
  });
}

/**
 * Reads `readiness.customRules` into rules. A rule's category is a built-in
 * one or one of the custom `categories` (`readiness.categories`). Throws at
 * start-up with the index and id of the first bad entry.
 * @public
 */
export function readCustomRules(
  config: Config,
  categories: ReadonlyArray<Pick<CategoryDefinition, 'id'>> = [],
): ReadinessRule[] {
  const schema = customRuleSchema([
    ...CATEGORY_IDS,
    ...categories.map(c => c.id),
  ]);
  const raw = config.getOptional('readiness.customRules');
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw new InputError('readiness.customRules must be a list');
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const id =
      entry && typeof entry === 'object' && 'id' in entry
        ? String(entry.id)
        : '(no id)';
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      throw new InputError(
        `readiness.customRules[${index}] (id '${id}') is invalid: ${describeZodError(
          parsed.error,
        )}`,
      );
    }
    if (seen.has(parsed.data.id)) {
      throw new InputError(
        `readiness.customRules[${index}] (id '${id}') repeats an id used earlier in the list`,
      );
    }
    seen.add(parsed.data.id);
    return createCustomRule(parsed.data);
  });
}
