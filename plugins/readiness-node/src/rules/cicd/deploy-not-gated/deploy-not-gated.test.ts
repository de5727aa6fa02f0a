import { describeRule, runRule } from '../../../testing';
import rule from '.';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** A Cloud Build pipeline: lint, test, deploy the API after the tests; the web app is built and deployed from the start. */
const CLOUD_BUILD = (webDeployWaitsFor: string) =>
  lines(
    'steps:',
    '- id: api-lint',
    '  name: golang',
    "  entrypoint: ./scripts/lint.sh",
    '- id: api-tests',
    '  name: golang',
    '  entrypoint: go',
    "  args: ['test', './...']",
    '- id: api-deploy',
    '  name: gcr.io/cloud-builders/gcloud',
    "  args: ['run', 'deploy', 'api', '--image', 'gcr.io/$PROJECT_ID/api']",
    '  waitFor: [api-tests]',
    '- id: web-deps',
    '  name: node:22',
    '  entrypoint: npm',
    '  args: [ci]',
    '  dir: web',
    "  waitFor: ['-']",
    '- id: web-build',
    '  name: node:22',
    '  entrypoint: npm',
    "  args: ['run', 'build']",
    '  dir: web',
    '  waitFor: [web-deps]',
    '- name: gcr.io/$PROJECT_ID/firebase',
    "  args: ['deploy', '--project=$PROJECT_ID']",
    '  dir: web',
    `  waitFor: [${webDeployWaitsFor}]`,
  );

describeRule(rule, {
  fails: [
    {
      name: 'a Cloud Build deploy that waits only for a build that starts with the pipeline, beside one gated on the tests',
      files: { 'main.go': 'package main\n', 'cloudbuild.yaml': CLOUD_BUILD('web-build') },
      findings: ['cloudbuild.yaml:25'],
    },
    {
      name: 'a job named deploy that builds the docs and then ships the service',
      files: {
        '.github/workflows/deploy.yml': lines(
          'on: push',
          'jobs:',
          '  deploy:',
          '    runs-on: x',
          '    steps:',
          '      - run: mkdocs build',
          '      - run: flyctl deploy --remote-only',
        ),
      },
      findings: ['.github/workflows/deploy.yml:7'],
    },
    {
      name: 'a deploy on the completion of CI that never checks the run succeeded',
      files: {
        '.github/workflows/deploy.yml': lines(
          'on:',
          '  workflow_run:',
          '    workflows: ["main"]',
          '    branches: [main]',
          '    types: [completed]',
          'jobs:',
          '  deploy:',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: flyctl deploy --remote-only',
        ),
      },
      findings: ['.github/workflows/deploy.yml:11'],
    },
    {
      name: 'a workflow_run deploy whose condition checks something other than the conclusion',
      files: {
        '.github/workflows/release.yml': lines(
          'on:',
          '  workflow_run:',
          '    workflows: [CI]',
          '    types: [completed]',
          'jobs:',
          '  release:',
          "    if: github.event.workflow_run.head_branch == 'main'",
          '    runs-on: x',
          '    steps: [{run: kubectl apply -f k8s/}]',
        ),
      },
      findings: ['.github/workflows/release.yml:9'],
    },
    {
      name: 'kubectl apply on push with no needs',
      files: {
        '.github/workflows/deploy.yml': lines(
          'on:',
          '  push:',
          '    branches: [main]',
          'jobs:',
          '  test:',
          '    runs-on: x',
          '    steps:',
          '      - run: npm test',
          '  rollout:',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: kubectl apply -f k8s/',
        ),
      },
      findings: ['.github/workflows/deploy.yml:13'],
    },
    {
      name: 'an image build stage tested afterwards, but the deploy does not wait for the tests',
      files: {
        '.github/workflows/cd.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker build -t ghcr.io/acme/api:latest . && docker push ghcr.io/acme/api:latest',
          '  test:',
          '    needs: build',
          '    runs-on: x',
          '    steps:',
          '      - run: docker run ghcr.io/acme/api:latest python -m pytest',
          '  deploy:',
          '    needs: build',
          '    runs-on: x',
          '    steps:',
          '      - run: flyctl deploy --image ghcr.io/acme/api:latest',
        ),
      },
      findings: ['.github/workflows/cd.yml:6', '.github/workflows/cd.yml:16'],
    },
    {
      name: 'an image publish that no test job depends on, and a build job that pushes and then deploys',
      files: {
        '.github/workflows/image.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker push ghcr.io/acme/api:latest',
          '  lint:',
          '    runs-on: x',
          '    steps:',
          '      - run: npm test',
          '  ship:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker push ghcr.io/acme/worker:latest',
          '      - run: kubectl apply -f k8s/',
          '  smoke:',
          '    needs: ship',
          '    runs-on: x',
          '    steps:',
          '      - run: npm test',
        ),
      },
      findings: ['.github/workflows/image.yml:6', '.github/workflows/image.yml:14'],
    },
    {
      name: 'needs a build job that runs no tests',
      files: {
        '.github/workflows/cd.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker build -t app .',
          '  deploy:',
          '    needs: build',
          '    runs-on: x',
          '    environment: production',
          '    steps:',
          '      - run: ./scripts/ship.sh',
        ),
      },
      findings: ['.github/workflows/cd.yml:7'],
    },
    {
      name: 'a publish job after tests that run after the deploy step',
      files: {
        '.github/workflows/release.yml': lines(
          'on:',
          '  push:',
          '    tags: ["v*"]',
          'jobs:',
          '  release:',
          '    runs-on: x',
          '    steps:',
          '      - run: npm publish',
          '      - run: npm test',
        ),
      },
      findings: ['.github/workflows/release.yml:8'],
    },
    {
      name: 'a deploy action on push',
      files: {
        '.github/workflows/azure.yml': lines(
          'on: [push, workflow_dispatch]',
          'jobs:',
          '  web:',
          '    runs-on: x',
          '    steps:',
          '      - uses: azure/webapps-deploy@v3',
        ),
      },
      findings: ['.github/workflows/azure.yml:6'],
    },
    {
      name: 'docker push of the image on push, in a job not named deploy',
      files: {
        '.github/workflows/image.yml': lines(
          'on:',
          '  push:',
          '    branches: [main]',
          'jobs:',
          '  build:',
          '    name: Build Container',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - name: Build and publish',
          '        run: |',
          '          docker build -t $IMAGE:latest .',
          '          echo $PASSWORD | docker login -u $USER --password-stdin',
          '          docker push $IMAGE:latest',
        ),
      },
      findings: ['.github/workflows/image.yml:10'],
    },
    {
      name: 'docker/build-push-action pushing on push (plainly or by expression)',
      files: {
        '.github/workflows/image.yml': lines(
          'on: [push, pull_request]',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          "          push: ${{ github.event_name != 'pull_request' }}",
          '          tags: ghcr.io/acme/api:latest',
          '  worker:',
          '    runs-on: x',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with: {push: true, tags: "acme/worker:latest"}',
        ),
      },
      findings: ['.github/workflows/image.yml:6', '.github/workflows/image.yml:13'],
    },
    {
      name: "another repository's image workflow given registry credentials",
      files: {
        '.github/workflows/build.yaml': lines(
          'on:',
          '  push:',
          '    branches: [main]',
          '  pull_request:',
          'jobs:',
          '  call-docker-build:',
          '    uses: acme/.github/.github/workflows/reusable-docker-build.yaml@main',
          '    permissions:',
          '      contents: read',
          '      packages: write',
          '    secrets:',
          '      dockerhub-token: ${{ secrets.DOCKERHUB_TOKEN }}',
          '    with:',
          '      context: api',
        ),
      },
      findings: ['.github/workflows/build.yaml:6'],
    },
    {
      name: 'a release-triggered publish with no tests',
      files: {
        '.github/workflows/release.yml': lines(
          'on:',
          '  release:',
          '    types: [published]',
          'jobs:',
          '  publish:',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: docker buildx build --platform linux/amd64 -t acme/api:${{ github.ref_name }} --push .',
        ),
      },
      findings: ['.github/workflows/release.yml:9'],
    },
    {
      name: "a call to the repository's own deploy workflow on push",
      files: {
        '.github/workflows/main.yml': 'on: push\njobs:\n  ship:\n    uses: ./.github/workflows/rollout.yml\n',
        '.github/workflows/rollout.yml':
          'on: workflow_call\njobs:\n  apply:\n    runs-on: x\n    steps: [{run: kubectl apply -f k8s/}]\n',
      },
      findings: ['.github/workflows/main.yml:3'],
    },
    {
      name: 'package publishes through the build tools\' wrappers on push, tests skipped or never run',
      files: {
        '.github/workflows/snapshots.yml': lines(
          'on:',
          '  push:',
          '    branches: [main]',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - name: Publish snapshot',
          '        run: ./mvnw deploy --batch-mode --settings ./.mvn/settings.xml -DskipTests',
        ),
        '.github/workflows/gradle.yml': lines(
          'on: push',
          'jobs:',
          '  artifacts:',
          '    runs-on: x',
          '    steps:',
          '      - run: ./gradlew :lib:publishAllPublicationsToOssrhRepository --no-daemon',
        ),
        '.github/workflows/pypi.yml': lines(
          'on: push',
          'jobs:',
          '  dist:',
          '    runs-on: x',
          '    steps:',
          '      - run: python -m build && python -m twine upload dist/*',
        ),
        '.github/workflows/nuget.yml': lines(
          'on: push',
          'jobs:',
          '  pack:',
          '    runs-on: x',
          '    steps:',
          '      - run: dotnet pack -c Release -o out',
          '      - run: dotnet nuget push out/*.nupkg --source https://api.nuget.org/v3/index.json',
        ),
      },
      findings: [
        '.github/workflows/gradle.yml:6',
        '.github/workflows/nuget.yml:7',
        '.github/workflows/pypi.yml:6',
        '.github/workflows/snapshots.yml:9',
      ],
    },
  ],
  passes: [
    {
      name: 'a Maven wrapper deploy on push whose lifecycle runs the tests first, and a publish that needs the tests',
      files: {
        '.github/workflows/snapshots.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: ./mvnw -B clean deploy',
        ),
        '.github/workflows/gradle.yml': lines(
          'on: push',
          'jobs:',
          '  test:',
          '    runs-on: x',
          '    steps: [{run: ./gradlew test}]',
          '  artifacts:',
          '    needs: test',
          '    runs-on: x',
          '    steps: [{run: ./gradlew publish}]',
        ),
      },
    },
    {
      name: 'Cloud Build deploys that wait for the tests, through waitFor or the order of the steps',
      files: {
        'main.go': 'package main\n',
        'cloudbuild.yaml': CLOUD_BUILD('web-build, api-tests'),
        'deploy/cloudbuild-prod.yaml': lines(
          'steps:',
          '- name: golang',
          '  entrypoint: ./scripts/test.sh',
          '- name: gcr.io/cloud-builders/gcloud',
          '  entrypoint: bash',
          "  args: ['-c', 'gcloud app deploy --quiet']",
        ),
      },
    },
    {
      name: 'deploy with needs: [test]',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  test:',
          '    runs-on: x',
          '    steps:',
          '      - run: ./gradlew check',
          '  deploy:',
          '    needs: [test]',
          '    runs-on: x',
          '    steps:',
          '      - run: helm upgrade --install app ./chart',
        ),
      },
    },
    {
      name: 'tests reached through a chain of needs',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  unit:',
          '    runs-on: x',
          '    steps: [{run: pytest}]',
          '  image:',
          '    needs: unit',
          '    runs-on: x',
          '    steps: [{run: docker build .}]',
          '  deploy:',
          '    needs: image',
          '    runs-on: x',
          '    steps: [{run: flyctl deploy --remote-only}]',
        ),
      },
    },
    {
      name: 'tests run earlier in the same job',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  ship:',
          '    runs-on: x',
          '    steps:',
          '      - run: go test ./...',
          '      - run: gcloud run deploy api --source .',
        ),
      },
    },
    {
      name: 'deploy triggered by a successful CI run',
      files: {
        '.github/workflows/deploy.yml': lines(
          'on:',
          '  workflow_run:',
          '    workflows: [CI]',
          '    types: [completed]',
          'jobs:',
          '  deploy:',
          "    if: github.event.workflow_run.conclusion == 'success'",
          '    runs-on: x',
          '    steps: [{run: terraform apply -auto-approve}]',
        ),
      },
    },
    {
      name: 'an image push that needs the test job',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  test:',
          '    runs-on: x',
          '    steps: [{run: pytest}]',
          '  image:',
          '    needs: test',
          '    runs-on: x',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with: {push: true, tags: "acme/api:latest"}',
        ),
      },
    },
    {
      name: 'build and push, then test the pushed image, then deploy after the tests',
      files: {
        '.github/workflows/main.yml': lines(
          'on: [push]',
          'jobs:',
          '  build:',
          '    name: Build Docker Image',
          '    runs-on: x',
          '    steps:',
          '      - run: docker build --tag ghcr.io/acme/api:latest .',
          '      - run: docker push ghcr.io/acme/api:latest',
          '  check:',
          '    name: Check Docker Image',
          '    needs: build',
          '    runs-on: x',
          '    steps:',
          '      - run: docker run -d --name api ghcr.io/acme/api:latest',
          '      - run: docker exec api python -m pytest .',
          '  deploy:',
          '    name: Deploy',
          '    needs: [build, check]',
          '    runs-on: x',
          '    steps:',
          '      - run: docker push registry.heroku.com/acme/web:latest',
          '      - run: ./release.sh',
        ),
      },
    },
    {
      name: 'tests run in the job before the image is pushed',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: npm ci && npm test',
          '      - run: docker build -t acme/api . && docker push acme/api',
        ),
      },
    },
    {
      name: 'a release publish that runs the tests first',
      files: {
        '.github/workflows/release.yml': lines(
          'on:',
          '  release:',
          '    types: [published]',
          'jobs:',
          '  publish:',
          '    runs-on: x',
          '    steps:',
          '      - run: go test ./...',
          '      - run: docker push acme/api:${{ github.ref_name }}',
        ),
      },
    },
    {
      name: 'a workflow_run deploy that needs a job guarded by the conclusion of the CI run',
      files: {
        '.github/workflows/image.yml': lines(
          'on:',
          '  workflow_run:',
          '    workflows: [CI]',
          '    types: [completed]',
          'jobs:',
          '  version:',
          "    if: ${{ github.event.workflow_run.conclusion == 'success' }}",
          '    runs-on: x',
          '    steps: [{run: echo v1}]',
          '  publish:',
          '    needs: [version]',
          '    runs-on: x',
          '    steps: [{run: docker push acme/api}]',
        ),
      },
    },
    {
      name: 'an image pushed after a successful CI run',
      files: {
        '.github/workflows/image.yml': lines(
          'on:',
          '  workflow_run:',
          '    workflows: [CI]',
          '    types: [completed]',
          'jobs:',
          '  image:',
          "    if: github.event.workflow_run.conclusion == 'success'",
          '    runs-on: x',
          '    steps: [{run: docker push acme/api}]',
        ),
      },
    },
    {
      name: 'images pushed only from pull-request workflows',
      files: {
        '.github/workflows/pr.yml':
          'on: pull_request\njobs:\n  image:\n    runs-on: x\n    steps: [{run: docker push ghcr.io/acme/api:pr}]\n',
      },
    },
    {
      name: 'manual deploy only',
      files: {
        '.github/workflows/deploy.yml':
          'on: workflow_dispatch\njobs:\n  deploy:\n    runs-on: x\n    steps: [{run: kubectl apply -f k8s}]\n',
      },
    },
    {
      name: 'a needed job named test whose commands are not recognised',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  test:\n    runs-on: x\n    steps: [{run: ./ci/check-all}]\n  deploy:\n    needs: test\n    runs-on: x\n    steps: [{run: aws ecs update-service --cluster c --service s --force-new-deployment}]\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'builds that only name the deploy goal in a property, publish to the local Maven repository, or deploy the Maven site',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: ./mvnw -B package -Dmaven.deploy.skip=true -DskipTests',
          '      - run: ./gradlew build publishToMavenLocal',
          '      - run: mvn site site-deploy -DskipTests',
        ),
      },
    },
    {
      name: 'a Cloud Build configuration that only deploys (its gate is outside the file), and one in an example',
      files: {
        'main.go': 'package main\n',
        'cloudbuild.yaml': lines(
          '# gcloud builds submit --config=cloudbuild.yaml',
          'steps:',
          "- id: 'Deploy application to cluster'",
          "  name: 'gcr.io/k8s-skaffold/skaffold:v2.16.1'",
          "  entrypoint: 'bash'",
          '  args:',
          "  - '-c'",
          '  - skaffold run -f=skaffold.yaml',
        ),
        'examples/cloudbuild.yaml': CLOUD_BUILD('web-build'),
      },
    },
    {
      name: 'manifests applied to a throwaway kind cluster in an e2e job',
      files: {
        '.github/workflows/e2e.yml':
          'on: push\njobs:\n  cluster:\n    runs-on: x\n    steps:\n      - uses: helm/kind-action@v1\n      - run: kubectl apply -f deploy/\n      - run: ./hack/verify.sh\n',
      },
    },
    {
      name: 'image builds that do not push, and pushes to a registry inside the job',
      files: {
        '.github/workflows/ci.yml': lines(
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker build -t acme/api .',
          '      - uses: docker/build-push-action@v6',
          '        with: {push: false, load: true, tags: "acme/api:ci"}',
          '  e2e:',
          '    runs-on: x',
          '    steps:',
          '      - run: docker tag acme/api localhost:5000/api && docker push localhost:5000/api',
          '  remote:',
          '    uses: acme/.github/.github/workflows/docker-build.yaml@main',
          '    with: {context: api}',
        ),
      },
    },
    {
      name: 'a dry-run publish',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  check:\n    runs-on: x\n    steps:\n      - run: npm publish --dry-run\n',
      },
    },
    {
      name: 'no deploy jobs',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  t:\n    runs-on: x\n    steps: [{run: npm test}]\n',
      },
    },
    {
      name: 'a preview deploy is not a production deploy',
      files: {
        '.github/workflows/preview.yml':
          'on: push\njobs:\n  deploy-preview:\n    runs-on: x\n    steps: [{run: vercel deploy}]\n',
      },
    },
    {
      name: 'GitHub Pages documentation deploy',
      files: {
        '.github/workflows/docs.yml':
          'on: push\njobs:\n  deploy:\n    runs-on: x\n    steps:\n      - run: mkdocs build\n      - uses: actions/upload-pages-artifact@v3\n      - uses: actions/deploy-pages@v4\n',
      },
    },
    {
      name: 'a docs tool pushing the site to the gh-pages branch from a job named deploy',
      files: {
        '.github/workflows/docs.yml': lines(
          'on:',
          '  push:',
          '    branches: [main]',
          'jobs:',
          '  deploy:',
          '    runs-on: x',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: pip install mkdocs-material',
          '      - run: mkdocs gh-deploy --force',
        ),
      },
    },
    {
      name: 'a job publishing test results is not a release',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  publish-test-results:\n    runs-on: x\n    steps:\n      - uses: EnricoMi/publish-unit-test-result-action@v2\n',
      },
    },
  ],
});

describe('cicd/deploy-not-gated on Cloud Build', () => {
  it('names the step and what it runs', () => {
    const result = runRule(rule, { 'main.go': 'package main\n', 'cloudbuild.yaml': CLOUD_BUILD('web-build') });
    expect(result.findings.map(f => f.message)).toEqual([
      "Cloud Build step '#6' runs `firebase deploy --project=$PROJECT_ID` without waiting (waitFor, or the order of the steps) for a step that runs tests",
    ]);
  });
});
