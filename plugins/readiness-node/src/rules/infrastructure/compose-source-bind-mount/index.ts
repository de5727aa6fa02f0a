import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { ComposeVolume, Facts } from '../../../facts';
import { isCodePath } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  composeDir,
  composeFilesOf,
  confidenceOf,
  developmentNoteOf,
  excerptAt,
  isDevelopmentComposePath,
  isVendored,
  withDevelopmentNote,
} from '../containers';

/** A host path that stands for the directory compose runs from. */
const WORKING_DIR = /^\$\{?PWD\}?(\/.*)?$/;

/** Resolves a relative path against a directory; undefined when it leaves the repository. */
function resolveInRepo(dir: string, rel: string): string | undefined {
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
function within(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/**
 * Why a bind mount's source is part of the source tree, or undefined when it
 * is not (a data directory, a config file, the Docker socket…).
 */
function sourceTreeReason(
  facts: Facts,
  volume: ComposeVolume,
  composeDirectory: string,
  buildContext: string | undefined,
): string | undefined {
  const source = (volume.source ?? '').trim();
  if (!source) return undefined;
  const pwd = WORKING_DIR.exec(source);
  const isRelative =
    source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../');
  if (!pwd && !isRelative) return undefined;
  const relative = pwd ? `.${pwd[1] ?? ''}` : source;
  // A path that leaves the repository says nothing about this tree.
  const path = resolveInRepo(composeDirectory, relative);
  if (path === undefined) return undefined;
  if (path === composeDirectory || within(composeDirectory, path)) {
    return 'the whole project directory';
  }
  if (buildContext !== undefined && within(buildContext, path)) {
    return 'the build context of the service';
  }
  const file = facts.file(path);
  if (file) return isCodePath(path) ? 'a source file' : undefined;
  const code = facts.files.find(f => within(f.path, path) && isCodePath(f.path) && !isVendored(f.path));
  return code ? 'a directory of source code' : undefined;
}

export default defineRule({
  id: 'infrastructure/compose-source-bind-mount',
  category: 'infrastructure',
  severity: 'low',
  title: 'Compose services run the image, not a mounted source tree',
  description:
    'Fails when a compose service bind-mounts the source tree (`.:/app`, `./src:/app/src`, `${PWD}:/app`) into its container. Development compose files (`docker-compose.override.yml`, `compose.dev.yaml`…) are not judged; one beside a standalone production variant (`docker-compose.prod.yml`) is only a low-confidence note.',
  rationale:
    'A bind-mounted source tree replaces what the image contains with whatever is on the host. The container no longer runs the code that was built, tested and scanned, and the same compose file behaves differently on every machine.',
  remediation:
    'Copy the code into the image in the Dockerfile and drop the bind mount. Keep live-reload mounts in a development-only file such as `docker-compose.override.yml` or `compose.dev.yaml`, and use named volumes for data.',
  evaluate(facts) {
    const files = composeFilesOf(facts);
    if (files.length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      if (isDevelopmentComposePath(file.path)) continue;
      const dir = composeDir(file);
      const development = developmentNoteOf(facts, file.path);
      for (const service of file.services) {
        for (const volume of service.volumes) {
          if (volume.type !== 'bind') continue;
          const reason = sourceTreeReason(facts, volume, dir, service.buildContext);
          if (!reason) continue;
          findings.push({
            path: file.path,
            ...(volume.line !== undefined ? { line: volume.line } : {}),
            excerpt: excerptAt(facts, file.path, volume.line) ?? volume.spec,
            message: withDevelopmentNote(
              `Service \`${service.name}\` bind-mounts ${reason} (\`${volume.source}\`)${
                volume.target ? ` over \`${volume.target}\`` : ''
              }, so it runs the host's files instead of the image's`,
              development,
            ),
            confidence: development ? 'low' : confidenceOf(file.path),
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
