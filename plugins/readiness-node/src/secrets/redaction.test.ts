import { promises as fs } from 'node:fs';
import { Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { auditDirectory, auditSnapshot } from '../engine/audit';
import { snapshotFromFiles } from '../engine/snapshot';
import { fakeCredentials as fake, randomish } from '../rules/security/testCredentials';
import { writeFixtureRepo } from '../testing';

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

function expectEachDetected(scorecard: Scorecard, planted: Planted[]): void {
  const result = scorecard.results.find(r => r.ruleId === 'security/hardcoded-secret');
  expect(result?.status).toBe('fail');
  const locations = new Set(result!.findings.map(f => `${f.path}:${f.line}`));
  for (const p of planted) {
    expect({ kind: p.kind, detected: locations.has(`${p.path}:${p.line}`) }).toEqual({ kind: p.kind, detected: true });
  }
  for (const finding of result!.findings) {
    expect(finding.confidence).toBe('high');
    expect(finding.excerpt).toBeDefined();
  }
}

describe('secret redaction across a whole scorecard', () => {
  const { files, planted } = plantedRepository();

  it('plants at least ten kinds of credentials', () => {
    expect(new Set(planted.map(p => p.kind)).size).toBeGreaterThanOrEqual(10);
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
});
