import { SourceFile } from '../../../snapshot';

/** Passwords that come first in every credential-stuffing list. */
const WEAK_PASSWORDS = new Set([
  'admin', 'admin1', 'admin12', 'admin123', 'admin1234', 'admin12345', 'admin@123', 'admin!', 'admin!123',
  'administrator', 'adminadmin', 'adminpass', 'adminpassword', 'password', 'password1', 'password12',
  'password123', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa$$word', 'pass', 'pass123', 'pass1234',
  'changeme', 'change_me', 'change-me', 'changethis', 'changeit', 'secret', 'secret123', '123456',
  '1234567', '12345678', '123456789', '1234567890', '1234', '12345', '0000', '000000', '111111', 'qwerty',
  'qwerty123', 'letmein', 'root', 'toor', 'guest', 'default', 'test', 'test123', 'testing', 'demo',
  'demo123', 'welcome', 'welcome1', 'welcome123', 'abc123', 'iloveyou', 'superuser', 'master', 'manager',
  'minioadmin', 'example', 'user', 'user123', '1q2w3e4r', 'qwe123', 'temp', 'temp123',
]);

/** Whether a literal is a well-known weak password (`{noop}` encoder prefixes aside). */
export function isWeakPassword(value: string): boolean {
  const v = value.trim().replace(/^\{\w+\}/, '');
  return WEAK_PASSWORDS.has(v.toLowerCase());
}

/**
 * Values that set no usable password: empty, masked, templated, bind
 * parameters (`?`, `$1`, `:pw`, `@pw`), Django's unusable-password marker (`!…`).
 */
const NO_PASSWORD = /^\s*$|^[*x._-]+$|^!|\$\{|\{\{|<[^>]+>|%\(?\w*\)?s|^[?:@]\w*$|^\$\d+$/i;

/** Password hashes: bcrypt, argon2, scrypt, crypt(3), Django and passlib formats, ASP.NET Identity, hex digests. */
const PASSWORD_HASH =
  /^(\{\w+\})?(\$2[abxy]?\$\d{2}\$|\$argon2(id|i|d)\$|\$[156]\$|\$scrypt\$|\$pbkdf2|(pbkdf2_sha\d+|bcrypt(_sha256)?|argon2|scrypt|sha1|md5)\$|AQAAAA[A-Za-z0-9+/]{20})|^([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128})$/i;

/** What a literal given as a user's password is: a well-known password, a fixed hash, or fixed plaintext. */
export type FixedPassword = 'weak' | 'hash' | 'plaintext';

/**
 * Classifies a literal written as a user's password; `undefined` when it sets
 * no password (a placeholder, a parameter) or is not password-like (prose,
 * one to three characters).
 */
export function fixedPasswordOf(value: string): FixedPassword | undefined {
  if (NO_PASSWORD.test(value)) return undefined;
  if (isWeakPassword(value)) return 'weak';
  if (PASSWORD_HASH.test(value)) return 'hash';
  if (/\s/.test(value.trim()) || value.length < 4 || value.length > 200) return undefined;
  return 'plaintext';
}

/** A reported location: the value found (masked in the excerpt) or an excerpt of its own. */
export interface Hit {
  file: SourceFile;
  offset: number;
  value: string;
  message: string;
  /** An excerpt to show instead of the masked line, where the line holds no secret. */
  excerpt?: string;
  /** Why the hit is only a note (lower confidence), when it is one. */
  aside?: string;
}
