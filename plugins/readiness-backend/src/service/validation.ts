import type {
  internal,
  PathParameters,
  QueryParameters,
} from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError, NotFoundError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { describeZodError } from '../options';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { createOpenApiRouter, spec } from '../schema/openapi.generated';

/**
 * The validation of the REST API. Every route is declared through
 * {@link ApiRoutes}, on the router built from the OpenAPI spec
 * (src/schema/openapi.yaml): the spec checks path parameters, query string
 * and body before the handler runs, {@link ApiRoutes} answers 405 (with
 * `Allow`) to other methods on its path, and a JSON request body is parsed
 * only for the operations that declare one (up to 16 kB; others read none).
 * Invalid input is an InputError (400) naming the parameter; an entity of a
 * kind that is not audited is a NotFoundError (404), decided before the
 * catalog is asked. The zod schemas below check entity references given
 * elsewhere (the actions) the same way.
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

/** 405, with the methods the path allows in the `Allow` header. */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;
  readonly statusCode = 405;
}

/** The REST API's spec, the source of every route's input schema. */
export type ApiSpec = typeof spec;

/** A path of the API as express writes it (`/scorecards/:kind/...`). */
export type ApiPath = internal.DocPathTemplate<ApiSpec>;

type ApiMethod = 'get' | 'post' | 'put';

/** The methods the spec gives a path, among those the API serves. */
type MethodOf<Path extends ApiPath> = Extract<
  internal.DocPathTemplateMethod<ApiSpec, Path>,
  ApiMethod
>;

/** A method as a route declares it. */
type HttpMethod = Uppercase<ApiMethod>;

/** The spec's name of a route's method on its path. */
type SpecMethod<Path extends ApiPath, Method extends HttpMethod> = Extract<
  Lowercase<Method>,
  MethodOf<Path>
>;

/** The request body the spec declares for an operation (undefined for none). */
type BodyOf<
  Path extends ApiPath,
  Method extends MethodOf<Path>,
> = internal.TemplateToDocPath<ApiSpec, Path> extends infer DocPath
  ? DocPath extends internal.DocPath<ApiSpec>
    ? Method extends internal.DocPathMethod<ApiSpec, DocPath>
      ? internal.RequestBodyToJsonSchema<ApiSpec, DocPath, Method>
      : never
    : never
  : never;

/** The most a JSON request body may hold. */
const BODY_LIMIT = '16kb';

/**
 * A route of the API: its path and method, which must be an operation of
 * the spec (a route the spec lacks does not compile), and its handler.
 */
export interface RouteSpec<Path extends ApiPath, Method extends HttpMethod, P> {
  method: Method & Uppercase<MethodOf<Path>>;
  path: Path;
  /**
   * Turns the path parameters, already valid per the spec, into what the
   * handler needs; throws NotFoundError for what the route never serves.
   */
  params?: (raw: PathParameters<ApiSpec, Path, SpecMethod<Path, Method>>) => P;
  handler: (input: {
    params: P;
    /** The query string, valid per the spec and typed from it. */
    query: QueryParameters<ApiSpec, Path, SpecMethod<Path, Method>>;
    /** The JSON body, valid per the spec; undefined when none was sent. */
    body: BodyOf<Path, SpecMethod<Path, Method>> | undefined;
    req: Request;
    res: Response;
  }) => Promise<void>;
}

/** Refuses a path that is not valid percent-encoding before anything decodes it. */
function requirePercentEncoding(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new InputError('The request path is not valid percent-encoding'));
    return;
  }
  next();
}

/**
 * Parses a JSON body (up to 16 kB) only for the operations whose spec
 * declares one; every other request body is left unread.
 */
function specBodyParsers(): express.Router {
  const bodies = express.Router();
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if ('requestBody' in operation) {
        bodies[method as ApiMethod](
          path.replace(/\{([^}]+)\}/g, ':$1'),
          express.json({ limit: BODY_LIMIT }),
        );
      }
    }
  }
  return bodies;
}

/** A problem the spec's validator found, as it lists them beside its message. */
interface ValidatorIssue {
  path?: string;
  errorCode?: string;
}

/**
 * The validator's message says `request/body must NOT have additional
 * properties` without naming them; this adds the names it lists apart
 * (`…: extra`), so that the 400 names the field to remove.
 */
export function nameAdditionalProperties(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
) {
  const issues = (error as { errors?: unknown })?.errors;
  if (error instanceof Error && Array.isArray(issues)) {
    for (const issue of issues as ValidatorIssue[]) {
      if (
        !issue?.path ||
        issue.errorCode !== 'additionalProperties.openapi.validation'
      ) {
        continue;
      }
      const slash = issue.path.lastIndexOf('/');
      const unnamed = `request${issue.path.slice(
        0,
        slash,
      )} must NOT have additional properties`;
      const at = error.message.split(', ').indexOf(unnamed);
      if (at >= 0) {
        const parts = error.message.split(', ');
        parts[at] = `${unnamed}: ${issue.path.slice(slash + 1)}`;
        error.message = parts.join(', ');
      }
    }
  }
  next(error);
}

/**
 * Puts an error handler into a router just before its first one: the typed
 * router turns the validator's errors into InputErrors (keeping only the
 * message) right after validating, so a handler that reads their details
 * must run before that.
 */
function beforeFirstErrorHandler(
  router: express.Router,
  handler: (
    error: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ) => void,
) {
  const carrier = express.Router();
  carrier.use(handler);
  const index = router.stack.findIndex(layer => layer.handle.length === 4);
  router.stack.splice(
    index < 0 ? router.stack.length : index,
    0,
    carrier.stack[0],
  );
}

/**
 * Declares the routes of the API on the typed router built from the spec
 * (src/schema/openapi.yaml). The spec validates each request before its
 * handler runs: path parameters, the query string (unknown parameters are
 * refused) and the JSON body of the operations that declare one; anything
 * invalid is an InputError (400) naming the parameter. {@link ApiRoutes.router}
 * answers every other method on a declared path with 405.
 */
export class ApiRoutes {
  readonly #router: express.Router;
  readonly #methods = new Map<string, Set<string>>();

  private constructor(router: express.Router) {
    this.#router = router;
  }

  static async create(): Promise<ApiRoutes> {
    const router = (await createOpenApiRouter({
      middleware: [requirePercentEncoding],
    })) as unknown as express.Router;
    beforeFirstErrorHandler(router, nameAdditionalProperties);
    return new ApiRoutes(router);
  }

  add<Path extends ApiPath, Method extends HttpMethod, P = undefined>(
    route: RouteSpec<Path, Method, P>,
  ): this {
    type M = SpecMethod<Path, Method>;
    const allowed = this.#methods.get(route.path) ?? new Set<string>();
    allowed.add(route.method);
    if (route.method === 'GET') allowed.add('HEAD');
    this.#methods.set(route.path, allowed);
    const method = route.method.toLowerCase() as ApiMethod;
    this.#router[method](route.path, async (req: Request, res: Response) => {
      const raw = { ...req.params } as PathParameters<ApiSpec, Path, M>;
      const params = route.params ? route.params(raw) : (undefined as P);
      await route.handler({
        params,
        query: req.query as QueryParameters<ApiSpec, Path, M>,
        body: req.body,
        req,
        res,
      });
    });
    return this;
  }

  /**
   * The express router: the routes, then 405 for other methods on their
   * paths. (OPTIONS gets express's own answer: 200 with `Allow`.)
   */
  router(): express.Router {
    const router = Router();
    // Bodies are read before the spec validates them; a body that cannot be
    // read (malformed JSON 400, over the limit 413) is answered as it is.
    router.use(specBodyParsers());
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
