import { defineRule, outcome } from '../../types';
import { hasDeployPipeline } from '../../cicd/workflows';
import { isAsidePath } from '../../observability/services';
import { headingsOf } from '../markdown';

/** Document names that hold operational knowledge, including a dedicated deployment guide. `ops` must be a word of its own (not "devops"). */
const RUNBOOK_PATH =
  /(?:^|[/_.\s-])(?:run-?books?|operations|operating|ops|play-?books?|on-?call|incidents?|incident-response|sre|troubleshooting|disaster-recovery|postmortems?|deployment|deploying)(?:[/_.\s-]|$)/i;
const RUNBOOK_HEADING =
  /^(?:operations?|operating|operational|run-?book|troubleshooting|on-?call|incident(?:s| response)?|monitoring(?: and alerting)?|alerts?(?: and dashboards)?|disaster recovery)\b/i;
const DOCUMENT = /\.(md|mdx|rst|adoc|txt)$/i;

export default defineRule({
  id: 'documentation/no-runbook',
  category: 'documentation',
  severity: 'low',
  title: 'Deployable services have a runbook',
  description:
    'For a deployable service (a Dockerfile or a deploy pipeline; dev container images do not count), fails when no runbook or operations document exists: no document named runbook / operations / ops / playbook / on-call / incident / troubleshooting / deployment, and no README section such as Operations, Runbook or Troubleshooting.',
  rationale:
    'The person paged at night is often not the author. A runbook tells them how to check health, read the dashboards, restart, roll back and escalate, and turns a long outage into a short one.',
  remediation:
    'Add docs/runbook.md (or a README "Operations" section) covering: what the service depends on, dashboards and alerts, how to check health, restart, scale and roll back, known failure modes, and who to escalate to.',
  evaluate(facts) {
    const dockerfile = facts.dockerfiles.find(d => !isAsidePath(d.path));
    const deploys = hasDeployPipeline(facts);
    if (!dockerfile && !deploys) {
      return outcome.notApplicable(
        'nothing deployable: no Dockerfile and no deploy pipeline',
      );
    }
    const doc = facts.docs.documents.find(
      f =>
        RUNBOOK_PATH.test(f.path.replace(DOCUMENT, '')) &&
        !/(^|\/)(node_modules|vendor)\//.test(f.path),
    );
    if (doc) return outcome.pass(`runbook ${doc.path}`);
    const readme = facts.docs.readme;
    const section =
      readme && headingsOf(readme).find(h => RUNBOOK_HEADING.test(h.text));
    if (section) return outcome.pass(`README section "${section.text}"`);
    const what = dockerfile
      ? `${dockerfile.path} builds a deployable image`
      : 'a pipeline deploys this repository';
    return outcome.fail([
      {
        path: readme?.path ?? '.',
        message: `${what}, but no runbook or operations document explains how to run it in production`,
      },
    ]);
  },
});
