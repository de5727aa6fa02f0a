/**
 * Helpers shared by the security rules: how findings say where they are and
 * how excerpts are masked before the engine's own redaction runs. What the
 * rules search for and how names read are facts (facts/codeSearch, facts/secretNames).
 */
import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../snapshot';
import { isLowConfidencePath, lineOf } from '../../facts';
import { maskSecret, redactText } from '../../secrets/redact';

/** The confidence of a finding at a path. */
export function confidenceOf(path: string): NonNullable<Finding['confidence']> {
  return isLowConfidencePath(path) ? 'low' : 'high';
}

/** The words appended to a message when a finding sits in a test, fixture, doc or example. */
export const LOW_CONFIDENCE_NOTE =
  ' (in a test, fixture, doc or example file, so possibly not used in production: lower confidence)';

/** A message with the low-confidence note added where the path calls for it. */
export function withConfidenceNote(message: string, path: string): string {
  return isLowConfidencePath(path) ? `${message}${LOW_CONFIDENCE_NOTE}` : message;
}

/** A finding at a path and line, with confidence and message set from the path. */
export function findingAt(
  file: SourceFile | { path: string },
  line: number | undefined,
  message: string,
  excerpt?: string,
): Finding {
  const finding: Finding = {
    path: file.path,
    message: withConfidenceNote(message, file.path),
    confidence: confidenceOf(file.path),
  };
  if (line !== undefined) finding.line = line;
  if (excerpt !== undefined && excerpt !== '') finding.excerpt = excerpt;
  return finding;
}

/**
 * The line of a finding as an excerpt, with every given secret masked
 * before the line is cut to length, then the engine's redaction on top.
 */
export function maskedExcerpt(file: SourceFile, line: number, secrets: string[] = []): string {
  let raw = lineOf(file, line, Number.MAX_SAFE_INTEGER);
  for (const secret of secrets) {
    if (!secret) continue;
    raw = raw.split(secret).join(maskSecret(secret));
  }
  raw = redactText(raw);
  return raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
}

/**
 * The line holding a character offset as an excerpt, with the given range
 * masked (and only that occurrence), then the engine's redaction on top.
 */
export function maskedExcerptAt(file: SourceFile, offset: number, length: number): string {
  const text = file.text;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  const value = text.slice(offset, offset + length);
  const line = `${text.slice(start, offset)}${maskSecret(value)}${text.slice(Math.min(offset + length, end), end)}`;
  const raw = redactText(line.trim());
  return raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
}
