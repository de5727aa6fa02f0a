import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { EnvFileFact, EnvVarRead, Facts } from '../../../facts';
import { basename, dirname, isLowConfidencePath, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isAsidePath } from '../../../facts/paths';
import { isCommentLine, manifestRefs } from '../../../facts/services';
import { isTestHarnessVariable } from './testHarness';

/** Variables the platform, the runtime or the toolchain provides: nobody sets them in an env file. */
const PLATFORM_VARS = new Set([
  'NODE_ENV',
  'PORT',
  'HOME',
  'PATH',
  'CI',
  'HOSTNAME',
  'TZ',
  'PWD',
  'USER',
  'USERNAME',
  'LANG',
  'LC_ALL',
  'SHELL',
  'TERM',
  'TMPDIR',
  'TEMP',
  'TMP',
  'PYTHONPATH',
  'VIRTUAL_ENV',
  'JAVA_HOME',
  'GOPATH',
  'GOOS',
  'GOARCH',
  'APPDATA',
  'USERPROFILE',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'SYSTEMROOT',
  'COMPUTERNAME',
  'PUBLIC_URL',
  'NEXT_RUNTIME',
  'NEXT_PHASE',
  'JEST_WORKER_ID',
  'VITEST',
  'VITEST_WORKER_ID',
  'K_SERVICE',
  'K_REVISION',
  'K_CONFIGURATION',
  'GAE_ENV',
  'GAE_SERVICE',
  'WEBSITE_SITE_NAME',
  'DYNO',
  'VERCEL',
  'RENDER',
  'RAILWAY_ENVIRONMENT',
  'NETLIFY',
]);
/** Platform prefixes; Vercel also hands its system variables to browser code under each framework's public prefix. */
const PLATFORM_PREFIXES =
  /^(?:npm_|KUBERNETES_|AWS_LAMBDA_|(?:NEXT_PUBLIC_|VITE_|REACT_APP_|GATSBY_|NUXT_ENV_|PUBLIC_)?VERCEL_|RAILWAY_|FLY_|RENDER_|RUNNER_|ECS_CONTAINER_METADATA)/;
/** Values Vite defines on `import.meta.env` by itself. */
const VITE_BUILTINS = new Set(['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);

function isPlatformRead(facts: Facts, read: EnvVarRead): boolean {
  if (PLATFORM_VARS.has(read.name) || PLATFORM_PREFIXES.test(read.name))
    return true;
  if (VITE_BUILTINS.has(read.name)) {
    const file = facts.file(read.path);
    return (
      !!file &&
      lineOf(file, read.line, 400).includes(`import.meta.env.${read.name}`)
    );
  }
  return false;
}

function ancestorDirs(path: string): string[] {
  const out: string[] = [];
  let d = dirname(path);
  out.push(d);
  while (d !== '') {
    d = dirname(d);
    out.push(d);
  }
  return out;
}

/** Templates for one purpose only (`.env.example-e2e`, `.env.test.example`, `ci.env.sample`): the app's own template comes first. */
const PURPOSE_TEMPLATE = /(?:^|[._-])(?:e2e|test|tests|testing|ci|cypress|playwright|spec)(?:[._-]|$)/i;

/** The order in which the templates covering a file are named: nearest folder first, then the app's own template before one-purpose ones. */
function templateOrder(a: EnvFileFact, b: EnvFileFact): number {
  const depth = dirname(b.path).length - dirname(a.path).length;
  if (depth !== 0) return depth;
  const purpose = Number(PURPOSE_TEMPLATE.test(basename(a.path))) - Number(PURPOSE_TEMPLATE.test(basename(b.path)));
  return purpose !== 0 ? purpose : a.path.length - b.path.length;
}

const WORD_CHAR = /[A-Za-z0-9_]/;

/** Whether a variable name appears in an example file as a whole word: as a key or in a comment. */
function documents(example: EnvFileFact, text: string, name: string): boolean {
  if (example.entries.some(e => e.key === name)) return true;
  for (
    let at = text.indexOf(name);
    at !== -1;
    at = text.indexOf(name, at + 1)
  ) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + name.length] ?? '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

/** A name cut to a readable length for messages. */
function shortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

export default defineRule({
  id: 'documentation/env-vars-undocumented',
  category: 'documentation',
  severity: 'medium',
  title: 'Every environment variable is documented',
  description:
    'Where an example environment file exists (`.env.example`, `.env.sample`, `.env.template`…, or a named env file\'s template such as `server.env.example`), fails when production code reads environment variables that the example does not list. Values the framework or platform sets itself (Vite\'s `import.meta.env.DEV`/`PROD`/`MODE`/`SSR`/`BASE_URL`, `NODE_ENV`, `PORT`, Vercel\'s system variables) are not counted, nor are switches of the test harness: a variable a test script of package.json turns on with a flag value (`export PLAYWRIGHT=True && playwright test`), or one named for a test runner (JEST, VITEST, PYTEST…) or for a browser automation tool declared only as a development dependency (`PLAYWRIGHT_TEST_BASE_URL` with `@playwright/test` in devDependencies). The finding names each missing variable and where it is read, against the nearest template (the app\'s own before one kept for tests, such as `.env.example-e2e`).',
  rationale:
    'The example file is the contract for configuring the service. A variable missing from it is discovered in production, when the service starts with a default nobody chose or fails on a missing value.',
  remediation:
    'Add every variable the code reads to the example file, with a placeholder value and a comment saying what it does and whether it is required. Remove variables the code no longer reads.',
  evaluate(facts) {
    const examples = facts.envFiles.filter(
      e => e.kind === 'example' && !isAsidePath(e.path),
    );
    if (examples.length === 0) {
      return outcome.notApplicable(
        'no example environment file (.env.example, .env.sample, .env.template) to check against',
      );
    }
    const manifestDirs = new Set(manifestRefs(facts).map(m => m.dir));
    const sharedExamples = examples.filter(
      e => !manifestDirs.has(dirname(e.path)),
    );
    const byExample = new Map<string, Map<string, EnvVarRead>>();
    const reads = facts.envReads.filter(read => {
      if (
        isLowConfidencePath(read.path) ||
        isAsidePath(read.path) ||
        isPlatformRead(facts, read) ||
        isTestHarnessVariable(facts, read.name)
      )
        return false;
      const file = facts.file(read.path);
      return !(file && isCommentLine(lineOf(file, read.line, 400)));
    });
    if (reads.length === 0)
      return outcome.pass('the code reads no environment variables');

    for (const read of reads) {
      const ancestors = ancestorDirs(read.path);
      let covering = examples.filter(e => ancestors.includes(dirname(e.path))).sort(templateOrder);
      if (covering.length === 0) covering = [...sharedExamples].sort(templateOrder);
      if (covering.length === 0) continue;
      const documented = covering.some(e =>
        documents(e, facts.file(e.path)?.text ?? '', read.name),
      );
      if (documented) continue;
      const target = covering[0].path;
      if (!byExample.has(target)) byExample.set(target, new Map());
      const missing = byExample.get(target)!;
      if (!missing.has(read.name)) missing.set(read.name, read);
    }

    const findings: Finding[] = [];
    for (const [path, missing] of byExample) {
      const list = [...missing.values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const shown = list
        .slice(0, 20)
        .map(r => `${shortName(r.name)} (${r.path}:${r.line})`);
      findings.push({
        path,
        message: `${list.length} environment variable${
          list.length === 1 ? ' is' : 's are'
        } read by the code but missing from ${path}: ${shown.join(', ')}${
          list.length > 20 ? ` and ${list.length - 20} more` : ''
        }`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
