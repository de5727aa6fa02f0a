import { createHash, pbkdf2Sync } from 'node:crypto';
import { Finding, RuleResult } from '@readiness/backstage-plugin-readiness-common';
import { RuleFinding } from '../rules/types';

/**
 * Finding fingerprints: an identity that survives line shifts and unrelated edits, for telling the findings
 * of one audit that are new, unchanged or gone since another. A fingerprint hashes the rule id, the path and
 * the finding's context: its excerpt (the offending line) with whitespace collapsed, or, without an excerpt,
 * the shape of its message (whitespace collapsed, every number replaced). The line number is never part of
 * it. Credential values a rule names change the fingerprint through a stretched one-way digest, so a
 * rotated but still committed secret is a new finding, and the fingerprint gives no quick way to test
 * guesses of the value.
 */

/** The version of the fingerprint recipe; SARIF carries it in its `partialFingerprints` key. @public */
export const FINGERPRINT_VERSION = 'readiness/v1';

/** What a fingerprint looks like: 20 hex digits, then `:n` for the n-th finding with the same identity. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{20}(?::[1-9]\d*)?$/;

const SECRET_SALT = 'readiness-finding-secret/v1';
const SECRET_ITERATIONS = 2_000;

/** Whitespace collapsed and trimmed: indentation and spacing edits keep the identity. */
function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A message's shape: the words that say what is wrong, without the counts and line numbers that vary. */
export function messageShape(message: string): string {
  return normaliseSpace(message.replace(/\d+(?:[.,]\d+)*/g, '#'));
}

/** The context a fingerprint hashes: the excerpt's text, or the message's shape. */
function contextOf(finding: Pick<Finding, 'excerpt' | 'message'>): string {
  const excerpt = finding.excerpt === undefined ? '' : normaliseSpace(finding.excerpt);
  return excerpt ? `excerpt:${excerpt}` : `message:${messageShape(finding.message)}`;
}

function secretDigest(secrets: ReadonlyArray<string> | undefined): string {
  const values = [...new Set(secrets ?? [])].filter(Boolean).sort();
  if (values.length === 0) return '';
  return pbkdf2Sync(values.join('\u0000'), SECRET_SALT, SECRET_ITERATIONS, 16, 'sha256').toString('hex');
}

function digest(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

/**
 * The fingerprint of one finding of a rule, before duplicates are numbered. `finding` is the finding as the
 * rule gave it: its excerpt already masked, its `secrets` the raw values it names (never stored).
 * @public
 */
export function findingFingerprint(ruleId: string, finding: Pick<RuleFinding, 'path' | 'excerpt' | 'message' | 'secrets'>): string {
  return digest([FINGERPRINT_VERSION, ruleId, finding.path, contextOf(finding), secretDigest(finding.secrets)]);
}

/**
 * The fingerprint of a failing rule that reports no finding: the rule and the shape of its message.
 * @public
 */
export function resultFingerprint(result: Pick<RuleResult, 'ruleId' | 'message' | 'title'>): string {
  return digest([FINGERPRINT_VERSION, result.ruleId, '', `message:${messageShape(result.message ?? result.title)}`]);
}

/**
 * Numbers repeated fingerprints in order (`abc…`, `abc…:2`, `abc…:3`): two identical lines of one file stay
 * two findings. `findings` must be in the report's order (path, line).
 */
export function numberDuplicates<T extends { fingerprint?: string }>(findings: T[]): T[] {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    if (!finding.fingerprint) continue;
    const n = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, n);
    if (n > 1) finding.fingerprint = `${finding.fingerprint}:${n}`;
  }
  return findings;
}
