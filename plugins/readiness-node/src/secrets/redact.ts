import {
  isPlaceholderValue,
  JWT_PATTERN,
  SECRET_ASSIGNMENT,
  SECRET_PATTERNS,
  URL_PASSWORD_PATTERN,
} from './patterns';

/**
 * Masks a secret value: at most its first 4 characters, then `…`.
 * Values of 8 characters or fewer keep fewer characters, so that short
 * passwords are not half given away.
 * @public
 */
export function maskSecret(value: string): string {
  const keep = value.length > 8 ? 4 : Math.min(2, Math.floor(value.length / 3));
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
): string {
  const re = globalCopyOf(pattern);
  return text.replace(re, (...args) => {
    const match = args[0] as string;
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const secret = groups?.secret;
    if (!secret || secret.endsWith('…') || keep(secret)) return match;
    const at = match.indexOf(secret);
    if (at === -1) return match;
    return `${match.slice(0, at)}${maskSecret(secret)}${match.slice(at + secret.length)}`;
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

/**
 * Masks every credential-shaped value in a text: known token formats,
 * private key blocks, JWTs, URL passwords and literals assigned to
 * secret-named settings. Applied to every excerpt and message the engine
 * emits, whatever rule produced it.
 * @public
 */
export function redactText(text: string): string {
  let out = text;
  // A private key header alone (excerpts hold one line) still marks the rest of the line.
  out = out.replace(/(-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----)([\s\S]*)/g, (_m, head: string, rest: string) =>
    rest.trim() ? `${head}${maskSecret(rest.trim())}` : head,
  );
  for (const { pattern } of SECRET_PATTERNS) out = replaceGroup(out, pattern);
  out = replaceGroup(out, JWT_PATTERN);
  out = replaceGroup(out, URL_PASSWORD_PATTERN);
  out = replaceGroup(out, SECRET_ASSIGNMENT, isCodeOrPlaceholder);
  return out;
}
