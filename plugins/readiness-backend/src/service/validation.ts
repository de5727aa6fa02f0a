import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { describeZodError } from '../options';

/**
 * Parses request input with a zod schema; anything invalid becomes an
 * InputError (400) that says which field is wrong.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** A single query-string value; repeated parameters are refused. */
export const queryString = z
  .string({ invalid_type_error: 'must be given once, as text' })
  .trim();

/** An optional integer query parameter in [min, max]. */
export const queryInt = (min: number, max: number) =>
  queryString
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const entityParams = z.object({
  kind: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:/]+$/, 'must be a kind name'),
  namespace: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:/]+$/, 'must be a namespace name'),
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:/]+$/, 'must be an entity name'),
});
