import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a Python service with no pipeline',
      files: {
        'app.py': 'from flask import Flask\n',
        'requirements.txt': 'flask==3.0.0\n',
      },
      findings: ['.'],
    },
    {
      name: 'a circle.yml below the root is no CircleCI configuration',
      files: {
        'app.py': 'print(1)\n',
        'docs/examples/circle.yml': 'test:\n  override:\n    - pytest\n',
      },
      findings: ['.'],
    },
    {
      name: 'a workflow-looking file outside .github/workflows',
      files: {
        'main.go': 'package main\n',
        'docs/ci.yml': 'on: push\njobs: {}\n',
        '.github/ISSUE_TEMPLATE/bug.yml': 'name: Bug\n',
      },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'GitHub Actions',
      files: {
        'index.js': '',
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  t:\n    runs-on: x\n    steps: [{run: npm test}]\n',
      },
    },
    {
      name: 'GitLab CI',
      files: {
        'main.go': '',
        '.gitlab-ci.yml': 'test:\n  script: go test ./...\n',
      },
    },
    {
      name: 'Jenkins',
      files: {
        'pom.xml': '<project/>',
        Jenkinsfile:
          "pipeline { stages { stage('t') { steps { sh 'mvn verify' } } } }\n",
      },
    },
    {
      name: 'CircleCI',
      files: { 'app.py': '', '.circleci/config.yml': 'version: 2.1\n' },
    },
    {
      name: 'CircleCI 1.0 (circle.yml at the root)',
      files: {
        'app.py': '',
        'circle.yml': 'machine:\n  python:\n    version: 3.4.2\ntest:\n  override:\n    - python manage.py test\n',
      },
    },
    {
      name: 'Azure Pipelines',
      files: { 'Program.cs': '', 'azure-pipelines.yml': 'steps: []\n' },
    },
    {
      name: 'Bitbucket Pipelines',
      files: { 'app.py': '', 'bitbucket-pipelines.yml': 'pipelines: {}\n' },
    },
    {
      name: 'Buildkite',
      files: { 'app.py': '', '.buildkite/pipeline.yml': 'steps: []\n' },
    },
    {
      name: 'a workflow with a YAML error still counts as CI',
      files: { 'app.py': '', '.github/workflows/ci.yml': 'on: [push\n' },
    },
    {
      name: 'Google Cloud Build',
      files: { 'main.go': '', 'cloudbuild.yaml': 'steps: []\n' },
    },
  ],
  notApplicable: [
    {
      name: 'a documentation-only repository',
      files: { 'README.md': '# Notes\n', 'docs/a.md': 'text' },
    },
  ],
});
