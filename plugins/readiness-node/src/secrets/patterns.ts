/** A credential shape the engine recognises. @public */
export interface SecretPattern {
  id: string;
  title: string;
  /** Global regex; the named group `secret` is the credential itself. */
  pattern: RegExp;
  /** How many leading characters name the kind and may be shown (4 when absent). */
  keep?: number;
}

/**
 * Credential shapes with a distinctive prefix or structure, so that a match
 * is a credential with high likelihood wherever it stands.
 * @public
 */
export const SECRET_PATTERNS: SecretPattern[] = [
  {
    id: 'private-key',
    title: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{0,8000}?)-----END (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    id: 'aws-access-key',
    title: 'AWS access key id',
    pattern: /\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/g,
  },
  {
    id: 'aws-secret-key',
    title: 'AWS secret access key',
    pattern: /\baws_?secret_?access_?key\b['"]?\s*[:=]\s*['"]?(?<secret>[A-Za-z0-9/+]{40})\b/gi,
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    pattern: /\b(?<secret>AIza[0-9A-Za-z_-]{35})\b/g,
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    pattern: /\b(?<secret>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab token',
    pattern: /\b(?<secret>glpat-[A-Za-z0-9_-]{20,})\b/g,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    pattern: /\b(?<secret>xox[abposr]-[A-Za-z0-9-]{10,})\b/g,
  },
  {
    id: 'slack-webhook',
    title: 'Slack webhook URL',
    pattern: /(?<secret>https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g,
  },
  {
    id: 'stripe-key',
    title: 'Stripe key',
    pattern: /\b(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})\b/g,
  },
  {
    id: 'npm-token',
    title: 'npm token',
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})\b/g,
  },
  {
    id: 'sendgrid-key',
    title: 'SendGrid key',
    keep: 3,
    pattern: /\b(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b/g,
  },
  {
    id: 'openai-key',
    title: 'OpenAI key',
    keep: 3,
    pattern: /\b(?<secret>sk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})\b/g,
  },
];

/** A connection URL with a literal password: `scheme://user:password@host`. @public */
export const URL_PASSWORD_PATTERN =
  /\b(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:/@'"`]{1,128}):(?<secret>[^\s@/'"`]{1,256})@(?<host>[^\s/'"`:]+)/gi;

/** A JSON Web Token. @public */
export const JWT_PATTERN =
  /\b(?<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g;

/** Names of settings that hold secrets. @public */
export const SECRET_NAME =
  /(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret|credentials?|service[_-]?key|signing[_-]?key|encryption[_-]?key)/i;

/**
 * An assignment of a literal to a secret-named setting, in code, config or
 * dotenv files: `DB_PASSWORD=...`, `"apiKey": "..."`, `secret_key = '...'`.
 * @public
 */
export const SECRET_ASSIGNMENT =
  /(?<name>[A-Za-z_][A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret|credentials?|service[_-]?key|signing[_-]?key)[A-Za-z0-9_]*)['"]?[ \t]*(?::=|=>|[:=])[ \t]*(?<q>['"`]?)(?<secret>[^\s'"`,;)}{]{4,})\k<q>/gi;

const PLACEHOLDER_WORDS =
  /^(?:x+|\*+|\.+|-+|_+|<.*>|\[.*\]|\{.*\}|\$\{?.*\}?|%\(?.*\)?s?|your[-_ ].*|.*[-_]here|change[-_]?(?:me|this).*|changeit|replace[-_]?me.*|example.*|sample.*|dummy.*|fake.*|test.*|placeholder.*|todo|tbd|none|null|nil|undefined|false|true|redacted|secret|password|passw0rd|pass|token|key|value|string|str|admin|foo|bar|baz|xxx+.*|\.\.\.|…|env|process\.env.*|os\.environ.*|getenv.*|required|optional|insecure.*|not[-_]?set|unset|empty|default|local|dev|development)$/i;

/**
 * Whether a literal is a placeholder rather than a credential: empty,
 * templated (`${VAR}`, `<your-key>`), masked (`****`), a well-known stand-in
 * (`changeme`, `your-api-key`, `example`), or too uniform to be random.
 * @public
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  // Templates: `${VAR}`, `{{ var }}`, Python's `%(name)s`, `<your-key>`.
  if (/\$\{|\{\{|%\(\w+\)[sdr]|<[^>]+>/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/EXAMPLE|example|REPLACE|dummy|placeholder|xxxx|XXXX|\*\*\*/.test(v)) return true;
  return false;
}

/** Shannon entropy per character of a string. @public */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}
