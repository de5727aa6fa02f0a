import type { ComposeService, ComposeVolume, Facts } from '../../../facts';
import { basename, isCodePath, languageOf, parseImageReference } from '../../../facts';
import { isGeneratedOrMinified } from '../../../facts/generated';
import { memo } from '../../../facts/memo';
import { composeDir, isVendored, type ServiceRef } from '../containers';
import { bindSourceInRepo, familyOfLanguage, imageFamily, within } from '../runtimes';

/** An image name as compose and build tools write it, reduced to what names it: no registry, tag, digest or `library/`. */
function normalisedImageName(reference: string): string {
  return parseImageReference(reference).imageName.replace(/^library\//, '');
}

/** An image the repository's build makes without a Dockerfile (Jib, Spring Boot's build-image), by the name it gives it. */
interface ToolImage {
  name: string;
  tool: string;
  source: string;
}

/** Images the Maven or Gradle build of the repository makes with Jib or Spring Boot's build-image, under a literal name. */
function toolImages(facts: Facts): ToolImage[] {
  return memo(facts, 'infrastructure.toolImages', () => {
    const images: ToolImage[] = [];
    const add = (name: string | undefined, tool: string, source: string) => {
      if (name && !name.includes('$')) images.push({ name: normalisedImageName(name), tool, source });
    };
    for (const file of facts.files) {
      const name = basename(file.path);
      if (isVendored(file.path)) continue;
      if (name === 'pom.xml') {
        for (const [, plugin] of file.text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)) {
          if (/<artifactId>\s*jib-maven-plugin\s*</.test(plugin)) add(/<to>[\s\S]*?<image>\s*([^<\s]+)\s*<\/image>/.exec(plugin)?.[1], 'Jib', file.path);
          if (/<artifactId>\s*spring-boot-maven-plugin\s*</.test(plugin)) {
            add(/<image>[\s\S]*?<name>\s*([^<\s]+)\s*<\/name>/.exec(plugin)?.[1], 'Spring Boot build-image', file.path);
          }
        }
      } else if (/^build\.gradle(?:\.kts)?$/.test(name)) {
        const text = file.text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
        if (/\bjib\b/.test(text)) {
          add(/\bjib\s*\{[\s\S]*?\bto\s*\{[^}]*?\bimage\s*=\s*["']([^"']+)["']/.exec(text)?.[1], 'Jib', file.path);
          add(/\bjib\.to\.image\s*=\s*["']([^"']+)["']/.exec(text)?.[1], 'Jib', file.path);
        }
        add(/\bbootBuildImage\s*\{[^}]*?\bimageName(?:\s*=\s*|\.set\(\s*)["']([^"']+)["']/.exec(text)?.[1], 'Spring Boot build-image', file.path);
      }
    }
    return images;
  });
}

/** The build of the repository that makes a service's image without a Dockerfile, if any. */
export function toolImageOf(facts: Facts, service: ComposeService): ToolImage | undefined {
  if (service.buildContext !== undefined || !service.image || service.image.includes('$')) return undefined;
  const name = normalisedImageName(service.image);
  return toolImages(facts).find(image => image.name === name);
}

/** Built artifacts a runtime image runs, by file extension. */
const ARTIFACTS: Array<[RegExp, string, string]> = [
  [/\.(?:jar|war|ear)$/i, 'jvm', 'built archive'],
  [/\.dll$/i, 'dotnet', 'built assembly'],
];

/** Folders a build writes its output to. */
const BUILD_OUTPUT = /(?:^|\/)(?:build|target|dist|out|bin|publish)(?:\/|$)/;

/** What of the repository a bind mount brings into a runtime image, or undefined when it is config, data or assets. */
function mountedCode(facts: Facts, path: string, composeDirectory: string, family: string): string | undefined {
  const artifact = ARTIFACTS.find(([pattern]) => pattern.test(path));
  if (artifact) return artifact[1] === family ? artifact[2] : undefined;
  if (path === composeDirectory || within(composeDirectory, path)) return 'project directory';
  const isSource = (p: string) => {
    const language = languageOf(p);
    if (!language || !isCodePath(p) || isVendored(p) || familyOfLanguage(language) !== family) return false;
    const file = facts.file(p);
    return !file || !isGeneratedOrMinified(file);
  };
  const file = facts.file(path);
  if (file) return isSource(path) ? 'source file' : undefined;
  if (facts.files.some(f => within(f.path, path) && isSource(f.path))) return 'source code';
  // Build output is not committed: a mounted path in a build folder that the tree does not hold is what the build wrote.
  if (BUILD_OUTPUT.test(path) && !facts.files.some(f => within(f.path, path))) return 'build output';
  return undefined;
}

/** Whether the container runs what is mounted at `target`: its command names the path, or it starts in that folder. */
function runsMount(service: ComposeService, volume: ComposeVolume): boolean {
  const target = (volume.target ?? '').replace(/\/+$/, '');
  if (!target.startsWith('/')) return false;
  if (service.command?.split(/[\s"'=,[\]]+/).some(word => word === target || word.startsWith(`${target}/`))) return true;
  const dir = service.workingDir?.replace(/\/+$/, '');
  return dir !== undefined && (dir === target || dir.startsWith(`${target}/`));
}

/**
 * How a service that runs a stock language runtime image (`java:8`, `node:22`, `python:3.12`) runs this repository's
 * code: a bind mount brings in a built artifact of the runtime (`./build/libs/app.jar`), the build output, the project
 * or a folder of its source, and the container's command names the mounted path or starts in it. Undefined otherwise.
 */
export function runtimeImageRun(facts: Facts, ref: ServiceRef): { what: string; source: string } | undefined {
  const { file, service } = ref;
  if (service.buildContext !== undefined || !service.image || service.image.includes('$')) return undefined;
  const family = imageFamily(normalisedImageName(service.image));
  if (!family) return undefined;
  for (const volume of service.volumes) {
    if (volume.type !== 'bind' || !runsMount(service, volume)) continue;
    const path = bindSourceInRepo(volume.source, composeDir(file));
    const what = path === undefined ? undefined : mountedCode(facts, path, composeDir(file), family);
    if (what) return { what, source: volume.source! };
  }
  return undefined;
}
