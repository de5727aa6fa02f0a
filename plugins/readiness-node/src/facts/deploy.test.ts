import { snapshotFromFiles } from '../snapshot';
import { collectDeployDescriptors } from './deploy';

const collect = (files: Record<string, string>) => collectDeployDescriptors(snapshotFromFiles(files).files);

const deployment = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: api}',
  'spec: {ports: [{port: 80}]}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api',
  'spec:',
  '  template:',
  '    spec:',
  '      containers: [{name: api, image: registry.example.com/api:1.0}]',
  '',
].join('\n');

describe('deployment descriptors', () => {
  it('finds each platform by its file and content', () => {
    const found = collect({
      'k8s/api.yml': deployment,
      'deploy/jobs.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\n',
      'deploy/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: StatefulSet\n    metadata: {name: db}\n',
      'knative/svc.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: fn}\n',
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      Procfile: 'web: gunicorn app:app\nworker: celery -A app worker\n',
      'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\n',
      'fly.toml': 'app = "api"\n[http_service]\ninternal_port = 8080\n',
      'render.yaml': 'services:\n  - type: web\n    name: api\n',
      'app.yaml': 'runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\n',
      'serverless.yml': 'service: api\nprovider:\n  name: aws\n',
      'azure.yaml': 'name: shop\nservices:\n  web:\n    project: ./src/Web\n    host: appservice\n  api:\n    project: ./src/Api\n',
      'src/AppHost/Program.cs':
        'var builder = DistributedApplication.CreateBuilder(args);\nbuilder.AddProject<Projects.Api>("api").PublishAsAzureContainerApp((infra, app) => { });\n',
    });
    expect(found.map(d => [d.path, d.platform, d.what])).toEqual([
      ['Procfile', 'heroku', 'web, worker processes'],
      ['app.yaml', 'app-engine', 'runtime python312'],
      ['azure.yaml', 'azd', 'azd services web, api'],
      ['charts/api/Chart.yaml', 'helm', 'chart api'],
      ['deploy/jobs.yaml', 'kubernetes', 'CronJob nightly'],
      ['deploy/list.yaml', 'kubernetes', 'StatefulSet db'],
      ['fly.toml', 'fly', 'app api'],
      ['heroku.yml', 'heroku', 'heroku.yml build'],
      ['k8s/api.yml', 'kubernetes', 'Deployment api'],
      ['knative/svc.yaml', 'kubernetes', 'Service fn'],
      ['render.yaml', 'render', '1 service'],
      ['serverless.yml', 'serverless', 'service api'],
      ['src/AppHost/Program.cs', 'aspire', 'Aspire app host publishing to Azure Container Apps'],
    ]);
  });

  it('ignores near-misses', () => {
    expect(
      collect({
        // Manifests that run nothing, or are not Kubernetes at all.
        'k8s/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\n',
        'config/kinds.yaml': 'kind: Deployment\nname: api\n',
        'src/notes.md': 'apiVersion: apps/v1\nkind: Deployment\n',
        // Files that only share a name.
        'app.yaml': 'name: my-app\nversion: 1\n',
        'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\ntype: library\n',
        'serverless.yml': 'plugins: []\n',
        'render.yaml': 'services: []\n',
        'heroku.yml': 'setup:\n  addons: []\n',
        Procfile: '# nothing yet\n',
        'azure.yaml': 'name: shop\n',
        // An app host that only runs locally; a publishing call in a comment or a string; the call outside an app host.
        'src/AppHost/Program.cs':
          'var builder = DistributedApplication.CreateBuilder(args);\n// builder.AddKubernetesEnvironment("k8s");\nvar s = "builder.AddDockerComposeEnvironment(";\nbuilder.AddProject<Projects.Api>("api");\n',
        'src/Other/Setup.cs': 'services.AddKubernetesEnvironment("k8s");\n',
        // Placeholders that cannot be read.
        'deploy/broken.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: [unclosed\n',
        // Examples, tests, documentation and dev containers deploy nothing of this repository.
        'examples/k8s/api.yml': deployment,
        'test/fixtures/Procfile': 'web: node server.js\n',
        'docs/deploy/fly.toml': 'app = "demo"\n',
        '.devcontainer/k8s.yaml': deployment,
      }),
    ).toEqual([]);
  });
});
