import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a committed .env at the root',
      files: {
        '.env': 'DATABASE_URL=postgres://app:pw@db/app\nSECRET=abc\n',
        'app.py': '',
      },
      findings: ['.env'],
    },
    {
      name: 'environment-specific files in a subfolder',
      files: {
        'services/api/.env.production': 'API_TOKEN=1\n',
        'services/api/.env.local': 'X=1\n',
      },
      findings: ['services/api/.env.local', 'services/api/.env.production'],
    },

    {
      name: 'tracked env files that hold only comments today',
      files: {
        'web/.env': '# Variables must be prefixed with VITE_ to be exposed to client code\n# Configuration is in vite.config.ts\n',
        'web/.env.development': '# Server port and HTTPS are configured in vite.config.ts\n\n',
      },
      findings: ['web/.env', 'web/.env.development'],
    },
  ],
  passes: [
    { name: 'no env file at all', files: { 'README.md': '# hi' } },
    {
      name: 'documented templates only',
      files: {
        '.env.example': 'SECRET=changeme\n',
        '.env.sample': 'A=1\n',
        '.env.template': 'A=\n',
        '.env.dist': 'A=\n',
        'web/.env.local.example': 'A=\n',
        '.env.dev-sample': 'DEBUG=1\nSECRET_KEY=foo\n',
        '.env.prod.db-sample': 'POSTGRES_PASSWORD=changeme\n',
        '.env.production_template': 'API_TOKEN=\n',
      },
    },
    {
      name: 'files that only look similar',
      files: {
        'env.ts': 'export const env = {}',
        'docs/dotenv.md': 'use a .env file',
        '.envrc': 'use flake',
      },
    },
    {
      name: 'dotenv-style files not named .env or .env.<name> (kept as low-confidence notes)',
      files: {
        '.e2e.env': 'API_HTTP_ADDR=localhost:3000\n',
        '.test.ci.env': 'MYSQL_ADDR=mysql:3306\n',
        'deploy/app.staging.env': 'PORT=8080\n',
      },
    },
    {
      name: 'an env file of a sample repository under examples/ (kept as a low-confidence note)',
      files: { 'examples/repos/demo/.env': 'SECRET=abc\n', 'README.md': '# x' },
    },
  ],
});

describe('security/committed-env-file findings', () => {
  it('say when a tracked env file holds no settings today, and keep it a finding', () => {
    const result = runRule(rule, { '.env': '# Vite reads VITE_* variables\n', 'api/.env.local': 'PORT=8080\n' });
    expect(result.status).toBe('fail');
    expect(result.findings.map(f => [f.path, f.confidence, f.message])).toEqual([
      [
        '.env',
        'high',
        '.env is committed; it holds no settings today (comments or blank lines only), but any value added to it will be committed too',
      ],
      [
        'api/.env.local',
        'high',
        'api/.env.local is committed with 1 setting(s): PORT; none of them is a secret today (public build-time variables, addresses, ports), but the file is tracked, so any secret written to it later is committed too: commit it as a template (`.env.example`) or keep it out of git',
      ],
    ]);
  });

  it('say when a framework profile holds public build-time values only, and keep it a finding', () => {
    const result = runRule(rule, {
      'web/.env.development': 'REACT_APP_API_URL=https://shop.local:8081/api\nPORT=3000\nSSL_KEY_FILE=../certs/localhost.key\n',
      'web/.env.production': 'NEXT_PUBLIC_SITE_URL=https://shop.example.com\nSTRIPE_SECRET_KEY=\n',
    });
    expect(result.status).toBe('fail');
    expect(result.findings.map(f => [f.path, f.confidence, /none of them is a secret today/.test(f.message)])).toEqual([
      ['web/.env.development', 'high', true],
      ['web/.env.production', 'high', false],
    ]);
  });

  it('keep a dotenv-style name that is not .env or .env.<name> a low-confidence note beside a failing .env.<name>', () => {
    const result = runRule(rule, { '.env.staging': 'API_TOKEN=1\n', '.e2e.env': 'API_HTTP_ADDR=localhost:3000\n' });
    expect(result.status).toBe('fail');
    expect(result.findings.map(f => [f.path, f.confidence])).toEqual([
      ['.e2e.env', 'low'],
      ['.env.staging', 'high'],
    ]);
  });
});
