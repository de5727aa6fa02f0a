import { mockServices } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { parse } from 'yaml';
import { RouterOptions } from '../service/context';
import { createRouter } from '../service/router';
import { disagreements, routerOperations } from './agreement';
import { spec } from './openapi.generated';

const packageDir = path.resolve(__dirname, '../..');

/** The spec's own document, which backend-openapi-utils serves beside the API. */
const SPEC_DOCUMENT = [{ method: 'get', path: '/openapi.json' }];

/**
 * The main router of the API (createRouter), with every optional route
 * group on (fixes, campaigns).
 */
async function mainRouter(): Promise<express.Router> {
  const options = {
    store: {},
    rules: { list: () => [] },
    refresher: {},
    catalog: {},
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    logger: mockServices.logger.mock(),
    fixes: {},
    campaigns: {},
  } as unknown as RouterOptions;
  return createRouter(options);
}

describe('the OpenAPI spec', () => {
  it('is what openapi.generated.ts holds (yarn generate:openapi after editing openapi.yaml)', async () => {
    const yamlText = await fs.readFile(
      path.join(packageDir, 'src/schema/openapi.yaml'),
      'utf8',
    );
    expect(spec).toEqual(parse(yamlText, { maxAliasCount: -1 }));
    // Byte for byte, router factory and formatting included.
    expect(() =>
      execFileSync(
        process.execPath,
        ['scripts/generate-openapi.mjs', '--check'],
        { cwd: packageDir, stdio: 'pipe' },
      ),
    ).not.toThrow();
  });

  it('agrees with the main router: every route is an operation of the spec and every operation is served', async () => {
    const router = await mainRouter();
    expect(routerOperations(router).length).toBeGreaterThan(10);
    expect(disagreements(router, spec, SPEC_DOCUMENT)).toEqual([]);
  });

  it('finds a route the spec lacks and an operation nothing serves', async () => {
    const router = Router();
    router.get('/leaderboard', async () => {});
    router.post('/leaderboard', async () => {});
    router.all('/leaderboard', async () => {});
    // Parsing a body serves nothing: the operation still needs its route.
    router.put('/rules', express.json());
    const small = {
      paths: {
        '/leaderboard': { get: {}, head: {} },
        '/rules': { get: {}, head: {}, put: {} },
      },
    };
    expect(disagreements(router, small)).toEqual([
      'POST /leaderboard is served but not in the spec',
      'GET /rules is in the spec but not served',
      'HEAD /rules is in the spec but not served',
      'PUT /rules is in the spec but not served',
    ]);
  });

  it('is served by the router at /openapi.json', async () => {
    const app = express().use(await mainRouter());
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths).sort(),
    );
  });
});
