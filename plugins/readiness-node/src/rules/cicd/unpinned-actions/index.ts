import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { excerptAt, locateLine, parsedWorkflows } from '../../../facts/workflows';

/** Refs that name a moving branch rather than a release. */
const BRANCH_REFS = new Set([
  'main',
  'master',
  'dev',
  'develop',
  'development',
  'latest',
  'trunk',
  'head',
  'nightly',
  'edge',
  'canary',
]);

/**
 * Refs in a branch namespace: `releases/v1` (the release-branch convention of the actions toolkit, which
 * moves with every release of that major), `release/…`, `feature/…`, `hotfix/…`, `refs/heads/…`.
 * Version-like tags (`v1`, `v1.2.3`) are the tag convention and pass.
 */
const BRANCH_NAMESPACE = /^(?:refs\/heads\/.+|(?:releases?|features?|feat|fix|hotfix|bugfix|dev|develop|development|main|master|users?)\/.+)$/i;

/** Why a `uses:` reference is unpinned, or undefined when it is pinned. */
export function unpinnedReason(uses: string): string | undefined {
  const ref = uses.trim();
  if (ref.startsWith('./') || ref.startsWith('../')) return undefined;
  if (ref.startsWith('docker://')) {
    const image = ref.slice('docker://'.length);
    if (image.includes('@sha256:')) return undefined;
    const lastSegment = image.split('/').pop() ?? image;
    const tag = lastSegment.includes(':')
      ? lastSegment.split(':').pop()
      : undefined;
    if (!tag) return 'the container image has no tag';
    if (tag === 'latest') return 'the container image uses :latest';
    return undefined;
  }
  const at = ref.lastIndexOf('@');
  if (at === -1) return 'no version is given';
  const version = ref.slice(at + 1);
  if (/^[0-9a-f]{40}$/i.test(version)) return undefined;
  if (!version) return 'no version is given';
  if (BRANCH_REFS.has(version.toLowerCase()) || BRANCH_NAMESPACE.test(version))
    return `@${version} is a branch that moves`;
  return undefined;
}

function ownerOf(uses: string): string {
  return uses.split('/')[0].toLowerCase();
}

export default defineRule({
  id: 'cicd/unpinned-actions',
  category: 'cicd',
  severity: 'medium',
  title: 'Actions are pinned to a version',
  description:
    'Fails when a workflow uses an action or reusable workflow by a branch (`@main`, `@master`, `@dev`, `@latest`, or a ref in a branch namespace such as `@releases/v1`, `@release/2.x`, `@refs/heads/…`) or with no version, or a `docker://` image without a tag. Tags and full commit SHAs pass; local actions (`./…`) pass.',
  rationale:
    "A branch reference runs whatever its owner pushed last. A compromised or simply broken commit in someone else's repository then runs in your pipeline, with your secrets, on the next build.",
  remediation:
    'Pin every action to a release tag or, better for third-party actions, to a full commit SHA with the tag in a comment (`uses: owner/action@<sha> # v1.2.3`), and let Dependabot or Renovate keep the pins current.',
  evaluate(facts) {
    const workflows = parsedWorkflows(facts);
    if (workflows.length === 0)
      return outcome.notApplicable('no GitHub Actions workflow');
    const findings: Finding[] = [];
    let references = 0;
    for (const workflow of workflows) {
      for (const job of workflow.jobs) {
        const refs = [
          ...(job.uses ? [{ uses: job.uses, line: job.line }] : []),
          ...job.steps
            .filter(s => s.uses)
            .map(s => ({ uses: s.uses!, line: s.line })),
        ];
        for (const { uses, line: from } of refs) {
          references += 1;
          const reason = unpinnedReason(uses);
          if (!reason) continue;
          const line = locateLine(
            facts,
            workflow.path,
            from,
            l => /\buses\s*:/.test(l) && l.includes(uses),
          );
          const official = ['actions', 'github'].includes(ownerOf(uses));
          findings.push({
            path: workflow.path,
            line,
            excerpt: excerptAt(facts, workflow.path, line),
            message: `${official ? 'GitHub action' : 'Third-party action'} ${
              uses.split('@')[0]
            } is not pinned: ${reason}`,
          });
        }
      }
    }
    if (references === 0) return outcome.pass('no workflow uses an action');
    return outcome.fromFindings(findings);
  },
});
