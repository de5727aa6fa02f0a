import { describeRule } from '../../../testing';
import rule from '.';

const service = {
  Dockerfile: 'FROM node:22-slim\nCMD ["node", "server.js"]\n',
  'server.js': '',
};

/** A README with a section of the given title holding the given command blocks. */
const readmeWith = (title: string, ...blocks: string[][]) =>
  ['# shop', '', 'A shop service.', '', `## ${title}`, '', ...blocks.flatMap(b => ['```sh', ...b, '```', ''])].join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'a deploy badge in the document title is not a deploy section',
      files: {
        ...service,
        'README.md':
          'Shop ![release](https://img.example/v/release.svg) ![deploy](https://ci.example/workflows/deploy/badge.svg)\n====\n\nA shop.\n\n## Development\n\n```sh\ngo run ./cmd/shopd\n```\n',
      },
      findings: ['README.md'],
    },
    {
      name: 'a container tried out in the foreground with a port only',
      files: { ...service, 'README.md': readmeWith('Using Docker', ['docker build -t shop .', 'docker run -p 8000:8000 shop']) },
      findings: ['README.md'],
    },
    {
      name: 'a detached container of another image (a database), and the image run detached under a development title',
      files: {
        ...service,
        'README.md': [
          readmeWith('Database', ['docker build -t shop .', 'docker run -d -e POSTGRES_PASSWORD=pw postgres:16']),
          '## Development with Docker',
          '',
          '```sh',
          'docker build -t shop .',
          'docker run -d --env-file .env shop',
          '```',
          '',
          '## Local setup',
          '',
          '### Docker',
          '',
          '```sh',
          'docker build -t shop .',
          'docker run -d --env-file .env shop',
          '```',
          '',
        ].join('\n'),
      },
      findings: ['README.md'],
    },
    {
      name: 'a Dockerfile and only a README',
      files: { ...service, 'README.md': '# svc\n\n## Usage\n' },
      findings: ['README.md'],
    },
    {
      name: 'Kubernetes workload manifests and a README about running locally',
      files: {
        'k8s/app.yml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: app}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\n',
        'pom.xml': '<project/>',
        'README.md': '# app\n\n## Run locally\n',
      },
      findings: ['README.md'],
    },
    { name: 'a Procfile', files: { Procfile: 'web: gunicorn app.wsgi\n', 'app/wsgi.py': '' }, findings: ['.'] },
    { name: 'a Helm chart', files: { 'deploy/chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n' }, findings: ['.'] },
    { name: 'an App Engine app.yaml', files: { 'app.yaml': 'runtime: nodejs22\n', 'server.js': '' }, findings: ['.'] },
    {
      name: 'a deploy workflow and no runbook',
      files: {
        '.github/workflows/deploy.yml':
          'on: push\njobs:\n  deploy:\n    runs-on: x\n    steps: [{run: kubectl apply -f k8s}]\n',
      },
      findings: ['.'],
    },
    {
      name: 'README sections about a laptop, a build or a claim, and local deploy steps',
      files: {
        ...service,
        'README.md': [
          '# svc',
          '',
          '## Local deployment',
          '',
          '## Production build',
          '',
          '```sh',
          'npm run build',
          '```',
          '',
          '## Is it production-ready?',
          '',
          '## Updating metrics from production',
          '',
          'Export the fixtures from a copy of the production database.',
          '',
          '## Loading a copy of prod',
          '',
          '## Observability',
          '',
          'Spans are exported over OTLP to a collector; set TRACING_SAMPLE_RATE lower in production.',
          '',
          '## Running locally with minikube',
          '',
          '```sh',
          'kubectl apply -f k8s/',
          '```',
          '',
          '## Publishing',
          '',
          '```sh',
          'npm publish',
          '```',
          '',
          '- **Deployment** is not covered here.',
          '',
        ].join('\n'),
      },
      findings: ['README.md'],
    },
    {
      name: 'pages that are not the documentation: release notes, a security policy, files beside the README, examples, pages about a laptop',
      files: {
        ...service,
        'README.md': '# svc\n\nSee the [docs](docs/).\n',
        'docs/CHANGELOG.md': '# Changelog\n\n## 2.1.0\n\n### Deployment\n\n- The chart sets resource limits.\n',
        'docs/SECURITY.md': '# Security\n\n## Incident response\n\nMail security@example.com.\n',
        'AGENTS.md': '# Agent guide\n\n## Build and Deployment\n\n```sh\n./mvnw spring-boot:build-image\n```\n',
        'README.de.md': '# svc\n\n## Bereitstellung in Kubernetes\n',
        'examples/k8s/README.md': '# Demo\n\n## Kubernetes\n\n```sh\nkubectl apply -f demo.yml\n```\n',
        'docs/Development.md': '# Development\n\n## Local deployment\n\n```sh\ndocker build -t svc .\ndocker run -p 8080:8080 svc\n```\n',
        'docs/Releasing.md': '# Releasing\n\n```sh\n./mvnw -B release:prepare release:perform\nnpm publish\n```\n',
      },
      findings: ['README.md'],
    },
    {
      name: 'a requirements file in a deploy folder is not a guide',
      files: { ...service, 'deploy/requirements.txt': 'gunicorn==22.0.0\n' },
      findings: ['.'],
    },
    {
      name: 'dependency lists named for production or deployment are not guides',
      files: {
        ...service,
        'requirements/production.txt': '-r base.txt\nuwsgi>=2.0.17,<2.1\n# for the cloud\nboto3>=1.42,<1.43\n',
        'requirements/base.txt': 'django\n',
        'constraints/deploy.txt': 'urllib3<2\n',
        'ops-requirements.txt': 'fabric==3.2.2\n',
      },
    },
    {
      name: 'names that only contain the letters',
      files: {
        ...service,
        'docs/devops-history.md': 'x',
        'docs/operators-guide-draft.txt': 'x',
        'docs/tops.md': 'x',
      },
    },
    {
      name: 'a .NET Aspire app host that publishes to Azure Container Apps, and READMEs about running locally',
      files: {
        'src/AppHost/Program.cs': [
          'var builder = DistributedApplication.CreateBuilder(args);',
          'builder.AddAzureContainerAppEnvironment("aca-env");',
          'var web = builder.AddProject<Projects.Web>("web");',
          'builder.Build().Run();',
          '',
        ].join('\n'),
        'src/Web/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n',
        'README.md': '# Template\n\n## Run\n\n```sh\ndotnet run --project src/AppHost\n```\n',
      },
      findings: ['README.md'],
    },
    {
      name: 'an Azure Developer CLI project whose README only runs it locally',
      files: { 'azure.yaml': 'name: shop\nservices:\n  web:\n    project: ./src/Web\n    host: appservice\n', 'README.md': readmeWith('Running locally', ['dotnet run']) },
      findings: ['README.md'],
    },
  ],
  passes: [
    {
      name: 'a README Docker section that builds the image and runs it detached with an env file',
      files: {
        ...service,
        'README.md': readmeWith('Docker', ['docker build -t <your-name>/shop-api .', 'docker build -t shop-api .'], ['docker run -d -t -p 3000:3000 --env-file .env shop-api']),
      },
    },
    {
      name: 'build and run in subsections of a container section, configured with -e and continued lines',
      files: {
        ...service,
        'README.md': [
          '# shop',
          '',
          '## ❯ Containers',
          '',
          '### Build the image',
          '',
          '```bash',
          'docker build --tag=shop-api:1.2 .',
          '```',
          '',
          '### Run it',
          '',
          '```bash',
          'docker run -p 8080:3000 \\',
          '  -e DB_HOST=db.internal \\',
          '  shop-api:1.2',
          '```',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a page of the documentation with a section on running the service on Kubernetes, or with deploy steps',
      files: {
        ...service,
        'README.md': '# svc\n\nAll documentation is in the [docs folder](docs/).\n',
        'docs/Installation.md': [
          '# Installation',
          '',
          '## Building From Source',
          '',
          '```sh',
          'go build ./...',
          '```',
          '',
          '## Community provided',
          '',
          '### Using Kubernetes manifests',
          '',
          '```yaml',
          'apiVersion: apps/v1',
          'kind: Deployment',
          '```',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'deploy steps in a page of a documentation folder, reStructuredText',
      files: { ...service, 'doc/setup.rst': 'Setup\n=====\n\nShip it::\n\n.. code-block:: sh\n\n    helm upgrade --install svc ./chart\n' },
    },
    {
      name: 'docs/runbook.md',
      files: { ...service, 'docs/runbook.md': '# Runbook\n' },
    },
    {
      name: 'RUNBOOK.md at the root',
      files: { ...service, 'RUNBOOK.md': 'x' },
    },
    { name: 'an ops folder', files: { ...service, 'ops/restart.md': 'x' } },
    { name: 'an on-call guide', files: { ...service, 'docs/on-call.md': 'x' } },
    {
      name: 'a playbook',
      files: { ...service, 'docs/incident-playbook.md': 'x' },
    },
    {
      name: 'a README section about monitoring, its word anywhere in the title',
      files: {
        ...service,
        'README.md': '# svc\n\n## Custom metrics monitoring\n\nPrometheus scrapes /actuator/prometheus; Grafana shows the dashboards.\n',
      },
    },
    {
      name: 'a deployment section that also names production as a source',
      files: { ...service, 'README.md': '# svc\n\n## Deploying from the production branch\n\nPush to prod.\n' },
    },
    {
      name: 'a README Operations section',
      files: {
        ...service,
        'README.md': '# svc\n\n## Operations\n\nRestart with...\n',
      },
    },
    {
      name: 'a dedicated deployment guide',
      files: { ...service, 'deployment.md': '# Deployment\n\n## Configure the application\n' },
    },
    {
      name: 'a README Deployment section, ATX with an emoji',
      files: { ...service, 'README.md': '# svc\n\n## 🚀 Deployment\n\nPush the image, then roll out.\n' },
    },
    {
      name: 'a "Deploy to …" section',
      files: { ...service, 'README.md': '# svc\n\n### Deploy to Fly.io\n' },
    },
    {
      name: 'a setext "Running in production" section',
      files: { ...service, 'README.md': 'svc\n===\n\nRunning in production\n---------------------\n\nSet the variables.\n' },
    },
    {
      name: 'a bold line standing as a Production title',
      files: { ...service, 'README.md': '# svc\n\n**Production**\n\nUse gunicorn behind a proxy.\n' },
    },
    {
      name: 'a Kubernetes manifest with a Kubernetes section',
      files: {
        'k8s/app.yml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\n',
        'README.md': '# app\n\n## Kubernetes\n\nApply the manifests.\n',
      },
    },
    {
      name: 'a Kubernetes section',
      files: { ...service, 'README.md': '# svc\n\n## Run the app in Kubernetes\n\n```shell\nkubectl create -f k8s/\n```\n' },
    },
    {
      name: 'swarm deploy steps under a getting-started title',
      files: {
        ...service,
        'README.md': '# svc\n\n## Getting started\n\n```shell\ndocker stack deploy --compose-file stack.yml svc\n```\n',
      },
    },
    {
      name: 'a reStructuredText README with a deployment section',
      files: {
        ...service,
        'README.rst': 'svc\n===\n\nDeployment with Docker\n----------------------\n\nRun::\n\n    docker-compose up -d app\n',
      },
    },
    {
      name: 'a plain-text production guide',
      files: { ...service, 'docs/production.txt': 'Running in production\n\nStart uwsgi behind nginx and set DATABASE_URL.\n' },
    },
    {
      name: 'a deploy folder guide',
      files: { ...service, 'deploy/README.md': '# Deploy\n' },
    },
    {
      name: 'a README Troubleshooting section',
      files: { ...service, 'README.md': '# svc\n\n## Troubleshooting\n' },
    },
    {
      name: 'azd provisioning and deploy steps in unlabelled blocks',
      files: {
        ...service,
        'azure.yaml': 'name: shop\nservices:\n  web:\n    project: ./src/Web\n',
        'README.md':
          '# Shop\n\n## Running the sample using the Azd template\n\n```\nazd auth login\n```\n\nThen provision and deploy:\n\n```\nazd up\n```\n\n## Running the sample locally\n\n```\ndotnet run\n```\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'an Aspire app host that only runs locally, one whose publishing call is commented out, and an azure.yaml without services',
      files: {
        'src/AppHost/Program.cs':
          'var builder = DistributedApplication.CreateBuilder(args);\n// builder.AddAzureContainerAppEnvironment("env");\nbuilder.AddProject<Projects.Web>("web");\nbuilder.Build().Run();\n',
        'azure.yaml': 'name: shop\n',
        'README.md': '# Template\n',
      },
    },
    { name: 'a library', files: { 'package.json': '{}', 'index.js': '' } },
    {
      name: 'a library whose pipelines publish packages and a GitHub release, and a GitLab job that runs npm publish',
      files: {
        'pyproject.toml': '[project]\nname = "orm"\n',
        'orm/__init__.py': '',
        '.github/workflows/publish.yml':
          'on:\n  release:\n    types: [created]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m build && twine upload dist/*\n      - uses: softprops/action-gh-release@v2\n',
        '.gitlab-ci.yml': 'release:\n  script:\n    - npm ci\n    - npm publish\n',
      },
    },
    {
      name: 'only a dev container image',
      files: {
        '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/java:21\n',
        'pom.xml': '<project/>',
        'README.md': '# app\n\n## Run locally\n',
      },
    },
    {
      name: 'manifests that run nothing, or only in examples and tests',
      files: {
        'k8s/config.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n',
        'examples/k8s/app.yml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: demo}\n',
        'tests/fixtures/Procfile': 'web: node server.js\n',
        'app.yaml': 'name: my-app\n',
        'lib.go': '',
      },
    },
    {
      name: 'a Dockerfile only in an example',
      files: { 'examples/demo/Dockerfile': 'FROM alpine:3\n', 'lib.go': '' },
    },
  ],
});
