/**
 * Credential-shaped test values built at runtime, so that no test file holds
 * a literal credential that a secret scanner (or a reader) would take for a
 * real one. Deterministic: the same seed always gives the same value.
 */

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const UPPER_DIGITS = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A pseudo-random string over an alphabet, from a seed. */
export function randomish(length: number, seed: number, alphabet = ALNUM): string {
  let state = (seed * 2654435761) % 4294967296 || 1;
  let out = '';
  while (out.length < length) {
    state = (state * 1664525 + 1013904223) % 4294967296;
    out += alphabet[Math.floor((state / 4294967296) * alphabet.length)];
  }
  return out;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Fake credentials of every shape the engine recognises. */
export const fakeCredentials = {
  awsAccessKeyId: (seed = 1) => ['AK', 'IA', randomish(16, seed, UPPER_DIGITS)].join(''),
  awsSecretAccessKey: (seed = 2) => randomish(40, seed, BASE64.replace(/[+/]/g, '')),
  googleApiKey: (seed = 3) => ['AI', 'za', randomish(35, seed)].join(''),
  githubToken: (seed = 4) => ['gh', 'p_', randomish(36, seed)].join(''),
  gitlabToken: (seed = 5) => ['gl', 'pat-', randomish(20, seed)].join(''),
  slackToken: (seed = 6) => ['xo', 'xb-', randomish(12, seed, '0123456789'), '-', randomish(24, seed + 1)].join(''),
  stripeKey: (seed = 7) => ['sk', '_live_', randomish(24, seed)].join(''),
  npmToken: (seed = 8) => ['np', 'm_', randomish(36, seed)].join(''),
  password: (seed = 9) => `${randomish(14, seed)}!${randomish(3, seed + 1, '0123456789')}`,
  jwt: (payload: Record<string, unknown> = { sub: 'svc-billing', role: 'service_role' }, seed = 10) =>
    [base64url({ alg: 'HS256', typ: 'JWT' }), base64url(payload), randomish(43, seed)].join('.'),
  privateKeyBody: (seed = 11) =>
    Array.from({ length: 12 }, (_, i) => randomish(64, seed + i, BASE64)).join('\n'),
  privateKey: (seed = 11, kind = 'RSA ') =>
    [
      `-----BEGIN ${kind}PRIV`.concat('ATE KEY-----'),
      fakeCredentials.privateKeyBody(seed),
      `-----END ${kind}PRIV`.concat('ATE KEY-----'),
    ].join('\n'),
};
