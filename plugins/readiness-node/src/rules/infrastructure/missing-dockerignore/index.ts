import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../../facts';
import { basename, joinPath } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  buildContextsOf,
  developmentNoteOf,
  dockerfileConfidence,
  dockerfilesOf,
  noDockerfileReason,
  excerptAt,
  showDir,
  withDevelopmentNote,
} from '../containers';
import { fixMissingDockerignore } from './fix';

/** At most this many files in a dedicated build folder, none in a subfolder, leave nothing to keep out. */
const SMALL_CONTEXT = 5;
/** Files an image folder holds beside its Dockerfile: entry scripts and configuration, nothing a build leaves behind. */
const IMAGE_SUPPORT_FILE = /^(?:(?:[\w.-]*\.)?(?:Docker|Container)file(?:\.[\w.-]+)?|[\w.-]+\.(?:sh|bash|conf|cfg|ini|ya?ml|toml|template|tmpl))$/i;

/**
 * A dedicated image folder (not the repository root, no project in it) holding only its Dockerfile and a
 * few entry scripts or configuration files, no folders and no env file, from which the Dockerfile copies
 * named files rather than the whole folder: an ignore file would exclude nothing.
 */
function nothingToExclude(facts: Facts, context: string, dockerfileText: string): boolean {
  if (context === '' || context === '.') return false;
  // `COPY . .` sends the whole folder into the image: whatever lands there later goes too.
  if (/^\s*(?:COPY|ADD)\b(?:\s+--\S+)*\s+\.\/?\s/im.test(dockerfileText)) return false;
  const prefix = `${context}/`;
  const files = facts.files.filter(f => f.path.startsWith(prefix)).map(f => f.path.slice(prefix.length));
  return files.length <= SMALL_CONTEXT && files.every(f => !f.includes('/') && IMAGE_SUPPORT_FILE.test(f));
}

export default defineRule({
  id: 'infrastructure/missing-dockerignore',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Docker build contexts have a .dockerignore',
  description:
    "Fails when a Dockerfile's build context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore` next to the Dockerfile)." +
    ' The build context is the one compose, a Tiltfile, CI or a script (`docker build -f docker/Dockerfile .`) builds it from; for a Dockerfile nothing builds,' +
    ' it is the folder its COPY sources lie in (the Dockerfile\'s own folder unless a folder above holds more of them).' +
    ' A development Dockerfile (named for development, or beside its production variant such as `Dockerfile.prod`) that no production or main compose file builds is only a low-confidence note; development-workspace images (`.devcontainer/`, `.gitpod.Dockerfile`, `.codesandbox/`) are not judged.' +
    ' A dedicated image folder holding only its Dockerfile and up to five entry scripts or configuration files, from which it copies named files (not `COPY . …`), has nothing to exclude and passes.',
  rationale:
    'Without an ignore file the whole directory is sent to the builder and `COPY . .` copies it into the image: local .env files, credentials, the .git history, node_modules and build output. Images grow, builds slow down and secrets ship.',
  remediation:
    'Add a `.dockerignore` at the root of the build context that excludes `.git`, `.env*`, dependency folders, build output, tests and local tooling, keeping only what the image needs.',
  evaluate(facts) {
    const dockerfiles = dockerfilesOf(facts);
    if (dockerfiles.length === 0) {
      return outcome.notApplicable(noDockerfileReason(facts));
    }
    const findings: Finding[] = [];
    for (const dockerfile of dockerfiles) {
      // BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile.
      if (facts.file(`${dockerfile.path}.dockerignore`)) continue;
      const development = developmentNoteOf(facts, dockerfile.path);
      for (const context of buildContextsOf(facts, dockerfile)) {
        if (facts.file(joinPath(context, '.dockerignore'))) continue;
        if (nothingToExclude(facts, context, facts.file(dockerfile.path)?.text ?? '')) continue;
        const line = dockerfile.finalStage?.line;
        findings.push({
          path: dockerfile.path,
          ...(line !== undefined ? { line } : {}),
          excerpt: excerptAt(facts, dockerfile.path, line),
          message: withDevelopmentNote(
            context === dockerfile.dir
              ? `No .dockerignore in ${showDir(context)}, the build context of ${basename(dockerfile.path)}: everything in it is sent to the builder`
              : `No .dockerignore in ${showDir(context)}, the build context of ${dockerfile.path}: everything in it is sent to the builder`,
            development,
          ),
          confidence: development ? 'low' : dockerfileConfidence(dockerfile),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
  fix: fixMissingDockerignore,
});
