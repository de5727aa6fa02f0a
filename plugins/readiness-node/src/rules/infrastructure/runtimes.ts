/**
 * Language runtimes of container images, shared by the compose rules of this category: which runtime an image
 * provides by its name, and which runtime runs a language's files.
 */

/** The runtime that runs a language's files: JavaScript and TypeScript run on Node, Java and Kotlin on the JVM… */
const FAMILY_OF_LANGUAGE: Record<string, string> = {
  javascript: 'node',
  typescript: 'node',
  java: 'jvm',
  kotlin: 'jvm',
  scala: 'jvm',
  csharp: 'dotnet',
  fsharp: 'dotnet',
};

export const familyOfLanguage = (language: string) => FAMILY_OF_LANGUAGE[language] ?? language;

/** The runtime an image provides, by its name (`python:3.12`, `golang`, `mcr.microsoft.com/dotnet/sdk`). */
const IMAGE_FAMILY: Array<[RegExp, string]> = [
  [/(?:^|\/)(?:python|pypy)$/, 'python'],
  [/(?:^|\/)(?:node|bun|deno)$/, 'node'],
  [/(?:^|\/)(?:golang|go)$/, 'go'],
  [/(?:^|\/)rust$/, 'rust'],
  [/(?:^|\/)(?:openjdk|eclipse-temurin|amazoncorretto|maven|gradle|sbt|java|ibmjava|adoptopenjdk|sapmachine)$/, 'jvm'],
  [/(?:^|\/)dotnet\/(?:sdk|aspnet|runtime)$/, 'dotnet'],
  [/(?:^|\/)ruby$/, 'ruby'],
  [/(?:^|\/)php$/, 'php'],
];

/** The runtime an image provides, by its name without registry or tag; undefined for other images. */
export function imageFamily(imageName: string): string | undefined {
  const name = imageName.toLowerCase();
  return IMAGE_FAMILY.find(([pattern]) => pattern.test(name))?.[1];
}

/** A host path that stands for the directory compose runs from. */
const WORKING_DIR = /^\$\{?PWD\}?(\/.*)?$/;

/** Resolves a relative path against a directory; undefined when it leaves the repository. */
export function resolveInRepo(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Whether a path is the directory `dir` or lies below it. */
export function within(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/**
 * The repository path a bind mount's host side names, resolved against the compose file's directory: a relative
 * path (`.`, `./src`, `../app`) or one under `${PWD}`. Undefined for host paths (`/var/run/docker.sock`, `~/.aws`)
 * and paths that leave the repository.
 */
export function bindSourceInRepo(source: string | undefined, composeDirectory: string): string | undefined {
  const trimmed = (source ?? '').trim();
  if (!trimmed) return undefined;
  const pwd = WORKING_DIR.exec(trimmed);
  const isRelative = trimmed === '.' || trimmed === '..' || trimmed.startsWith('./') || trimmed.startsWith('../');
  if (!pwd && !isRelative) return undefined;
  return resolveInRepo(composeDirectory, pwd ? `.${pwd[1] ?? ''}` : trimmed);
}
