import { describeRule, runRule } from '../../../testing';
import rule from '.';

const wf = (run: string) =>
  `on: push\njobs:\n  sync:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;

describeRule(rule, {
  fails: [
    {
      name: 'git push --force',
      files: { '.github/workflows/s.yml': wf('git push --force origin main') },
      findings: ['.github/workflows/s.yml:7'],
    },
    {
      name: 'git push -f',
      files: { '.github/workflows/s.yml': wf('git push -f') },
      findings: ['.github/workflows/s.yml:7'],
    },
    {
      name: 'combined short flags',
      files: { '.github/workflows/s.yml': wf('git push -uf origin gh-pages') },
    },
    {
      name: 'a + refspec',
      files: { '.github/workflows/s.yml': wf('git push origin +HEAD:release') },
    },
    {
      name: 'inside a multi-line script, after other commands',
      files: {
        '.github/workflows/s.yml':
          'on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - run: |\n          git add -A\n          git commit -m "regen"\n          git push --force\n',
      },
      findings: ['.github/workflows/s.yml:9'],
    },
    {
      name: 'GitLab CI script',
      files: {
        '.gitlab-ci.yml':
          'mirror:\n  script:\n    - git push --force mirror HEAD:main\n',
      },
      findings: ['.gitlab-ci.yml:3'],
    },
    {
      name: 'a push action with force',
      files: {
        '.github/workflows/s.yml':
          'on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - uses: ad-m/github-push-action@v0.8.0\n        with:\n          force: true\n',
      },
      findings: ['.github/workflows/s.yml:8'],
    },
    {
      name: '--force-with-lease still replaces the remote branch with the runner\'s commit',
      files: { '.github/workflows/s.yml': wf('git push --force-with-lease origin main:production') },
      findings: ['.github/workflows/s.yml:7'],
    },
    {
      name: '--force-with-lease with an expected value',
      files: { '.github/workflows/s.yml': wf('git push --force-with-lease=production:origin/production origin main:production') },
      findings: ['.github/workflows/s.yml:7'],
    },
    {
      name: 'a push action with force_with_lease',
      files: {
        '.github/workflows/s.yml':
          'on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - uses: ad-m/github-push-action@v0.8.0\n        with:\n          force_with_lease: true\n',
      },
      findings: ['.github/workflows/s.yml:8'],
    },
  ],
  passes: [
    {
      name: 'a push that turns force off, and a lease named only in an echo',
      files: {
        '.github/workflows/s.yml': wf('git push --no-force origin main && echo "never use --force-with-lease here"'),
      },
    },
    {
      name: 'plain push with tags',
      files: {
        '.github/workflows/s.yml': wf('git push --follow-tags origin main'),
      },
    },
    {
      name: 'force elsewhere in the command',
      files: {
        '.github/workflows/s.yml': wf(
          'git fetch --force && git push origin main && rm -rf build',
        ),
      },
    },
    {
      name: 'npm publish --force is not git',
      files: { '.github/workflows/s.yml': wf('npm publish --force') },
    },
    {
      name: 'a push action without force',
      files: {
        '.github/workflows/s.yml':
          'on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - uses: ad-m/github-push-action@v0.8.0\n        with:\n          branch: main\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no CI', files: { 'deploy.sh': 'git push --force' } },
  ],
});

describe('cicd/force-push details', () => {
  it('says what the lease guards against', () => {
    const result = runRule(rule, { '.github/workflows/s.yml': wf('git push --force-with-lease origin main:production') });
    expect(result.findings.map(f => f.message)).toEqual([
      "Job 'sync' force-pushes: `git push --force-with-lease origin main:production` overwrites the remote branch (the lease only stops it when someone pushed to that branch while the job ran)",
    ]);
  });
});
