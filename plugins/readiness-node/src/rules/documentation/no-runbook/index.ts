import type { SourceFile } from '../../../snapshot';
import { basename, type DeployDescriptor, type Facts } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { commandSegments, DEPLOY_COMMAND, hasDeployPipeline, PACKAGE_PUBLISH_COMMAND } from '../../../facts/workflows';
import { DOCS_DIR, EXAMPLES_DIR, isAsidePath } from '../../../facts/paths';
import { codeBlocksOf, headingAbove, headingsOf, isCommandBlock, sectionsOf } from '../markdown';
import type { CodeBlock } from '../markdown';

/** Document names that hold operational knowledge, including a dedicated deployment guide. `ops` must be a word of its own (not "devops"). */
const RUNBOOK_PATH =
  /(?:^|[/_.\s-])(?:run-?books?|operations|operating|ops|play-?books?|on-?call|incidents?|incident-response|sre|troubleshooting|disaster-recovery|postmortems?|deployment|deploying|deploy|production)(?:[/_.\s-]|$)/i;
/** Section titles about operating the service. */
const RUNBOOK_HEADING =
  /^(?:operations?|operating|operational|run-?books?|troubleshooting|on-?call|incident(?:s| response)?|monitoring(?: and alerting)?|alerts?(?: and dashboards)?|disaster recovery)\b/i;
/**
 * Section titles about watching the service run, wherever the word stands: "Custom metrics monitoring", "Application
 * monitoring". ("Observability" alone usually describes the instrumentation built into the code, not how to watch it.)
 */
const MONITORING_HEADING = /\bmonitoring\b/i;
/** Production as the place data is taken from, not where the service runs: "Updating metrics from production", "a copy of prod". */
const PRODUCTION_AS_SOURCE = /\b(?:from|of)\s+(?:a\s+copy\s+of\s+)?(?:the\s+)?(?:production|prod)\b/gi;
/** Section titles about deploying it or running it in production: "Deployment", "Deploy to …", "Running in production", "Kubernetes". */
const DEPLOY_HEADING =
  /\b(?:deploy(?:s|ing|ment|ments)?|production|kubernetes|k8s|swarm|helm|self-?hosting|hosting)\b/i;
/** …unless the section is about a laptop, a build or a claim: "Local deployment", "Production build", "Production-ready". */
const LOCAL_HEADING =
  /\b(?:local(?:ly|host)?|minikube)\b|\b(?:production|prod)\s+(?:build|bundle)s?\b|\bbuild(?:ing)?\s+(?:\w+\s+)?for\s+production\b|\bproduction[- ](?:ready|grade|quality)\b/i;
const DOCUMENT = /\.(md|mdx|rst|adoc|txt)$/i;

function isRunbookDocument(file: SourceFile): boolean {
  if (/(^|\/)(node_modules|vendor)\//.test(file.path)) return false;
  // A plain-text file counts by its own name: `deploy/requirements.txt` is not a guide.
  const name = /\.txt$/i.test(file.path) ? basename(file.path) : file.path;
  return RUNBOOK_PATH.test(name.replace(DOCUMENT, ''));
}

/** Sections about a developer's machine or a test run, where running the image is a try-out: "Development", "Testing". */
const TRY_OUT_HEADING = /\b(?:dev|development|developing|test|tests|testing|debug|debugging)\b/i;
/** `docker build -t shop-api .`, `podman build --tag=shop-api:1.0 .`: the image a section builds, by its tag. */
const IMAGE_BUILD = /^(?:docker|podman)\s+(?:image\s+|buildx\s+)?build\b/;
/** `docker run …`, `docker container run …`. */
const CONTAINER_RUN = /^(?:docker|podman)\s+(?:container\s+)?run\b/;
/** Options that run a container as a service: detached, restarted, or configured through its environment. */
const SERVICE_OPTION = /^(?:-[a-ce-zA-Z]*d[a-zA-Z]*|--detach|--restart(?:=.*)?|-e|--env(?:=.*)?|--env-file(?:=.*)?)$/;

/** An image reference without its tag or digest: `shop-api:1.0` → `shop-api`. */
function imageName(ref: string): string {
  return ref.replace(/^['"]|['"]$/g, '').replace(/@sha256:\w+$/, '').replace(/:[\w.-]+$/, '');
}

/**
 * Where a section's commands build the repository's image and run that image as a service: `docker build -t
 * shop-api .` then `docker run -d --env-file .env shop-api` (detached, restarted or configured through its
 * environment). Running it in the foreground with only a port mapped is a try-out, and so is running another
 * image (a database).
 */
function containerRunGuide(blocks: CodeBlock[]): string | undefined {
  const commands = blocks.filter(b => isCommandBlock(b)).flatMap(b => commandSegments(b.body.join('\n').replace(/\\[ \t]*\r?\n/g, ' ')));
  const built = new Set<string>();
  for (const command of commands) {
    if (!IMAGE_BUILD.test(command)) continue;
    const tokens = command.split(/\s+/);
    tokens.forEach((token, i) => {
      const inline = /^(?:-t|--tag)=(.+)$/.exec(token);
      if (inline) built.add(imageName(inline[1]));
      else if ((token === '-t' || token === '--tag') && tokens[i + 1]) built.add(imageName(tokens[i + 1]));
    });
  }
  if (built.size === 0) return undefined;
  return commands.find(command => {
    if (!CONTAINER_RUN.test(command)) return false;
    const tokens = command.split(/\s+/);
    return tokens.some(t => SERVICE_OPTION.test(t)) && tokens.some(t => built.has(imageName(t)));
  });
}

/** A section of the README (or of a documentation page) on operating, deploying or running the service in production. */
function runbookSection(readme: SourceFile, where = 'README'): string | undefined {
  const headings = headingsOf(readme);
  const titled = headings.find(
    h =>
      RUNBOOK_HEADING.test(h.text) ||
      ((MONITORING_HEADING.test(h.text) || DEPLOY_HEADING.test(h.text.replace(PRODUCTION_AS_SOURCE, ' '))) && !LOCAL_HEADING.test(h.text)),
  );
  if (titled) return `${where} section "${titled.text}"`;
  // A section that builds the service's image and runs it as a service, under any title but the document's own
  // and those about a laptop or a test run.
  const blocks = codeBlocksOf(readme);
  const title = headings[0]?.level === 1 && !headings.slice(1).some(h => h.level === 1) ? headings[0] : undefined;
  for (const section of sectionsOf(readme)) {
    if (section.heading.line === title?.line) continue;
    // Its own title, the titles of its subsections and those of the sections around it.
    const around = headings.filter(h => h.line >= section.heading.line && h.line <= section.end);
    let level = section.heading.level;
    for (const h of headings.filter(above => above.line < section.heading.line).reverse()) {
      if (h.level < level && h !== title) around.push(h);
      level = Math.min(level, h.level);
    }
    if (around.some(h => LOCAL_HEADING.test(h.text) || TRY_OUT_HEADING.test(h.text))) continue;
    const run = containerRunGuide(blocks.filter(b => b.line > section.heading.line && b.line <= section.end));
    if (run) return `${where} section "${section.heading.text}" builds the image and runs it (\`${run}\`)`;
  }
  // Deploy steps under any title (`docker stack deploy`, `kubectl apply`, `helm upgrade`), except local ones.
  for (const block of blocks) {
    if (!isCommandBlock(block)) continue;
    const under = headingAbove(headings, block.line);
    if (under && LOCAL_HEADING.test(under.text)) continue;
    for (const segment of commandSegments(block.body.join('\n'))) {
      const m = DEPLOY_COMMAND.exec(segment);
      // Publishing a package is a release, not a way to run the service.
      if (m && !PACKAGE_PUBLISH_COMMAND.test(m[0])) {
        return `${where} deploy steps${under ? ` under "${under.text}"` : ''} (\`${m[0].trim()}\`)`;
      }
    }
  }
  return undefined;
}

/**
 * Release notes, whose headings name versions and the changes they made ("Deployment: fix the chart"), and the
 * community files (licence, code of conduct, security policy): none says how to run the service.
 */
const NOT_A_GUIDE =
  /^(?:changelog|changes|history|release[-_ ]?notes|news|licen[cs]e|copying|notice|authors|contributors|code[-_]of[-_]conduct|security)(?:\.[\w]+)?$/i;

/**
 * The pages of the repository's documentation: Markdown, reStructuredText and AsciiDoc files in a documentation folder
 * (`docs/`, `doc/`, `documentation/`, a docs site's sources), release notes and community files left out. Files beside
 * the README (its translations, instructions for coding agents) are not the documentation site.
 */
function documentationPages(facts: Facts): SourceFile[] {
  return facts.docs.documents.filter(
    d =>
      /\.(?:md|mdx|rst|adoc)$/i.test(d.path) &&
      !/(^|\/)(node_modules|vendor)\//.test(d.path) &&
      DOCS_DIR.test(d.path) &&
      !EXAMPLES_DIR.test(d.path) &&
      !NOT_A_GUIDE.test(basename(d.path)),
  );
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
    'For a deployable service (a Dockerfile, a deployment descriptor such as a Kubernetes workload manifest, Helm chart, Procfile, heroku.yml, fly.toml, render.yaml, App Engine app.yaml, serverless.yml, an Azure Developer CLI azure.yaml with services or a .NET Aspire app host publishing to a deployment environment, or a deploy pipeline; dev container images and files under examples, tests or docs do not count), fails when no runbook or operations document exists: no document named runbook / operations / ops / playbook / on-call / incident / troubleshooting / deploy / deployment / production (dependency lists such as requirements/production.txt are not documents), no README section such as Operations, Runbook, Troubleshooting, Deployment, Deploy to …, Running in production, Kubernetes or one about monitoring (the word anywhere in the title, as in `Custom metrics monitoring`; any heading style; production named only as where data comes from, as in `Updating metrics from production`, does not count), no README section that builds the image and runs it as a service (`docker build -t app .` then `docker run -d` / `--env-file` / `-e` / `--restart` with that image; not under a local, development or test title), and no deploy steps (`kubectl apply`, `helm upgrade`, `docker stack deploy`, `azd up`…) in the README; pages of a documentation folder (`docs/`, `doc/`, `documentation/`; not release notes, community files or examples) are read as the README is. Badges and images in a heading are not its words.',
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
    // Documents count where they are: a page of the documentation with such a section is the runbook.
    for (const page of documentationPages(facts)) {
      const found = runbookSection(page, page.path);
      if (found) return outcome.pass(found);
    }
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
