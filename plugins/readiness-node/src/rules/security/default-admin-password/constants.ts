import { SourceFile } from '../../../snapshot';
import { Facts, isLowConfidencePath, languageOf, lineOfOffset } from '../../../facts';
import { FixedPassword, fixedPasswordOf } from './passwords';

/** A constant holding a literal password. */
export interface PasswordConstant {
  file: SourceFile;
  line: number;
  value: string;
  kind: FixedPassword;
}

/** Names that are the password itself (a parameter, a field), not a constant holding one. */
const GENERIC_NAMES = new Set([
  'password', 'pass', 'pwd', 'passwd', 'passwordhash', 'hashedpassword', 'plainpassword', 'rawpassword',
  'newpassword', 'userpassword', 'encodedpassword', 'encryptedpassword', 'hash', 'hashed',
]);

/** Where values come from outside the code: environment and secret stores. */
const EXTERNAL_SOURCE = /^(process\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|import\.meta\.env|Environment|secrets?|vault)\b/;

/**
 * Whether a reference (`Constants.ADMIN_PASSWORD`, `DEFAULT_PASSWORD`,
 * `SeedData.AdminPassword`) names a constant that holds a password.
 */
export function isPasswordConstantName(ref: string): boolean {
  if (EXTERNAL_SOURCE.test(ref)) return false;
  const last = ref.split(/\.|::|->/).pop() ?? '';
  return /pass|pwd/i.test(last) && !GENERIC_NAMES.has(last.replace(/[_$]/g, '').toLowerCase());
}

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** `NAME = "…"`, `NAME: str = "…"`, `static final String NAME = "…"`, `NAME { get; } = "…"`, `"NAME": "…"`, `NAME => '…'`. */
function definitionPattern(name: string): RegExp {
  return new RegExp(
    `(?<![\\w$.])['"]?${escape(name)}['"]?\\s*(?::\\s*[\\w<>\\[\\]?]+\\s*)?(?:\\{[^}\\n]{0,40}\\}\\s*)?(?::=|=>|=(?!=)|:)\\s*b?(?<q>['"\`])(?<value>[^'"\`\\n]{1,200})\\k<q>`,
  );
}

/**
 * Resolves password constants to their literal values: in the file that uses
 * them first, then in the repository's other code (production code only
 * looks at production code). Constants set from the environment or a
 * secret store resolve to nothing.
 */
export class PasswordConstants {
  private readonly cache = new Map<string, PasswordConstant | null>();

  constructor(private readonly facts: Facts) {}

  resolve(ref: string, from: SourceFile): PasswordConstant | undefined {
    const name = ref.split(/\.|::|->/).pop()!;
    // Defined in the file itself: a literal there, or nothing (an environment read, a computed value).
    const local = this.find(name, [from]);
    if (local || new RegExp(`(?<![\\w$.])${escape(name)}\\s*(?::\\s*[\\w<>\\[\\]?]+\\s*)?=(?![=>])`).test(from.text)) {
      return local;
    }
    // Elsewhere: production code defines what production code uses.
    const key = `${isLowConfidencePath(from.path)}:${name}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      const candidates = this.facts.files.filter(
        f => f !== from && languageOf(f.path) && f.text.includes(name) && (isLowConfidencePath(from.path) || !isLowConfidencePath(f.path)),
      );
      found = this.find(name, candidates) ?? null;
      this.cache.set(key, found);
    }
    return found ?? undefined;
  }

  private find(name: string, files: SourceFile[]): PasswordConstant | undefined {
    const pattern = definitionPattern(name);
    for (const file of files) {
      const m = pattern.exec(file.text);
      if (!m) continue;
      const value = m.groups!.value;
      const kind = fixedPasswordOf(value);
      if (!kind) return undefined;
      return { file, line: lineOfOffset(file, m.index), value, kind };
    }
    return undefined;
  }
}
