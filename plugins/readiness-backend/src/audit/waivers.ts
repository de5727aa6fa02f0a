import { Entity } from '@backstage/catalog-model';
import {
  READINESS_WAIVERS_ANNOTATION,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { z } from 'zod';
import { ConfiguredWaiver, describeZodError, isoDay } from '../options';

const annotationWaiverSchema = z.object({
  rule: z.string().min(1),
  reason: z.string().min(1),
  expires: isoDay,
});

/** @public */
export interface EntityWaivers {
  waivers: Waiver[];
  /** Set when the annotation, or part of it, was ignored; says why. */
  problem?: string;
}

/**
 * Reads the `readiness.dev/waivers` annotation: a JSON list of
 * `{ rule, reason, expires }`. Malformed JSON voids the annotation; a
 * malformed entry voids only itself. Either way the reason is returned so
 * the owner can see it.
 * @public
 */
export function parseWaiverAnnotation(entity: Entity): EntityWaivers {
  const raw = entity.metadata.annotations?.[READINESS_WAIVERS_ANNOTATION];
  if (raw === undefined || raw.trim() === '') return { waivers: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return {
      waivers: [],
      problem: `The ${READINESS_WAIVERS_ANNOTATION} annotation was ignored: it is not valid JSON (${
        (e as Error).message
      })`,
    };
  }
  if (!Array.isArray(value)) {
    return {
      waivers: [],
      problem: `The ${READINESS_WAIVERS_ANNOTATION} annotation was ignored: it must be a JSON list of { rule, reason, expires }`,
    };
  }
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  value.forEach((entry, index) => {
    const parsed = annotationWaiverSchema.safeParse(entry);
    if (parsed.success) {
      waivers.push({
        ruleId: parsed.data.rule,
        reason: parsed.data.reason,
        expires: parsed.data.expires,
        source: 'annotation',
      });
    } else {
      problems.push(`entry ${index}: ${describeZodError(parsed.error)}`);
    }
  });
  return problems.length === 0
    ? { waivers }
    : {
        waivers,
        problem: `Some ${READINESS_WAIVERS_ANNOTATION} entries were ignored: ${problems.join(
          '; ',
        )}`,
      };
}

/**
 * The waivers that apply to one entity: configured ones first, then the
 * entity's own annotation, which wins for the same rule.
 * @public
 */
export function waiversForEntity(
  entityRef: string,
  configured: ConfiguredWaiver[],
  own: Waiver[],
): Waiver[] {
  return [
    ...configured
      .filter(c => c.entityRef === undefined || c.entityRef === entityRef)
      .map(c => c.waiver),
    ...own,
  ];
}
