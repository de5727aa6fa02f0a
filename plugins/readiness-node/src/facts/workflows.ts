/**
 * What the CI workflows do, read from the parsed CI facts: which commands run
 * tests, which workflow jobs deploy, whether the repository deploys at all, and
 * where in a workflow file a step's text sits. Shared by the CI/CD rules and by
 * every rule that needs to know whether and how a repository deploys.
 */
import { isGithubWorkflowPath, parseWorkflow } from './ci';
import type { WorkflowFact, WorkflowJob, WorkflowStep } from './ci';
import type { Facts } from './index';
import type { SourceFile } from '../snapshot';
import { memo } from './memo';
import { basename, joinPath } from './paths';
import { lineOf } from './text';
import { asArray, asRecord, asString, parseYamlFile } from './yamlDoc';

/** GitHub workflows that parsed; files with YAML errors are reported by the engine. */
export function parsedWorkflows(facts: Facts): WorkflowFact[] {
  return facts.ci.workflows.filter(w => !w.error);
}

/** The 1-based line of the first line at or after `from` whose text matches. */
export function locateLine(
  facts: Facts,
  path: string,
  from: number | undefined,
  test: (line: string) => boolean,
): number | undefined {
  const file = facts.file(path);
  if (!file) return from;
  const lines = file.text.split('\n');
  for (let i = Math.max(0, (from ?? 1) - 1); i < lines.length; i++) {
    if (test(lines[i])) return i + 1;
  }
  return from;
}

/** The trimmed text of a line of a repository file, for excerpts. */
export function excerptAt(
  facts: Facts,
  path: string,
  line: number | undefined,
): string | undefined {
  const file = facts.file(path);
  if (!file || line === undefined) return undefined;
  return lineOf(file, line) || undefined;
}

// ---------------------------------------------------------------------------
// Test commands

/** Segments of a shell command: one per line and per `&&`, `||`, `;`, `|`. */
export function commandSegments(command: string): string[] {
  return command
    .split(/\r?\n|&&|\|\||;|\|/)
    .map(s =>
      s
        .trim()
        .replace(/^\$\s+/, '')
        .replace(/^(?:[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\S*)\s+)+/, '')
        .replace(/^(?:sudo|time|exec|env|xvfb-run(?:\s+-a)?)\s+/, ''),
    )
    .filter(s => s && !s.startsWith('#'));
}

const INSTALL_SEGMENT =
  /^(?:(?:python[\d.]*\s+-m\s+)?pip[\d.]*\s+install|pipx\s+install|uv\s+(?:pip\s+install|add|sync)|poetry\s+(?:install|add)|npm\s+(?:install|i|ci|add)\b|yarn\s+(?:install|add)\b|yarn$|pnpm\s+(?:install|i|add)\b|bun\s+(?:install|add)\b|(?:apt|apt-get|apk|yum|dnf|brew)\s|go\s+(?:install|get|mod)\b|gem\s+install|bundle\s+install|cargo\s+install|dotnet\s+(?:tool|restore|add)\b|echo\b|printf\b|cat\b|export\b)/;

/** Runners that run tests by themselves. */
const TEST_RUNNERS: RegExp[] = [
  /^(?:npx\s+|pnpm\s+(?:exec|dlx)\s+|yarn\s+(?:exec\s+)?|bunx\s+|bun\s+)?(?:jest|vitest|mocha|ava|tap|karma|jasmine|nyc|c8|playwright\s+test|cypress\s+run|wdio|testcafe|react-scripts\s+test|craco\s+test|ng\s+test|backstage-cli\s+(?:repo|package)\s+test)\b/,
  /^bun\s+test\b/,
  /^deno\s+test\b/,
  // `uv run --locked -m pytest`, `poetry run coverage run -m pytest`: runners with their options.
  /^(?:python[\d.]*\s+-m\s+|(?:uv|poetry|pipenv|hatch|pdm|rye)\s+run(?:\s+--?[\w-]+(?:=\S+)?)*\s+|uvx\s+|coverage\s+run(?:\s+--?[\w-]+(?:=\S+)?)*\s+)*(?:pytest|py\.test|unittest|nose2?|green|trial)\b/,
  /\bmanage(?:\.py)?\s+test\b/,
  // Application CLIs' own test commands.
  /^(?:flask|php\s+artisan)\s+test\b/,
  /\bsetup\.py\s+test\b/,
  /^(?:go|richgo)\s+test\b|^gotestsum\b/,
  /^ginkgo\b/,
  /^dotnet\s+test\b/,
  /^cargo\s+(?:test|nextest)\b/,
  /^(?:bundle\s+exec\s+)?(?:rspec|rake\s+(?:test|spec)|rails\s+test)\b/,
  /^(?:vendor\/bin\/|\.\/vendor\/bin\/)?(?:phpunit|pest)\b/,
  /^mix\s+test\b/,
  /^ctest\b/,
  /^bazel(?:isk)?\s+(?:test|coverage)\b/,
  /^(?:swift|flutter|dart|zig\s+build|stack|cabal|lein|sbt|mill)\b.*\btest\b/,
  /^xcodebuild\b.*\btest\b/,
  /^(?:npx\s+)?(?:nx|turbo|lerna|rush|moon)\b.*\btest\b/,
  /^(?:docker(?:-|\s+)compose|docker)\b.*\b(?:pytest|jest|vitest|go\s+test|npm\s+(?:run\s+)?test|mvn\b.*\b(?:test|verify)|gradlew?\b.*\btest|rspec|phpunit|dotnet\s+test|tox|playwright\s+test|cypress\s+run|bun\s+test)\b/,
];

const MAVEN = /^(?:\.\/)?(?:mvnw?|mvn\.cmd|mvnw\.cmd)\b/;
const GRADLE = /^(?:\.\/)?(?:gradlew?|gradlew\.bat)\b/;
const NON_TEST_TOX_ENVS =
  /^(?:lint|flake8|mypy|format|fmt|docs|typing|types|style|pre-commit|black|ruff|pylint|isort|check-manifest|build|release)(?:,(?:lint|flake8|mypy|format|fmt|docs|typing|types|style|pre-commit|black|ruff|pylint|isort|check-manifest|build|release))*$/;

function mavenRunsTests(segment: string): boolean {
  if (!MAVEN.test(segment)) return false;
  if (
    /-DskipTests(?:=true)?\b|-Dmaven\.test\.skip(?:=true)?\b|-DskipUTs\b/.test(
      segment,
    )
  )
    return false;
  return /\s(?:[\w.-]+:)?(?:test|verify|package|install|deploy|integration-test)\b/.test(
    segment,
  );
}

function gradleRunsTests(segment: string): boolean {
  if (!GRADLE.test(segment)) return false;
  const excluded = [
    ...segment.matchAll(/(?:-x|--exclude-task)\s+:?(\S+)/g),
  ].map(m => m[1]);
  const tasks = segment
    .replace(/(?:-x|--exclude-task)\s+\S+/g, '')
    .split(/\s+/)
    .slice(1)
    .filter(t => !t.startsWith('-'))
    .map(t => t.split(':').pop() ?? t);
  return tasks.some(
    t =>
      /^(?:\w*[tT]est|check|build|\w+Check)$/.test(t) &&
      !excluded.some(x => x === t || x.endsWith('test') || x.endsWith('Test')),
  );
}

function toxRunsTests(segment: string): boolean {
  const m = /^(?:uvx\s+|pipx\s+run\s+)?(tox|nox)\b(.*)$/.exec(segment);
  if (!m) return false;
  const env = /\s-(?:e|s|-session|-sessions)\s+(\S+)/.exec(m[2]);
  return !env || !NON_TEST_TOX_ENVS.test(env[1]);
}

/** Context for following scripts a CI command calls: package.json scripts, Makefiles, shell scripts. */
export interface TestCommandContext {
  facts: Facts;
  depth?: number;
}

function npmScriptName(segment: string): string | undefined {
  if (INSTALL_SEGMENT.test(segment)) return undefined;
  const m =
    /^(?:npm|pnpm|bun)\s+(?:(?:--filter\s+\S+|--prefix\s+\S+|--workspace\s+\S+|-[wCF]\s+\S+|--[\w-]+(?:=\S+)?)\s+)*(?:run(?:-script)?\s+|t$|t\s)?([\w:.@/-]+)/.exec(
      segment,
    ) ??
    /^yarn\s+(?:(?:--cwd\s+\S+|workspace\s+\S+|--[\w-]+(?:=\S+)?)\s+)*(?:run\s+)?([\w:.@/-]+)/.exec(
      segment,
    );
  if (!m) return undefined;
  if (/^(npm|pnpm|bun)\s+t(\s|$)/.test(segment)) return 'test';
  return m[1];
}

function scriptsNamed(facts: Facts, name: string): string[] {
  return facts.manifests.packageJsons
    .map(p => p.scripts[name])
    .filter((s): s is string => typeof s === 'string');
}

function makeTargetRecipe(facts: Facts, target: string): string[] {
  const recipes: string[] = [];
  for (const file of facts.files) {
    if (!/^(?:GNU)?[Mm]akefile$|\.mk$/.test(basename(file.path))) continue;
    const lines = file.text.split('\n');
    const start = lines.findIndex(l =>
      new RegExp(
        `^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:(?!=)`,
      ).test(l),
    );
    if (start === -1) continue;
    const deps = lines[start].split(':').slice(1).join(':').trim();
    const body: string[] = [];
    for (
      let i = start + 1;
      i < lines.length && /^\t|^\s*$/.test(lines[i]);
      i++
    ) {
      body.push(lines[i].replace(/^\t@?-?/, ''));
    }
    recipes.push(body.join('\n'));
    for (const dep of deps.split(/\s+/).filter(Boolean)) {
      if (dep !== target) recipes.push(`make ${dep}`);
    }
  }
  return recipes;
}

/** The goal `make` builds with no target named: `.DEFAULT_GOAL`, else the first target of the folder's Makefile. */
function defaultMakeGoal(facts: Facts, dir: string): string | undefined {
  const folder = joinPath('', dir);
  const file = ['GNUmakefile', 'makefile', 'Makefile']
    .map(name => facts.file(folder ? `${folder}/${name}` : name))
    .find(f => f !== undefined);
  if (!file) return undefined;
  const declared = /^\.DEFAULT_GOAL\s*:?=\s*([\w.-]+)/m.exec(file.text);
  if (declared) return declared[1];
  for (const line of file.text.split('\n')) {
    const rule = /^([\w-][\w.-]*)(?:\s+[\w.-]+)*\s*::?(?!=)/.exec(line);
    if (rule && !line.includes('%')) return rule[1];
  }
  return undefined;
}

/** How a .NET build program runs the test suite: `Run("dotnet", "test …")`, `DotNetTest(…)`. */
const BUILD_PROGRAM_TEST =
  /["']dotnet["']\s*,\s*\$?@?["']test\b|["']dotnet\s+test\b|\bDotNet(?:Core)?Test\s*\(|\bDotNetTasks\.DotNetTest\b/;

/**
 * Whether the .NET build program a CI step starts runs the tests: the C#
 * sources of the project folder given to `dotnet run --project`, or the Cake
 * script given to `dotnet cake` (`build.cake` by default).
 */
function buildProgramRunsTests(facts: Facts, project?: string, cakeScript?: string): boolean {
  if (project === undefined) {
    const script = joinPath('', cakeScript ?? 'build.cake').toLowerCase();
    return facts.files.some(f => f.path.toLowerCase() === script && BUILD_PROGRAM_TEST.test(f.text));
  }
  const target = joinPath('', project.replace(/^["']|["']$/g, '')).toLowerCase();
  const dir = /\.[cf]sproj$/.test(target) ? target.slice(0, target.lastIndexOf('/') + 1) : `${target}/`;
  if (dir === '/' || dir === '') return false;
  return facts.files.some(
    f => /\.(?:cs|fs)$/i.test(f.path) && f.path.toLowerCase().startsWith(dir) && BUILD_PROGRAM_TEST.test(f.text),
  );
}

/** A psake task: the tasks it depends on and the commands of its action block. */
interface PsakeTask {
  depends: string[];
  body: string;
}

/** The text of a `{ … }` block that opens at `open`, braces counted; undefined when it never closes. */
function braceBlock(text: string, open: number): string | undefined {
  let level = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') level++;
    else if (text[i] === '}' && --level === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** The tasks of a psake build file, by lower-cased name: `task Test -depends Compile { exec { dotnet test } }`. */
function psakeTasks(file: SourceFile): Map<string, PsakeTask> {
  const tasks = new Map<string, PsakeTask>();
  const header = /^[ \t]*task\s+(?:-name\s+)?['"]?([\w?.-]+)['"]?([^\n{]*)/gim;
  for (const m of file.text.matchAll(header)) {
    const params = m[2];
    const depends = /-depends?\s+(?:@\()?\s*((?:['"]?[\w.-]+['"]?\s*,\s*)*['"]?[\w.-]+['"]?)/i.exec(params);
    const open = (m.index ?? 0) + m[0].length;
    const body = file.text[open] === '{' ? braceBlock(file.text, open) ?? '' : '';
    tasks.set(m[1].toLowerCase(), {
      depends: depends ? depends[1].split(',').map(d => d.trim().replace(/^['"]|['"]$/g, '').toLowerCase()) : [],
      // `exec { dotnet test … }`: the command inside the exec block, one per line.
      body: body.replace(/\bexec\s*\{/gi, '\n').replace(/[{}]/g, '\n'),
    });
  }
  return tasks;
}

/** `Invoke-psake ci`, `psake test`, `./psake.sh build.ps1 ci -properties …`: psake, with the build file and the tasks named. */
const PSAKE = /^(?:invoke-psake|(?:\.{0,2}[\\/])?(?:[\w.-]+[\\/])*psake(?:\.(?:cmd|bat|sh|ps1))?)(?=\s|$)(.*)$/i;

/**
 * Whether a psake run executes tests: the tasks named (`default` when none), their `-depends` tasks in
 * turn, and the commands of their action blocks, read from the build file given or the default
 * `psakefile.ps1` / `default.ps1`.
 */
function psakeRunsTests(segment: string, ctx: TestCommandContext): boolean {
  const m = PSAKE.exec(segment);
  if (!m) return false;
  const args = m[1].replace(/\s-\w+\s+(?:@?\{[^}]*\}|\$\{[^}]*\}|'[^']*'|"[^"]*"|\S+)/g, ' ').trim().split(/\s+/).filter(Boolean);
  const script = args.find(a => /\.ps1$/i.test(a));
  const names = args.filter(a => a !== script && /^[\w?.-]+$/.test(a) && !a.startsWith('-'));
  const candidates = script ? [joinPath('', script.replace(/\\/g, '/'))] : ['psakefile.ps1', 'default.ps1'];
  const file = ctx.facts.files.find(f => candidates.some(c => f.path.toLowerCase() === c.toLowerCase()));
  if (!file) return false;
  const tasks = memo(ctx.facts, `psake:${file.path}`, () => psakeTasks(file));
  const seen = new Set<string>();
  const queue = (names.length > 0 ? names : ['default']).map(n => n.toLowerCase());
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const task = tasks.get(name);
    if (!task) continue;
    if (commandRunsTests(task.body, ctx)) return true;
    queue.push(...task.depends);
  }
  return false;
}

/** A NUKE build target: the targets running it runs too (`DependsOn`, `Triggers`, and those naming it in `DependentFor`/`TriggeredBy`), and whether its own body runs tests. */
interface NukeTarget {
  runs: string[];
  tests: boolean;
}

/** How a NUKE target runs tests: the .NET test runner tasks. */
const NUKE_TEST = /\b(?:DotNet(?:Core)?Test|Xunit2|NUnit3|VSTest|MSTest)\s*\(/;
/** Target names as NUKE matches them on the command line: case and `-`/`_` do not count. */
const nukeName = (name: string) => name.replace(/[-_]/g, '').toLowerCase();

/**
 * The NUKE build of the repository: the targets its C# build classes (a class deriving from `NukeBuild`, the
 * sources beside and below it, partial classes and build components included) declare as
 * `Target Name => _ => _ …`, and the default target `Execute<Build>(x => x.Name)` names. Undefined without one.
 */
function nukeBuild(facts: Facts): { targets: Map<string, NukeTarget>; defaultTarget?: string } | undefined {
  return memo(facts, 'workflows.nukeBuild', () => {
    const roots = facts.files.filter(f => /\.cs$/i.test(f.path) && /:\s*NukeBuild\b/.test(f.text)).map(f => f.path.slice(0, f.path.lastIndexOf('/') + 1));
    if (roots.length === 0) return undefined;
    const targets = new Map<string, NukeTarget>();
    const target = (name: string) => {
      const key = nukeName(name);
      let t = targets.get(key);
      if (!t) targets.set(key, (t = { runs: [], tests: false }));
      return t;
    };
    const namesIn = (list: string) => list.split(',').map(part => /(\w+)\s*$/.exec(part.trim())?.[1]).filter((n): n is string => !!n);
    let defaultTarget: string | undefined;
    for (const file of facts.files) {
      if (!/\.cs$/i.test(file.path) || !roots.some(root => file.path.startsWith(root))) continue;
      defaultTarget ??= /\bExecute<\w+>\(\s*\w+\s*=>\s*\w+\.(\w+)\s*\)/.exec(file.text)?.[1];
      const starts = [...file.text.matchAll(/\bTarget\s+(\w+)\s*=>/g)];
      starts.forEach((m, i) => {
        const body = file.text.slice((m.index ?? 0) + m[0].length, starts[i + 1]?.index ?? file.text.length);
        const own = target(m[1]);
        if (NUKE_TEST.test(body)) own.tests = true;
        for (const link of body.matchAll(/\.(DependsOn|Triggers|DependentFor|TriggeredBy)\s*(?:<[^>]*>)?\s*\(([^;]*?)\)\s*(?=\.|;|$)/gm)) {
          for (const name of namesIn(link[2])) {
            if (link[1] === 'DependsOn' || link[1] === 'Triggers') own.runs.push(nukeName(name));
            else target(name).runs.push(nukeName(m[1]));
          }
        }
      });
    }
    return { targets, defaultTarget };
  });
}

/**
 * Whether a NUKE run executes tests: the targets named on its command line (positional words before the first
 * option, or those after `--target`), else the default target, with every target they run in turn.
 */
function nukeRunsTests(facts: Facts, args: string): boolean {
  const build = nukeBuild(facts);
  if (!build) return false;
  const argv = args.split(/\s+/).filter(Boolean).map(w => w.replace(/^['"]|['"]$/g, ''));
  const named: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (/^--?target$/i.test(argv[i])) {
      for (i++; i < argv.length && !argv[i].startsWith('-'); i++) named.push(argv[i]);
      i--;
    } else if (argv[i].startsWith('-') || argv[i].includes('$')) break;
    else named.push(argv[i]);
  }
  if (named.length === 0 && build.defaultTarget) named.push(build.defaultTarget);
  const queue = named.map(nukeName);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const t = build.targets.get(name);
    if (!t) continue;
    if (t.tests) return true;
    queue.push(...t.runs);
  }
  return false;
}

/** A repository script that starts a NUKE build (its bootstrapper `build.sh`, `build.ps1`, `build.cmd`), with the arguments given to it. */
const SCRIPT_CALL = /^(?:(?:bash|sh|zsh|pwsh|powershell(?:\.exe)?|cmd(?:\.exe)?\s+\/c)\s+(?:-File\s+)?)?((?:\.{0,2}\/)?[\w./-]+\.(?:sh|ps1|cmd|bat))(?=\s|$)(.*)$/i;
/** What a NUKE bootstrapper says: the `.nuke` folder it uses, or the `_build` project it runs. */
const NUKE_BOOTSTRAP = /\.nuke\b|\bnuke\b|_build\.csproj/i;

/** Whether one command segment runs tests. */
/** `env GO111MODULE=on make ci`, `CI=true npm test`: the environment set for a command, not the command. */
const ENV_PREFIX = /^(?:env(?:\s+-\S+)*\s+)?(?:[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|\S*)\s+)*/;
/** `npm start test.unit` through nps / package-scripts: the start script runs the named task. */
const START_TASK = /^(?:npm|yarn|pnpm)\s+(?:run\s+)?start\s+(?:--\s+)?([\w.:-]+)/;

function segmentRunsTests(raw: string, ctx?: TestCommandContext): boolean {
  const segment = raw.replace(ENV_PREFIX, '');
  if (INSTALL_SEGMENT.test(segment)) return false;
  const task = START_TASK.exec(segment);
  if (task && /(^|[.:_-])(test|tests|spec|e2e|unit|integration)([.:_-]|$)/i.test(task[1])) return true;
  if (TEST_RUNNERS.some(re => re.test(segment))) return true;
  if (
    mavenRunsTests(segment) ||
    gradleRunsTests(segment) ||
    toxRunsTests(segment)
  )
    return true;
  const depth = ctx?.depth ?? 0;
  const deeper =
    ctx && depth < 3 ? { facts: ctx.facts, depth: depth + 1 } : undefined;

  const script = npmScriptName(segment);
  if (script !== undefined) {
    if (
      /(^|[:_-])(test|tests|spec|e2e|unit|integration)([:_-]|$)/i.test(script)
    )
      return true;
    if (deeper) {
      return scriptsNamed(deeper.facts, script).some(s =>
        commandRunsTests(s, deeper),
      );
    }
    return false;
  }
  const make = /^(?:make|gmake)\b(?:\s+-[Cf]\s+\S+|\s+-\S+)*\s+([\w.-]+)/.exec(
    segment,
  );
  // `make`, `make -C api`: the Makefile's default goal (`.DEFAULT_GOAL`, else its first target).
  const bareMake = /^(?:make|gmake)\b((?:\s+-[Cf]\s+\S+|\s+-\S+)*)\s*$/.exec(segment);
  if (bareMake && deeper) {
    const goal = defaultMakeGoal(deeper.facts, /-C\s+(\S+)/.exec(bareMake[1])?.[1] ?? '');
    return goal !== undefined && commandRunsTests(`make ${goal}`, deeper);
  }
  if (make) {
    if (
      /^(test|tests|check|unit|integration|e2e|spec|ci-test|test-\S+|\S+-test)$/i.test(
        make[1],
      )
    )
      return true;
    if (deeper)
      return makeTargetRecipe(deeper.facts, make[1]).some(r =>
        commandRunsTests(r, deeper),
      );
    return false;
  }
  if (deeper && PSAKE.test(segment)) return psakeRunsTests(segment, deeper);
  // A build program in .NET (Bullseye, Nuke, Cake) started with `dotnet run --project build` or `dotnet cake`.
  const program = /^dotnet\s+(?:run\b.*?--project[\s=]+(\S+)|(?:tool\s+run\s+dotnet-)?cake\b(?:\s+(\S+\.cake))?)/.exec(segment);
  if (program && deeper) return buildProgramRunsTests(deeper.facts, program[1], program[2]);
  // `uv run bash scripts/test.sh`, `poetry run ./scripts/test.sh`: the runner only sets up the environment.
  // Windows paths (`pwsh .\scripts\ci.ps1`) name the same files as `./scripts/ci.ps1`.
  const launched = segment
    .replace(/^(?:(?:uv|poetry|pipenv|hatch|pdm|rye)\s+run|npx|bunx|pnpm\s+exec|yarn\s+exec|exec)\s+/, '')
    .replace(/\\(?=[\w.-])/g, '/');
  // NUKE: the global tool (`nuke Test`), or the bootstrapper script of the repository (`./build.sh Test`).
  const nuke = /^(?:dotnet\s+(?:tool\s+run\s+)?)?nuke(?=\s|$)(.*)$/i.exec(launched);
  if (nuke && deeper) return nukeRunsTests(deeper.facts, nuke[1]);
  const call = SCRIPT_CALL.exec(launched);
  if (call && deeper) {
    const bootstrap = deeper.facts.file(joinPath('', call[1]));
    if (bootstrap && NUKE_BOOTSTRAP.test(bootstrap.text) && nukeBuild(deeper.facts)) return nukeRunsTests(deeper.facts, call[2]);
  }
  const file =
    /^(?:(?:bash|sh|zsh|pwsh|powershell|python[\d.]*|node)\s+)?((?:\.{0,2}\/)?[\w./-]+\.(?:sh|bash|ps1|py|js|mjs))\b/.exec(
      launched,
    );
  if (
    file &&
    (file[0].includes('/') ||
      /^(bash|sh|zsh|pwsh|powershell|python|node)/.test(launched))
  ) {
    if (/tests?|spec/i.test(basename(file[1]))) return true;
    if (deeper) {
      const path = joinPath('', file[1]);
      const target = deeper.facts.file(path);
      if (target && !/\.(py|js|mjs)$/.test(path))
        return commandRunsTests(target.text, deeper);
    }
  }
  // `./ci/run`, `.ci/test-all`: a script of the repository without an extension, run by its shebang.
  const executable = /^(?:(?:bash|sh|zsh)\s+)?((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)+)(?=\s|$)/.exec(launched);
  if (executable && !/\.\w+$/.test(basename(executable[1])) && deeper) {
    const target = deeper.facts.file(joinPath('', executable[1]));
    if (target && /^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z)?sh\b/.test(target.text)) {
      return commandRunsTests(target.text, deeper);
    }
  }
  return false;
}

/**
 * Whether a shell command (one or many lines) runs tests, following npm
 * scripts, make targets and shell scripts it calls when facts are given.
 */
export function commandRunsTests(
  command: string,
  ctx?: TestCommandContext,
): boolean {
  return commandSegments(command).some(segment =>
    segmentRunsTests(segment, ctx),
  );
}

/** Whether a `uses:` reference names something that runs tests. */
export function actionRunsTests(step: WorkflowStep): boolean {
  const uses = step.uses?.toLowerCase() ?? '';
  if (!uses) return false;
  const name = uses.split('@')[0];
  if (
    /tests?\b|[-_/]tests?[-_]|cypress-io\/github-action|playwright|codecov\/codecov-action|coverallsapp\/github-action/.test(
      name,
    )
  ) {
    return true;
  }
  if (/gradle/.test(name)) {
    const args = step.with?.arguments ?? step.with?.args ?? '';
    if (args && gradleRunsTests(`gradle ${args}`)) return true;
  }
  for (const key of ['run', 'command', 'script', 'args', 'test-command']) {
    const value = step.with?.[key];
    if (value && commandRunsTests(value)) return true;
  }
  return false;
}

/** The parsed workflow of the repository a job's `uses: ./.github/workflows/x.yml` calls, other than `from`. */
export function localWorkflow(
  facts: Facts,
  uses: string,
  from: WorkflowFact,
): WorkflowFact | undefined {
  if (!uses.startsWith('./')) return undefined;
  const path = joinPath('', uses.split('@')[0]);
  return facts.ci.workflows.find(
    w => w.path === path && w !== from && !w.error,
  );
}

/** A composite action of the repository (`action.yml` whose `runs.steps` are listed). @public */
export interface LocalAction {
  path: string;
  steps: WorkflowStep[];
}

/** Parses a composite action file; undefined when it is not one (a Docker or JavaScript action, invalid YAML). */
export function parseCompositeAction(path: string, text: string): LocalAction | undefined {
  const yaml = parseYamlFile(text);
  if (yaml.error) return undefined;
  const runs = asRecord(asRecord(yaml.value)?.runs);
  if (!runs || asString(runs.using) !== 'composite') return undefined;
  const steps = asArray(runs.steps).map((raw, i) => {
    const step = asRecord(raw) ?? {};
    const out: WorkflowStep = { line: yaml.lineAt(['runs', 'steps', i]) };
    const name = asString(step.name);
    const uses = asString(step.uses);
    const run = asString(step.run);
    if (name) out.name = name;
    if (uses) out.uses = uses;
    if (run) out.run = run;
    return out;
  });
  return { path, steps };
}

/** The local composite action a step's `uses: ./dir` names (the `action.yml` or `action.yaml` in that folder). */
export function localAction(facts: Facts, uses: string | undefined): LocalAction | undefined {
  if (!uses?.startsWith('./')) return undefined;
  const dir = joinPath('', uses.split('@')[0]);
  for (const name of ['action.yml', 'action.yaml']) {
    const file = facts.file(joinPath(dir, name));
    if (file) return memo(facts, `workflows.localAction:${file.path}`, () => parseCompositeAction(file.path, file.text));
  }
  return undefined;
}

/** Whether steps run tests, directly or through the local composite actions they use. */
function stepsRunTests(facts: Facts, steps: WorkflowStep[], seen: Set<string>): boolean {
  const ctx = { facts };
  return steps.some(s => {
    if ((s.run && commandRunsTests(s.run, ctx)) || actionRunsTests(s)) return true;
    const action = localAction(facts, s.uses);
    if (!action || seen.has(action.path)) return false;
    seen.add(action.path);
    return stepsRunTests(facts, action.steps, seen);
  });
}

/** Whether a job runs tests itself (steps, local composite actions, or a reusable workflow that does). */
export function jobRunsTests(
  facts: Facts,
  workflow: WorkflowFact,
  job: WorkflowJob,
  seen = new Set<string>(),
): boolean {
  if (stepsRunTests(facts, job.steps, seen)) {
    return true;
  }
  if (job.uses) {
    if (/tests?\b|[-_/]tests?[-_.]/i.test(job.uses)) return true;
    const target = localWorkflow(facts, job.uses, workflow);
    if (target && !seen.has(target.path)) {
      seen.add(target.path);
      return target.jobs.some(j => jobRunsTests(facts, target, j, seen));
    }
  }
  return false;
}

/** The jobs a job depends on, directly or through others. */
export function upstreamJobs(
  workflow: WorkflowFact,
  job: WorkflowJob,
): WorkflowJob[] {
  const byId = new Map(workflow.jobs.map(j => [j.id, j]));
  const out: WorkflowJob[] = [];
  const seen = new Set<string>([job.id]);
  const queue = [...job.needs];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const upstream = byId.get(id);
    if (upstream) {
      out.push(upstream);
      queue.push(...upstream.needs);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Deploy jobs

/**
 * Commands that publish a package or a library's release to a registry: npm, PyPI, crates, gems, Maven (`mvn` or the
 * wrapper `./mvnw` running the `deploy` goal or `release:perform`; a `-Dmaven.deploy.skip` property is no goal),
 * Gradle publishing tasks (not `publishToMavenLocal`, which stays on the machine), NuGet.
 */
const PACKAGE_PUBLISH_SOURCE = String.raw`(?:npm\s+publish|yarn\s+(?:npm\s+)?publish|pnpm\s+publish|bun\s+publish|twine\s+upload|(?:poetry|uv|hatch|flit|pdm)\s+publish|cargo\s+publish|gem\s+push|mvnw?(?:\.cmd)?\s+(?:\S+\s+)*?(?:deploy(?::deploy(?:-file)?)?|release:perform)(?=\s|$)|gradlew?(?:\.bat)?\s+(?:\S+\s+)*?:?(?:[\w-]+:)*publish(?!\w*ToMavenLocal\b)\w*(?=\s|$)|dotnet\s+nuget\s+push|nuget\s+push)`;

/** Shell commands that deploy or release something, package publishes included. */
export const DEPLOY_COMMAND = new RegExp(
  String.raw`\b(?:kubectl\s+(?:apply|create|replace|set\s+image|rollout\s+restart|patch)|helm(?:file)?\s+(?:upgrade|install|sync|apply)|terraform\s+apply|tofu\s+apply|terragrunt\s+(?:run-all\s+)?apply|pulumi\s+up|cdk\s+deploy|sam\s+deploy|aws\s+ecs\s+update-service|aws\s+lambda\s+update-function-code|aws\s+elasticbeanstalk\s+update-environment|aws\s+deploy\s+create-deployment|ecs-deploy|copilot\s+(?:svc\s+)?deploy|(?:serverless|sls)\s+deploy|fly(?:ctl)?\s+deploy|gcloud\s+(?:run|app|functions)\s+deploy|gcloud\s+run\s+services\s+update|az\s+(?:webapp|functionapp)\s+(?:deploy|up)|azd\s+(?:up|deploy)\b|az\s+containerapp\s+(?:update|up)|heroku\s+(?:container:release|releases)|git\s+push\s+(?:\S+\s+)*(?:heroku|dokku|production|prod)\b|vercel\b.*--prod|netlify\s+deploy\b.*--prod|firebase\s+deploy|wrangler\s+(?:deploy|publish)|railway\s+up|render\s+deploy|kamal\s+deploy|cap\s+production\s+deploy|ansible-playbook\b.*\b(?:deploy|prod|production)|skaffold\s+(?:run|deploy)|argocd\s+app\s+sync|docker\s+stack\s+deploy|${PACKAGE_PUBLISH_SOURCE})`,
);

/** Shell commands that publish a container image to a registry, where deploys pull it from. */
export const IMAGE_PUBLISH_COMMAND =
  /\b(?:docker|podman|buildah)\s+(?:image\s+)?push\b|\bdocker\s+buildx\s+(?:build|bake)\b.*\s--push\b|\bdocker(?:-|\s+)compose\b.*\spush\b|\bcrane\s+(?:push|copy|cp)\b|\bskopeo\s+copy\b|\bjib:build\b|\bgradlew?\b.*\bjib\b(?!DockerBuild|BuildTar)/;
/** Registries that live inside the job (a throwaway local registry for tests). */
const LOCAL_REGISTRY = /\b(?:localhost|127\.0\.0\.1|kind-registry|registry\.local)(?::\d+)?\//;

/** Reusable workflows, by file name, that build and publish images. */
const IMAGE_WORKFLOW_NAME = /docker|image|container|oci|build-?push/i;
/** Secrets and inputs that carry a registry login. */
const REGISTRY_CREDENTIAL = /docker|registry|ghcr|\becr\b|gcr|\bacr\b|quay|harbor|cr[-_](?:token|password|user)/i;

/** Actions that deploy or publish. GitHub Pages deploys (docs sites) are not counted. */
const DEPLOY_ACTION =
  /^(?:azure\/(?:webapps-deploy|functions-action|k8s-deploy|container-apps-deploy-action|aks-set-context)|aws-actions\/(?:amazon-ecs-deploy-task-definition|aws-cloudformation-github-deploy)|google-github-actions\/(?:deploy-cloudrun|deploy-appengine|deploy-cloud-functions)|superfly\/flyctl-actions|amondnet\/vercel-action|nwtgck\/actions-netlify|akhileshns\/heroku-deploy|cloudflare\/wrangler-action|pulumi\/actions|appleboy\/(?:ssh-action|scp-action)|pypa\/gh-action-pypi-publish|softprops\/action-gh-release|helm\/chart-releaser-action|hashicorp\/tfc-workflows-github\/actions\/apply-run|serverless\/github-action|easingthemes\/ssh-deploy|FirebaseExtended\/action-hosting-deploy)/i;

const DEPLOY_NAME =
  /\b(?:deploy\w*|release|publish\w*|rollout|roll-out|ship|promote)\b|(?:^|[-_])(?:deploy|release|publish|rollout)(?:[-_]|$)/i;
const PROD_ENVIRONMENT = /\b(?:prod|production|live|release)\b/i;

export interface DeployJob {
  workflow: WorkflowFact;
  job: WorkflowJob;
  /** Why the job counts as a deploy. */
  reason: string;
  /** The line that shows it. */
  line?: number;
  /** Index of the step that deploys, when a step shows it. */
  stepIndex?: number;
  /** Whether the job counts only because it publishes a container image (and deploys nothing else). */
  imagePublish?: boolean;
  /** Whether the job publishes a package or a release (npm, PyPI, NuGet, crates, gems, Maven, a GitHub release, a Helm chart) rather than deploying a service. */
  packagePublish?: boolean;
}

/** Commands and actions that publish a package or a release: a library's release, not a running service. */
export const PACKAGE_PUBLISH_COMMAND = new RegExp(String.raw`\b${PACKAGE_PUBLISH_SOURCE}`);
const PACKAGE_PUBLISH_ACTION = /^(?:pypa\/gh-action-pypi-publish|softprops\/action-gh-release|helm\/chart-releaser-action)/i;

const NON_PROD_TARGET =
  /\b(?:preview|previews|staging|stage|stg|dev|develop|development|testing|qa|uat|sandbox|review|demo|canary-test|e2e|integration|smoke)\b/i;
/** Throwaway clusters and stacks started inside the job: applying manifests to them is a test, not a deploy. */
const LOCAL_TARGET =
  /\bkind\s+create\s+cluster\b|\bminikube\s+start\b|\bk3d\s+cluster\s+create\b|\bk3s\b|\bmicrok8s\b|\bct\s+install\b/;
const LOCAL_TARGET_ACTION =
  /^(?:helm\/kind-action|container-tools\/kind-action|medyagh\/setup-minikube|manusa\/actions-setup-minikube|AbsaOSS\/k3d-action|nolar\/setup-k3d-k3s|helm\/chart-testing-action|debianmaintainers\/actions-k3s)/i;
const NOT_A_DEPLOY_NAME =
  /\b(?:tests?|test-results?|coverage|reports?|docs?|documentation|storybook|pages|artifacts?|lint|benchmarks?|screenshots?)\b/i;

/** Commands that build a documentation site and push it to the gh-pages branch. */
const PAGES_COMMAND = /\b(?:mkdocs\s+gh-deploy|mike\s+deploy|ghp-import|gh-pages\s+(?:-d|--dist)|docusaurus\s+deploy|jupyter-book\s+deploy)\b/;

/** Whether a job publishes a GitHub Pages site (a docs site): a Pages action, or a docs tool's gh-pages deploy command. */
function isPagesDeploy(job: WorkflowJob): boolean {
  return job.steps.some(
    s =>
      /^(?:actions\/deploy-pages|peaceiris\/actions-gh-pages|JamesIves\/github-pages-deploy-action|actions\/upload-pages-artifact)/i.test(
        s.uses ?? '',
      ) || (s.run !== undefined && PAGES_COMMAND.test(s.run)),
  );
}

/**
 * Whether a docker/build-push-action step pushes: `push: true`, or an
 * expression (`${{ github.event_name != 'pull_request' }}`) that pushes on
 * some events. Images pushed only to a registry inside the job do not count.
 */
function pushesImage(step: WorkflowStep): boolean {
  const push = (step.with?.push ?? '').trim();
  const pushed =
    /^true$/i.test(push) || /^\$\{\{.*\}\}$/.test(push) || /\bpush=true\b/.test(step.with?.outputs ?? '');
  return pushed && !LOCAL_REGISTRY.test(step.with?.tags ?? '');
}

/**
 * Why a job that calls another repository's reusable workflow publishes an
 * image: the workflow builds images (by its file name) and the job hands it a
 * registry login, `packages: write`, or `push: true`.
 */
function reusableImagePublish(job: WorkflowJob): string | undefined {
  if (!job.uses || job.uses.startsWith('./')) return undefined;
  const file = job.uses.split('@')[0].split('/').pop() ?? '';
  if (!IMAGE_WORKFLOW_NAME.test(file)) return undefined;
  const permissions = job.permissions as Record<string, unknown> | string | undefined;
  const packagesWrite =
    permissions === 'write-all' ||
    (typeof permissions === 'object' && permissions !== null && permissions.packages === 'write');
  const credentials = (job.secrets ?? []).some(name => REGISTRY_CREDENTIAL.test(name));
  const push = /^true$/i.test(job.with?.push ?? '');
  if (!packagesWrite && !credentials && !push) return undefined;
  return `publishes container images through ${job.uses.split('@')[0]}`;
}

function words(job: WorkflowJob): string {
  return [job.id, job.name ?? '', job.environment ?? '']
    .join(' ')
    .replace(/[_]/g, '-');
}

/**
 * Marks a job whose image publish (at step `from`) is all it ships: no later step deploys, and it targets no
 * production environment and is not named for deploying or releasing.
 */
function imageOnly(job: WorkflowJob, from: number): { imagePublish?: true } {
  const later = job.steps.slice(from + 1);
  const deploysLater = later.some(
    s => (s.run && commandSegments(s.run).some(segment => DEPLOY_COMMAND.test(segment))) || (s.uses && DEPLOY_ACTION.test(s.uses)),
  );
  const prod = !!job.environment && PROD_ENVIRONMENT.test(job.environment);
  const named = DEPLOY_NAME.test(job.id) || (job.name !== undefined && DEPLOY_NAME.test(job.name));
  return deploysLater || prod || named ? {} : { imagePublish: true };
}

/** Why a job counts as a deploy job, or undefined. */
export function deployReason(
  job: WorkflowJob,
): { reason: string; line?: number; stepIndex?: number; imagePublish?: boolean; packagePublish?: boolean } | undefined {
  if (isPagesDeploy(job)) return undefined;
  if (
    job.steps.some(
      s =>
        (s.run && LOCAL_TARGET.test(s.run)) ||
        LOCAL_TARGET_ACTION.test(s.uses ?? ''),
    )
  ) {
    return undefined;
  }
  const label = words(job);
  // Deploys to previews, staging or test environments are not production deploys.
  if (NON_PROD_TARGET.test(label) && !PROD_ENVIRONMENT.test(label))
    return undefined;
  for (const [i, step] of job.steps.entries()) {
    if (step.run) {
      const m = commandSegments(step.run)
        .filter(segment => !/--dry-run\b/.test(segment))
        .map(segment => DEPLOY_COMMAND.exec(segment))
        .find(Boolean);
      if (m)
        return {
          reason: `runs \`${m[0].trim()}\``,
          line: step.line,
          stepIndex: i,
          ...(PACKAGE_PUBLISH_COMMAND.test(m[0]) ? { packagePublish: true } : {}),
        };
    }
    if (step.uses && DEPLOY_ACTION.test(step.uses)) {
      return {
        reason: `uses ${step.uses.split('@')[0]}`,
        line: step.line,
        stepIndex: i,
        ...(PACKAGE_PUBLISH_ACTION.test(step.uses) ? { packagePublish: true } : {}),
      };
    }
    if (step.run && !NOT_A_DEPLOY_NAME.test(label)) {
      const m = commandSegments(step.run)
        .filter(segment => !LOCAL_REGISTRY.test(segment))
        .map(segment => IMAGE_PUBLISH_COMMAND.exec(segment))
        .find(Boolean);
      if (m)
        return {
          reason: `publishes a container image (\`${m[0].trim()}\`)`,
          line: step.line,
          stepIndex: i,
          ...imageOnly(job, i),
        };
    }
    if (step.uses && /docker\/build-push-action/i.test(step.uses) && pushesImage(step) && !NOT_A_DEPLOY_NAME.test(label)) {
      return {
        reason: 'publishes a container image',
        line: step.line,
        stepIndex: i,
        ...imageOnly(job, i),
      };
    }
  }
  const reusable = reusableImagePublish(job);
  if (reusable) return { reason: reusable, line: job.line, ...imageOnly(job, job.steps.length) };
  if (job.environment && PROD_ENVIRONMENT.test(job.environment)) {
    return {
      reason: `targets the ${job.environment} environment`,
      line: job.line,
    };
  }
  const named =
    DEPLOY_NAME.test(job.id) ||
    (job.name !== undefined && DEPLOY_NAME.test(job.name));
  if (named && !NOT_A_DEPLOY_NAME.test(`${job.id} ${job.name ?? ''}`)) {
    // A job named "deploy" must do something beyond checking out and setting up.
    if (
      job.uses ||
      job.steps.some(
        s =>
          s.run ||
          (s.uses &&
            !/^actions\/(?:checkout|setup-|cache|download-artifact)/.test(
              s.uses,
            )),
      )
    ) {
      return { reason: `is named ${job.name ?? job.id}`, line: job.line };
    }
  }
  return undefined;
}

/** Why a job that calls a reusable workflow of the repository deploys: a job of that workflow does. */
function localReusableDeploy(
  facts: Facts,
  workflow: WorkflowFact,
  job: WorkflowJob,
  seen = new Set<string>([workflow.path]),
): { reason: string; line?: number; stepIndex?: number } | undefined {
  if (!job.uses) return undefined;
  const target = localWorkflow(facts, job.uses, workflow);
  if (!target || seen.has(target.path)) return undefined;
  seen.add(target.path);
  for (const called of target.jobs) {
    const why = deployReason(called) ?? localReusableDeploy(facts, target, called, seen);
    if (why) return { reason: `calls ${target.path}, whose job '${called.name ?? called.id}' ${why.reason}`, line: job.line };
  }
  return undefined;
}

/** Every job of a parsed GitHub workflow that deploys, releases or publishes to production. */
export function deployJobs(facts: Facts): DeployJob[] {
  return memo(facts, 'workflows.deployJobs', () => findDeployJobs(facts));
}

function findDeployJobs(facts: Facts): DeployJob[] {
  const out: DeployJob[] = [];
  for (const workflow of parsedWorkflows(facts)) {
    for (const job of workflow.jobs) {
      const why = deployReason(job) ?? localReusableDeploy(facts, workflow, job);
      if (why) {
        out.push({
          workflow,
          job,
          reason: why.reason,
          line: why.line ?? job.line,
          ...(why.stepIndex !== undefined ? { stepIndex: why.stepIndex } : {}),
          ...('imagePublish' in why && why.imagePublish ? { imagePublish: true } : {}),
          ...('packagePublish' in why && why.packagePublish ? { packagePublish: true } : {}),
        });
      }
    }
  }
  return out;
}

/**
 * Whether any CI system deploys a service: a GitHub deploy job, or a deploy or image-publish command in any
 * CI config. Publishing a package or a release (a library's npm, PyPI or NuGet release) deploys no service.
 */
export function hasDeployPipeline(facts: Facts): boolean {
  if (deployJobs(facts).some(d => !d.packagePublish)) return true;
  return facts.ci.commands.some(
    c =>
      c.system !== 'github-actions' &&
      (commandSegments(c.command).some(seg => DEPLOY_COMMAND.test(seg) && !PACKAGE_PUBLISH_COMMAND.test(seg)) ||
        (IMAGE_PUBLISH_COMMAND.test(c.command) && !LOCAL_REGISTRY.test(c.command))),
  );
}

/** The directory of a workflow's repository root-relative path (for messages). */
export function workflowLabel(workflow: WorkflowFact): string {
  return workflow.name ? `${workflow.name} (${workflow.path})` : workflow.path;
}

/**
 * CI workflows that run tests and never deploy: the values in their `env:`
 * blocks configure a throwaway test run, not a production default.
 */
export function testOnlyWorkflowPaths(facts: Facts): Set<string> {
  return memo(facts, 'workflows.testOnly', () => {
    const deploying = new Set(deployJobs(facts).map(d => d.workflow.path));
    const out = new Set(
      parsedWorkflows(facts)
        .filter(w => !deploying.has(w.path) && w.jobs.some(job => jobRunsTests(facts, w, job) || jobOnlyChecks(facts, job)))
        .map(w => w.path),
    );
    for (const file of facts.files) {
      // Composite actions of the repository that run tests or checks and deploy nothing.
      if (/^\.github\/(?:.+\/)?action\.ya?ml$/i.test(file.path)) {
        const action = localAction(facts, `./${file.path.slice(0, file.path.lastIndexOf('/'))}`);
        if (action && !stepsDeploy(action.steps) && (stepsRunTests(facts, action.steps, new Set()) || stepsOnlyCheck(action.steps))) {
          out.add(file.path);
        }
        continue;
      }
      // A workflow kept as a template outside .github/workflows (copied into generated projects): not this
      // repository's pipeline; its env values configure the test or check runs of the projects made from it.
      if (!/\.ya?ml$/i.test(file.path) || isGithubWorkflowPath(file.path) || !/^jobs:/m.test(file.text) || !/^\s+runs-on:/m.test(file.text)) continue;
      if (!/^on:/m.test(file.text)) continue;
      const template = parseWorkflow(file);
      // A template that only parses once generated (unquoted globs, template tags in odd places): read its lines as steps.
      const jobs: WorkflowJob[] = template.error
        ? [{ id: '', needs: [], steps: file.text.split('\n').map(l => ({ run: l.replace(/^\s*(?:-\s+)?(?:run:\s*[|>]?)?\s*/, '') })) }]
        : template.jobs;
      if (jobs.length === 0 || jobs.some(job => stepsDeploy(job.steps))) continue;
      if (jobs.some(job => stepsRunTests(facts, job.steps, new Set()) || jobOnlyChecks(facts, job))) out.add(file.path);
    }
    return out;
  });
}

/** Lint, type, migration and framework checks (`manage.py check --deploy`, `ruff check`, `makemigrations --check`). */
const CHECK_COMMAND =
  /\b(?:manage\.py\s+(?:check|makemigrations\s+(?:.*\s)?--check|makemigrations\s+--dry-run)|ruff(?:\s+check)?|flake8|pylint|mypy|black\s+--check|eslint|tsc\s+--noEmit|pre-commit\s+run|golangci-lint|(?:npm|pnpm|yarn)\s+(?:run\s+)?(?:lint|typecheck|type-check|format:check))\b/;

/** Whether steps deploy, release or publish an image. */
function stepsDeploy(steps: WorkflowStep[]): boolean {
  return deployReason({ id: '', needs: [], steps }) !== undefined || steps.some(s => s.run && IMAGE_PUBLISH_COMMAND.test(s.run));
}

function stepsOnlyCheck(steps: WorkflowStep[]): boolean {
  return steps.some(s => s.run && CHECK_COMMAND.test(s.run));
}

/** A job that runs checks (lint, type, migration or deploy-settings checks) and deploys nothing. */
function jobOnlyChecks(facts: Facts, job: WorkflowJob): boolean {
  if (deployReason(job)) return false;
  const steps = job.steps.flatMap(s => [s, ...(localAction(facts, s.uses)?.steps ?? [])]);
  return !stepsDeploy(steps) && stepsOnlyCheck(steps);
}
