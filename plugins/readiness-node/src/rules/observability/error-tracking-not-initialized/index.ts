import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../../facts';
import { isLowConfidencePath, languageOf, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { Ecosystem, ECOSYSTEM_LABEL, ECOSYSTEM_OF_LANGUAGE, findInCode, isCommentLine, manifestRefs, ServiceUnit, unitLabel, unitOwning } from '../../../facts/services';
import { noServiceReason } from '../units';
import {
  depMatches,
  ERROR_TRACKER_NAMES,
  ERROR_TRACKERS,
  ErrorTracker,
} from '../signals';

interface SettingRead {
  tracker: ErrorTracker;
  name: string;
  path: string;
  line: number;
  ecosystem: Ecosystem;
}

/** A setting named in a string literal (`env("SENTRY_DSN")`); the tracker's own naming is checked by its `setting`. */
const SETTING_LITERAL = /['"]((?:[A-Z][A-Z0-9]*_)*(?:SENTRY|ROLLBAR|BUGSNAG|HONEYBADGER)_[A-Z0-9_]*[A-Z0-9])['"]/g;
/** A field of a pydantic settings class, read from the environment variable of its name (`sentry_dsn: str`, `SENTRY_DSN: str = ""`). */
const PYDANTIC_FIELD = /^\s*((?:sentry|rollbar|bugsnag|honeybadger)_\w*[a-z0-9])\s*:/gim;

/** A setting name cut to a readable length for messages. */
function shortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

function trackerFor(name: string): ErrorTracker | undefined {
  const upper = name.toUpperCase();
  return ERROR_TRACKERS.find(t => t.setting.test(upper));
}

function ecosystemOfPath(path: string): Ecosystem | undefined {
  const language = languageOf(path);
  if (language) return ECOSYSTEM_OF_LANGUAGE[language];
  if (/(^|\/)(application|bootstrap)(-[\w]+)?\.(ya?ml|properties)$/.test(path))
    return 'jvm';
  if (/(^|\/)appsettings(\.[\w]+)?\.json$/i.test(path)) return 'dotnet';
  return undefined;
}

/** Every place production code or configuration reads an error-tracking setting. */
function settingReads(facts: Facts): SettingRead[] {
  const reads: SettingRead[] = [];
  const push = (
    name: string,
    path: string,
    line: number,
    tracker?: ErrorTracker,
  ) => {
    const ecosystem = ecosystemOfPath(path);
    const t = tracker ?? trackerFor(name);
    if (ecosystem && t) reads.push({ tracker: t, name, path, line, ecosystem });
  };
  for (const read of facts.envReads) {
    const file = facts.file(read.path);
    if (
      isLowConfidencePath(read.path) ||
      (file && isCommentLine(lineOf(file, read.line)))
    )
      continue;
    push(read.name, read.path, read.line);
  }
  for (const file of facts.files) {
    if (isLowConfidencePath(file.path)) continue;
    const ecosystem = ecosystemOfPath(file.path);
    if (!ecosystem) continue;
    const lines = file.text.split('\n');
    if (languageOf(file.path)) {
      if (/SENTRY_|ROLLBAR_|BUGSNAG_|HONEYBADGER_/.test(file.text)) {
        lines.forEach((text, i) => {
          if (isCommentLine(text)) return;
          for (const m of text.matchAll(SETTING_LITERAL))
            push(m[1], file.path, i + 1);
        });
      }
      if (ecosystem === 'python' && /BaseSettings/.test(file.text)) {
        for (const m of file.text.matchAll(PYDANTIC_FIELD)) {
          push(m[1], file.path, file.text.slice(0, m.index).split('\n').length);
        }
      }
    } else if (ecosystem === 'jvm') {
      const idx = lines.findIndex(
        l => /^\s*sentry\.dsn\s*[=:]/.test(l) || /^sentry:\s*$/.test(l),
      );
      if (
        idx !== -1 &&
        (/^\s*sentry\.dsn/.test(lines[idx]) || /^\s+dsn\s*:/m.test(file.text))
      ) {
        push('sentry.dsn', file.path, idx + 1, ERROR_TRACKERS[0]);
      }
    } else if (ecosystem === 'dotnet') {
      lines.forEach((text, i) => {
        const m = /"(Sentry|Rollbar|Bugsnag|Honeybadger)"\s*:\s*\{/i.exec(text);
        const tracker =
          m &&
          ERROR_TRACKERS.find(t => t.name.toLowerCase() === m[1].toLowerCase());
        if (tracker) push(`${tracker.name} section`, file.path, i + 1, tracker);
      });
    }
  }
  return reads.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

/** Workspace packages a unit depends on (a shared observability package, say), by directory. */
function linkedPackageDirs(facts: Facts, unit: ServiceUnit): string[] {
  if (unit.ecosystem !== 'node') return [];
  return facts.manifests.packageJsons
    .filter(
      p => p.name && unit.deps.has(p.name.toLowerCase()) && p.dir !== unit.dir,
    )
    .map(p => p.dir);
}

function hasSdk(
  facts: Facts,
  unit: ServiceUnit,
  tracker: ErrorTracker,
): boolean {
  const sdk = tracker.sdk[unit.ecosystem];
  if ([...unit.deps].some(d => sdk.some(s => depMatches(s, d)))) return true;
  const linked = new Set(linkedPackageDirs(facts, unit));
  return manifestRefs(facts).some(
    m => linked.has(m.dir) && m.deps.some(d => sdk.some(s => depMatches(s, d))),
  );
}

function isInitialised(
  facts: Facts,
  unit: ServiceUnit,
  tracker: ErrorTracker,
): boolean {
  if ([...unit.deps].some(d => tracker.autoInit.some(a => depMatches(a, d))))
    return true;
  const linked = linkedPackageDirs(facts, unit);
  const files = [
    ...unit.files,
    ...facts.files.filter(
      f =>
        linked.some(dir => f.path.startsWith(`${dir}/`)) &&
        !isLowConfidencePath(f.path),
    ),
  ];
  return tracker.init.some(pattern => findInCode(files, pattern) !== undefined);
}

export default defineRule({
  id: 'observability/error-tracking-not-initialized',
  category: 'observability',
  severity: 'high',
  title: 'Configured error tracking is initialised',
  description: `Fails when code or configuration reads an error-tracking setting (${ERROR_TRACKER_NAMES}; the settings of Sentry's release tooling, such as SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_PROJECT, do not count) through the environment, a settings helper or a pydantic settings field, but the service does not depend on that SDK, or never initialises it (\`sentry_sdk.init\`, \`Sentry.init\`, \`sentry.Init\`, \`UseSentry\`, \`rollbar.init\`, \`Bugsnag.start\`…).`,
  rationale:
    'A DSN that is read and never used gives everyone the impression that production errors are reported. They are not: crashes go unseen until users complain, and the missing alert is only noticed during the incident.',
  remediation:
    'Add the SDK to the service\'s dependencies and initialise it once at startup with the setting (for example `sentry_sdk.init(dsn=os.environ["SENTRY_DSN"])` or `Sentry.init({ dsn: process.env.SENTRY_DSN })`), or remove the unused setting.',
  evaluate(facts) {
    const reason = noServiceReason(facts);
    if (reason) return outcome.notApplicable(reason);
    const reads = settingReads(facts);
    if (reads.length === 0) {
      return outcome.notApplicable(
        `no error-tracking setting is read (${ERROR_TRACKER_NAMES})`,
      );
    }
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const read of reads) {
      const unit = unitOwning(facts, read.path, read.ecosystem);
      const key = `${read.tracker.name}:${unit.ecosystem}:${unit.dir}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const file = facts.file(read.path);
      const excerpt = file ? lineOf(file, read.line) : undefined;
      const where = unitLabel(unit);
      if (!hasSdk(facts, unit, read.tracker)) {
        findings.push({
          path: read.path,
          line: read.line,
          ...(excerpt ? { excerpt } : {}),
          message: `${shortName(read.name)} is read, but no ${
            read.tracker.name
          } SDK for ${
            ECOSYSTEM_LABEL[unit.ecosystem]
          } is a dependency of ${where}: errors are never reported`,
        });
      } else if (!isInitialised(facts, unit, read.tracker)) {
        findings.push({
          path: read.path,
          line: read.line,
          ...(excerpt ? { excerpt } : {}),
          message: `${shortName(read.name)} is read, but ${
            read.tracker.name
          } is never initialised in ${where}: errors are never reported`,
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
