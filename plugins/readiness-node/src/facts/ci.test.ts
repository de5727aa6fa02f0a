import { snapshotFromFiles } from '../engine/snapshot';
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
