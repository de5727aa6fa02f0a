/** Helpers shared by the frontend rules: the files each frontend app owns. */
import type { SourceFile } from '../../snapshot';
import type { Facts, FrontendApp } from '../../facts';
import { isTestFile } from '../../facts';

const GENERATED =
  /(^|\/)(?:node_modules|dist|build|out|\.next|\.nuxt|\.svelte-kit|coverage|storybook-static)\//;

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/** The frontend apps of the repository, outside test fixtures and vendored trees. */
export function frontendApps(facts: Facts): FrontendApp[] {
  return facts.stack.frontends.filter(
    app =>
      !GENERATED.test(`${app.dir}/`) &&
      !/(^|\/)(?:__fixtures__|fixtures?|testdata)(\/|$)/.test(app.dir),
  );
}

/** Files that belong to an app: under its directory and not under a nested app or package. */
export function appFiles(
  facts: Facts,
  app: FrontendApp,
  options: { includeTests?: boolean } = {},
): SourceFile[] {
  const nested = facts.manifests.packageJsons
    .map(p => p.dir)
    .filter(dir => dir !== app.dir && isUnder(dir, app.dir));
  return facts.files.filter(
    f =>
      isUnder(f.path, app.dir) &&
      !GENERATED.test(f.path) &&
      !nested.some(dir => isUnder(f.path, dir)) &&
      (options.includeTests || !isTestFile(f.path)),
  );
}

/** A short label for messages. */
export function appLabel(app: FrontendApp): string {
  const name = app.packageJson.name ? ` (${app.packageJson.name})` : '';
  return `the ${app.framework} app in ${
    app.dir ? `${app.dir}/` : 'the repository root'
  }${name}`;
}

/** The 1-based line of a key in a package.json, if present. */
export function keyLine(
  facts: Facts,
  path: string,
  key: string,
): number | undefined {
  const file = facts.file(path);
  if (!file) return undefined;
  const idx = file.text.split('\n').findIndex(l => l.includes(`"${key}"`));
  return idx === -1 ? undefined : idx + 1;
}
