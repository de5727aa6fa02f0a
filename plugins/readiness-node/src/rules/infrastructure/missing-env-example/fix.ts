import type { EnvVarRead, Facts } from '../../../facts';
import { joinPath } from '../../../facts';
import { projectOf, projectsOf } from '../../../facts/projects';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';

/** The .env.example of one project: every variable its code reads, with where it is read, and no values. */
function templateFor(root: string, reads: EnvVarRead[]): string {
  const byName = new Map<string, EnvVarRead[]>();
  for (const read of reads) byName.set(read.name, [...(byName.get(read.name) ?? []), read]);
  const lines = [
    `# The environment variables ${root ? `${root}/` : 'the code'} reads. Copy to .env and fill in; never commit real values.`,
    '',
  ];
  for (const name of [...byName.keys()].sort()) {
    const where = byName.get(name)!.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)[0];
    lines.push(`# read in ${where.path}:${where.line}`, `${name}=`);
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * A `.env.example` at the root of each project whose code reads variables
 * no template documents (the projects of the failing findings). Values are
 * left empty: defaults in code may be credentials.
 */
export function fixEnvExample(facts: Facts, reads: EnvVarRead[], failing: Set<string>): RuleFix | undefined {
  const projects = projectsOf(facts);
  const rootOf = (path: string) => projectOf(projects, path)?.dir ?? '';
  const roots = new Set([...failing].map(rootOf));
  const byRoot = new Map<string, EnvVarRead[]>();
  for (const read of reads) {
    const root = rootOf(read.path);
    if (roots.has(root)) byRoot.set(root, [...(byRoot.get(root) ?? []), read]);
  }
  const sorted = [...byRoot.keys()].sort();
  return fixOf(
    `Add .env.example listing the variables the code reads${sorted.some(Boolean) ? ` (${sorted.map(r => r || '.').join(', ')})` : ''}`,
    sorted.map(root => createFile(facts, joinPath(root, '.env.example'), templateFor(root, byRoot.get(root)!))),
    ['Add a comment on each variable saying what it is for and which values it takes.'],
  );
}
