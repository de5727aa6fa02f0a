import { Snapshot, SourceFile } from '../snapshot';
import { CiFacts, collectCi } from './ci';
import { ComposeFileFact, isComposePath, parseComposeFile } from './compose';
import { collectDeployDescriptors, DeployDescriptor } from './deploy';
import { collectDocs, DocsFacts } from './docs';
import { DockerfileFact, isDockerfilePath, parseDockerfile } from './dockerfiles';
import {
  collectEnvReads,
  EnvFileFact,
  envFileKind,
  EnvVarRead,
  parseEnvFile,
} from './env';
import { collectManifests, ManifestFacts } from './manifests';
import { collectStack, StackFacts } from './stack';

/**
 * Everything rules may know about a repository, built once per audit from a
 * single walk. Each subject is parsed on first use and shared by every rule.
 * @public
 */
export interface Facts {
  /** The snapshot the facts were built from. */
  readonly snapshot: Snapshot;
  /** Text files, sorted by path. */
  readonly files: SourceFile[];
  /** A file by repository-relative path. */
  file(path: string): SourceFile | undefined;
  readonly dockerfiles: DockerfileFact[];
  readonly compose: ComposeFileFact[];
  readonly ci: CiFacts;
  /** First-party deployment descriptors: Kubernetes workloads, Helm charts, Procfile, heroku.yml, fly.toml, render.yaml, App Engine app.yaml, serverless.yml. */
  readonly deployDescriptors: DeployDescriptor[];
  readonly manifests: ManifestFacts;
  readonly envFiles: EnvFileFact[];
  readonly envReads: EnvVarRead[];
  readonly docs: DocsFacts;
  readonly stack: StackFacts;
  /** Files that could not be parsed, with the reason. */
  readonly parseErrors: Array<{ path: string; message: string }>;
}

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** Builds the shared facts over a snapshot. @public */
export function buildFacts(snapshot: Snapshot): Facts {
  const files = snapshot.files;
  const byPath = new Map(files.map(f => [f.path, f]));
  const dockerfiles = lazy(() =>
    files.filter(f => isDockerfilePath(f.path)).map(parseDockerfile),
  );
  const compose = lazy(() =>
    files.filter(f => isComposePath(f.path)).map(parseComposeFile),
  );
  const ci = lazy(() => collectCi(files));
  const deployDescriptors = lazy(() => collectDeployDescriptors(files));
  const manifests = lazy(() => collectManifests(files));
  const envFiles = lazy(() =>
    files.flatMap(f => {
      const kind = envFileKind(f.path);
      return kind ? [parseEnvFile(f, kind)] : [];
    }),
  );
  const envReads = lazy(() => collectEnvReads(files));
  const docs = lazy(() => collectDocs(files));
  // The facts object below, once built: stack facts read syntax trees cached for this audit.
  let owner: object = snapshot;
  const stack = lazy(() =>
    collectStack(files, manifests(), dockerfiles(), compose(), owner),
  );
  const parseErrors = lazy(() => [
    ...dockerfiles().flatMap(d => (d.error ? [{ path: d.path, message: d.error }] : [])),
    ...compose().flatMap(c => (c.error ? [{ path: c.path, message: c.error }] : [])),
    ...ci().errors,
    ...manifests().errors,
  ]);
  const facts: Facts = {
    snapshot,
    files,
    file: path => byPath.get(path),
    get dockerfiles() {
      return dockerfiles();
    },
    get compose() {
      return compose();
    },
    get ci() {
      return ci();
    },
    get deployDescriptors() {
      return deployDescriptors();
    },
    get manifests() {
      return manifests();
    },
    get envFiles() {
      return envFiles();
    },
    get envReads() {
      return envReads();
    },
    get docs() {
      return docs();
    },
    get stack() {
      return stack();
    },
    get parseErrors() {
      return parseErrors();
    },
  };
  owner = facts;
  return facts;
}

export type { CiFacts, CiCommand, CiSystem, WorkflowFact, WorkflowJob, WorkflowStep } from './ci';
export type { ComposeFileFact, ComposeService, ComposeEnvVar, ComposeVolume } from './compose';
export type { DeployDescriptor, DeployPlatform } from './deploy';
export type { DocsFacts } from './docs';
export type { DockerfileFact, DockerStage, DockerInstruction, ImageReference } from './dockerfiles';
export type { EnvFileFact, EnvEntry, EnvVarRead } from './env';
export type {
  ManifestFacts,
  PackageJsonFact,
  RequirementsFact,
  RequirementEntry,
  PyprojectFact,
  MavenFact,
  GoModFact,
} from './manifests';
export type { StackFacts, FrontendApp } from './stack';
export { isDevWorkspacePath, isLowConfidencePath, isTestFile, isTestOnlyContainerPath, isToolingPath, isCodePath, languageOf, basename, dirname, extname, joinPath, outsideJvmPackages } from './paths';
export { matchAll, matchAllNear, linesHolding, lineOf, lineOfOffset, unionOf } from './text';
export { parseImageReference } from './dockerfiles';
export type { TextMatch } from './text';
