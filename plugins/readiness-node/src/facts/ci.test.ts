import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';

describe('CI facts: Jenkinsfile commands', () => {
  const jenkinsfile = [
    'pipeline {',
    '  stages {',
    "    stage('build') {",
    '      steps {',
    "        // sh 'mvn test'",
    '        /* sh "npm test"',
    '           still commented */',
    "        sh 'mvn -B -DskipTests package'",
    "        sh '''",
    '          npm ci',
    '          npx jest --ci',
    "        '''",
    '        sh(script: "make lint", label: "lint")',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  it('skips commented-out steps and splits multi-line steps into lines', () => {
    const facts = buildFacts(snapshotFromFiles({ Jenkinsfile: jenkinsfile }));
    expect(facts.ci.commands.map(c => [c.line, c.command])).toEqual([
      [8, 'mvn -B -DskipTests package'],
      [10, 'npm ci'],
      [11, 'npx jest --ci'],
      [13, 'make lint'],
    ]);
  });
});

describe('CI facts: workflow job matrix', () => {
  it('collects the values of matrix lists and include entries', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        node: [20, 22]',
      '        include:',
      '          - app: api',
      '            dockerfile: apps/api/Dockerfile',
      '          - app: web',
      '            dockerfile: apps/web/Dockerfile',
      '    steps:',
      '      - run: echo',
      '',
    ].join('\n');
    const facts = buildFacts(snapshotFromFiles({ '.github/workflows/ci.yml': workflow }));
    expect(facts.ci.workflows[0].jobs[0].matrix).toEqual({
      node: ['20', '22'],
      app: ['api', 'web'],
      dockerfile: ['apps/api/Dockerfile', 'apps/web/Dockerfile'],
    });
  });
});

describe('CI facts: reusable-workflow jobs', () => {
  it('keeps the inputs and the names of the secrets a job passes', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  image:',
      '    uses: acme/.github/.github/workflows/image.yaml@main',
      '    permissions:',
      '      packages: write',
      '    secrets:',
      '      registry-token: ${{ secrets.TOKEN }}',
      '    with:',
      '      push: true',
      '      context: api',
      '  other:',
      '    uses: ./.github/workflows/other.yml',
      '    secrets: inherit',
      '',
    ].join('\n');
    const facts = buildFacts(snapshotFromFiles({ '.github/workflows/ci.yml': workflow }));
    const [image, other] = facts.ci.workflows[0].jobs;
    expect(image).toMatchObject({
      uses: 'acme/.github/.github/workflows/image.yaml@main',
      permissions: { packages: 'write' },
      secrets: ['registry-token'],
      with: { push: 'true', context: 'api' },
    });
    expect(other.secrets).toEqual(['inherit']);
    expect(other.with).toBeUndefined();
  });
});
