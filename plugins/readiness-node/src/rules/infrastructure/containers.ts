/**
 * Helpers shared by the container rules of this category: which Dockerfiles
 * and compose services count, and how they relate to each other.
 */
import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { VENDORED_DIRS } from '../../snapshot';
import { instructionCommandLine } from '../../facts/dockerfiles';
import { isComposeDocument, parseComposeFile } from '../../facts/compose';
import type {
  ComposeFileFact,
  ComposeService,
  DockerfileFact,
  DockerInstruction,
  DockerStage,
  Facts,
  ImageReference,
} from '../../facts';
import { basename, dirname, isDevWorkspacePath, isLowConfidencePath, isTestOnlyContainerPath, joinPath, lineOf } from '../../facts';

export { isTestOnlyContainerPath };
import { imageBaseName, KubeContainer, kubernetesContainers, skaffoldArtifacts } from '../../facts/kubernetes';

/** Whether a path lies in a vendored or generated tree. */
export function isVendored(path: string): boolean {
  const parts = path.split('/');
  return parts.slice(0, -1).some(part => VENDORED_DIRS.has(part));
}

/** The confidence of a finding at a path. */
export function confidenceOf(path: string): NonNullable<Finding['confidence']> {
  // Development workspaces (dev containers, Gitpod, CodeSandbox) are developer tooling,
  // not something that ships; test and CI images and compose files run the tests, not the service.
  return isLowConfidencePath(path) || isDevWorkspacePath(path) || isTestOnlyContainerPath(path)
    ? 'low'
    : 'high';
}

/** A command that runs a test suite and exits, or a load-testing tool (Locust, k6, JMeter, Gatling, Artillery) that drives traffic at a service. */
const TEST_RUNNER_COMMAND =
  /(?:^|[\s"'\[,])(?:locust|k6\s+run|jmeter|gatling(?:\.sh)?|artillery\s+run|pytest|py\.test|tox|nox|jest|vitest|mocha|ava|karma|rspec|phpunit|(?:npm|yarn|pnpm|bun)(?:\s+run)?\s+(?:test|e2e)|go\s+test|playwright\s+test|cypress\s+run|mvnw?\s+(?:-\S+\s+)*(?:test|verify)|gradlew?\s+(?:-\S+\s+)*(?:test|check)|dotnet\s+test|python\s+-m\s+(?:pytest|unittest))(?=[\s"',\]]|$)/;

/** Whether the image a Dockerfile builds runs a test suite or a load test (its final CMD or ENTRYPOINT starts a test runner or load-testing tool). */
export function runsTestSuite(dockerfile: DockerfileFact): boolean {
  const stage = dockerfile.finalStage;
  if (!stage) return false;
  const start = dockerfile.instructions.filter(
    i => i.stage === stage.index && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'),
  );
  return start.length > 0 && start.some(i => TEST_RUNNER_COMMAND.test(instructionCommandLine(i.args)));
}


/** The command a Dockerfile's image starts with: the CMD and ENTRYPOINT of its final stage, or of the stage that one builds on. */
export function startCommandOf(dockerfile: DockerfileFact): string {
  let stage = dockerfile.finalStage;
  while (stage) {
    const current = stage;
    const start = dockerfile.instructions.filter(
      i => i.stage === current.index && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'),
    );
    if (start.length) return start.map(i => instructionCommandLine(i.args)).join(' ');
    stage = parentStageOf(dockerfile, stage);
  }
  return '';
}

/** The confidence of a finding about a Dockerfile: low for dev containers, test fixtures and test-runner images. */
export function dockerfileConfidence(dockerfile: DockerfileFact): NonNullable<Finding['confidence']> {
  return runsTestSuite(dockerfile) ? 'low' : confidenceOf(dockerfile.path);
}

/**
 * Dockerfiles that parsed into at least one stage, outside vendored trees and
 * development workspaces (a `.devcontainer/`, `.gitpod.Dockerfile` or `.codesandbox/`
 * image sets up an editor, it is not a production image).
 */
export function dockerfilesOf(facts: Facts): DockerfileFact[] {
  return facts.dockerfiles.filter(d => d.finalStage && !isVendored(d.path) && !isDevWorkspacePath(d.path));
}

/** Why the Dockerfile rules have nothing to judge: no Dockerfile, or only development-workspace images. */
export function noDockerfileReason(facts: Facts): string {
  return facts.dockerfiles.some(d => isDevWorkspacePath(d.path))
    ? 'no Dockerfile other than development-workspace images (.devcontainer, Gitpod, CodeSandbox), which are not production images'
    : 'no Dockerfile';
}

/** Environment words in container file names: `Dockerfile.prod`, `dev.Dockerfile`, `docker-compose.production.yml`. */
const PRODUCTION_WORD = /^(?:prod|production)$/i;
const DEVELOPMENT_WORD = /^(?:dev|develop|development|local|debug|override)$/i;

/** A container file name read as what it builds or runs (the rest of its name) and the environment it names. */
interface ContainerVariant {
  /** Directory, kind and the words of the name that are not an environment: variants of one file share it. */
  key: string;
  environment?: 'production' | 'development';
}

function containerVariantOf(path: string): ContainerVariant | undefined {
  const name = basename(path);
  let kind: string;
  let rest: string;
  const compose = /^(?:docker-)?compose(.*?)\.ya?ml$/i.exec(name);
  if (compose) {
    kind = 'compose';
    rest = compose[1];
  } else {
    const docker = /^(.*?)(?:dockerfile|containerfile)(.*)$/i.exec(name);
    if (!docker) return undefined;
    kind = 'dockerfile';
    rest = `${docker[1]}.${docker[2]}`;
  }
  const words = rest.split(/[._-]+/).filter(Boolean);
  // An image folder is named for its image too: `docker/app/Dockerfile` and `docker/app-prod/Dockerfile` are
  // variants of one image, side by side in `docker/`.
  let home = dirname(path);
  if (kind === 'dockerfile' && home !== '') {
    words.push(...basename(home).split(/[._-]+/).filter(Boolean));
    home = dirname(home);
  }
  const production = words.some(w => PRODUCTION_WORD.test(w));
  const development = !production && words.some(w => DEVELOPMENT_WORD.test(w));
  const others = words.filter(w => !PRODUCTION_WORD.test(w) && !DEVELOPMENT_WORD.test(w)).map(w => w.toLowerCase());
  return {
    key: `${home}\u0000${kind}\u0000${others.sort().join('.')}`,
    ...(production ? { environment: 'production' as const } : {}),
    ...(development ? { environment: 'development' as const } : {}),
  };
}

/** Whether a compose file stands on its own: every service says what it runs (`image` or `build`), so it is no overlay. */
function isStandaloneCompose(file: ComposeFileFact): boolean {
  // A `build:` with only args or a target names no context of its own: it adjusts a service another file defines.
  return file.services.length > 0 && file.services.every(s => s.image !== undefined || (s.buildContext !== undefined && !s.buildContextImplied));
}

const developmentNotes = new WeakMap<Facts, Map<string, string | undefined>>();

/**
 * Why a Dockerfile or compose file is a development file, as a note for its
 * findings; undefined when it is judged as a production file. A file is a
 * development file when its name says so (`Dockerfile.dev`, `docker-compose.dev.yml`,
 * `compose.override.yml`), or when a production variant of it sits beside it
 * (`Dockerfile` next to `Dockerfile.prod`, `docker/app/Dockerfile` next to `docker/app-prod/Dockerfile`, `docker-compose.yml` next to a
 * `docker-compose.prod.yml` that defines every service itself). A Dockerfile that
 * a production compose file, or the main compose file (one that is neither a development
 * nor a test file), builds is not a development file: it is the image compose runs. A variant named for a
 * package manager the repository does not use (`Dockerfile.pnpm` without a pnpm
 * lockfile) is noted the same way: nothing deploys it.
 */
export function developmentNoteOf(facts: Facts, path: string): string | undefined {
  let notes = developmentNotes.get(facts);
  if (!notes) {
    notes = new Map();
    developmentNotes.set(facts, notes);
  }
  if (notes.has(path)) return notes.get(path);
  const note = developmentNote(facts, path);
  notes.set(path, note);
  return note;
}

/** Lockfiles of each package manager a Dockerfile variant can be named for (`Dockerfile.pnpm`, `bun.Dockerfile`). */
const PACKAGE_MANAGER_LOCKFILES: Record<string, RegExp> = {
  npm: /(^|\/)(package-lock|npm-shrinkwrap)\.json$/,
  yarn: /(^|\/)yarn\.lock$/,
  pnpm: /(^|\/)pnpm-lock\.ya?ml$/,
  bun: /(^|\/)bun\.lockb?$/,
};

/**
 * A Dockerfile variant named for a package manager the repository does not use: `Dockerfile.pnpm` and
 * `Dockerfile.bun` that a project template ships beside its `Dockerfile`, with no pnpm or bun lockfile anywhere.
 * It cannot build this repository as it is, so nothing deploys it.
 */
function unusedPackageManagerVariant(facts: Facts, path: string): string | undefined {
  const name = basename(path);
  const m = /^(?:(\w+)\.(?:Dockerfile|Containerfile)|(?:Dockerfile|Containerfile)\.(\w+))$/i.exec(name);
  const manager = (m?.[1] ?? m?.[2])?.toLowerCase();
  const lockfile = manager ? PACKAGE_MANAGER_LOCKFILES[manager] : undefined;
  // Large lockfiles (over the read limit) and binary ones (bun.lockb) are skipped by the walk, yet present.
  if (!lockfile || [...facts.files.map(f => f.path), ...facts.snapshot.skipped.map(s => s.path)].some(p => lockfile.test(p))) {
    return undefined;
  }
  return `a variant for ${manager}, which the repository does not use (no ${manager} lockfile)`;
}

function developmentNote(facts: Facts, path: string): string | undefined {
  const unused = unusedPackageManagerVariant(facts, path);
  if (unused) return unused;
  const variant = containerVariantOf(path);
  if (!variant || variant.environment === 'production') return undefined;
  const isCompose = facts.compose.some(c => c.path === path);
  if (!isCompose) {
    // Built by a production compose file, or by the main one (neither a development variant nor a test or CI file): the
    // image `docker compose up` runs.
    const builtForProduction = composeServicesOf(facts).some(
      ref =>
        ref.service.dockerfile === path &&
        (containerVariantOf(ref.file.path)?.environment === 'production' ||
          (confidenceOf(ref.file.path) === 'high' && developmentNoteOf(facts, ref.file.path) === undefined)),
    );
    if (builtForProduction) return undefined;
  }
  if (variant.environment === 'development') return 'a development file by its name';
  const candidates: string[] = isCompose
    ? facts.compose.filter(isStandaloneCompose).map(c => c.path)
    : facts.dockerfiles.filter(d => d.finalStage).map(d => d.path);
  const production = candidates
    .filter(other => other !== path)
    .filter(other => {
      const v = containerVariantOf(other);
      return v?.environment === 'production' && v.key === variant.key;
    })
    .sort()[0];
  return production ? `a development file beside its production variant ${production}` : undefined;
}

/** A finding's message with the development note, when there is one. */
export function withDevelopmentNote(message: string, note: string | undefined): string {
  return note ? `${message} (${note})` : message;
}


const composeFilesCache = new WeakMap<Facts, ComposeFileFact[]>();

/**
 * Compose files outside vendored trees: those named for compose, and YAML files under other names that are compose
 * files by their content (`src/main/docker/app.yml`, see isComposeDocument).
 */
export function composeFilesOf(facts: Facts): ComposeFileFact[] {
  let files = composeFilesCache.get(facts);
  if (!files) {
    const byContent = facts.files.filter(f => !isVendored(f.path) && isComposeDocument(f)).map(parseComposeFile);
    files = [...facts.compose.filter(c => !isVendored(c.path)), ...byContent];
    composeFilesCache.set(facts, files);
  }
  return files.slice();
}

/** A compose service together with the file that declares it. */
export interface ServiceRef {
  file: ComposeFileFact;
  service: ComposeService;
}

const composeServicesCache = new WeakMap<Facts, ServiceRef[]>();

export function composeServicesOf(facts: Facts): ServiceRef[] {
  let refs = composeServicesCache.get(facts);
  if (!refs) {
    refs = composeFilesOf(facts).flatMap(file =>
      file.services.map(service => ({ file, service })),
    );
    composeServicesCache.set(facts, refs);
  }
  return refs.map(ref => ({ ...ref }));
}

/**
 * The same service in another compose file of its directory, built there from a context it names: compose
 * merges the files, so that entry is where the service's build is defined.
 */
function siblingSourceBuild(facts: Facts, ref: ServiceRef): ServiceRef | undefined {
  const dir = composeDir(ref.file);
  return composeServicesOf(facts).find(
    other =>
      other.file.path !== ref.file.path &&
      composeDir(other.file) === dir &&
      other.service.name === ref.service.name &&
      other.service.buildContext !== undefined &&
      !other.service.buildContextImplied,
  );
}

/**
 * Whether a compose service entry only adjusts a service another compose file of its directory defines: its
 * `build:` names no context (an override that sets build args or a target) while the other file's entry for the
 * same service names one. The service is judged where it is defined; compose merges the two.
 */
export function isBuildOverlay(facts: Facts, ref: ServiceRef): boolean {
  return !!ref.service.buildContextImplied && siblingSourceBuild(facts, ref) !== undefined;
}

/**
 * The build of a compose service that names only an `image:` while another compose file of its directory builds
 * the same service from source (`docker-compose.yml` runs `acme/api`, and `docker-compose.dev.yml`, used with it,
 * has `build: api`): the image is this repository's.
 */
export function siblingBuildOf(facts: Facts, ref: ServiceRef): FirstPartyBuild | undefined {
  if (ref.service.buildContext !== undefined || !ref.service.image) return undefined;
  const sibling = siblingSourceBuild(facts, ref);
  if (!sibling) return undefined;
  return { context: sibling.service.buildContext!, dockerfile: sibling.service.dockerfile!, declaredIn: sibling.file.path };
}

/** Compose services that build the given Dockerfile. */
export function servicesBuilding(facts: Facts, dockerfile: DockerfileFact): ServiceRef[] {
  return composeServicesOf(facts).filter(
    ref => ref.service.dockerfile === dockerfile.path,
  );
}

/** A build the repository's CI or scripts declare: which Dockerfile, from which context, under which image names. */
export interface DeclaredBuild {
  dockerfile: string;
  context: string;
  /** The image names it tags (`-t`, `--tag`, the action's `tags`), as written. */
  tags: string[];
  /** The file that declares it. */
  source: string;
}

/** Options of `docker build` that take a value as the next word. */
const VALUE_OPTIONS = new Set([
  '-f', '--file', '-t', '--tag', '--build-arg', '--target', '--platform', '--label', '--secret',
  '--ssh', '--cache-from', '--cache-to', '-o', '--output', '--network', '--progress', '--iidfile',
  '--add-host', '--build-context', '--shm-size', '--ulimit', '-m', '--memory', '--memory-swap',
  '--cpu-shares', '--cpuset-cpus', '--cpuset-mems', '--cpu-period', '--cpu-quota', '-c',
  '--isolation', '--metadata-file', '--attest', '--allow', '--annotation', '--builder',
  '--cgroup-parent', '--security-opt', '--call', '--sbom', '--provenance',
]);

/** A command substitution (`$(…)`, one level of nesting) or a CI expression (`${{ … }}`): one word, whatever it holds (`$(echo $(V) | cut -d. -f1)`). */
const SUBSTITUTION = String.raw`\$\((?:[^()\n]|\([^()\n]*\))*\)|\$\{\{[^}\n]*\}\}`;
const DOCKER_BUILD = new RegExp(
  String.raw`\b(?:docker|podman)[ \t]+(?:buildx[ \t]+)?build\b((?:${SUBSTITUTION}|[^\n;&|<>#$]|\$(?!\(|\{\{))*)`,
  'g',
);

const unquote = (word: string) => word.replace(/^(['"])(.*)\1$/, '$2');

/** The Dockerfile and context of one `docker build …` argument list, relative to the repository root. */
function parseDockerBuild(args: string, source: string): DeclaredBuild | undefined {
  // Expressions with spaces (`${{ github.sha }}`, `$(git rev-parse HEAD)`) count as one word.
  let flat = args.replace(/\$\{\{[^}]*\}\}/g, '$EXPR');
  // Innermost substitutions first, so that `$(shell echo $(VERSION) | cut …)` becomes one word.
  for (let previous = ''; previous !== flat; ) {
    previous = flat;
    flat = flat.replace(/\$\([^()]*\)/g, '$EXPR');
  }
  const words = (flat.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map(unquote);
  let file: string | undefined;
  let context: string | undefined;
  const tags: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith('-') && word !== '-') {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word : word.slice(0, eq);
      let value: string | undefined;
      if (eq !== -1) value = word.slice(eq + 1);
      else if (VALUE_OPTIONS.has(name)) value = words[++i];
      if ((name === '-f' || name === '--file') && value) file = unquote(value);
      if ((name === '-t' || name === '--tag') && value) tags.push(unquote(value));
      continue;
    }
    // A word that is only a substitution (`$(if $(PUSH),--push)` in a Makefile) most often expands to options.
    if (word === '\\' || word === '$EXPR') continue;
    // The context comes first or last: `docker build . -t app:latest` tags it too.
    if (context === undefined) context = word;
  }
  if (!context || context === '-' || /\$|:\/\/|^git@/.test(context)) return undefined;
  if (file !== undefined && (file === '-' || file.includes('$'))) return undefined;
  const dir = joinPath('', context);
  return { dockerfile: file ? joinPath('', file) : joinPath(dir, 'Dockerfile'), context: dir, tags, source };
}

const SCRIPT_FILE = /(^|\/)(Makefile|makefile|GNUmakefile|justfile|Justfile|Taskfile\.ya?ml|[^/]+\.(sh|bash|mk))$/;

const declaredCache = new WeakMap<Facts, DeclaredBuild[]>();

const MAKEFILE = /^(?:(?:GNU)?[Mm]akefile|[\w.-]+\.mk)$/;
/** A Makefile variable assignment: `IMAGE := $(REGISTRY)/api:$(VERSION)`, `VERSION ?= 1.2`. */
const MAKE_ASSIGNMENT = /^(?:export[ \t]+|override[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?:::?=|:::=|\?=|=)[ \t]*(.*?)[ \t]*$/gm;

/**
 * A Makefile's text with its own simple variables (`$(IMAGE)`, `${VERSION}`) replaced by the values it assigns them,
 * expanded in turn; the first assignment of a name counts. Functions (`$(shell …)`) and variables it does not assign
 * stay as written.
 */
function expandMakeVariables(text: string): string {
  const values = new Map<string, string>();
  for (const m of text.matchAll(MAKE_ASSIGNMENT)) if (!values.has(m[1])) values.set(m[1], m[2]);
  if (values.size === 0) return text;
  let out = text;
  for (let i = 0; i < 5; i++) {
    const next = out.replace(/\$(?:\(([A-Za-z_][\w.-]*)\)|\{([A-Za-z_][\w.-]*)\})/g, (whole, paren?: string, brace?: string) => values.get((paren ?? brace)!) ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A Starlark string literal, and nothing else. */
const STRING_LITERAL = /^(?:"([^"\\]*)"|'([^'\\]*)')$/;

/**
 * The image builds of a Tiltfile: `docker_build('ref', 'context', dockerfile='…')`, paths relative to the
 * Tiltfile. Arguments other than string literals (variables, calls) are not followed.
 */
function tiltBuildsOf(text: string, source: string): DeclaredBuild[] {
  const builds: DeclaredBuild[] = [];
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  for (const m of code.matchAll(/\bdocker_build\(((?:[^()]|\([^()]*\))*)\)/g)) {
    const positional: string[] = [];
    const named = new Map<string, string>();
    let unreadable = false;
    for (const arg of splitTopLevel(m[1])) {
      const eq = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(arg);
      const literal = STRING_LITERAL.exec((eq ? eq[2] : arg).trim());
      const value = literal ? literal[1] ?? literal[2] : undefined;
      if (eq) {
        if (value !== undefined) named.set(eq[1], value);
        else if (['ref', 'context', 'dockerfile'].includes(eq[1])) unreadable = true;
      } else if (value !== undefined) positional.push(value);
      else if (positional.length < 2) unreadable = true;
    }
    const ref = named.get('ref') ?? positional[0];
    const context = named.get('context') ?? positional[1];
    const dockerfile = named.get('dockerfile');
    if (unreadable || ref === undefined || context === undefined || /\$|:\/\//.test(context)) continue;
    const dir = joinPath(dirname(source), context);
    builds.push({
      dockerfile: dockerfile ? joinPath(dirname(source), dockerfile) : joinPath(dir, 'Dockerfile'),
      context: dir,
      tags: [ref],
      source,
    });
  }
  return builds;
}

/** The arguments of a call, split at the commas outside brackets, trimmed, empty ones dropped. */
function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  return parts.map(p => p.trim()).filter(Boolean);
}

const MATRIX_REFERENCE = /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g;

/**
 * The texts with each `${{ matrix.key }}` replaced by the values the job's
 * matrix gives it (one combination per value, keys taken in lockstep by index
 * of their `include` entries); texts without references come back as they are.
 */
function expandMatrix(matrix: Record<string, string[]> | undefined, texts: string[]): string[][] {
  const keys = [...new Set(texts.flatMap(t => [...t.matchAll(MATRIX_REFERENCE)].map(m => m[1])))];
  if (keys.length === 0 || !matrix) return [texts];
  const count = Math.max(...keys.map(k => matrix[k]?.length ?? 0));
  const out: string[][] = [];
  for (let i = 0; i < Math.min(count, 50); i++) {
    out.push(texts.map(t => t.replace(MATRIX_REFERENCE, (whole, key: string) => matrix[key]?.[i] ?? whole)));
  }
  return out.length > 0 ? out : [texts];
}

/**
 * Docker builds declared by CI (`docker build` commands, the
 * docker/build-push-action) and by Makefiles and shell scripts.
 */
export function declaredBuildsOf(facts: Facts): DeclaredBuild[] {
  const cached = declaredCache.get(facts);
  if (cached) return cached;
  const builds: DeclaredBuild[] = [];
  const scan = (text: string, source: string) => {
    // Commented-out lines (`#docker build …` in a Makefile or a script) build nothing.
    let joined = text.replace(/^[ \t]*#.*$/gm, '').replace(/\\\r?\n/g, ' ');
    if (MAKEFILE.test(basename(source))) joined = expandMakeVariables(joined);
    for (const m of joined.matchAll(DOCKER_BUILD)) {
      const build = parseDockerBuild(m[1], source);
      if (build) builds.push(build);
    }
  };
  for (const command of facts.ci.commands) scan(command.command, command.path);
  for (const file of facts.files) {
    if (SCRIPT_FILE.test(file.path) && !isVendored(file.path) && /\b(docker|podman)\b/.test(file.text)) {
      scan(file.text, file.path);
    }
  }
  for (const file of facts.files) {
    if (basename(file.path) === 'Tiltfile' && !isVendored(file.path)) builds.push(...tiltBuildsOf(file.text, file.path));
  }
  for (const workflow of facts.ci.workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        if (!/^docker\/build-push-action@/i.test(step.uses ?? '')) continue;
        const rawContext = step.with?.context ?? '.';
        for (const expanded of expandMatrix(job.matrix, [rawContext, step.with?.file ?? '', step.with?.tags ?? ''])) {
          const context = expanded[0].includes('defaultContext') ? '.' : expanded[0];
          const file = expanded[1] || undefined;
          if (/\$|:\/\//.test(context) || (file && file.includes('$'))) continue;
          const dir = joinPath('', context);
          const tags = expanded[2].split(/[\n,]/).map(t => t.trim()).filter(Boolean);
          builds.push({ dockerfile: file ? joinPath('', file) : joinPath(dir, 'Dockerfile'), context: dir, tags, source: workflow.path });
        }
      }
    }
  }
  declaredCache.set(facts, builds);
  return builds;
}

/**
 * The build contexts of a Dockerfile: those of the compose services that
 * build it and of the builds CI or scripts declare for it, or else its own
 * directory.
 */
export function buildContextsOf(facts: Facts, dockerfile: DockerfileFact): string[] {
  const contexts = new Set(
    servicesBuilding(facts, dockerfile).map(ref => ref.service.buildContext ?? dockerfile.dir),
  );
  for (const build of declaredBuildsOf(facts)) {
    if (build.dockerfile === dockerfile.path) contexts.add(build.context);
  }
  if (contexts.size === 0) contexts.add(contextCopiedFrom(facts, dockerfile));
  return [...contexts].sort();
}

/** Flags of COPY and ADD; `--from` reads another stage or image, not the build context. */
const COPY_FLAG = /^--[\w-]+(?:=\S*)?$/;

/**
 * The paths of the build context a Dockerfile's COPY and ADD instructions read, as written and without a
 * leading `./`: not those of another stage or image (`--from`), URLs, heredocs, variables, paths that
 * step out (`..`) or the whole context (`.`).
 */
export function copiedContextPaths(dockerfile: DockerfileFact): string[] {
  const paths: string[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const args = instruction.args.split('\n')[0].trim();
    let words: string[];
    if (args.startsWith('[')) {
      try {
        words = (JSON.parse(args) as unknown[]).map(String);
      } catch {
        continue;
      }
    } else {
      words = (args.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map(unquote);
    }
    if (words.some(w => /^--from=/i.test(w))) continue;
    const operands = words.filter(w => !COPY_FLAG.test(w));
    for (const source of operands.slice(0, -1)) {
      if (/\$|:\/\/|^<<|^git@/.test(source)) continue;
      const path = source.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
      if (path === '' || path === '.' || path.split('/').includes('..')) continue;
      paths.push(path);
    }
  }
  return paths;
}

/** The paths of a snapshot, read or not (binary and oversized files count), and every folder that holds one. */
const pathsCache = new WeakMap<Facts, Set<string>>();
function knownPaths(facts: Facts): Set<string> {
  let known = pathsCache.get(facts);
  if (!known) {
    known = new Set();
    for (const path of [...facts.files.map(f => f.path), ...facts.snapshot.skipped.map(s => s.path)]) {
      for (let p = path; p !== '' && !known.has(p); p = dirname(p)) known.add(p);
    }
    pathsCache.set(facts, known);
  }
  return known;
}

/** Whether a COPY source exists under a folder: the file or folder itself, or for a wildcard, a sibling its fixed part begins. */
function existsUnder(facts: Facts, dir: string, source: string): boolean {
  const known = knownPaths(facts);
  const wildcard = source.search(/[*?[]/);
  if (wildcard === -1) return known.has(joinPath(dir, source));
  const fixed = source.slice(0, wildcard);
  const folder = joinPath(dir, dirname(fixed));
  const start = fixed.slice(fixed.lastIndexOf('/') + 1);
  // `*.txt` or `src/*` names nothing particular: it matches under any folder that has files.
  if (start === '') return folder === '' || known.has(folder);
  return [...known].some(p => dirname(p) === folder && basename(p).startsWith(start));
}

/**
 * Where a Dockerfile that no compose file, CI job or script builds is built from, as its COPY sources tell:
 * its own folder, unless a folder above it holds more of the paths it copies (`COPY pyproject.toml uv.lock ./`
 * in `docker/Dockerfile` reads the repository root). The nearest folder wins a tie.
 */
function contextCopiedFrom(facts: Facts, dockerfile: DockerfileFact): string {
  const sources = copiedContextPaths(dockerfile);
  if (sources.length === 0) return dockerfile.dir;
  let best = dockerfile.dir;
  let bestCount = sources.filter(s => existsUnder(facts, dockerfile.dir, s)).length;
  if (bestCount === sources.length) return best;
  for (let dir = dockerfile.dir; dir !== ''; ) {
    dir = dirname(dir);
    const count = sources.filter(s => existsUnder(facts, dir, s)).length;
    if (count > bestCount) {
      best = dir;
      bestCount = count;
    }
  }
  return best;
}

/** An image reference reduced to what names the image: no tag or digest, no default registry, lower case. */
function imageNameOf(reference: string): string {
  let name = reference.trim().toLowerCase().split('@')[0];
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  return name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

/** How a compose service's image comes from this repository: the build it runs, and where that build is declared. */
export interface FirstPartyBuild {
  context: string;
  dockerfile: string;
  /** For an `image:` service, the file whose `docker build -t` (or build action) makes that image. */
  declaredIn?: string;
}

/**
 * The build of this repository a compose service runs: its own `build:`, or, for a service that names an
 * `image:`, a `docker build -t <that image>` of a Makefile, script or CI workflow. Undefined for services that
 * run an image from elsewhere (`postgres:16`, `redis`).
 */
export function firstPartyBuildOf(facts: Facts, service: ComposeService): FirstPartyBuild | undefined {
  if (service.buildContext !== undefined) {
    return { context: service.buildContext, dockerfile: service.dockerfile ?? joinPath(service.buildContext, 'Dockerfile') };
  }
  // A name held in a variable (`${REGISTRY}/api`) cannot be matched; a tag in one (`api:${TAG}`) can.
  const name = service.image ? imageNameOf(service.image) : '';
  if (!name || name.includes('$')) return undefined;
  const build = declaredBuildsOf(facts).find(b => b.tags.some(tag => imageNameOf(tag) === name));
  return build ? { context: build.context, dockerfile: build.dockerfile, declaredIn: build.source } : undefined;
}

/** Folder names that say where a Dockerfile lies, not what it builds. */
const GENERIC_IMAGE_FOLDER = /^(?:src|app|docker|build|deploy|deployment|container|image|images)$/i;

/**
 * The image names a Dockerfile's image goes by: the names its build tooling tags it with (skaffold artifacts,
 * `docker build -t` or the build action in CI, scripts and Makefiles), and the name of the folder it builds in
 * (`services/api/Dockerfile` is `api`; a generic folder such as `src/` or `docker/` names nothing, its parent does).
 */
export function imageNamesOf(facts: Facts, dockerfile: DockerfileFact): Set<string> {
  const names = new Set<string>();
  for (const artifact of skaffoldArtifacts(facts)) if (artifact.dockerfile === dockerfile.path) names.add(artifact.name);
  for (const build of declaredBuildsOf(facts)) {
    if (build.dockerfile !== dockerfile.path) continue;
    for (const tag of build.tags) {
      const name = imageBaseName(tag);
      if (name && !name.includes('$')) names.add(name);
    }
  }
  let dir = dirname(dockerfile.path);
  while (dir !== '' && GENERIC_IMAGE_FOLDER.test(basename(dir))) dir = dirname(dir);
  const folder = dir === '' ? undefined : imageBaseName(basename(dir));
  if (folder) names.add(folder);
  return names;
}

/** The containers of the repository's Kubernetes workload manifests that run the image a Dockerfile builds, matched by image name. */
export function kubernetesContainersRunning(facts: Facts, dockerfile: DockerfileFact): KubeContainer[] {
  const containers = kubernetesContainers(facts);
  if (containers.length === 0) return [];
  const names = imageNamesOf(facts, dockerfile);
  return containers.filter(c => {
    const name = imageBaseName(c.image);
    return name !== undefined && names.has(name);
  });
}

/** How a path is shown in a message: the repository root reads as `.`. */
export function showDir(dir: string): string {
  return dir === '' ? 'the repository root' : `${dir}/`;
}

/**
 * The image a stage is built from, with ARG defaults applied; undefined
 * when the stage builds on an earlier stage or `scratch`, or names a build
 * variable without a default.
 */
export function baseImageOf(stage: DockerStage): ImageReference | undefined {
  if (stage.fromStage || !stage.image) return undefined;
  if (stage.variable) return stage.resolved;
  return {
    image: stage.image,
    imageName: stage.imageName,
    ...(stage.tag ? { tag: stage.tag } : {}),
    ...(stage.digest ? { digest: stage.digest } : {}),
  };
}

/** The stage a stage builds on, when it is `FROM <earlier stage>`. */
export function parentStageOf(
  dockerfile: DockerfileFact,
  stage: DockerStage,
): DockerStage | undefined {
  if (!stage.fromStage) return undefined;
  const name = (stage.resolved?.image ?? stage.image).toLowerCase();
  return dockerfile.stages
    .slice(0, stage.index)
    .reverse()
    .find(s => s.name?.toLowerCase() === name);
}

/** Directory of a compose file. */
export function composeDir(file: ComposeFileFact): string {
  return dirname(file.path);
}

/** The trimmed text of a line of a file, for excerpts. */
export function excerptAt(facts: Facts, path: string, line: number | undefined): string | undefined {
  const file = facts.file(path);
  if (!file || line === undefined) return undefined;
  return lineOf(file, line) || undefined;
}

/**
 * The healthcheck a compose service ends up with, looking at every compose
 * file of its directory (an override file may add or disable one).
 * `defined` when one is set and not disabled, `disabled` when only disabled
 * ones are set, `none` otherwise.
 */
export function composeHealthcheckOf(facts: Facts, ref: ServiceRef): 'defined' | 'disabled' | 'none' {
  const dir = composeDir(ref.file);
  const checks = composeServicesOf(facts)
    .filter(other => composeDir(other.file) === dir && other.service.name === ref.service.name)
    .map(other => other.service.healthcheck)
    .filter(hc => hc !== undefined);
  if (checks.some(hc => !hc!.disabled)) return 'defined';
  return checks.length ? 'disabled' : 'none';
}

/**
 * The HEALTHCHECK that applies to a Dockerfile's image: the last one of its
 * final stage, or of the earlier stage the final stage builds on.
 */
export function dockerHealthcheckOf(dockerfile: DockerfileFact): DockerInstruction | undefined {
  let stage = dockerfile.finalStage;
  while (stage) {
    const checks = stage.instructions.filter(i => i.keyword === 'HEALTHCHECK');
    if (checks.length) return checks[checks.length - 1];
    stage = parentStageOf(dockerfile, stage);
  }
  return undefined;
}

/** Whether a HEALTHCHECK instruction turns the check off. */
export function isHealthcheckNone(instruction: DockerInstruction): boolean {
  return /^none\b/i.test(instruction.args.trim());
}

const JOB_NAME =
  /(^|[-_])(seed|seeder|seeds|migrate|migration|migrations|migrator|init|setup|bootstrap|fixtures|loader|provision|test|tests|e2e|cypress|playwright|integration-tests)([-_]|$)/i;
const JOB_PROFILE = /^(tools?|jobs?|cli|setup|seed|migrate|migrations?|init|scripts?|one-?off|tasks?|manual)$/i;

/**
 * Whether a compose service is a one-off job (seeding, migrations, set-up,
 * tooling, a test run) rather than a long-running service: health checks mean nothing
 * for a container that is meant to exit.
 */
export function isOneOffService(service: ComposeService): boolean {
  return JOB_NAME.test(service.name) || service.profiles.some(p => JOB_PROFILE.test(p));
}
