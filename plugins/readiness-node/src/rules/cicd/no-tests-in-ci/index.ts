import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { basename } from '../../../facts';
import { commandRunsTests, jobRunsTests, parsedWorkflows } from '../../../facts/workflows';

/** GitLab templates that bring a test job with them. */
const GITLAB_TEST_TEMPLATE =
  /template:\s*['"]?[\w/.-]*(?:Test|Auto-DevOps)[\w/.-]*\.gitlab-ci\.yml/;

function isComment(line: string): boolean {
  return /^\s*(?:#|\/\/|\*)/.test(line);
}

/** Workflows with another purpose than building and checking changes, by file name or `name:`. */
const AUXILIARY_WORKFLOW =
  /\b(?:codeql|code[-_ ]?scanning|scorecards?|security|mirror|sync|stale|label(?:er|s)?|greetings?|welcome|release|publish|deploy|pages|docs|dependabot|renovate|lock|triage|issues?|translations?|i18n|auto[-_ ]?merge|cleanup|cron)\b/i;

export default defineRule({
  id: 'cicd/no-tests-in-ci',
  category: 'cicd',
  severity: 'high',
  title: 'CI runs the tests',
  description:
    'Fails when CI is configured but no job runs tests: no `npm test`, `jest`, `vitest`, `pytest`, `tox`, `go test`, `mvn verify`, `gradle test`/`check`/`build`, `dotnet test`, `cargo test`, `make test`, `rspec`… in any pipeline, directly or through the npm scripts, make targets (a bare `make`: its default goal), shell and PowerShell scripts, psake tasks (with their `-depends`) and .NET build programs the pipeline calls, Travis\'s default script for the language when `script:` is absent, and the local composite actions (`uses: ./.github/…` with an `action.yml`) and reusable workflows its jobs use.',
  rationale:
    'A pipeline that only builds or lints gives a green check to changes that break behaviour. Tests that are not run in CI decay and stop protecting anything.',
  remediation:
    'Add a test step to the pipeline that runs on pull requests and on the main branch (for example `npm test`, `pytest`, `go test ./...`, `mvn verify`), and make it a required check.',
  evaluate(facts) {
    if (facts.ci.systems.length === 0)
      return outcome.notApplicable('no CI configuration');
    const ctx = { facts };
    const errored = new Set(facts.ci.errors.map(e => e.path));
    const checked = facts.ci.systems.filter(s => !errored.has(s.path));
    if (checked.length === 0) {
      return outcome.notApplicable('every CI configuration has a parse error');
    }

    for (const workflow of parsedWorkflows(facts)) {
      if (workflow.jobs.some(job => jobRunsTests(facts, workflow, job))) {
        return outcome.pass(`${workflow.path} runs tests`);
      }
    }
    for (const command of facts.ci.commands) {
      if (
        command.system !== 'github-actions' &&
        commandRunsTests(command.command, ctx)
      ) {
        return outcome.pass(`${command.path} runs tests`);
      }
    }
    // Jenkinsfiles and other scripted pipelines: multi-line shell blocks are
    // not split into commands, so read every line.
    for (const system of checked) {
      if (system.system === 'github-actions') continue;
      const file = facts.file(system.path);
      if (!file) continue;
      const lines = file.text.split('\n').filter(l => !isComment(l));
      if (
        (system.system === 'gitlab-ci' &&
          lines.some(l => GITLAB_TEST_TEMPLATE.test(l))) ||
        lines.some(l =>
          commandRunsTests(
            l.replace(
              /^\s*(?:-\s+|(?:sh|bat|powershell|script|run|command)\s*[:(]?\s*['"]{0,3})/,
              '',
            ),
            ctx,
          ),
        )
      ) {
        return outcome.pass(`${system.path} runs tests`);
      }
    }

    // Tests belong in the pipeline that builds and checks changes, not in code scanning, mirroring, release or
    // housekeeping workflows: those are reported only when nothing else is there.
    const names = new Map(parsedWorkflows(facts).map(w => [w.path, w.name ?? '']));
    const pipelines = checked.filter(system => !AUXILIARY_WORKFLOW.test(`${basename(system.path)} ${names.get(system.path) ?? ''}`));
    const findings: Finding[] = (pipelines.length > 0 ? pipelines : checked).map(system => ({
      path: system.path,
      message: `No job in ${system.path} runs tests`,
    }));
    return outcome.fail(findings);
  },
});
