import express from 'express';

/** An operation: an HTTP method (lower case) on a path in the spec's form. */
export interface Operation {
  method: string;
  path: string;
}

/** The express form of a spec path: `{name}` becomes `:name`. */
export function expressPath(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** The operations a spec declares, HEAD included. */
export function specOperations(spec: {
  paths: Record<string, Record<string, unknown>>;
}): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(key => key !== 'parameters')
      .map(method => ({ method, path: expressPath(path) })),
  );
}

interface Layer {
  name?: string;
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  handle: { stack?: Layer[] };
}

/** A route that only reads a JSON body (express.json) for the route after it. */
const onlyParsesBody = (route: { stack: Layer[] }) =>
  route.stack.every(layer => layer.name === 'jsonParser');

/**
 * The method routes an express router registers, in its nested routers too.
 * A route for every method (`router.all`, the API's 405 answers) is left
 * out, and so is one that only parses a body: neither serves an operation.
 */
export function routerOperations(router: express.Router): Operation[] {
  const walk = (stack: Layer[]): Operation[] =>
    stack.flatMap(layer => {
      if (layer.route) {
        if (onlyParsesBody(layer.route)) return [];
        const { path, methods } = layer.route;
        return Object.keys(methods)
          .filter(method => method !== '_all' && methods[method])
          .map(method => ({ method, path }));
      }
      return layer.handle.stack ? walk(layer.handle.stack) : [];
    });
  return walk((router as unknown as { stack: Layer[] }).stack);
}

/**
 * Where a router and a spec disagree: a route the spec lacks, an operation
 * nothing serves. Express answers HEAD with a GET route, so a spec's HEAD
 * operation counts as served by the GET route on its path. `ignore` names
 * routes that are not operations of the API (the spec's own document).
 */
export function disagreements(
  router: express.Router,
  spec: { paths: Record<string, Record<string, unknown>> },
  ignore: Operation[] = [],
): string[] {
  const key = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;
  const skipped = new Set(ignore.map(key));
  const served = new Set(
    routerOperations(router)
      .map(key)
      .filter(k => !skipped.has(k)),
  );
  const declared = new Set(specOperations(spec).map(key));
  const problems: string[] = [];
  for (const route of served) {
    if (!declared.has(route)) {
      problems.push(`${route} is served but not in the spec`);
    }
  }
  for (const op of declared) {
    const servedAs = op.startsWith('HEAD ') ? op.replace(/^HEAD/, 'GET') : op;
    if (!served.has(servedAs)) {
      problems.push(`${op} is in the spec but not served`);
    }
  }
  return problems;
}
