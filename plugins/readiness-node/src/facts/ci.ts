import { SourceFile } from '../snapshot';
import { basename } from './paths';
import { asArray, asRecord, asString, parseYamlFile } from './yamlDoc';

/** @public */
export interface WorkflowStep {
  line?: number;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

/** @public */
export interface WorkflowJob {
  id: string;
  line?: number;
  name?: string;
  needs: string[];
  if?: string;
  /** `uses:` of a reusable-workflow job. */
  uses?: string;
  /** String inputs a reusable-workflow job passes (`with:`). */
  with?: Record<string, string>;
  /** Names of the secrets a reusable-workflow job passes, or `['inherit']` for `secrets: inherit`. */
  secrets?: string[];
  permissions?: unknown;
  environment?: string;
  /** String values of `strategy.matrix` per key, from its lists and its `include` entries. */
  matrix?: Record<string, string[]>;
  steps: WorkflowStep[];
}

/** A parsed GitHub Actions workflow. @public */
export interface WorkflowFact {
  path: string;
  name?: string;
  /** Event names from `on:`. */
  triggers: string[];
  /** Branches named under `on.push.branches`, where given. */
  pushBranches: string[];
  /** Names of the workflows whose runs trigger this one (`on.workflow_run.workflows`). */
  workflowRunSources?: string[];
  triggerLine?: number;
  /** Top-level `permissions:`; undefined when absent. */
  permissions?: unknown;
  permissionsLine?: number;
  jobs: WorkflowJob[];
  error?: string;
}

/** A CI system present in the repository. @public */
export interface CiSystem {
  system:
    | 'github-actions'
    | 'gitlab-ci'
    | 'jenkins'
    | 'circleci'
    | 'azure-pipelines'
    | 'bitbucket-pipelines'
    | 'buildkite'
    | 'travis'
    | 'drone';
  path: string;
}

/** A command a CI system runs, whatever the system. @public */
export interface CiCommand {
  system: CiSystem['system'];
  path: string;
  line?: number;
  /** The job or stage it runs in, where known. */
  job?: string;
  command: string;
}

export function isGithubWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

export function ciSystemOf(path: string): CiSystem['system'] | undefined {
  if (isGithubWorkflowPath(path)) return 'github-actions';
  if (/^\.gitlab-ci\.ya?ml$/i.test(path) || /^\.gitlab\/ci\/.+\.ya?ml$/i.test(path)) {
    return 'gitlab-ci';
  }
  if (/(^|\/)Jenkinsfile([.-][\w.-]+)?$/.test(path)) return 'jenkins';
  // `circle.yml` at the root is the CircleCI 1.0 configuration (`machine:`, `dependencies:`, `test: override:`).
  if (/^\.circleci\/config\.ya?ml$/i.test(path) || /^circle\.ya?ml$/i.test(path)) return 'circleci';
  if (/^azure-pipelines\.ya?ml$/i.test(path) || /^\.azure-pipelines\//i.test(path)) {
    return 'azure-pipelines';
  }
  if (/^bitbucket-pipelines\.ya?ml$/i.test(path)) return 'bitbucket-pipelines';
  if (/^\.buildkite\/.+\.ya?ml$/i.test(path)) return 'buildkite';
  if (/^\.travis\.ya?ml$/i.test(path)) return 'travis';
  if (/^\.drone\.ya?ml$/i.test(path)) return 'drone';
  return undefined;
}

function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  const rec = asRecord(on);
  return rec ? Object.keys(rec) : [];
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  const rec = asRecord(value);
  if (!rec) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) {
    const s = asString(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** The string values each `strategy.matrix` key takes, from its lists and `include` entries. */
function matrixValues(strategy: unknown): Record<string, string[]> | undefined {
  const matrix = asRecord(asRecord(strategy)?.matrix);
  if (!matrix) return undefined;
  const out: Record<string, string[]> = {};
  const add = (key: string, value: unknown) => {
    const s = typeof value === 'number' || typeof value === 'boolean' ? String(value) : asString(value);
    if (s === undefined) return;
    const list = out[key] ?? (out[key] = []);
    if (!list.includes(s)) list.push(s);
  };
  for (const [key, value] of Object.entries(matrix)) {
    if (key === 'include') {
      for (const entry of asArray(value)) {
        for (const [k, v] of Object.entries(asRecord(entry) ?? {})) add(k, v);
      }
    } else if (key !== 'exclude') {
      for (const v of asArray(value)) add(key, v);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Parses a GitHub Actions workflow; never throws. */
export function parseWorkflow(file: SourceFile): WorkflowFact {
  const yaml = parseYamlFile(file.text);
  const fact: WorkflowFact = {
    path: file.path,
    triggers: [],
    pushBranches: [],
    jobs: [],
  };
  if (yaml.error) {
    fact.error = `invalid YAML: ${yaml.error}`;
    return fact;
  }
  const root = asRecord(yaml.value);
  if (!root) {
    fact.error = 'workflow is not a mapping';
    return fact;
  }
  fact.name = asString(root.name);
  // YAML 1.1 readers turn a bare `on` key into `true`; the yaml package does not.
  const on = root.on ?? root.true;
  fact.triggers = triggersOf(on);
  fact.triggerLine = yaml.lineAt(['on']);
  const push = asRecord(asRecord(on)?.push);
  fact.pushBranches = asArray(push?.branches).map(String);
  const workflowRun = asRecord(asRecord(on)?.workflow_run);
  if (workflowRun) fact.workflowRunSources = asArray(workflowRun.workflows).map(String);
  if ('permissions' in root) {
    fact.permissions = root.permissions;
    fact.permissionsLine = yaml.lineAt(['permissions']);
  }
  const jobs = asRecord(root.jobs) ?? {};
  for (const [id, raw] of Object.entries(jobs)) {
    const job = asRecord(raw) ?? {};
    const needs = job.needs;
    fact.jobs.push({
      id,
      line: yaml.lineAt(['jobs', id]),
      name: asString(job.name),
      needs: typeof needs === 'string' ? [needs] : asArray(needs).map(String),
      ...(asString(job.if) ? { if: asString(job.if) } : {}),
      ...(asString(job.uses) ? { uses: asString(job.uses) } : {}),
      ...(stringRecord(job.with) ? { with: stringRecord(job.with) } : {}),
      ...(job.secrets !== undefined && job.secrets !== null
        ? { secrets: asString(job.secrets) !== undefined ? [asString(job.secrets)!] : Object.keys(asRecord(job.secrets) ?? {}) }
        : {}),
      ...('permissions' in job ? { permissions: job.permissions } : {}),
      ...(asString(job.environment) ?? asString(asRecord(job.environment)?.name)
        ? {
            environment:
              asString(job.environment) ?? asString(asRecord(job.environment)?.name),
          }
        : {}),
      ...(matrixValues(job.strategy) ? { matrix: matrixValues(job.strategy) } : {}),
      steps: asArray(job.steps).map((rawStep, i) => {
        const step = asRecord(rawStep) ?? {};
        const out: WorkflowStep = { line: yaml.lineAt(['jobs', id, 'steps', i]) };
        const name = asString(step.name);
        const uses = asString(step.uses);
        const run = asString(step.run);
        const withArgs = stringRecord(step.with);
        if (name) out.name = name;
        if (uses) out.uses = uses;
        if (run) out.run = run;
        if (withArgs) out.with = withArgs;
        return out;
      }),
    });
  }
  return fact;
}

const GENERIC_SCRIPT_KEYS = new Set([
  'script',
  'before_script',
  'after_script',
  'run',
  'command',
  'commands',
  'steps',
  'install',
  'test',
]);

/** Collects the shell commands of a YAML-configured CI system. */
function yamlCommands(
  file: SourceFile,
  system: CiSystem['system'],
): { commands: CiCommand[]; error?: string } {
  const yaml = parseYamlFile(file.text);
  if (yaml.error) return { commands: [], error: `invalid YAML: ${yaml.error}` };
  const commands: CiCommand[] = [];
  // A merge key or alias that refers to its own ancestor (`.a: &a {<<: *a}`)
  // makes the plain value circular: never walk into a node already on the path.
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: Array<string | number>, job?: string, inScript = false) => {
    if (commands.length > 5000 || path.length > 64) return;
    if (typeof value === 'string') {
      if (inScript) {
        commands.push({ system, path: file.path, line: yaml.lineAt(path), job, command: value });
      }
      return;
    }
    if (typeof value !== 'object' || value === null || ancestors.has(value)) return;
    ancestors.add(value);
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], job, inScript));
    } else {
      for (const [k, v] of Object.entries(value)) {
        const jobName = path.length === 0 ? k : job;
        visit(v, [...path, k], jobName, inScript || GENERIC_SCRIPT_KEYS.has(k));
      }
    }
    ancestors.delete(value);
  };
  visit(yaml.value, []);
  return { commands };
}

/**
 * The commands a Jenkinsfile runs (`sh`, `bat`, `powershell` steps). Lines
 * commented out with `//` are skipped; a triple-quoted multi-line step gives
 * one command per non-empty line inside it.
 */
function jenkinsCommands(file: SourceFile): CiCommand[] {
  const commands: CiCommand[] = [];
  const lines = file.text.split('\n');
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const trimmed = text.trim();
    if (inBlockComment) {
      if (trimmed.includes('*/')) inBlockComment = false;
      continue;
    }
    if (trimmed.startsWith('/*')) {
      inBlockComment = !trimmed.includes('*/');
      continue;
    }
    if (trimmed.startsWith('//')) continue;
    const block = /\b(?:sh|bat|powershell)\s*\(?\s*(?:script\s*:\s*)?('{3}|"{3})(.*)$/.exec(text);
    if (block && !block[2].includes(block[1])) {
      const quote = block[1];
      if (block[2].trim()) {
        commands.push({ system: 'jenkins', path: file.path, line: i + 1, command: block[2].trim() });
      }
      for (i = i + 1; i < lines.length; i++) {
        const end = lines[i].indexOf(quote);
        const body = (end === -1 ? lines[i] : lines[i].slice(0, end)).trim();
        if (body) commands.push({ system: 'jenkins', path: file.path, line: i + 1, command: body });
        if (end !== -1) break;
      }
      continue;
    }
    const m = /\b(sh|bat|powershell)\s*\(?\s*(?:script\s*:\s*)?(['"]{1,3})(.+?)\2/.exec(text);
    if (m) {
      commands.push({ system: 'jenkins', path: file.path, line: i + 1, command: m[3] });
    }
  }
  return commands;
}

/**
 * The build script Travis runs for a language when the configuration names none (`script:` absent):
 * `make` for Go with a Makefile (`go test` without one), `npm test` for Node, `./gradlew check` / `mvn test`
 * for Java, `cargo test`, `phpunit`, `mix test`, `sbt test`, `lein test`. Undefined for languages without a
 * default (Python) or whose default runs no particular task.
 */
function travisDefaultScript(file: SourceFile, files: SourceFile[]): CiCommand | undefined {
  const yaml = parseYamlFile(file.text);
  const root = asRecord(yaml.value);
  if (yaml.error || !root || 'script' in root) return undefined;
  const language = asString(root.language)?.toLowerCase();
  const has = (...names: string[]) => files.some(f => names.includes(f.path));
  let command: string | undefined;
  if (language === 'go') {
    command = has('GNUmakefile', 'Makefile', 'BSDmakefile', 'makefile') ? 'make' : 'go test -v ./...';
  } else if (language === 'node_js' || language === 'node') {
    command = has('yarn.lock') ? 'yarn test' : 'npm test';
  } else if (language === 'java' || language === 'jvm') {
    if (has('gradlew')) command = './gradlew check';
    else if (has('build.gradle', 'build.gradle.kts')) command = 'gradle check';
    else if (has('pom.xml')) command = 'mvn test -B';
  } else if (language === 'rust') command = 'cargo test --verbose';
  else if (language === 'php') command = 'phpunit';
  else if (language === 'elixir') command = 'mix test';
  else if (language === 'scala') command = 'sbt test';
  else if (language === 'clojure') command = 'lein test';
  if (!command) return undefined;
  return { system: 'travis', path: file.path, line: yaml.lineAt(['language']), command };
}

/** @public */
export interface CiFacts {
  systems: CiSystem[];
  workflows: WorkflowFact[];
  /** Shell commands run by any CI system. */
  commands: CiCommand[];
  errors: Array<{ path: string; message: string }>;
}

export function collectCi(files: SourceFile[]): CiFacts {
  const facts: CiFacts = { systems: [], workflows: [], commands: [], errors: [] };
  for (const file of files) {
    const system = ciSystemOf(file.path);
    if (!system) continue;
    facts.systems.push({ system, path: file.path });
    if (system === 'github-actions') {
      const workflow = parseWorkflow(file);
      facts.workflows.push(workflow);
      if (workflow.error) facts.errors.push({ path: file.path, message: workflow.error });
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          if (step.run) {
            facts.commands.push({ system, path: file.path, line: step.line, job: job.id, command: step.run });
          }
        }
      }
    } else if (system === 'jenkins') {
      facts.commands.push(...jenkinsCommands(file));
    } else if (basename(file.path).match(/\.ya?ml$/i)) {
      const { commands, error } = yamlCommands(file, system);
      facts.commands.push(...commands);
      const implied = system === 'travis' ? travisDefaultScript(file, files) : undefined;
      if (implied) facts.commands.push(implied);
      if (error) facts.errors.push({ path: file.path, message: error });
    }
  }
  return facts;
}
