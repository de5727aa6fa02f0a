import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError, NotFoundError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { describeZodError } from '../options';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';

/**
 * The one validation layer of the REST API. Every route is declared through
 * {@link ApiRoutes}, which checks its path parameters and query string
 * before the handler runs, answers 405 (with `Allow`) to other methods on
 * its path, and parses a JSON request body only for the routes that declare
 * a schema for one (up to 16 kB; others read none). Invalid input is
 * an InputError (400) naming the parameter; an entity of a kind that is not
 * audited is a NotFoundError (404), decided before the catalog is asked.
 */

/** C0 and C1 control characters, DEL, and unpaired surrogates. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;

/** Parses input with a zod schema; anything invalid becomes an InputError (400). */
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

/** Text of at most `max` characters, without control characters. */
export const text = (max: number) =>
  z
    .string({ invalid_type_error: 'must be given once, as text' })
    .max(max, `must be at most ${max} characters`)
    .refine(value => !CONTROL.test(value), {
      message: 'must not contain control characters',
    });

/** A single query-string value, trimmed; repeated parameters are refused. */
export const queryString = (max: number) =>
  text(max).transform(value => value.trim());

/** An integer query parameter in [min, max]. */
export const queryInt = (min: number, max: number) =>
  queryString(32)
    .pipe(z.string().regex(/^-?\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

/** One of a few words; the message lists them rather than echoing the input. */
export const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, {
    errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
  });

/** The catalog's default rules for a kind: a letter, then letters and digits. */
export const kindName = text(63).pipe(
  z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a kind name'),
);

/**
 * A namespace or entity name as the catalog accepts them by default (up to
 * 63 letters, digits and `-_.`, starting and ending with a letter or digit),
 * in any case since refs are case-insensitive. `.`, `..`, empty and
 * whitespace-only parts never match.
 */
const objectName = (what: string) =>
  text(63).pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
        `must be ${what}: letters, digits and -_. between a letter or digit at each end`,
      ),
  );

export const namespaceName = objectName('a namespace');
export const entityName = objectName('an entity name');

/** The `:kind/:namespace/:name` of an entity route. */
export const entityParams = z.object({
  kind: kindName,
  namespace: namespaceName,
  name: entityName,
});

const auditedKinds = new Set(
  AUDITED_KINDS.map(kind => kind.toLocaleLowerCase('en-US')),
);

/**
 * The entity a route names, as a ref. Malformed parts are a 400; a kind that
 * is never audited is a 404 whether or not such an entity exists, so the
 * answer says nothing about the catalog and the catalog is not asked.
 */
export function auditedEntityParams(raw: unknown): { entityRef: string } {
  const params = parseInput(entityParams, raw, 'entity reference');
  const entityRef = stringifyEntityRef(params);
  if (!auditedKinds.has(params.kind.toLocaleLowerCase('en-US'))) {
    throw new NotFoundError(
      `No scorecard for ${entityRef}: only ${AUDITED_KINDS.join(
        ', ',
      )} entities are audited`,
    );
  }
  return { entityRef };
}

/**
 * An owner's entity ref; a bare name means `group:default/<name>`. Each part
 * follows the same rules as in an entity route.
 */
export const ownerRef = queryString(255).transform((value, ctx) => {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (e) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be an entity ref such as group:default/team-a (${
        (e as Error).message
      })`,
    });
    return z.NEVER;
  }
  const parts = z
    .object({ kind: kindName, namespace: namespaceName, name: entityName })
    .safeParse(ref);
  if (!parts.success) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be an entity ref such as group:default/team-a (${describeZodError(
        parts.error,
      )})`,
    });
    return z.NEVER;
  }
  return stringifyEntityRef(parts.data);
});

/** The query of a route that takes no parameters. */
export const noQuery = z.object({}).strict();

/** 405, with the methods the path allows in the `Allow` header. */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;
  readonly statusCode = 405;
}

type Method = 'GET' | 'POST';

/** The most a JSON request body may hold. */
const BODY_LIMIT = '16kb';

/** A route of the API: what it accepts, and its handler. */
export interface RouteSpec<
  P,
  Q extends z.ZodTypeAny,
  B extends z.ZodTypeAny = z.ZodUndefined,
> {
  method: Method;
  path: string;
  /** Checks the path parameters; throws InputError or NotFoundError. */
  params?: (raw: unknown) => P;
  /** The query string; unknown parameters are refused. Default: none. */
  query?: Q;
  /**
   * The JSON body (POST only); an absent or empty body is `{}`. Without a
   * schema no body is read.
   */
  body?: B;
  handler: (input: {
    params: P;
    query: z.infer<Q>;
    body: z.infer<B>;
    req: Request;
    res: Response;
  }) => Promise<void>;
}

/**
 * Declares the routes of the API: each route's input is validated before
 * its handler runs, and {@link ApiRoutes.router} answers every other method
 * on a declared path with 405.
 */
export class ApiRoutes {
  readonly #router = Router();
  readonly #methods = new Map<string, Set<string>>();

  add<
    P = undefined,
    Q extends z.ZodTypeAny = typeof noQuery,
    B extends z.ZodTypeAny = z.ZodUndefined,
  >(spec: RouteSpec<P, Q, B>): this {
    const allowed = this.#methods.get(spec.path) ?? new Set<string>();
    allowed.add(spec.method);
    if (spec.method === 'GET') allowed.add('HEAD');
    this.#methods.set(spec.path, allowed);
    const querySchema = (spec.query ?? noQuery) as Q;
    const register =
      spec.method === 'GET'
        ? this.#router.get.bind(this.#router)
        : this.#router.post.bind(this.#router);
    const handle = async (req: Request, res: Response) => {
      const params = spec.params
        ? spec.params({ ...req.params })
        : (undefined as P);
      const query = parseInput(querySchema, req.query, 'query');
      const body = spec.body
        ? parseInput(spec.body, req.body ?? {}, 'request body')
        : (undefined as z.infer<B>);
      await spec.handler({ params, query, body, req, res });
    };
    if (spec.body) {
      register(spec.path, express.json({ limit: BODY_LIMIT }), handle);
    } else {
      register(spec.path, handle);
    }
    return this;
  }

  /**
   * The express router: the routes, then 405 for other methods on their
   * paths. (OPTIONS gets express's own answer: 200 with `Allow`.)
   */
  router(): express.Router {
    const router = Router();
    router.use(this.#router);
    for (const [path, methods] of this.#methods) {
      const allow = [...methods].join(', ');
      router.all(path, async (req: Request, res: Response) => {
        res.setHeader('Allow', allow);
        throw new MethodNotAllowedError(
          `${req.method} is not allowed here; use ${allow}`,
        );
      });
    }
    // A path parameter that is not valid percent-encoding fails while the
    // route is matched, before any handler.
    router.use(
      (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
        if (error instanceof URIError) {
          next(
            new InputError('The request path is not valid percent-encoding'),
          );
          return;
        }
        next(error);
      },
    );
    return router;
  }
}
