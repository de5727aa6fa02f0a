import { describeRule, runRule } from '../../../testing';
import rule from '.';

/** A Next.js app tested with Playwright, whose code reads the given variables; the example lists AUTH_SECRET only. */
const playwrightApp = (reads: string[], pkg: Record<string, unknown>) => ({
  'package.json': JSON.stringify({ dependencies: { next: '^15' }, devDependencies: { '@playwright/test': '^1.50' }, ...pkg }),
  '.env.example': '# Generate one with openssl rand -base64 32\nAUTH_SECRET=****\n',
  'lib/constants.ts': `export const secret = process.env.AUTH_SECRET;\nexport const flags = [${reads.map(r => `process.env.${r}`).join(', ')}];\n`,
});
const e2eScript = { scripts: { dev: 'next dev', test: 'export E2E_MODE=True && pnpm exec playwright test' } };

describeRule(rule, {
  fails: [
    {
      name: 'a variable a test script sets to a real value, and a Playwright variable where Playwright ships at runtime',
      files: {
        ...playwrightApp(['E2E_MODE', 'DATABASE_URL'], { scripts: { test: 'E2E_MODE=1 DATABASE_URL=postgres://localhost/test playwright test' } }),
        'scraper/package.json': JSON.stringify({ dependencies: { playwright: '^1.50' } }),
        'scraper/src/browser.ts': 'export const browsers = process.env.PLAYWRIGHT_BROWSERS_PATH;\n',
      },
      findings: ['.env.example'],
    },
    {
      name: 'a flag a non-test script turns on',
      files: playwrightApp(['MAINTENANCE_MODE'], { scripts: { 'start:maintenance': 'MAINTENANCE_MODE=true next start' } }),
      findings: ['.env.example'],
    },
    {
      name: 'a pydantic settings field the example does not list',
      files: {
        'requirements.txt': 'fastapi==0.110.0\npydantic-settings==2.2.1\n',
        'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'app/settings.py':
          'from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    database_url: str\n    secret_key: str\n    app_env: str = "prod"\n',
        '.env.example': 'DATABASE_URL=postgresql://localhost/app\nSECRET_KEY=\n',
      },
      findings: ['.env.example'],
    },
    {
      name: 'two variables missing from the example',
      files: {
        '.env.example': 'DATABASE_URL=postgres://user:changeme@localhost/app\n',
        'src/config.ts':
          'export const config = {\n  db: process.env.DATABASE_URL,\n  redis: process.env.REDIS_URL ?? "redis://localhost",\n  token: process.env.API_TOKEN,\n};\n',
      },
      findings: ['.env.example'],
    },
    {
      name: 'a variable missing from the template of a named env file (server.env.example)',
      files: {
        'server.env.example': '# Save as server.env\n# SERVER_PORT=80\n',
        'config/parse.go': 'package config\n\nimport "os"\n\nvar port, level = os.Getenv("SERVER_PORT"), os.Getenv("SERVER_LOGLEVEL")\n',
      },
      findings: ['server.env.example'],
    },
    {
      name: 'per service: the API example misses a variable the API reads',
      files: {
        'api/.env.example': 'DB_URL=\n',
        'api/package.json': '{}',
        'api/src/db.js':
          'const url = process.env.DB_URL;\nconst pool = process.env.POOL_SIZE;\n',
        'web/.env.example': 'POOL_SIZE=5\n',
        'web/package.json': '{}',
      },
      findings: ['api/.env.example'],
    },
    {
      name: 'Python, Go and Spring reads',
      files: {
        '.env.sample': 'A=1\n',
        'app/settings.py':
          'import os\nSECRET = os.environ["DJANGO_SECRET_KEY"]\n',
        'cmd/main.go':
          'package main\nimport "os"\nvar addr = os.Getenv("LISTEN_ADDR")\n',
        'src/main/resources/application.yml':
          'spring:\n  datasource:\n    url: ${DB_URL}\n',
      },
      findings: ['.env.sample'],
    },
    {
      name: "the finding names the app's own template, not the one kept for end-to-end tests",
      files: {
        'web/package.json': '{}',
        'web/.env.example': 'NEXT_PUBLIC_API_URL=\n',
        'web/.env.example-e2e': 'NEXT_PUBLIC_API_URL=http://localhost:8080\nNEXT_PUBLIC_URL=http://localhost:3000\n',
        'web/src/config.ts': 'export const api = process.env.NEXT_PUBLIC_API_URL;\nexport const url = process.env.NEXT_PUBLIC_URL;\n',
        'web/src/provider.tsx': "'use client';\nexport const devtools = process.env.DEV && true;\n",
      },
      findings: ['web/.env.example'],
    },
    {
      name: "Vite's flag names read through process.env are the application's own variables",
      files: {
        '.env.example': 'API_URL=\n',
        'src/app.ts': 'const api = process.env.API_URL;\nif (process.env.PROD) {}\n',
      },
      findings: ['.env.example'],
    },
    {
      name: "a variable read through the project's own helper is missing from the example",
      files: {
        '.env.example': 'APP_NAME=shop\nLOG_LEVEL=debug\n',
        'src/lib/env.ts': 'export function getOsEnv(key: string) { return process.env[key] as string; }\nexport function getOsEnvOptional(key: string) { return process.env[key]; }\n',
        'src/env.ts': "export const env = { name: getOsEnv('APP_NAME'), level: getOsEnv('LOG_LEVEL'), json: getOsEnvOptional('LOG_JSON') };\n",
      },
      findings: ['.env.example'],
    },
  ],
  passes: [
    {
      name: 'switches of the test harness: one the test script turns on, ones named for Jest and for Playwright (a dev dependency)',
      files: playwrightApp(['E2E_MODE', 'PLAYWRIGHT_TEST_BASE_URL', 'CI_PLAYWRIGHT', 'JEST_SHARD'], e2eScript),
    },
    {
      name: 'every variable listed',
      files: {
        '.env.example': 'DATABASE_URL=\nREDIS_URL=\n',
        'src/config.ts':
          'const a = process.env.DATABASE_URL;\nconst b = process.env.REDIS_URL;\n',
      },
    },
    {
      name: 'every variable listed, commented out with its default, in the template of a named env file (server.env.example)',
      files: {
        'server.env.example': '# Save as server.env\n# SERVER_PORT=80\n# SERVER_LOGLEVEL=info\n',
        'config/parse.go': 'package config\n\nimport "os"\n\nvar port, level = os.Getenv("SERVER_PORT"), os.Getenv("SERVER_LOGLEVEL")\n',
      },
    },
    {
      name: 'an optional variable documented in a comment',
      files: {
        '.env.template':
          'DATABASE_URL=\n# SENTRY_DSN= (optional) enables error reporting\n',
        'app.py':
          'import os\nos.getenv("DATABASE_URL")\nos.getenv("SENTRY_DSN")\n',
      },
    },
    {
      name: 'platform variables need no documentation',
      files: {
        '.env.example': 'API_KEY=<your-key>\n',
        'server.js':
          'process.env.API_KEY;\nprocess.env.NODE_ENV;\nprocess.env.PORT;\nprocess.env.HOSTNAME;\nprocess.env.npm_package_version;\n',
        'src/main.ts':
          'if (import.meta.env.DEV) {}\nconst base = import.meta.env.BASE_URL;\n',
      },
    },
    {
      name: 'reads in tests, docs and comments are ignored',
      files: {
        '.env.example': 'A=1\n',
        'src/a.test.ts': 'process.env.TEST_ONLY_FLAG;\n',
        'docs/setup.md': 'process.env.DOCS_VAR\n',
        'src/app.ts': '// process.env.OLD_SETTING is gone\nprocess.env.A;\n',
      },
    },
    {
      name: 'a service without an example of its own is left to missing-env-example',
      files: {
        'api/.env.example': 'DB_URL=\n',
        'api/package.json': '{}',
        'api/index.js': 'process.env.DB_URL;\n',
        'worker/package.json': '{}',
        'worker/index.js': 'process.env.QUEUE_URL;\n',
      },
    },
    {
      name: "Vite's own import.meta.env values and Vercel's system variables under a framework prefix",
      files: {
        '.env.example': 'VITE_API_URL=\n',
        'src/main.ts':
          'const api = import.meta.env.VITE_API_URL;\nif (import.meta.env.PROD && import.meta.env.MODE !== "x" && !import.meta.env.SSR) {}\nconst env = import.meta.env.VITE_VERCEL_ENV;\n',
        'src/url.ts': 'export const host = process.env.NEXT_PUBLIC_VERCEL_URL ?? process.env.VERCEL_URL;\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'no example env file',
      files: { 'app.py': 'import os\nos.getenv("X")\n' },
    },
    {
      name: 'an example only in a test fixture',
      files: {
        'tests/fixtures/.env.example': 'X=\n',
        'app.py': 'import os\nos.getenv("Y")\n',
      },
    },
  ],
});

describe('documentation/env-vars-undocumented and the test harness', () => {
  it('names only the application variables, not the switches of the test harness', () => {
    const result = runRule(rule, {
      ...playwrightApp(['E2E_MODE', 'PLAYWRIGHT', 'DATABASE_URL'], { scripts: { test: 'export PLAYWRIGHT=True E2E_MODE=1 && DATABASE_URL=postgres://localhost/test playwright test' } }),
      'scraper/package.json': JSON.stringify({ dependencies: { playwright: '^1.50' } }),
      'scraper/src/browser.ts': 'export const browsers = process.env.PLAYWRIGHT_BROWSERS_PATH;\n',
    });
    expect(result.findings.map(f => f.message)).toEqual([
      '2 environment variables are read by the code but missing from .env.example: DATABASE_URL (lib/constants.ts:2), PLAYWRIGHT_BROWSERS_PATH (scraper/src/browser.ts:1)',
    ]);
  });
});
