import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { DockerfileFact, DockerStage } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { baseImageOf, dockerfileConfidence, dockerfilesOf, excerptAt } from '../containers';

/** Official runtime images by their last path segment. */
const RUNTIME_IMAGES: Record<string, string> = {
  python: 'python',
  pypy: 'pypy',
  node: 'node',
  openjdk: 'java',
  'eclipse-temurin': 'java',
  amazoncorretto: 'java',
  'ibm-semeru-runtimes': 'java',
  golang: 'go',
  ruby: 'ruby',
  php: 'php',
};

/** The runtime an image provides, e.g. `python` for `docker.io/library/python`. */
function runtimeOf(imageName: string): string | undefined {
  const name = imageName.replace(/^library\//, '');
  // mcr.microsoft.com/dotnet/{sdk,aspnet,runtime,runtime-deps} and the older dotnet/core/*.
  if (/^dotnet\//.test(name)) return 'dotnet';
  const last = name.split('/').pop() ?? name;
  return RUNTIME_IMAGES[last];
}

interface Version {
  major: number;
  minor?: number;
}

/** The version a tag names (`3.11-slim` → 3.11, `17-jre` → 17, `8u342` → 8). */
function versionOf(tag: string | undefined): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(tag ?? '');
  if (!m) return undefined;
  return { major: Number(m[1]), ...(m[2] !== undefined ? { minor: Number(m[2]) } : {}) };
}

const show = (v: Version) => (v.minor === undefined ? `${v.major}` : `${v.major}.${v.minor}`);

/** `python:3` does not contradict `python:3.11`; `3.9` and `3.11` do. */
function conflicts(a: Version, b: Version): boolean {
  if (a.major !== b.major) return true;
  return a.minor !== undefined && b.minor !== undefined && a.minor !== b.minor;
}

interface Usage {
  dockerfile: DockerfileFact;
  stage: DockerStage;
  version: Version;
}

/** The version most stages agree on: the most used, then the more precise, then the newest. */
function referenceOf(usages: Usage[]): Version {
  const counts = new Map<string, { version: Version; count: number }>();
  for (const { version } of usages) {
    const key = show(version);
    const entry = counts.get(key) ?? { version, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const ranked = [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      Number(b.version.minor !== undefined) - Number(a.version.minor !== undefined) ||
      b.version.major - a.version.major ||
      (b.version.minor ?? 0) - (a.version.minor ?? 0),
  );
  return ranked[0].version;
}

export default defineRule({
  id: 'infrastructure/runtime-version-mismatch',
  category: 'infrastructure',
  severity: 'low',
  title: 'Dockerfiles agree on runtime versions',
  description:
    'Fails when the Dockerfiles of the repository build on different major.minor versions of the same runtime image (python, node, openjdk/eclipse-temurin, golang, ruby, php, dotnet), such as `python:3.9` in one and `python:3.11` in another, or, in a repository of several Dockerfiles, when the stages of one do (a build stage on `eclipse-temurin:24-jdk` and a runtime stage on `eclipse-temurin:25-jre`). A repository with a single Dockerfile has nothing to agree between: not applicable.',
  rationale:
    'Services of one repository usually share code, tooling and assumptions. When their images drift apart, code that works in one breaks in another, security fixes land in some images and not others, and upgrades have to be rediscovered service by service.',
  remediation:
    'Align the base images on one runtime version, ideally from a single build argument or shared base image, and upgrade them together.',
  evaluate(facts) {
    const byRuntime = new Map<string, Usage[]>();
    for (const dockerfile of dockerfilesOf(facts)) {
      for (const stage of dockerfile.stages) {
        const image = baseImageOf(stage);
        const runtime = image && runtimeOf(image.imageName);
        const version = image && versionOf(image.tag);
        if (!runtime || !version) continue;
        const list = byRuntime.get(runtime) ?? [];
        list.push({ dockerfile, stage, version });
        byRuntime.set(runtime, list);
      }
    }
    // A runtime is judged once two Dockerfiles use it, or, in a repository of several Dockerfiles, when the stages of
    // one of them disagree on it (building on one version and running on another).
    const several = dockerfilesOf(facts).length >= 2;
    const shared = [...byRuntime.entries()].filter(
      ([, usages]) =>
        new Set(usages.map(u => u.dockerfile.path)).size >= 2 ||
        (several && usages.some(a => usages.some(b => a.dockerfile === b.dockerfile && conflicts(a.version, b.version)))),
    );
    if (shared.length === 0) {
      return outcome.notApplicable('fewer than two Dockerfiles use the same runtime image');
    }
    const findings: Finding[] = [];
    for (const [runtime, usages] of shared) {
      const reference = referenceOf(usages);
      const agreeing = usages.filter(u => !conflicts(u.version, reference));
      for (const usage of usages) {
        if (!conflicts(usage.version, reference)) continue;
        const elsewhere = agreeing
          .filter(u => u.dockerfile.path !== usage.dockerfile.path)
          .map(u => `${u.dockerfile.path}:${u.stage.line}`);
        const where = elsewhere.length
          ? elsewhere.slice(0, 3).join(', ') + (elsewhere.length > 3 ? ', …' : '')
          : 'other stages of this Dockerfile';
        findings.push({
          path: usage.dockerfile.path,
          line: usage.stage.line,
          excerpt: excerptAt(facts, usage.dockerfile.path, usage.stage.line),
          message: `Builds on ${runtime} ${show(usage.version)} while ${where} use${
            elsewhere.length === 1 ? 's' : ''
          } ${runtime} ${show(reference)}`,
          confidence: dockerfileConfidence(usage.dockerfile),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
