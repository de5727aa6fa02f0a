import type { SourceFile } from '../../../snapshot';
import { basename, type DeployDescriptor } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { commandSegments, DEPLOY_COMMAND, hasDeployPipeline } from '../../../facts/workflows';
import { isAsidePath } from '../../../facts/paths';
import { codeBlocksOf, headingAbove, headingsOf, isCommandBlock } from '../markdown';

/** Document names that hold operational knowledge, including a dedicated deployment guide. `ops` must be a word of its own (not "devops"). */
const RUNBOOK_PATH =
  /(?:^|[/_.\s-])(?:run-?books?|operations|operating|ops|play-?books?|on-?call|incidents?|incident-response|sre|troubleshooting|disaster-recovery|postmortems?|deployment|deploying|deploy|production)(?:[/_.\s-]|$)/i;
/** Section titles about operating the service. */
const RUNBOOK_HEADING =
  /^(?:operations?|operating|operational|run-?books?|troubleshooting|on-?call|incident(?:s| response)?|monitoring(?: and alerting)?|alerts?(?: and dashboards)?|disaster recovery)\b/i;
/** Section titles about deploying it or running it in production: "Deployment", "Deploy to …", "Running in production", "Kubernetes". */
const DEPLOY_HEADING =
  /\b(?:deploy(?:s|ing|ment|ments)?|production|kubernetes|k8s|swarm|helm|self-?hosting|hosting)\b/i;
/** …unless the section is about a laptop, a build or a claim: "Local deployment", "Production build", "Production-ready". */
const LOCAL_HEADING =
  /\b(?:local(?:ly|host)?|minikube)\b|\b(?:production|prod)\s+(?:build|bundle)s?\b|\bbuild(?:ing)?\s+(?:\w+\s+)?for\s+production\b|\bproduction[- ](?:ready|grade|quality)\b/i;
/** Publishing a package is a release, not a way to run the service. */
const PACKAGE_PUBLISH =
  /^(?:npm|yarn|pnpm|twine|poetry|uv|cargo|gem|mvn|gradlew?|dotnet|nuget)\b/;
const DOCUMENT = /\.(md|mdx|rst|adoc|txt)$/i;

function isRunbookDocument(file: SourceFile): boolean {
  if (/(^|\/)(node_modules|vendor)\//.test(file.path)) return false;
  // A plain-text file counts by its own name: `deploy/requirements.txt` is not a guide.
  const name = /\.txt$/i.test(file.path) ? basename(file.path) : file.path;
  return RUNBOOK_PATH.test(name.replace(DOCUMENT, ''));
}

/** A README section on operating, deploying or running the service in production. */
function runbookSection(readme: SourceFile): string | undefined {
  const headings = headingsOf(readme);
  const titled = headings.find(
    h => RUNBOOK_HEADING.test(h.text) || (DEPLOY_HEADING.test(h.text) && !LOCAL_HEADING.test(h.text)),
  );
  if (titled) return `README section "${titled.text}"`;
  // Deploy steps under any title (`docker stack deploy`, `kubectl apply`, `helm upgrade`), except local ones.
  for (const block of codeBlocksOf(readme)) {
    if (!isCommandBlock(block)) continue;
    const under = headingAbove(headings, block.line);
    if (under && LOCAL_HEADING.test(under.text)) continue;
    for (const segment of commandSegments(block.body.join('\n'))) {
      const m = DEPLOY_COMMAND.exec(segment);
      if (m && !PACKAGE_PUBLISH.test(m[0])) {
        return `README deploy steps${under ? ` under "${under.text}"` : ''} (\`${m[0].trim()}\`)`;
      }
    }
  }
  return undefined;
}

/** `k8s/api.yml (Deployment api) and Procfile (web process)`, at most three named. */
function describeDescriptors(descriptors: DeployDescriptor[]): string {
  const named = descriptors.slice(0, 3).map(d => `${d.path} (${d.what})`);
  const more = descriptors.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0];
}

export default defineRule({
  id: 'documentation/no-runbook',
  category: 'documentation',
  severity: 'low',
  title: 'Deployable services have a runbook',
  description:
    'For a deployable service (a Dockerfile, a deployment descriptor such as a Kubernetes workload manifest, Helm chart, Procfile, heroku.yml, fly.toml, render.yaml, App Engine app.yaml or serverless.yml, or a deploy pipeline; dev container images and files under examples, tests or docs do not count), fails when no runbook or operations document exists: no document named runbook / operations / ops / playbook / on-call / incident / troubleshooting / deploy / deployment / production (dependency lists such as requirements/production.txt are not documents), no README section such as Operations, Runbook, Troubleshooting, Deployment, Deploy to …, Running in production or Kubernetes (any heading style), and no deploy steps (`kubectl apply`, `helm upgrade`, `docker stack deploy`…) in the README.',
  rationale:
    'The person paged at night is often not the author. A runbook tells them how to check health, read the dashboards, restart, roll back and escalate, and turns a long outage into a short one.',
  remediation:
    'Add docs/runbook.md (or a README "Operations" section) covering: what the service depends on, dashboards and alerts, how to check health, restart, scale and roll back, known failure modes, and who to escalate to.',
  evaluate(facts) {
    const dockerfile = facts.dockerfiles.find(d => !isAsidePath(d.path));
    const deploys = hasDeployPipeline(facts);
    const descriptor = facts.deployDescriptors[0];
    if (!dockerfile && !deploys && !descriptor) {
      return outcome.notApplicable(
        'nothing deployable: no Dockerfile, no deployment descriptor (Kubernetes manifest, Helm chart, Procfile…) and no deploy pipeline',
      );
    }
    const doc = facts.docs.documents.find(isRunbookDocument);
    if (doc) return outcome.pass(`runbook ${doc.path}`);
    const readme = facts.docs.readme;
    const section = readme && runbookSection(readme);
    if (section) return outcome.pass(section);
    let what = 'a pipeline deploys this repository';
    if (dockerfile) what = `${dockerfile.path} builds a deployable image`;
    else if (descriptor) {
      what = `${describeDescriptors(facts.deployDescriptors)} deploy${facts.deployDescriptors.length > 1 ? '' : 's'} it`;
    }
    return outcome.fail([
      {
        path: readme?.path ?? '.',
        message: `${what}, but no runbook or operations document explains how to run it in production`,
      },
    ]);
  },
});
