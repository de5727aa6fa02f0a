import type { ComposeEnvVar, Facts } from '../../../facts';
import { templateAnswersPath, withTemplateDefaults } from '../../../facts/projectTemplates';
import {
  isPlaceholderValue,
  JWT_PATTERN,
  SECRET_NAME,
  SECRET_PATTERNS,
  URL_PASSWORD_PATTERN,
} from '../../../secrets/patterns';
import { maskSecret, redactText } from '../../../secrets/redact';
import { defineRule, outcome, RuleFinding } from '../../types';
import {
  composeFilesOf,
  confidenceOf,
  developmentNoteOf,
  excerptAt,
  withDevelopmentNote,
} from '../containers';

/** Secret-holding names the shared pattern leaves out (`RABBITMQ_DEFAULT_PASS`, passphrases). */
const EXTRA_SECRET_NAME = /(^|_)pass$|passphrase/i;

/** Settings about a secret rather than the secret itself: `JWT_SECRET_TTL`, `TOKEN_URL`. */
const ABOUT_A_SECRET =
  /_(LENGTH|LEN|MIN|MAX|TTL|EXPIRY|EXPIRES|EXPIRES_IN|EXPIRATION|LIFETIME|AGE|TIMEOUT|ALGORITHM|ALG|HEADER|ISSUER|AUDIENCE|PROVIDER|TYPE|METHOD|POLICY|ROUNDS|COST|SIZE|BITS|COUNT|ENABLED|NAME|ID|URL|URI|ENDPOINT|HOST|PORT|REGION|VERSION|MODE|FORMAT|SCOPES?)$/i;

/** A setting that points at a file holding the secret (`POSTGRES_PASSWORD_FILE`). */
const FILE_SETTING = /_(FILE|PATH|DIR)$/i;

const PATH_VALUE = /^(?:\/|\.{1,2}\/|~\/)[\w@%+=:,./-]*$/;

/** `${NAME}`, `${NAME:-default}`, `$NAME`; `$$` is an escaped dollar sign. */
const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Values that only mark where a secret goes and cannot be meant as one: `<your-key>`, `xxxx`,
 * `your-token-here`, `replace-me`, switches (`yes`, `false`) and values too short to be one.
 * A stand-in word that works as a password (`changeme`, `secret`, `password`, `admin`,
 * `example`) is not one of them: compose starts the container with it as it is written.
 */
function isTemplateMarker(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (/\$\{|\{\{|%\(\w+\)[sdr]|^<.*>$|^\[.*\]$|^\{.*\}$|^(.)\1+$|^(?:\.\.\.|…)$/.test(v)) return true;
  if (/EXAMPLE|REPLACE|xxxx|XXXX|\*\*\*/.test(v)) return true;
  return /^(?:your[-_ ].*|.*[-_ ]here|replace[-_]?me.*|placeholder.*|redacted|todo|tbd|none|null|nil|undefined|true|false|yes|no|on|off|required|optional|not[-_]?set|unset|empty)$/i.test(v);
}

function isSecretName(key: string): boolean {
  if (FILE_SETTING.test(key) || ABOUT_A_SECRET.test(key)) return false;
  return SECRET_NAME.test(key) || EXTRA_SECRET_NAME.test(key);
}

/**
 * The literal a secret-named value really holds, and whether it is the
 * fallback of an interpolation; undefined when there is none.
 */
function literalSecret(value: string): { secret: string; fallback: boolean } | undefined {
  const unescaped = value.replace(/\$\$/g, '\u0000');
  const interpolations = [...unescaped.matchAll(INTERPOLATION)];
  if (interpolations.length) {
    // Supplied from the environment; only a literal fallback is a secret in the file.
    for (const m of interpolations) {
      const [, , op, fallback] = m;
      if ((op === ':-' || op === '-') && fallback && !fallback.includes('$') && !isPlaceholderValue(fallback)) {
        return { secret: fallback, fallback: true };
      }
    }
    return undefined;
  }
  const literal = value.trim();
  if (PATH_VALUE.test(literal) || isTemplateMarker(literal)) return undefined;
  return { secret: literal, fallback: false };
}

/** A credential of a known shape, or a connection URL password, anywhere in a value. */
function embeddedSecret(value: string): { secret: string; what: string } | undefined {
  for (const { pattern, title } of SECRET_PATTERNS) {
    const m = new RegExp(pattern.source, pattern.flags).exec(value);
    if (m?.groups?.secret) return { secret: m.groups.secret, what: title };
  }
  const jwt = new RegExp(JWT_PATTERN.source, JWT_PATTERN.flags).exec(value);
  if (jwt?.groups?.secret) return { secret: jwt.groups.secret, what: 'JSON Web Token' };
  for (const m of value.matchAll(new RegExp(URL_PASSWORD_PATTERN.source, URL_PASSWORD_PATTERN.flags))) {
    const secret = m.groups?.secret ?? '';
    if (secret && !secret.includes('$') && !isTemplateMarker(secret)) {
      return { secret, what: 'connection URL with a password' };
    }
  }
  return undefined;
}

/**
 * The line with the secret cut. A connection URL's password goes with its whole
 * user-info (scheme, host and database stay readable even when the password is
 * the same word); any other secret is cut where it stands as a token of its own.
 */
function maskedExcerpt(line: string | undefined, env: ComposeEnvVar, secret: string, inUrl: boolean): string {
  const masked = maskSecret(secret);
  if (!line || !line.includes(secret)) return `${env.key}: ${masked}`;
  const redacted = redactText(line);
  if (inUrl) return redacted;
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const standalone = new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'g');
  return standalone.test(redacted) ? redacted.replace(standalone, masked) : redacted.split(secret).join(masked);
}

/**
 * The value a project made from a cookiecutter template with its default answers gets, when the value is written as
 * template references (`POSTGRES_PASSWORD: {{cookiecutter.postgres_password}}`): read from the line as written, since
 * the YAML of a template is parsed with its tags neutralised. Undefined for any other value.
 */
function templateDefaultValue(facts: Facts, path: string, env: ComposeEnvVar): string | undefined {
  const line = excerptAt(facts, path, env.line);
  if (!line || !line.includes('{{')) return undefined;
  const key = env.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(?:-\\s*)?["']?${key}["']?\\s*[:=]\\s*(.*)$`).exec(line);
  if (!m) return undefined;
  const written = m[1].replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, '');
  return withTemplateDefaults(facts, path, written);
}

export default defineRule({
  id: 'infrastructure/compose-plaintext-secrets',
  category: 'infrastructure',
  severity: 'high',
  title: 'Compose files hold no plaintext secrets',
  description:
    'Fails when a compose service sets a secret-named variable (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_API_KEY`…) to a literal value in `environment`, or any variable to a credential-shaped value or a connection URL with a password, in any compose format (version 1 files list their services at the top level). A stand-in word such as `changeme` counts: the container starts with it as written. `${VAR}` interpolation (with a placeholder fallback at most), empty values, template markers (`<your-key>`, `xxxx`, `your-token-here`) and `*_FILE` settings that point at a secrets file pass. In a cookiecutter project template, a value written as `{{cookiecutter.name}}` is judged as its default answer in `cookiecutter.json`: the project made with the defaults starts its containers with it. Development compose files (`docker-compose.dev.yml`, `compose.override.yml`, a `docker-compose.yml` beside a production variant) are judged as usual: their passwords are committed all the same. Compose files named for tests, CI or a browser test runner (`docker-compose.test.yml`, `compose.ci.yaml`, `compose.cypress.yaml`), those in a `.ci/` folder of CI configuration and those in tests, docs and examples are only low-confidence notes.',
  rationale:
    'A compose file is committed, copied between machines and often reused for staging. A literal password in it is shared with everyone who can read the repository, stays in history after removal, and tends to become the production password.',
  remediation:
    'Take the value from the environment (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}`) with a git-ignored `.env` next to the compose file and a `.env.example` listing the names, or use compose `secrets:` with the image\'s `*_FILE` variables. Rotate any credential that was committed.',
  evaluate(facts) {
    const files = composeFilesOf(facts);
    if (files.length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const findings: RuleFinding[] = [];
    for (const file of files) {
      // A development compose file (named for it, or beside a production variant) is judged as usual: it is the file
      // developers run, and its literal passwords are committed all the same. Only test and CI compose files, and those in
      // tests, fixtures, docs and examples, are notes.
      const development = developmentNoteOf(facts, file.path);
      const confidence = confidenceOf(file.path);
      for (const service of file.services) {
        for (const env of service.environment) {
          // A project template's value is judged as the project made with the default answers has it.
          const templated = templateDefaultValue(facts, file.path, env);
          const value = templated ?? env.value;
          if (value === undefined || value.trim() === '') continue;
          const embedded = embeddedSecret(value);
          const named = !embedded && isSecretName(env.key) ? literalSecret(value) : undefined;
          const secret = embedded?.secret ?? named?.secret;
          if (!secret) continue;
          let message = `\`${env.key}\` of service \`${service.name}\` is set to a literal secret`;
          if (embedded) {
            message = `\`${env.key}\` of service \`${service.name}\` holds a ${embedded.what} in plain text`;
          } else if (named?.fallback) {
            message = `\`${env.key}\` of service \`${service.name}\` falls back to a literal secret when the variable is unset`;
          }
          if (templated !== undefined) message += `, the default answer of ${templateAnswersPath(facts, file.path)}`;
          const line = excerptAt(facts, file.path, env.line);
          findings.push({
            path: file.path,
            ...(env.line !== undefined ? { line: env.line } : {}),
            // A templated line holds the template's references, not the secret.
            excerpt:
              templated !== undefined && line
                ? redactText(line)
                : maskedExcerpt(line, env, secret, embedded?.what === 'connection URL with a password'),
            message: withDevelopmentNote(message, development),
            confidence,
            secrets: [secret],
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
