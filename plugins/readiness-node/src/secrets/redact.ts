import {
  isPlaceholderValue,
  JWT_PATTERN,
  SECRET_ASSIGNMENT,
  SECRET_NAME,
  SECRET_PATTERNS,
  URL_PASSWORD_PATTERN,
} from './patterns';
import { FINGERPRINT_PATTERN } from '../engine/fingerprint';

/**
 * Masks a secret value: at most its first 4 characters (fewer when the
 * prefix that names a token's kind is shorter), then `…`.
 * Values of 8 characters or fewer keep fewer characters, so that short
 * passwords are not half given away.
 * @public
 */
export function maskSecret(value: string, prefix = 4): string {
  const keep = value.length > 8 ? Math.min(4, prefix) : Math.min(2, prefix, Math.floor(value.length / 3));
  return `${value.slice(0, keep)}…`;
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/** A global copy of a pattern, compiled once; `replace` resets its `lastIndex`. */
function globalCopyOf(pattern: RegExp): RegExp {
  let re = globalCopies.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalCopies.set(pattern, re);
  }
  return re;
}

function replaceGroup(
  text: string,
  pattern: RegExp,
  keep: (secret: string) => boolean = () => false,
  prefix?: number,
): string {
  const re = globalCopyOf(pattern);
  return text.replace(re, (...args) => {
    const match = args[0] as string;
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const secret = groups?.secret;
    if (!secret || secret.endsWith('…') || keep(secret)) return match;
    const at = match.indexOf(secret);
    if (at === -1) return match;
    return `${match.slice(0, at)}${maskSecret(secret, prefix)}${match.slice(at + secret.length)}`;
  });
}

/** Values of secret-named settings that are expressions or stand-ins, not secrets. */
function isCodeOrPlaceholder(value: string): boolean {
  return (
    isPlaceholderValue(value) ||
    /[()[\]]/.test(value) ||
    /^(process|os|env|environ|config|settings|self|this|import|System|ENV|getenv|secrets|vars)\b/.test(value)
  );
}

/** A quoted literal: the quote and the text inside it. */
const QUOTED_LITERAL = /(?<q>['"`])(?<value>[^'"`\n]{4,512})\k<q>/g;

/**
 * Whether a quoted literal on a secret-named line can be shown whole: a name
 * the code reads (`"DJANGO_SECRET_KEY"`, `'auth.jwtSecret'`, `'refreshToken'`),
 * a short word (`'user'`), a module or file path, a stand-in, a URL without
 * credentials, or prose. Values a rule reported are cut anyway, by name.
 */
function isShowableLiteral(value: string): boolean {
  return (
    isPlaceholderValue(value) ||
    /\s/.test(value) ||
    /^[A-Z][A-Z0-9_]*$/.test(value) ||
    /^[A-Za-z][a-z]{3,11}$/.test(value) ||
    /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(value) ||
    (SECRET_NAME.test(value) && /^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(value)) ||
    /^[@./]/.test(value) ||
    /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(value)
  );
}

/**
 * A line that names a secret setting and then gives it through code
 * (`os.environ.get("SECRET_KEY", "…")`, `process.env.JWT_SECRET || "…"`,
 * `@Value("${jwt.secret:…}")`): every literal after the name that could be the
 * value is masked, whatever function call or operator holds it.
 */
function redactSecretNamedLiterals(text: string): string {
  return text
    .split('\n')
    .map(line => {
      const named = SECRET_NAME.exec(line);
      if (!named) return line;
      const head = line.slice(0, named.index);
      const rest = line.slice(named.index);
      return `${head}${rest.replace(QUOTED_LITERAL, (match, q: string, value: string) => {
        if (value.endsWith('…') || isShowableLiteral(value)) return match;
        return `${q}${maskSecret(value)}${q}`;
      })}`;
    })
    .join('\n');
}

/** Spring `${name:default}` and shell `${NAME:-default}` placeholders whose name is a secret's. */
const NAMED_DEFAULT = /\$\{(?<name>[A-Za-z_][\w.-]*)(?<sep>:-?)(?<secret>[^}\s]{4,256})\}/g;

/**
 * Masks every credential-shaped value in a text: known token formats (only
 * the prefix that names the kind stays), private key blocks (only the
 * header stays), JWTs, the user-info of connection URLs (replaced whole:
 * scheme, host and database stay), and literals given to secret-named
 * settings, directly or through code. Applied to everything the engine
 * emits, whatever rule produced it.
 * @public
 */
export function redactText(text: string): string {
  let out = text;
  // A private key header alone (excerpts hold one line) still marks the rest of the line.
  out = out.replace(/(-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----)([\s\S]*)/g, (_m, head: string, rest: string) =>
    rest.trim() ? `${head}…` : head,
  );
  for (const { pattern, keep } of SECRET_PATTERNS) out = replaceGroup(out, pattern, undefined, keep);
  out = replaceGroup(out, JWT_PATTERN, undefined, 3);
  out = out.replace(globalCopyOf(URL_PASSWORD_PATTERN), (match, scheme: string, user: string, secret: string) =>
    isPlaceholderValue(secret) && isPlaceholderValue(user) ? match : `${scheme}://…@${match.slice(match.indexOf('@') + 1)}`,
  );
  out = out.replace(globalCopyOf(NAMED_DEFAULT), (match, name: string, sep: string, secret: string) =>
    SECRET_NAME.test(name) && !isPlaceholderValue(secret) && !secret.includes('…')
      ? `\${${name}${sep}${maskSecret(secret)}}`
      : match,
  );
  out = replaceGroup(out, SECRET_ASSIGNMENT, isCodeOrPlaceholder);
  out = redactSecretNamedLiterals(out);
  return out;
}

function maskEvery(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}

/**
 * Redacts every string inside a value (a scorecard, a report, an API answer):
 * the patterns of {@link redactText}, then every value in `known` wherever it
 * appears, so a secret a rule found is cut in messages, excerpts, blocker
 * examples and fix texts alike. Returns a new value; the input is not changed.
 * @public
 */
export function redactDeep<T>(value: T, known: Iterable<string> = []): T {
  // Longest first, so a secret that holds another is masked whole. A plain word
  // (`postgres`, `root`) is cut where a rule quotes it, not wherever the word
  // occurs: that would cut file names and prose and hide nothing.
  const secrets = [...new Set(known)]
    .filter(s => s.length >= 8 && !isPlaceholderValue(s) && !/^[A-Za-z]+$/.test(s))
    .sort((a, b) => b.length - a.length);
  const walk = (v: unknown, key?: string): unknown => {
    // Paths name files of the repository; they are shown as they are, and so are finding
    // fingerprints, hex digests that cannot hold a credential.
    if (typeof v === 'string') {
      if (key === 'path' || (key === 'fingerprint' && FINGERPRINT_PATTERN.test(v))) return v;
      return maskEvery(redactText(v), secrets);
    }
    if (Array.isArray(v)) return v.map(x => walk(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(value) as T;
}
