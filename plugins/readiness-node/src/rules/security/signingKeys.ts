import { SourceFile } from '../../snapshot';
import type { Facts } from '../../facts';
import { languageOf, lineOf, lineOfOffset, matchAll } from '../../facts';
import { expressionAt, isDevelopmentName, valuesOf } from '../../facts/values';
import { isPlaceholderValue } from '../../secrets/patterns';
import { isCodeAtOffset, isCommentLine } from '../../facts/codeSearch';
import { isProjectNameSecret, isSecretName, isSigningKeyName, isStandInSecret, mayHoldSecretName } from '../../facts/secretNames';

/**
 * Token signing keys written as literals, shared by hardcoded-secret and
 * placeholder-secret-default so that one literal is judged by exactly one of
 * them: a stand-in or a readable phrase is a placeholder secret default, any
 * other literal key a hardcoded credential.
 */

/** A literal signing key found in a file: at the signing call, or in a constant or configuration key holding one. */
export interface SigningKeyLiteral {
  file: SourceFile;
  line: number;
  value: string;
  /** The constant or configuration key that holds it; absent when it is written at the signing call. */
  name?: string;
  /** Where the key sits: code or a committed configuration file. */
  where: 'code' | 'config';
  /** What the key signs, when it is not tokens: the session or remember-me cookie. */
  signs?: 'cookie';
}

/** Capitalised words run together, `SecretKeyOfDoomThatMustBeLong`; one-letter words (`A`, `I`) stand before a capital. */
const CAPITALISED_WORDS = /^(?:[A-Z][a-z]+|[A-Z](?=[A-Z]|$))+$/;

/**
 * Words separated by spaces, as people write them: `keyboard cat`,
 * `correct horse battery staple`, `A String Very Strong!!`, or four or more
 * capitalised words run together (`ThisIsTheKeyThatSignsOurTokens`), each with a
 * vowel. Random keys do not read as words.
 */
export function isReadablePhrase(value: string): boolean {
  const v = value.trim();
  if (CAPITALISED_WORDS.test(v)) {
    const words = v.match(/[A-Z][a-z]*/g) ?? [];
    const long = words.filter(w => w.length > 1);
    return words.length >= 4 && long.every(w => /[aeiouy]/i.test(w)) && long.join('').length >= long.length * 3;
  }
  const words = v.split(/\s+/);
  if (words.length < 2) return false;
  const wordy = words.filter(w => /^[A-Za-z][a-z]*[^A-Za-z0-9\s]*$|^[A-Z]+[^A-Za-z0-9\s]*$/.test(w)).length;
  return wordy >= 2 && wordy * 3 >= words.length * 2;
}

/** Lower-case words joined by `-` or `_`, or run together in camel case, ending in `key`: `remember-me-key`, `cookieSigningKey`. */
const KEY_NAME_VALUE = /^(?:[a-z]+(?:[-_][a-z]+){0,4}[-_]key|[a-z]+(?:[A-Z][a-z]+){0,4}Key)$/;

/** A value that names the key it stands for (`remember-me-key`, `session_signing_key`): what a sample writes before a real key exists. */
function namesKey(value: string): boolean {
  return KEY_NAME_VALUE.test(value) && value.split(/[-_]|(?=[A-Z])/).every(w => /[aeiouy]/i.test(w));
}

/**
 * A signing key that stands in for a real one: a well-known stand-in (`secret`, `my-secret-key`, `changeme`), a readable
 * phrase, the name of a key written as its value (`remember-me-key`), or, given the facts, the project's own name.
 */
export function isStandInSigningKey(value: string, facts?: Facts): boolean {
  const v = value.trim();
  return isStandInSecret(v) || isReadablePhrase(v) || namesKey(v) || (facts !== undefined && isProjectNameSecret(facts, v));
}

/**
 * A literal that can be a signing key at all: not a template, a reference to
 * another setting, a switch, a path, a URL or a file name.
 */
export function isKeyLiteral(value: string): boolean {
  const v = value.trim();
  if (v.length < 3 || v.length > 512) return false;
  if (/^\$|\$\{|\{\{|^%|^<.*>$|^@|^#\{/.test(v)) return false;
  if (/^(?:true|false|yes|no|on|off|null|none|nil|undefined)$/i.test(v)) return false;
  if (/:\/\/|^\.{0,2}\/|^~\/|\\/.test(v)) return false;
  if (/^[\w.-]+\.(?:pem|key|crt|cer|jks|p12|pfx|txt|json|ya?ml|env)$/i.test(v)) return false;
  return !/^[A-Z][A-Z0-9_]+$/.test(v);
}

/** A literal key that is a credential of its own: neither a stand-in (the project's name included) nor a readable phrase nor a placeholder. */
export function isCredentialKey(value: string, facts?: Facts): boolean {
  const v = value.trim();
  if (!isKeyLiteral(v) || isStandInSigningKey(v, facts)) return false;
  return !(v.length >= 4 && isPlaceholderValue(v));
}

/**
 * Calls that take a token signing (or MAC) key, and which argument is the
 * key: `new SymmetricSecurityKey(…)`, `Keys.hmacShaKeyFor(…)`,
 * `.signWith(…)`, `Algorithm.HMAC256(…)`, `token.SignedString(…)`,
 * `jwt.sign(payload, …)`, `jwt.encode(payload, …)`, `{ secret: … }` options
 * of JWT modules and strategies and of session middleware, `cookieParser(…)`,
 * and the key of Spring Security's remember-me cookie.
 */
const SIGNING_SITES: Array<{ pattern: RegExp; argument: number | 'any' | 'value'; languages: string[]; when?: RegExp; signs?: 'cookie' }> = [
  { pattern: /\bnew\s+(?:SymmetricSecurityKey|HMACSHA(?:1|256|384|512)|HMAC(?:SHA)?\d*|SecretKeySpec|MACSigner|MACVerifier)\s*\(/g, argument: 0, languages: ['csharp', 'java', 'kotlin', 'scala'] },
  { pattern: /\bHMACSHA(?:1|256|384|512)\s+\w+\s*=\s*new\s*\(/g, argument: 0, languages: ['csharp'] },
  { pattern: /\b(?:Keys\.hmacShaKeyFor|Algorithm\.HMAC(?:256|384|512)|\.setSigningKey|\.verifyWith|\.SignedString)\s*\(/g, argument: 0, languages: ['java', 'kotlin', 'scala', 'go'] },
  { pattern: /\.signWith\s*\(/g, argument: 'any', languages: ['java', 'kotlin', 'scala'] },
  { pattern: /\b(?:jwt|jsonwebtoken|JWT|jws)\.(?:sign|verify|encode|decode)\s*\(/g, argument: 1, languages: ['javascript', 'typescript', 'python'] },
  // Session middleware options written in the call: `session({ resave: false, secret: … })`.
  {
    pattern: /\b(?:session|expressSession|cookieSession|koaSession)\s*\(\s*\{(?:[^{}]|\{[^{}]*\})*?\bsecret\s*:\s*/g,
    argument: 'value',
    languages: ['javascript', 'typescript'],
    signs: 'cookie',
  },
  { pattern: /\b(?:secret|secretOrKey|secretOrPrivateKey|signingKey)\s*:\s*/g, argument: 'value', languages: ['javascript', 'typescript'], when: /jwt|passport/i },
  // Session and cookie middleware: the key that signs the session cookie (`{ secret: … }` in a file that uses it, `cookieParser(…)`).
  {
    pattern: /\bsecret\s*:\s*/g,
    argument: 'value',
    languages: ['javascript', 'typescript'],
    when: /['"](?:express-session|cookie-session|koa-session|@fastify\/(?:secure-)?session|@fastify\/cookie|iron-session)['"]/,
    signs: 'cookie',
  },
  { pattern: /\bcookieParser\s*\(/g, argument: 0, languages: ['javascript', 'typescript'], signs: 'cookie' },
  // Spring Security remember-me: the key that signs the remember-me cookie.
  {
    pattern: /\bnew\s+(?:TokenBasedRememberMeServices|PersistentTokenBasedRememberMeServices)\s*\(/g,
    argument: 0,
    languages: ['java', 'kotlin', 'scala'],
    signs: 'cookie',
  },
  {
    pattern: /\.rememberMe\s*\(\s*\)(?:\s*\.\s*\w+\s*\((?:[^();]|\([^();]*\))*\))*?\s*\.\s*key\s*\(/g,
    argument: 0,
    languages: ['java', 'kotlin', 'scala'],
    signs: 'cookie',
  },
];

const SIGNING_HINT =
  /SymmetricSecurityKey|HMAC|SecretKeySpec|MACSigner|MACVerifier|hmacShaKeyFor|SigningKey|verifyWith|SignedString|signWith|\b(?:jwt|jsonwebtoken|JWT|jws)\.|secretOrKey|secretOrPrivateKey|signingKey|secret\s*:|cookieParser|RememberMe|rememberMe/;

/** The arguments of a call whose `(` ends at `open`, as written, with their offsets. */
function argumentsAt(file: SourceFile, open: number): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let at = open;
  for (let k = 0; k < 8; k++) {
    while (/\s/.test(file.text[at] ?? '')) at += 1;
    const text = expressionAt(file, at);
    if (!text.trim()) break;
    out.push({ text, offset: at });
    at += text.length;
    if (file.text[at] !== ',') break;
    at += 1;
  }
  return out;
}

/**
 * Signing keys given as literals at a signing call, or in a constant the call
 * reads (wherever that constant is defined). Defaults of environment reads are
 * left out: placeholder-secret-default judges them as fallbacks.
 */
export function signingKeysAtCalls(facts: Facts, file: SourceFile): SigningKeyLiteral[] {
  const language = languageOf(file.path);
  if (!language || !SIGNING_HINT.test(file.text)) return [];
  const values = valuesOf(facts);
  const out: SigningKeyLiteral[] = [];
  for (const site of SIGNING_SITES) {
    if (!site.languages.includes(language) || (site.when && !site.when.test(file.text))) continue;
    for (const { line, match } of matchAll(file, site.pattern)) {
      if (!isCodeAtOffset(file, match.index) || isCommentLine(lineOf(file, line))) continue;
      const start = match.index + match[0].length;
      let chosen: Array<{ text: string; offset: number }>;
      if (site.argument === 'value') chosen = [{ text: expressionAt(file, start), offset: start }];
      else if (site.argument === 'any') chosen = argumentsAt(file, start);
      else chosen = argumentsAt(file, start).slice(site.argument, site.argument + 1);
      for (const arg of chosen) {
        for (const value of values.resolve(file.path, arg.offset, arg.text, values.ownerAt(file.path, arg.offset))) {
          if (value.env || value.value?.kind !== 'string' || !isKeyLiteral(value.value.value)) continue;
          // A value from a data file (`pkg.name` of package.json) is reported where the call takes it.
          const signs = site.signs ? { signs: site.signs } : {};
          if (!languageOf(value.path)) {
            out.push({ file, line: lineOfOffset(file, arg.offset), value: value.value.value, where: 'code', ...signs });
            continue;
          }
          const target = facts.file(value.path);
          if (target) out.push({ file: target, line: value.line, value: value.value.value, where: 'code', ...signs });
        }
      }
    }
  }
  return out;
}

/**
 * Constants that hold a token signing key by name (`JWT_SECRET`,
 * `JwtConstants.SECRET`, `signingKey`) set to a literal, in code or in a
 * committed configuration file (`jwt.secret=…`, `JwtSecret = …`).
 */
export function signingKeyConstants(facts: Facts, file: SourceFile): SigningKeyLiteral[] {
  const values = valuesOf(facts);
  const out: SigningKeyLiteral[] = [];
  if (languageOf(file.path)) {
    if (!/jwt|jws|sign|hmac|token/i.test(file.text) || !mayHoldSecretName(file)) return out;
    for (const binding of values.bindings(file.path)) {
      const full = binding.owner ? `${binding.owner.split('.').pop()}_${binding.name}` : binding.name;
      if (!isSecretName(binding.name) || !isSigningKeyName(full)) continue;
      if (binding.owner && binding.owner.split('.').some(isDevelopmentName)) continue;
      const value = values.valueOf(binding)[0];
      if (!value || value.env || value.value?.kind !== 'string' || !isKeyLiteral(value.value.value)) continue;
      const target = facts.file(value.path);
      if (target) out.push({ file: target, line: value.line, value: value.value.value, name: full, where: 'code' });
    }
    return out;
  }
  for (const entry of values.configFile(file.path)) {
    if (!isSigningKeyName(entry.key) || !isKeyLiteral(entry.value)) continue;
    out.push({ file, line: entry.line, value: entry.value, name: entry.key, where: 'config' });
  }
  return out;
}
