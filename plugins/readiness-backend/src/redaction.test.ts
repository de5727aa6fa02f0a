import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import request from 'supertest';
import { REFRESH_TASK_ID } from './scheduler/ReadinessRefresher';
import { startReadinessBackend } from './testing/backend';
import { testDatabases } from './testing/databases';
import { component } from './testing/entities';

jest.setTimeout(120_000);

const databases = testDatabases();

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A pseudo-random string from a seed. Every credential below is built at
 * runtime from these, so this file holds none.
 */
function randomish(length: number, seed: number, alphabet = ALNUM): string {
  let state = (seed * 2654435761) % 4294967296 || 1;
  let out = '';
  while (out.length < length) {
    state = (state * 1664525 + 1013904223) % 4294967296;
    out += alphabet[Math.floor((state / 4294967296) * alphabet.length)];
  }
  return out;
}

interface Planted {
  kind: string;
  path: string;
  line: number;
  value: string;
  /** A prefix that names the credential's kind and may show. */
  prefix?: string;
  /** Part of a credential that no rule reports on its own. */
  companion?: true;
}

function plantedRepository(): {
  files: Record<string, string>;
  planted: Planted[];
} {
  const keyBody = Array.from({ length: 12 }, (_, i) =>
    randomish(64, 301 + i, BASE64),
  ).join('\n');
  const keyKind = ['PRIV', 'ATE KEY'].join('');
  const privateKey = `-----BEGIN RSA ${keyKind}-----\n${keyBody}\n-----END RSA ${keyKind}-----\n`;
  const github = ['gh', 'p_', randomish(36, 302)].join('');
  const stripe = ['sk', '_live_', randomish(24, 303)].join('');
  const aws = [
    'AK',
    'IA',
    randomish(16, 304, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567'),
  ].join('');
  const awsSecret = randomish(40, 305, BASE64.replace(/[+/]/g, ''));
  const pgUser = `svc_${randomish(10, 306, 'abcdefghijkmnopqrstuvwxyz')}`;
  const pgPassword = `${randomish(18, 307)}!${randomish(3, 308, '0123456789')}`;
  const envPassword = `${randomish(14, 309)}!${randomish(
    3,
    310,
    '0123456789',
  )}`;
  const djangoDefault = `django-insecure-${randomish(40, 311)}#q!`;
  const djangoEnv = `${randomish(44, 312)}+x`;
  const nodeFallback = randomish(32, 313);
  const composePassword = `${randomish(18, 314)}7!`;
  const unquoted = randomish(32, 315);

  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      { name: 'leaky', dependencies: { express: '^4.19.0', pg: '^8.11.0' } },
      null,
      2,
    ),
    'README.md': '# leaky\n\nRun `npm start`.\n',
    'requirements.txt': 'Django==5.0.6\n',
    'deploy/keys/server.key': privateKey,
    'scripts/release.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${github}\ngh release create "$1"\n`,
    'src/billing.ts': `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${stripe}');\n`,
    'config/aws.py': `import boto3\n\nAWS_ACCESS_KEY_ID = "${aws}"\nAWS_SECRET_ACCESS_KEY = "${awsSecret}"\n`,
    'src/db.js': `const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: 'postgres://${pgUser}:${pgPassword}@db.internal:5432/billing' });\n`,
    '.env': `PORT=3000\nDB_PASSWORD=${envPassword}\n`,
    'mysite/settings.py': `import os\n\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${djangoDefault}")\nDEBUG = False\n`,
    'mysite/.env': `SECRET_KEY=${djangoEnv}\n`,
    'src/auth.js': `const secret = process.env.JWT_SECRET || '${nodeFallback}';\nmodule.exports = { secret };\n`,
    'docker-compose.yml': `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${composePassword}\n`,
    // Not valid JSON: the parser's message quotes the text around the error.
    'tools/package.json': `{\n  "name": "tools",\n  "config": { "apiToken": ${unquoted} }\n}\n`,
    'src/server.js':
      "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
  };
  const planted: Planted[] = [
    {
      kind: 'private key',
      path: 'deploy/keys/server.key',
      line: 1,
      value: keyBody,
    },
    {
      kind: 'GitHub token',
      path: 'scripts/release.sh',
      line: 2,
      value: github,
      prefix: 'ghp_',
    },
    {
      kind: 'Stripe key',
      path: 'src/billing.ts',
      line: 3,
      value: stripe,
      prefix: 'sk_live_',
    },
    {
      kind: 'AWS access key id',
      path: 'config/aws.py',
      line: 3,
      value: aws,
      prefix: 'AKIA',
    },
    {
      kind: 'AWS secret access key',
      path: 'config/aws.py',
      line: 4,
      value: awsSecret,
    },
    {
      kind: 'postgres URL user',
      path: 'src/db.js',
      line: 2,
      value: pgUser,
      prefix: 'svc_',
      companion: true,
    },
    {
      kind: 'postgres URL password',
      path: 'src/db.js',
      line: 2,
      value: pgPassword,
    },
    { kind: 'password in .env', path: '.env', line: 2, value: envPassword },
    {
      kind: 'Django SECRET_KEY as a settings default',
      path: 'mysite/settings.py',
      line: 3,
      value: djangoDefault,
      prefix: 'django-insecure-',
    },
    {
      kind: 'Django SECRET_KEY in .env',
      path: 'mysite/.env',
      line: 1,
      value: djangoEnv,
    },
    {
      kind: 'JWT secret as a process.env fallback',
      path: 'src/auth.js',
      line: 1,
      value: nodeFallback,
    },
    {
      kind: 'password in compose',
      path: 'docker-compose.yml',
      line: 5,
      value: composePassword,
    },
    {
      kind: 'unquoted token in a malformed package.json',
      path: 'tools/package.json',
      line: 3,
      value: unquoted,
      companion: true,
    },
  ];
  return { files, planted };
}

/** Every 8-character window of a value past its kind prefix, line by line. */
function windowsOf(p: Planted): string[] {
  const body =
    p.prefix && p.value.startsWith(p.prefix)
      ? p.value.slice(p.prefix.length)
      : p.value;
  const out: string[] = [];
  for (const part of body.split('\n')) {
    for (let i = 0; i + 8 <= part.length; i += 1)
      out.push(part.slice(i, i + 8));
  }
  return out;
}

/** The first planted window found in any surface, by surface and kind. */
function leaksIn(
  surfaces: Map<string, string>,
  planted: Planted[],
): Array<{ surface: string; kind: string; window: string }> {
  const leaks: Array<{ surface: string; kind: string; window: string }> = [];
  for (const [surface, text] of surfaces) {
    for (const p of planted) {
      const window = windowsOf(p).find(w => text.includes(w));
      if (window) leaks.push({ surface, kind: p.kind, window });
    }
  }
  return leaks;
}

/** Everything a value holds as text, errors with their message and stack. */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error
      ? { ...v, name: v.name, message: v.message, stack: v.stack }
      : v,
  );
}

/** A logger that keeps every message and its meta, child loggers included. */
class RecordingLogger implements LoggerService {
  constructor(
    readonly lines: string[],
    private readonly meta: JsonObject = {},
  ) {}

  #record(level: string, message: string, meta?: unknown) {
    this.lines.push(serialize({ level, message, meta, context: this.meta }));
  }

  error(message: string, meta?: Error | JsonObject) {
    this.#record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.#record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.#record('debug', message, meta);
  }
  child(meta: JsonObject): LoggerService {
    return new RecordingLogger(this.lines, { ...this.meta, ...meta });
  }
}

const SECRET_RULES = [
  'security/hardcoded-secret',
  'security/placeholder-secret-default',
  'infrastructure/compose-plaintext-secrets',
];

async function readinessTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const names: string[] = client.includes('sqlite')
    ? await knex('sqlite_master').where('type', 'table').pluck('name')
    : await knex('information_schema.tables')
        .where('table_schema', knex.raw('current_schema()'))
        .pluck('table_name');
  return names.filter(n => n.startsWith('readiness')).sort();
}

describe('no planted credential leaves the backend', () => {
  const { files, planted } = plantedRepository();

  it('plants credentials of several kinds, and the check sees a partial leak', () => {
    expect(new Set(planted.map(p => p.kind)).size).toBeGreaterThanOrEqual(10);
    for (const p of planted) {
      expect(files[p.path]).toContain(p.value);
    }
    const github = planted.find(p => p.kind === 'GitHub token')!;
    const django = planted.find(p =>
      p.kind.startsWith('Django SECRET_KEY as'),
    )!;
    expect(
      leaksIn(
        new Map([
          ['clean', 'ghp_… and django-insecure-…'],
          ['token', `token ${github.value.slice(0, 12)}…`],
          ['excerpt', `"${django.value.slice(-10)}"`],
        ]),
        planted,
      ).map(l => [l.surface, l.kind]),
    ).toEqual([
      ['token', 'GitHub token'],
      ['excerpt', 'Django SECRET_KEY as a settings default'],
    ]);
  });

  it.each(databases.eachSupportedId())(
    'in stored rows, API responses or logs on %s',
    async databaseId => {
      const repo = await writeFixtureRepo(files);
      const root = await fs.realpath(`${repo}/..`);
      const logs: string[] = [];
      const logger = new RecordingLogger(logs);
      try {
        const knex = await databases.init(databaseId);
        const entity = component('leaky', 'team-a', {
          annotations: { 'readiness.dev/source-location': `dir:${repo}` },
        });
        const { server, scheduler } = await startReadinessBackend({
          knex,
          catalog: catalogServiceMock({ entities: [entity] }),
          config: { localRoots: [root] },
          features: [
            createServiceFactory({
              service: coreServices.rootLogger,
              deps: {},
              factory: () => logger,
            }),
            createServiceFactory({
              service: coreServices.logger,
              deps: { plugin: coreServices.pluginMetadata },
              factory: ({ plugin }) => logger.child({ plugin: plugin.getId() }),
            }),
          ],
        });

        // A scheduled audit, then an on-demand one: two runs in history.
        await scheduler.triggerTask(REFRESH_TASK_ID);
        const api = '/api/readiness';
        const card = `${api}/scorecards/component/default/leaky`;
        const refresh = await request(server).post(`${card}/refresh`);
        expect(refresh.status).toBe(202);
        await scheduler.triggerTask(REFRESH_TASK_ID);

        const responses = new Map<string, string>();
        responses.set(`POST ${card}/refresh`, refresh.text);
        for (const path of [
          card,
          `${card}/review.md`,
          `${api}/leaderboard`,
          `${api}/leaderboard?q=leaky`,
          `${api}/blockers`,
          `${api}/owners`,
          `${api}/summaries`,
          `${api}/rules`,
        ]) {
          const res = await request(server).get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
          responses.set(`GET ${path}`, res.text);
        }

        // The audit ran and its rules saw every planted credential.
        const body = JSON.parse(responses.get(`GET ${card}`)!) as {
          scorecard: Scorecard;
          history: unknown[];
          error?: string;
        };
        expect(body.error).toBeUndefined();
        expect(body.history).toHaveLength(2);
        const found = new Set(
          body.scorecard.results
            .filter(r => SECRET_RULES.includes(r.ruleId))
            .flatMap(r => r.findings.map(f => `${f.path}:${f.line}`)),
        );
        for (const p of planted.filter(x => !x.companion)) {
          expect({
            kind: p.kind,
            found: found.has(`${p.path}:${p.line}`),
          }).toEqual({
            kind: p.kind,
            found: true,
          });
        }
        // A parse error quotes the text around it; it is stored and served too.
        expect(body.scorecard.stats.errors.map(e => e.path)).toContain(
          'tools/package.json',
        );
        expect(body.scorecard.blockers.length).toBeGreaterThan(0);
        expect(
          body.scorecard.blockers.some(b => b.example?.excerpt !== undefined),
        ).toBe(true);
        expect(responses.get(`GET ${card}/review.md`)).toContain(
          'mysite/settings.py',
        );
        expect(
          JSON.parse(responses.get(`GET ${api}/blockers`)!).items.length,
        ).toBeGreaterThan(0);

        const surfaces = new Map<string, string>();
        const tables = await readinessTables(knex);
        expect(tables).toEqual(
          expect.arrayContaining([
            'readiness_blockers',
            'readiness_history',
            'readiness_refresh_state',
            'readiness_scorecards',
          ]),
        );
        for (const table of tables) {
          const rows = await knex(table).select('*');
          surfaces.set(`table ${table}`, serialize(rows));
        }
        expect(surfaces.get('table readiness_scorecards')).toContain(
          'mysite/settings.py',
        );
        for (const [name, text] of responses) surfaces.set(name, text);
        expect(logs.length).toBeGreaterThan(0);
        surfaces.set('logs', logs.join('\n'));

        expect(leaksIn(surfaces, planted)).toEqual([]);
      } finally {
        await fs.rm(repo, { recursive: true, force: true });
      }
    },
  );
});
