import type { Facts } from '../../../facts';
import { basename, isLowConfidencePath } from '../../../facts';
import { commandRunsTests, commandSegments, DEPLOY_COMMAND } from '../../../facts/workflows';
import { asArray, asRecord, asString, parseYamlFile } from '../../../facts/yamlDoc';

/** A Google Cloud Build configuration: `cloudbuild.yaml`, `cloudbuild-prod.yml`, `deploy/cloudbuild.yaml`. */
const CLOUD_BUILD_FILE = /(?:^|\/)cloudbuild(?:[.-][\w.-]+)?\.ya?ml$/i;
const VENDORED = /(?:^|\/)(?:node_modules|vendor)\//;

/** One build step: what it runs, and the steps it waits for. */
interface Step {
  index: number;
  id?: string;
  line?: number;
  /** The command line the step runs: its script, or its entrypoint (the builder's tool by default) and args. */
  command: string;
  entrypoint?: string;
  /** Indexes of the steps it waits for. */
  after: number[];
}

/** A deploy step that starts without waiting, through `waitFor` or the order of the steps, for a step that runs tests. */
export interface UngatedStep {
  path: string;
  line?: number;
  label: string;
  command: string;
}

/** The tool a builder image runs by default: `gcr.io/cloud-builders/gcloud` runs `gcloud`, `…/firebase:latest` runs `firebase`. */
function builderTool(image: string): string {
  return (image.split('@')[0].split('/').pop() ?? '').split(':')[0];
}

/** Test step names: `unit-tests`, `e2e`, `integration-test`. */
const TEST_STEP_NAME = /(?:^|[-_\s])(?:tests?|e2e|unit|integration)(?:[-_\s]|$)/i;
/** Deploy step names and deploy scripts: `deploy-api`, `./scripts/deploy.sh`. */
const DEPLOY_STEP_NAME = /(?:^|[-_\s./])deploy(?:s|ing|ment)?(?:[-_\s.]|$)/i;

function stepsOf(text: string): Step[] | undefined {
  const yaml = parseYamlFile(text);
  const root = asRecord(yaml.value);
  if (yaml.error || !root) return undefined;
  const raw = asArray(root.steps).map(asRecord);
  const ids = new Map<string, number>();
  raw.forEach((step, i) => {
    const id = asString(step?.id);
    if (id) ids.set(id, i);
  });
  return raw.map((step, index) => {
    const id = asString(step?.id);
    const entrypoint = asString(step?.entrypoint);
    const args = asArray(step?.args).map(a => asString(a) ?? '');
    const script = asString(step?.script);
    const tool = entrypoint ?? builderTool(asString(step?.name) ?? '');
    // `bash -c "…"` runs its script argument.
    const command = script ?? (/^(?:ba)?sh$/.test(tool) && args[0] === '-c' ? args.slice(1).join('\n') : [tool, ...args].join(' '));
    const waitFor = step?.waitFor === undefined ? undefined : asArray(step.waitFor).map(w => asString(w) ?? '');
    // No `waitFor`: the step waits for every step before it. `waitFor: ['-']`: it starts with the build.
    let after: number[];
    if (waitFor === undefined) after = [...Array(index).keys()];
    else if (waitFor.includes('-')) after = [];
    else after = waitFor.flatMap(w => (ids.has(w) ? [ids.get(w)!] : []));
    return { index, ...(id ? { id } : {}), line: yaml.lineAt(['steps', index]), command, ...(entrypoint ? { entrypoint } : {}), after };
  });
}

function runsTests(facts: Facts, step: Step): boolean {
  return (
    commandRunsTests(step.command, { facts }) ||
    TEST_STEP_NAME.test(step.id ?? '') ||
    (step.entrypoint !== undefined && /test/i.test(basename(step.entrypoint)))
  );
}

function deploys(step: Step): string | undefined {
  const segment = commandSegments(step.command).find(s => !/--dry-run\b/.test(s) && DEPLOY_COMMAND.test(s));
  if (segment) return segment;
  if (DEPLOY_STEP_NAME.test(step.id ?? '') || (step.entrypoint !== undefined && DEPLOY_STEP_NAME.test(basename(step.entrypoint)))) {
    return step.command;
  }
  return undefined;
}

/**
 * The deploy steps of the repository's Cloud Build pipelines that do not wait for the tests. A pipeline is judged
 * when it runs tests itself (a configuration with no test step only deploys, and what gates it lives outside the
 * file). A step waits for the steps its `waitFor` names, or for every earlier step when it names none; `waitFor:
 * ['-']` starts it with the build. A deploy step is gated when a test step is among the steps it waits for, directly
 * or through them. Cloud Build triggers run on pushes, so every such pipeline is taken to run on one.
 */
export function cloudBuildDeploys(facts: Facts): { deploys: number; ungated: UngatedStep[] } {
  let count = 0;
  const ungated: UngatedStep[] = [];
  for (const file of facts.files) {
    if (!CLOUD_BUILD_FILE.test(file.path) || VENDORED.test(file.path) || isLowConfidencePath(file.path)) continue;
    const steps = stepsOf(file.text);
    if (!steps || steps.length === 0) continue;
    const tests = new Set(steps.filter(s => runsTests(facts, s)).map(s => s.index));
    if (tests.size === 0) continue;
    for (const step of steps) {
      const command = deploys(step);
      if (!command) continue;
      count += 1;
      // Every step the deploy waits for, directly or through the steps it waits for.
      const seen = new Set<number>();
      const queue = [...step.after];
      while (queue.length) {
        const next = queue.pop()!;
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(...steps[next].after);
      }
      if ([...seen].some(i => tests.has(i))) continue;
      ungated.push({
        path: file.path,
        ...(step.line !== undefined ? { line: step.line } : {}),
        label: step.id ?? `#${step.index + 1}`,
        command: command.trim(),
      });
    }
  }
  return { deploys: count, ungated };
}
