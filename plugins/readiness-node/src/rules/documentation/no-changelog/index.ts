import { basename } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isAsidePath } from '../../../facts/paths';
import { headingsOf } from '../markdown';
import { fixChangelog } from './fix';

const CHANGELOG_FILE =
  /^(?:changelog|changes|history|release[-_]?notes|releases|news)(?:\.(?:md|markdown|mdx|rst|txt|adoc))?$/i;
/** A README section that keeps the release history: "Changelog", "Release notes", "Version history". */
const CHANGELOG_HEADING = /^(?:change ?log|changes|release notes|releases|release history|version history|history|what'?s new|news|updates|release log)$/i;
/** A version entry under it: `v1.2`, `1.2.0`, `2024-05-01`. */
const VERSION_ENTRY = /\bv?\d+\.\d+(?:\.\d+)?\b|\b\d{4}-\d{2}-\d{2}\b/;
/** Major-version labels (`**v1**`, `v2`): two different ones make a list of versions. */
const MAJOR_VERSION = /\bv(\d+)\b/g;

/** Whether a section body lists versions: a dotted version or a date, or two major-version labels. */
function listsVersions(body: string): boolean {
  if (VERSION_ENTRY.test(body)) return true;
  return new Set([...body.matchAll(MAJOR_VERSION)].map(m => m[1])).size >= 2;
}
const VENDORED =
  /(^|\/)(?:node_modules|vendor|third_party|bower_components|\.venv|venv|dist|build)\//;
/**
 * Tooling that keeps the record in the repository: change fragments written with each change (Changesets,
 * towncrier), or a generator that writes a CHANGELOG file (release-please, git-cliff). Release notes published
 * only on the hosting platform (GoReleaser's changelog, GitHub's generated notes configured by
 * `.github/release.yml`, semantic-release without its changelog plugin) are the commit log of each release, kept
 * outside the tree: they are not counted.
 */
const RELEASE_TOOLING =
  /^(?:\.changeset\/[^/]+|changelog\.d\/[^/]+|changes\/[^/]+\.(?:md|rst|txt)|newsfragments\/[^/]+|(?:docs\/)?changelog\/[^/]+|release-please-config\.json|\.release-please-manifest\.json|cliff\.toml)$/i;
/** semantic-release configuration files. */
const SEMANTIC_RELEASE_CONFIG = /^(?:\.releaserc(?:\.(?:json|ya?ml|js|cjs|mjs))?|release\.config\.(?:js|cjs|mjs|ts))$/i;
/** The semantic-release plugin that writes the release notes into a CHANGELOG file of the repository. */
const CHANGELOG_PLUGIN = /@semantic-release\/changelog\b/;

export default defineRule({
  id: 'documentation/no-changelog',
  category: 'documentation',
  severity: 'low',
  title: 'Changes are recorded',
  description:
    'Fails when there is no changelog or release notes (CHANGELOG, CHANGES, HISTORY, RELEASES, NEWS, release notes, in any package, or a README section such as Changelog, Release notes or News that lists versions: a dotted version, a date, or two major-version labels such as v1 and v2) and no tooling that keeps them in the repository (Changesets, release-please, towncrier fragments, git-cliff, semantic-release with its changelog plugin). Release notes published only on the hosting platform (GoReleaser, GitHub\'s generated release notes, semantic-release without the changelog plugin) are kept outside the tree and do not count.',
  rationale:
    'When something breaks after a deploy, the first question is what changed. A changelog answers it for operators and consumers without reading the commit history.',
  remediation:
    'Keep a CHANGELOG.md (for example in the Keep a Changelog format) updated with each release, or adopt a tool that writes release notes from changesets or conventional commits.',
  evaluate(facts) {
    if (facts.docs.changelog)
      return outcome.pass(`changelog ${facts.docs.changelog.path}`);
    const file = facts.files.find(
      f =>
        (CHANGELOG_FILE.test(basename(f.path)) &&
          !isAsidePath(f.path) &&
          !VENDORED.test(f.path)) ||
        RELEASE_TOOLING.test(f.path),
    );
    if (file) return outcome.pass(`release notes in ${file.path}`);
    const readme = facts.docs.readme;
    if (readme) {
      const headings = headingsOf(readme);
      const at = headings.findIndex(h => CHANGELOG_HEADING.test(h.text));
      if (at !== -1) {
        const lines = readme.text.split('\n');
        const end = headings.slice(at + 1).find(h => h.level <= headings[at].level)?.line ?? lines.length + 1;
        const body = lines.slice(headings[at].line, end - 1).join('\n');
        if (listsVersions(body)) return outcome.pass(`README section "${headings[at].text}"`);
      }
    }
    // semantic-release writes a CHANGELOG file only with its changelog plugin, named in its configuration or the
    // root package.json; otherwise it publishes the notes on the hosting platform alone.
    const rootPackage = facts.file('package.json');
    const semanticConfig = facts.files.filter(f => SEMANTIC_RELEASE_CONFIG.test(f.path));
    if ([rootPackage, ...semanticConfig].some(f => f && CHANGELOG_PLUGIN.test(f.text)))
      return outcome.pass('semantic-release writes a CHANGELOG (@semantic-release/changelog)');
    const action = facts.ci.workflows.some(w =>
      w.jobs.some(j =>
        j.steps.some(s =>
          /release-please-action|changesets\/action/i.test(
            s.uses ?? s.run ?? '',
          ),
        ),
      ),
    );
    if (action) return outcome.pass('release notes generated by a workflow');
    return outcome.fail([
      {
        path: '.',
        message: 'No CHANGELOG, release notes or release-notes tooling',
      },
    ]);
  },
  fix: fixChangelog,
});
