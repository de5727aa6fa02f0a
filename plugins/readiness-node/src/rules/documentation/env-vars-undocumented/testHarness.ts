/**
 * Variables of the test harness rather than of the application: switches that only the
 * repository's test scripts turn on, and variables named for a test runner. Code may read them
 * to know it runs under tests (`process.env.PLAYWRIGHT`), but no operator sets them.
 */
import type { Facts } from '../../../facts';
import { nameWords } from '../../../facts/secretNames';
import { memo } from '../../../facts/memo';

/** Words naming a tool that only ever runs tests. */
const TEST_RUNNERS = new Set(['jest', 'vitest', 'pytest', 'mocha', 'karma', 'jasmine']);
/** Browser automation tools, by the word in a variable name and their npm packages: test runners unless the app ships them. */
const BROWSER_AUTOMATION = new Map<string, RegExp>([
  ['playwright', /^(?:@playwright\/test|playwright(?:-core|-chromium|-firefox|-webkit)?)$/],
  ['cypress', /^cypress$/],
  ['puppeteer', /^puppeteer(?:-core)?$/],
  ['selenium', /^selenium-webdriver$/],
  ['wdio', /^@wdio\//],
]);

/** A package.json script that runs tests: by its name (`test`, `test:e2e`, `e2e`) or by the runner it starts. */
const TEST_SCRIPT_NAME = /^(?:test|tests|e2e|integration|cy|cypress|playwright|pw)(?:[:._-][\w:.-]*)?$/i;
const TEST_RUNNER_COMMAND = /\b(?:playwright\s+test|cypress\s+(?:run|open)|jest|vitest|mocha|karma\s+start|wdio)\b/;
/** `export X=1`, `X=true cmd`, `cross-env X=yes cmd`: a variable switched on with a flag value. */
const FLAG_ASSIGNMENT = /(?:^|&&|;|\s)(?:export\s+)?([A-Za-z_]\w*)=["']?(?:true|1|yes|on)["']?(?=\s|&&|;|$)/gi;

/** Variables the repository's test scripts switch on (`"test": "export PLAYWRIGHT=True && playwright test"`). */
function testScriptFlags(facts: Facts): Set<string> {
  return memo(facts, 'envVarsUndocumented.testScriptFlags', () => {
    const out = new Set<string>();
    for (const pkg of facts.manifests.packageJsons) {
      for (const [name, command] of Object.entries(pkg.scripts)) {
        if (!TEST_SCRIPT_NAME.test(name) && !TEST_RUNNER_COMMAND.test(command)) continue;
        for (const m of command.matchAll(FLAG_ASSIGNMENT)) out.add(m[1]);
      }
    }
    return out;
  });
}

/** Whether a browser automation tool is declared only as a development dependency (at least once, never for runtime). */
function devOnlyTool(facts: Facts, pkg: RegExp): boolean {
  const packages = facts.manifests.packageJsons;
  const dev = packages.some(p => Object.keys(p.devDependencies).some(d => pkg.test(d)));
  const runtime = packages.some(p => Object.keys(p.dependencies).some(d => pkg.test(d)));
  return dev && !runtime;
}

/**
 * Whether a variable belongs to the test harness: a test script of the repository switches it on with a flag
 * value, or its name holds the name of a test runner (JEST, VITEST, PYTEST…), or of a browser automation tool
 * (PLAYWRIGHT, CYPRESS…) that the repository declares only as a development dependency. A variable a test script
 * sets to a real value (`DATABASE_URL=postgres://…`) is still the application's.
 */
export function isTestHarnessVariable(facts: Facts, name: string): boolean {
  if (testScriptFlags(facts).has(name)) return true;
  const words = nameWords(name);
  if (words.some(w => TEST_RUNNERS.has(w))) return true;
  return words.some(w => {
    const tool = BROWSER_AUTOMATION.get(w);
    return tool !== undefined && devOnlyTool(facts, tool);
  });
}
