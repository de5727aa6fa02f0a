import type { DockerfileFact, Facts } from '../../../facts';
import { extname, joinPath } from '../../../facts';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';
import { buildContextsOf, dockerfilesOf, showDir } from '../containers';

/** Entries every build context gets: history and local environment files never belong in an image. */
const ALWAYS = ['.git', '.env', '.env.*', '!.env.example'];

/** Entries added when the context holds them (a top-level name of the context), or, for languages, when it holds such code. */
const WHEN_PRESENT: Array<{ entry: string; names?: string[]; extensions?: string[]; manifests?: string[] }> = [
  { entry: 'node_modules', names: ['node_modules'], manifests: ['package.json'] },
  { entry: '**/__pycache__', names: ['__pycache__'], extensions: ['.py'] },
  { entry: '**/*.py[cod]', extensions: ['.py'] },
  { entry: '.venv', names: ['.venv'] },
  { entry: 'venv', names: ['venv'] },
  { entry: '.pytest_cache', names: ['.pytest_cache'] },
  { entry: '.mypy_cache', names: ['.mypy_cache'] },
  { entry: '.tox', names: ['.tox'] },
  { entry: 'coverage', names: ['coverage'] },
  { entry: '.coverage', names: ['.coverage'] },
  { entry: 'htmlcov', names: ['htmlcov'] },
  { entry: 'target', names: ['target'] },
  { entry: 'build', names: ['build'] },
  { entry: 'dist', names: ['dist'] },
  { entry: '.next', names: ['.next'] },
  { entry: '.gradle', names: ['.gradle'] },
  { entry: '.idea', names: ['.idea'] },
  { entry: '.vscode', names: ['.vscode'] },
  { entry: '.github', names: ['.github'] },
  { entry: '.gitlab-ci.yml', names: ['.gitlab-ci.yml'] },
  { entry: '*.log', extensions: ['.log'] },
];

/** The source paths of a Dockerfile's COPY and ADD instructions that read the build context (not `--from` a stage). */
function contextSources(dockerfile: DockerfileFact): string[] {
  const sources: string[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const args = instruction.args.trim();
    let words: string[];
    if (args.startsWith('[')) {
      try {
        words = JSON.parse(args);
      } catch {
        continue;
      }
    } else {
      words = args.split(/\s+/);
    }
    if (words.some(w => /^--from=/i.test(w))) continue;
    const paths = words.filter(w => !w.startsWith('--'));
    sources.push(...paths.slice(0, -1).map(p => p.replace(/^\.\//, '')));
  }
  return sources;
}

/** Top-level names, extensions and file names a build context holds, read and skipped files alike. */
function contentsOf(facts: Facts, context: string) {
  const prefix = context ? `${context}/` : '';
  const paths = [...facts.files.map(f => f.path), ...facts.snapshot.skipped.map(s => s.path)].filter(p => p.startsWith(prefix));
  const rel = paths.map(p => p.slice(prefix.length));
  return {
    names: new Set(rel.map(p => p.split('/')[0])),
    extensions: new Set(rel.map(p => extname(p))),
    files: new Set(rel.map(p => p.split('/').pop()!)),
  };
}

/** The `.dockerignore` of one build context, from what it holds and what its Dockerfiles copy. */
export function dockerignoreFor(facts: Facts, context: string, dockerfiles: DockerfileFact[]): string {
  const held = contentsOf(facts, context);
  const copied = dockerfiles.flatMap(contextSources);
  // A name any instruction mentions as a path segment (`CMD node dist/server.js`) stays in the context.
  const mentioned = new Set(
    dockerfiles.flatMap(d => d.instructions.flatMap(i => i.args.split(/[\s"',=[\]]+/).flatMap(word => word.split('/')))),
  );
  const needed = (entry: string) => mentioned.has(entry) || copied.some(src => src === entry || src.startsWith(`${entry}/`));
  const entries = WHEN_PRESENT.filter(
    c =>
      c.names?.some(n => held.names.has(n)) ||
      c.extensions?.some(e => held.extensions.has(e)) ||
      c.manifests?.some(m => held.files.has(m)),
  )
    .map(c => c.entry)
    .filter(entry => !needed(entry));
  return [
    `# What the build context ${context ? `${context}/ ` : ''}sends to the builder leaves these out.`,
    '# Version control and local environment files (credentials) never belong in an image.',
    ...ALWAYS,
    ...(entries.length ? ['# Dependencies, caches, build output and tooling found in this context.', ...entries] : []),
    '',
  ].join('\n');
}

/** One `.dockerignore` per build context that lacks one. */
export function fixMissingDockerignore(facts: Facts): RuleFix | undefined {
  const byContext = new Map<string, DockerfileFact[]>();
  for (const dockerfile of dockerfilesOf(facts)) {
    if (facts.file(`${dockerfile.path}.dockerignore`)) continue;
    for (const context of buildContextsOf(facts, dockerfile)) {
      if (facts.file(joinPath(context, '.dockerignore'))) continue;
      byContext.set(context, [...(byContext.get(context) ?? []), dockerfile]);
    }
  }
  const contexts = [...byContext.keys()].sort();
  return fixOf(
    `Add a .dockerignore to ${contexts.map(showDir).join(', ')}`,
    contexts.map(context => createFile(facts, joinPath(context, '.dockerignore'), dockerignoreFor(facts, context, byContext.get(context)!))),
  );
}
