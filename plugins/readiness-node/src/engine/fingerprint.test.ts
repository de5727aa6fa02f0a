import { Finding, Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { fakeCredentials as fake } from '../rules/security/testCredentials';
import { snapshotFromFiles } from '../snapshot';
import { auditSnapshot } from './audit';
import { FINGERPRINT_PATTERN, messageShape, numberDuplicates, resultFingerprint } from './fingerprint';

const RULE = 'security/hardcoded-secret';

function audit(files: Record<string, string>): Scorecard {
  return auditSnapshot(snapshotFromFiles(files), { config: { only: [RULE] }, now: new Date('2026-01-01') });
}

function findingsOf(files: Record<string, string>): Finding[] {
  return audit(files).results.find(r => r.ruleId === RULE)!.findings;
}

const billing = (key: string, before: string[] = [], after: string[] = []) =>
  [...before, "const stripe = require('stripe');", `const client = stripe('${key}');`, ...after, 'module.exports = client;', ''].join('\n');

describe('finding fingerprints', () => {
  const key = fake.stripeKey();
  const [original] = findingsOf({ 'src/billing.js': billing(key) });

  it('are set on every finding, in their documented shape', () => {
    expect(original.line).toBe(2);
    expect(original.fingerprint).toMatch(FINGERPRINT_PATTERN);
  });

  it('survive lines inserted above the finding', () => {
    const [moved] = findingsOf({ 'src/billing.js': billing(key, ['// billing client', '', "'use strict';", '']) });
    expect(moved.line).toBe(6);
    expect(moved.fingerprint).toBe(original.fingerprint);
  });

  it('survive an edit of an unrelated line and re-indentation of the line itself', () => {
    const edited = billing(key, [], ['client.setTimeout(20000);']).replace("require('stripe')", "require('stripe').default");
    const [afterEdit] = findingsOf({ 'src/billing.js': edited });
    expect(afterEdit.fingerprint).toBe(original.fingerprint);
    const [indented] = findingsOf({ 'src/billing.js': billing(key).replace('const client', '    const   client') });
    expect(indented.fingerprint).toBe(original.fingerprint);
  });

  it('change with the secret value, although the masked excerpt reads the same', () => {
    const [rotated] = findingsOf({ 'src/billing.js': billing(fake.stripeKey(70)) });
    expect(rotated.excerpt).toBe(original.excerpt);
    expect(rotated.fingerprint).not.toBe(original.fingerprint);
  });

  it('change with the path and with the rule', () => {
    const [elsewhere] = findingsOf({ 'src/payments.js': billing(key) });
    expect(elsewhere.fingerprint).not.toBe(original.fingerprint);
    const other = resultFingerprint({ ruleId: 'security/other', title: 't', message: 'm' });
    expect(other).not.toBe(resultFingerprint({ ruleId: RULE, title: 't', message: 'm' }));
  });

  it('number repeated lines of one file in order, so two identical findings stay two', () => {
    const twice = billing(key, [], [`const backup = stripe('${key}');`]);
    const found = findingsOf({ 'src/billing.js': twice.replace('const backup', 'const client') });
    expect(found).toHaveLength(2);
    expect(found[0].fingerprint).toBe(original.fingerprint);
    expect(found[1].fingerprint).toBe(`${original.fingerprint}:2`);
  });

  it('never hold the secret or its masked excerpt', () => {
    const scorecard = audit({ 'src/billing.js': billing(key) });
    const text = JSON.stringify(scorecard);
    expect(text).not.toContain(key);
    expect(original.fingerprint).not.toContain(key.slice(0, 8));
  });
});

describe('messageShape', () => {
  it('keeps the words and drops counts and line numbers', () => {
    expect(messageShape('  3 of 120  files, see line 42 ')).toBe('# of # files, see line #');
    expect(messageShape('coverage 12.5%')).toBe(messageShape('coverage 80.25%'));
    expect(messageShape('no tests in CI')).not.toBe(messageShape('no linter in CI'));
  });
});

describe('numberDuplicates', () => {
  it('leaves distinct fingerprints alone and numbers each repeat', () => {
    const out = numberDuplicates([{ fingerprint: 'a' }, { fingerprint: 'b' }, { fingerprint: 'a' }, { fingerprint: 'a' }, {}]);
    expect(out.map(f => f.fingerprint)).toEqual(['a', 'b', 'a:2', 'a:3', undefined]);
  });
});
