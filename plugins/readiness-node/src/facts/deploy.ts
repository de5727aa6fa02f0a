import { parse as parseToml } from 'smol-toml';
import { SourceFile } from '../snapshot';
import { basename, isAsidePath } from './paths';
import { maskSource } from './sourceText';
import { asRecord, asString, parseYamlFile } from './yamlDoc';

/** The platforms a deployment descriptor targets. @public */
export type DeployPlatform = 'kubernetes' | 'helm' | 'heroku' | 'fly' | 'render' | 'app-engine' | 'serverless' | 'azd' | 'aspire';

/**
 * A first-party file that tells a platform how to run this repository: a Kubernetes workload manifest,
 * a Helm chart, a Procfile or heroku.yml, fly.toml, render.yaml, an App Engine app.yaml, serverless.yml,
 * an Azure Developer CLI azure.yaml, a .NET Aspire app host that publishes to a deployment environment.
 * @public
 */
export interface DeployDescriptor {
  path: string;
  platform: DeployPlatform;
  /** What it declares, for messages: `Deployment api`, `web process`, `chart api`. */
  what: string;
}

/** Kubernetes kinds that run a workload (core, Argo Rollouts, OpenShift, Knative). */
const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'CronJob',
  'Job',
  'Rollout',
  'DeploymentConfig',
]);
const WORKLOAD_HINT = /^[ \t-]*kind:\s*["']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|CronJob|Job|Rollout|DeploymentConfig|Service)["']?\s*(?:#.*)?$/m;

function yamlValues(text: string): Record<string, unknown>[] {
  const yaml = parseYamlFile(text);
  const out: Record<string, unknown>[] = [];
  for (const doc of yaml.docs) {
    if (doc.errors.length > 0) continue;
    try {
      const value = asRecord(doc.toJS({ maxAliasCount: 100 }));
      if (value) out.push(value);
    } catch {
      // An unreadable document declares nothing.
    }
  }
  return out;
}

/** The workloads a Kubernetes manifest declares (`Deployment api`), including those inside a `kind: List`. */
function kubernetesWorkloads(file: SourceFile): string[] {
  if (!/^apiVersion:/m.test(file.text) || !WORKLOAD_HINT.test(file.text)) return [];
  const found: string[] = [];
  const visit = (doc: Record<string, unknown>) => {
    const apiVersion = asString(doc.apiVersion);
    const kind = asString(doc.kind);
    if (!apiVersion || !kind) return;
    if (kind === 'List' && Array.isArray(doc.items)) {
      doc.items.forEach(item => {
        const record = asRecord(item);
        if (record) visit(record);
      });
      return;
    }
    // A Knative Service runs a workload; a core Service only routes to one.
    const knative = kind === 'Service' && apiVersion.startsWith('serving.knative.dev/');
    if (!WORKLOAD_KINDS.has(kind) && !knative) return;
    const name = asString(asRecord(doc.metadata)?.name);
    found.push(name ? `${kind} ${name}` : kind);
  };
  yamlValues(file.text).forEach(visit);
  return found;
}

/** The process types of a Procfile (`web: gunicorn app:app`). */
function procfileProcesses(text: string): string[] {
  return [...text.matchAll(/^([A-Za-z0-9_-]+):[ \t]*\S/gm)].map(m => m[1]);
}

/**
 * A .NET Aspire app host's deployment target: `builder.AddAzureContainerAppEnvironment("env")`,
 * `AddKubernetesEnvironment`, `AddDockerComposeEnvironment`, `AddAzureAppServiceEnvironment`, or a resource
 * published as one (`.PublishAsAzureContainerApp(…)`).
 */
const ASPIRE_ENVIRONMENT =
  /\.\s*(?:Add(AzureContainerApp|AzureAppService|Kubernetes|DockerCompose)Environment\s*\(|PublishAs(AzureContainerApp|AzureAppServiceWebsite|KubernetesService|DockerComposeService)\s*\()/;
const ASPIRE_TARGETS: Record<string, string> = {
  AzureContainerApp: 'Azure Container Apps',
  AzureAppService: 'Azure App Service',
  AzureAppServiceWebsite: 'Azure App Service',
  Kubernetes: 'Kubernetes',
  KubernetesService: 'Kubernetes',
  DockerCompose: 'Docker Compose',
  DockerComposeService: 'Docker Compose',
};

function descriptorOf(file: SourceFile): DeployDescriptor | undefined {
  const name = basename(file.path);
  const at = (platform: DeployPlatform, what: string): DeployDescriptor => ({ path: file.path, platform, what });
  if (/\.cs$/i.test(name)) {
    if (!/\bDistributedApplication\.CreateBuilder\s*\(/.test(file.text)) return undefined;
    const target = ASPIRE_ENVIRONMENT.exec(maskSource(file).code);
    return target ? at('aspire', `Aspire app host publishing to ${ASPIRE_TARGETS[target[1] ?? target[2]]}`) : undefined;
  }
  if (name === 'Procfile') {
    const processes = procfileProcesses(file.text);
    return processes.length > 0 ? at('heroku', `${processes.join(', ')} process${processes.length > 1 ? 'es' : ''}`) : undefined;
  }
  if (name === 'fly.toml') {
    try {
      const doc = parseToml(file.text) as Record<string, unknown>;
      const app = asString(doc.app);
      const runs = app || doc.http_service || doc.services || doc.processes || doc.build;
      return runs ? at('fly', app ? `app ${app}` : 'app') : undefined;
    } catch {
      return undefined;
    }
  }
  if (!/\.ya?ml$/i.test(name)) return undefined;
  if (name === 'Chart.yaml') {
    const chart = yamlValues(file.text)[0];
    const chartName = asString(chart?.name);
    return chart && asString(chart.apiVersion) && chartName && chart.type !== 'library' ? at('helm', `chart ${chartName}`) : undefined;
  }
  if (/^heroku\.ya?ml$/i.test(name)) {
    const doc = yamlValues(file.text)[0];
    return doc && (doc.build || doc.run) ? at('heroku', 'heroku.yml build') : undefined;
  }
  if (/^render\.ya?ml$/i.test(name)) {
    const services = yamlValues(file.text)[0]?.services;
    return Array.isArray(services) && services.length > 0 ? at('render', `${services.length} service${services.length > 1 ? 's' : ''}`) : undefined;
  }
  if (name === 'app.yaml' || name === 'app.yml') {
    const runtime = asString(yamlValues(file.text)[0]?.runtime);
    if (runtime) return at('app-engine', `runtime ${runtime}`);
  }
  if (/^azure\.ya?ml$/i.test(name)) {
    // An Azure Developer CLI project: `azd up` provisions and deploys its services.
    const services = asRecord(yamlValues(file.text)[0]?.services);
    const names = services ? Object.keys(services).filter(k => asRecord(services[k])) : [];
    return names.length > 0 ? at('azd', `azd service${names.length > 1 ? 's' : ''} ${names.join(', ')}`) : undefined;
  }
  if (/^serverless\.ya?ml$/i.test(name)) {
    const doc = yamlValues(file.text)[0];
    const service = asString(doc?.service) ?? asString(asRecord(doc?.service)?.name);
    return service && doc?.provider ? at('serverless', `service ${service}`) : undefined;
  }
  const workloads = kubernetesWorkloads(file);
  return workloads.length > 0 ? at('kubernetes', workloads.join(', ')) : undefined;
}

/**
 * The deployment descriptors of a repository, outside test, example, documentation and dev container
 * folders (vendored trees are never walked). Never throws.
 */
export function collectDeployDescriptors(files: SourceFile[]): DeployDescriptor[] {
  return files.flatMap(file => {
    if (isAsidePath(file.path)) return [];
    const descriptor = descriptorOf(file);
    return descriptor ? [descriptor] : [];
  });
}
