import { promises as fs } from 'node:fs';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { auditDirectory, auditSnapshot } from '../engine/audit';
import { renderJson, renderMarkdown, renderSarif, renderTable } from '../report';
import { snapshotFromFiles } from '../snapshot';
import { fakeCredentials as fake, randomish } from '../rules/security/testCredentials';
import { writeFixtureRepo } from '../testing';
import { redactDeep, redactText } from './redact';

/**
 * A repository with one planted credential of every kind the engine knows.
 * Every value is generated at runtime, so this file holds no credential.
 */
interface Planted {
  kind: string;
  path: string;
  line: number;
  value: string;
  /** A well-known prefix that may legitimately show in a masked excerpt. */
  prefix?: string;
  /** Part of a credential no rule reports on its own (a connection URL's user name). */
  companion?: true;
}

function plantedRepository(): { files: Record<string, string>; planted: Planted[] } {
  const privateKey = fake.privateKey(101);
  const aws = fake.awsAccessKeyId(102);
  const awsSecret = fake.awsSecretAccessKey(103);
  const google = fake.googleApiKey(104);
  const github = fake.githubToken(105);
  const gitlab = fake.gitlabToken(106);
  const slack = fake.slackToken(107);
  const stripe = fake.stripeKey(108);
  const npm = fake.npmToken(109);
  const dbPassword = fake.password(110);
  const jwt = fake.jwt({ sub: 'billing', role: 'service_role' }, 111);
  const envPassword = fake.password(112);
  const composePassword = `${randomish(18, 113)}7!`;
  const djangoDefault = `django-insecure-${randomish(40, 114)}#q!`;
  const djangoEnv = `${randomish(44, 115)}+x`;
  const nodeFallback = randomish(32, 116);
  const springDefault = randomish(28, 117);
  const decoupleDefault = randomish(30, 118);
  const sendgrid = ['SG', '.', randomish(22, 119), '.', randomish(43, 120)].join('');
  const slackHook = ['https://hooks.slack', '.com/services/T', randomish(8, 121, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'), '/B', randomish(8, 122, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'), '/', randomish(24, 123)].join('');
  const mongoUser = `svc_${randomish(10, 124, 'abcdefghijkmnopqrstuvwxyz')}`;
  const mongoPassword = randomish(20, 125);
  const yamlAws = fake.awsAccessKeyId(126);
  const pydanticDefault = `${randomish(24, 127)}9Z`;

  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'leaky', dependencies: { express: '^4.19.0', pg: '^8.11.0' } }, null, 2),
    'README.md': '# leaky\n\nRun `npm start`.\n',
    'deploy/keys/server.key': `${privateKey}\n`,
    'config/aws.py': `import boto3\n\nAWS_ACCESS_KEY_ID = "${aws}"\nAWS_SECRET_ACCESS_KEY = "${awsSecret}"\n`,
    'web/src/firebase.js': `export const firebaseConfig = {\n  apiKey: "${google}",\n  projectId: "leaky",\n};\n`,
    'scripts/release.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${github}\ngh release create "$1"\n`,
    '.gitlab-ci.yml': `variables:\n  GITLAB_TOKEN: "${gitlab}"\ntest:\n  script: npm test\n`,
    'app/notify.py': `import slack_sdk\n\nclient = slack_sdk.WebClient(token="${slack}")\n`,
    'src/billing.ts': `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${stripe}');\n`,
    '.npmrc': `//registry.npmjs.org/:_authToken=${npm}\n`,
    'src/db.js': `const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: 'postgres://billing:${dbPassword}@db.internal:5432/billing' });\n`,
    'src/supabase.ts': `export const SUPABASE_SERVICE_ROLE_KEY = '${jwt}';\n`,
    '.env': `PORT=3000\nDB_PASSWORD=${envPassword}\n`,
    'docker-compose.yml': `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${composePassword}\n`,
    'src/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
    'mysite/settings.py': `import os\n\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${djangoDefault}")\nDEBUG = False\n`,
    'mysite/.env': `SECRET_KEY=${djangoEnv}\n`,
    'src/auth.js': `const secret = process.env.JWT_SECRET || '${nodeFallback}';\nmodule.exports = { secret };\n`,
    'api/src/main/resources/application.yml': `jwt:\n  secret: \${JWT_SECRET:${springDefault}}\n`,
    'mysite/keys.py': `from decouple import config\n\nAPI_TOKEN = config('API_TOKEN', default='${decoupleDefault}')\n`,
    'app/mail.py': `import sendgrid\n\nclient = sendgrid.SendGridAPIClient("${sendgrid}")\n`,
    'app/alerts.py': `WEBHOOK = "${slackHook}"\n`,
    'src/mongo.ts': `export const MONGO_URL = 'mongodb+srv://${mongoUser}:${mongoPassword}@cluster0.example.net/app';\n`,
    'deploy/aws.yml': `aws:\n  access_key_id: ${yamlAws}\n`,
    'mysite/config.py': `from pydantic_settings import BaseSettings\nfrom pydantic import Field\n\nclass Settings(BaseSettings):\n    jwt_secret: str = Field(default="${pydanticDefault}")\n`,
  };
  const planted: Planted[] = [
    { kind: 'private key', path: 'deploy/keys/server.key', line: 1, value: fake.privateKeyBody(101) },
    { kind: 'AWS access key id', path: 'config/aws.py', line: 3, value: aws, prefix: 'AKIA' },
    { kind: 'AWS secret access key', path: 'config/aws.py', line: 4, value: awsSecret },
    { kind: 'Google API key', path: 'web/src/firebase.js', line: 2, value: google, prefix: 'AIza' },
    { kind: 'GitHub token', path: 'scripts/release.sh', line: 2, value: github, prefix: 'ghp_' },
    { kind: 'GitLab token', path: '.gitlab-ci.yml', line: 2, value: gitlab, prefix: 'glpat-' },
    { kind: 'Slack token', path: 'app/notify.py', line: 3, value: slack, prefix: 'xoxb-' },
    { kind: 'Stripe key', path: 'src/billing.ts', line: 3, value: stripe, prefix: 'sk_live_' },
    { kind: 'npm token', path: '.npmrc', line: 1, value: npm, prefix: 'npm_' },
    { kind: 'postgres URL password', path: 'src/db.js', line: 2, value: dbPassword },
    { kind: 'JWT', path: 'src/supabase.ts', line: 1, value: jwt, prefix: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' },
    { kind: 'password in .env', path: '.env', line: 2, value: envPassword },
    { kind: 'password in compose', path: 'docker-compose.yml', line: 5, value: composePassword },
    { kind: 'Django SECRET_KEY as a settings default', path: 'mysite/settings.py', line: 3, value: djangoDefault, prefix: 'django-insecure-' },
    { kind: 'Django SECRET_KEY in .env', path: 'mysite/.env', line: 1, value: djangoEnv },
    { kind: 'JWT secret as a process.env fallback', path: 'src/auth.js', line: 1, value: nodeFallback },
    { kind: 'Spring ${VAR:default} secret', path: 'api/src/main/resources/application.yml', line: 2, value: springDefault },
    { kind: 'python-decouple default', path: 'mysite/keys.py', line: 3, value: decoupleDefault },
    { kind: 'SendGrid key', path: 'app/mail.py', line: 3, value: sendgrid, prefix: 'SG.' },
    { kind: 'Slack webhook', path: 'app/alerts.py', line: 1, value: slackHook, prefix: 'https://hooks.slack.com/services/' },
    { kind: 'connection URL user name', path: 'src/mongo.ts', line: 1, value: mongoUser, prefix: 'svc_', companion: true },
    { kind: 'connection URL password', path: 'src/mongo.ts', line: 1, value: mongoPassword },
    { kind: 'AWS key in YAML', path: 'deploy/aws.yml', line: 2, value: yamlAws, prefix: 'AKIA' },
    { kind: 'pydantic Field default', path: 'mysite/config.py', line: 5, value: pydanticDefault },
  ];
  return { files, planted };
}

/** Every 8-character window of a value, past its well-known prefix and across key lines. */
function windowsOf(p: Planted): string[] {
  const body = p.prefix && p.value.startsWith(p.prefix) ? p.value.slice(p.prefix.length) : p.value;
  const out: string[] = [];
  for (const part of body.split('\n')) {
    for (let i = 0; i + 8 <= part.length; i += 1) out.push(part.slice(i, i + 8));
  }
  return out;
}

function expectNothingLeaks(scorecard: Scorecard, planted: Planted[]): void {
  const text = JSON.stringify(scorecard);
  for (const p of planted) {
    expect({ kind: p.kind, leaked: text.includes(p.value) }).toEqual({ kind: p.kind, leaked: false });
    const leakedWindow = windowsOf(p).find(w => text.includes(w));
    expect({ kind: p.kind, leakedWindow }).toEqual({ kind: p.kind, leakedWindow: undefined });
  }
}

const SECRET_RULES = ['security/hardcoded-secret', 'security/placeholder-secret-default', 'infrastructure/compose-plaintext-secrets'];

function expectEachDetected(scorecard: Scorecard, planted: Planted[]): void {
  const results = scorecard.results.filter(r => SECRET_RULES.includes(r.ruleId));
  expect(results.map(r => r.status)).toEqual(['fail', 'fail', 'fail']);
  const locations = new Set(results.flatMap(r => r.findings.map(f => `${f.path}:${f.line}`)));
  for (const p of planted.filter(x => !x.companion)) {
    expect({ kind: p.kind, detected: locations.has(`${p.path}:${p.line}`) }).toEqual({ kind: p.kind, detected: true });
  }
  for (const finding of results.flatMap(r => r.findings)) {
    expect(finding.confidence).toBe('high');
    expect(finding.excerpt).toBeDefined();
    expect(finding).not.toHaveProperty('secrets');
  }
}

describe('secret redaction across a whole scorecard', () => {
  const { files, planted } = plantedRepository();

  it('plants at least twenty kinds of credentials', () => {
    expect(new Set(planted.map(p => p.kind)).size).toBeGreaterThanOrEqual(20);
    for (const p of planted) {
      expect(files[p.path]).toContain(p.value);
    }
  });

  it('would notice a leak, even a partial one', () => {
    const scorecard = auditSnapshot(snapshotFromFiles(files), { now: new Date('2026-01-01T00:00:00Z') });
    const github = planted.find(p => p.kind === 'GitHub token')!;
    expect(() => expectNothingLeaks({ ...scorecard, stack: [github.value] }, planted)).toThrow();
    expect(() => expectNothingLeaks({ ...scorecard, stack: [`${github.value.slice(0, 12)}…`] }, planted)).toThrow();
  });

  it('detects every planted credential and leaks none of them (in memory)', () => {
    expect.hasAssertions();
    const scorecard = auditSnapshot(snapshotFromFiles(files), { now: new Date('2026-01-01T00:00:00Z') });
    expectEachDetected(scorecard, planted);
    expectNothingLeaks(scorecard, planted);
  });

  it('detects every planted credential and leaks none of them (on disk)', async () => {
    expect.hasAssertions();
    const root = await writeFixtureRepo(files);
    try {
      const scorecard = await auditDirectory(root, { now: new Date('2026-01-01T00:00:00Z') });
      expectEachDetected(scorecard, planted);
      expectNothingLeaks(scorecard, planted);
      expect(JSON.stringify(scorecard)).not.toContain(root);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('leaks none of them in any report format, blockers and fix list included', () => {
    expect.hasAssertions();
    const scorecard = auditSnapshot(snapshotFromFiles(files), { now: new Date('2026-01-01T00:00:00Z') });
    expect(scorecard.blockers.length).toBeGreaterThan(0);
    const reports = {
      json: renderJson(scorecard),
      markdown: renderMarkdown(scorecard),
      sarif: renderSarif(scorecard),
      table: renderTable(scorecard, { maxFixes: 100 }),
    };
    for (const [format, text] of Object.entries(reports)) {
      for (const p of planted) {
        const leakedWindow = windowsOf(p).find(w => text.includes(w));
        expect({ format, kind: p.kind, leakedWindow }).toEqual({ format, kind: p.kind, leakedWindow: undefined });
      }
    }
  });

  it('keeps what is no credential: the scheme, host and database of a connection URL', () => {
    const scorecard = auditSnapshot(snapshotFromFiles(files), { now: new Date('2026-01-01T00:00:00Z') });
    const excerpts = scorecard.results.flatMap(r => r.findings).filter(f => f.path === 'src/mongo.ts').map(f => f.excerpt);
    expect(excerpts).toContain("export const MONGO_URL = 'mongodb+srv://…@cluster0.example.net/app';");
  });
});

describe('redactText', () => {
  const key = randomish(32, 201);

  it.each([
    ['a connection URL: user-info replaced whole', `url = "postgres://reporting:${key}@db.internal:5432/sales"`, 'url = "postgres://…@db.internal:5432/sales"'],
    ['a private key: only its header', `-----BEGIN RSA PRIVATE KEY-----${key}`, '-----BEGIN RSA PRIVATE KEY-----…'],
    ['a fallback after a secret name', `const s = process.env.JWT_SECRET || '${key}';`, `const s = process.env.JWT_SECRET || '${key.slice(0, 4)}…';`],
    ['a default inside a settings call', `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${key}")`, `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${key.slice(0, 4)}…")`],
    ['a Spring placeholder default', `secret: \${jwt.secret:${key}}`, `secret: \${jwt.secret:${key.slice(0, 4)}…}`],
    ['a shell default, keeping its operator', `DB_PASSWORD=\${DB_PASSWORD:-${key}}`, `DB_PASSWORD=\${DB_PASSWORD:-${key.slice(0, 4)}…}`],
    ['a token: only the prefix that names its kind', `token = "${['gh', 'p_'].join('')}${key}abcd"`, `token = "${['gh', 'p_'].join('')}…"`],
  ])('cuts %s', (_what, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['module paths on an import line', "import { JwtService } from '@nestjs/jwt';"],
    ['the names a secret is read by', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'],
    ['a storage key and a short word', "localStorage.setItem('refreshToken', token); // key 'user'"],
    ['prose about a password', "raise ValueError('password must have at least 12 characters')"],
    ['a stand-in value', 'JWT_SECRET=changeme'],
    ['a URL without credentials', 'TOKEN_URL = "https://auth.example.com/oauth/token"'],
  ])('keeps %s', (_what, input) => {
    expect(redactText(input)).toBe(input);
  });

  it('leaves file paths and plain words alone, even when a weak password is the same word', () => {
    const value = { path: 'k8s/petclinic.yml', message: 'repository root of petclinic', excerpt: `key ${key}` };
    expect(redactDeep(value, ['petclinic', 'root', key])).toEqual({
      path: 'k8s/petclinic.yml',
      message: 'repository root of petclinic',
      excerpt: `key ${key.slice(0, 4)}…`,
    });
  });

  it('cuts a value a rule reported wherever it appears, and nothing else', () => {
    const value = { message: `falls back to ${key}`, nested: [{ excerpt: `x = f(${key})` }], count: 3 };
    expect(redactDeep(value, [key])).toEqual({
      message: `falls back to ${key.slice(0, 4)}…`,
      nested: [{ excerpt: `x = f(${key.slice(0, 4)}…)` }],
      count: 3,
    });
    expect(value.message).toContain(key);
  });
});
