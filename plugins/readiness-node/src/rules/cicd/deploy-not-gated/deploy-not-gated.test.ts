import { describeRule } from '../../../testing';
import rule from '.';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describeRule(rule, {
  fails: [
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
  ],
  passes: [
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
      name: 'manifests applied to a throwaway kind cluster in an e2e job',
      files: {
        '.github/workflows/e2e.yml':
          'on: push\njobs:\n  cluster:\n    runs-on: x\n    steps:\n      - uses: helm/kind-action@v1\n      - run: kubectl apply -f deploy/\n      - run: ./hack/verify.sh\n',
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
      name: 'a job publishing test results is not a release',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  publish-test-results:\n    runs-on: x\n    steps:\n      - uses: EnricoMi/publish-unit-test-result-action@v2\n',
      },
    },
  ],
});
