import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { basename } from '../../../facts';
import type { Facts } from '../../../facts';
import { commandRunsTests, jobRunsTests, parsedWorkflows } from '../../../facts/workflows';
import { asRecord, asString, parseYamlFile } from '../../../facts/yamlDoc';

/** GitLab templates that bring a test job with them. */
const GITLAB_TEST_TEMPLATE =
  /template:\s*['"]?[\w/.-]*(?:Test|Auto-DevOps)[\w/.-]*\.gitlab-ci\.yml/;

function isComment(line: string): boolean {
  return /^\s*(?:#|\/\/|\*)/.test(line);
}

/** Workflows with another purpose than building and checking changes, by file name or `name:`. */
const AUXILIARY_WORKFLOW =
  /\b(?:codeql|code[-_ ]?scanning|scorecards?|security|mirror|sync|stale|label(?:er|s)?|greetings?|welcome|release|publish|deploy|pages|docs|dependabot|renovate|lock|triage|issues?|translations?|i18n|auto[-_ ]?merge|cleanup|cron)\b/i;

/**
 * Whether an Azure Pipelines task runs tests: `VSTest@2`, `DotNetCoreCLI@2` with `command: test`, the Maven and
 * Gradle tasks by their goals (`package` and `build` by default), npm's custom command, and script tasks by their script.
 */
function azureTaskRunsTests(facts: Facts, task: string, inputs: Record<string, unknown>): boolean {
  const input = (key: string) => asString(inputs[key]) ?? '';
  const ctx = { facts };
  const name = task.split('@')[0].toLowerCase();
  switch (name) {
    case 'vstest':
      return true;
    case 'dotnetcorecli':
      return input('command').toLowerCase() === 'test';
    case 'maven':
      return commandRunsTests(`mvn ${input('goals') || 'package'} ${input('options')}`, ctx);
    case 'gradle':
      return commandRunsTests(`gradle ${input('tasks') || 'build'} ${input('options')}`, ctx);
    case 'npm':
      return input('command').toLowerCase() === 'custom' && commandRunsTests(`npm ${input('customCommand')}`, ctx);
    case 'bash':
    case 'powershell':
    case 'cmdline':
      return commandRunsTests(input('script') || input('inline') || input('filePath'), ctx);
    default:
      return false;
  }
}

/** Whether an Azure Pipelines file has a task step that runs tests, at any depth (stages, jobs, steps). */
function azureRunsTests(facts: Facts, path: string): boolean {
  const text = facts.file(path)?.text;
  if (!text) return false;
  const yaml = parseYamlFile(text);
  if (yaml.error) return false;
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return false;
    seen.add(value);
    if (Array.isArray(value)) return value.some(visit);
    const record = value as Record<string, unknown>;
    const task = asString(record.task);
    if (task && azureTaskRunsTests(facts, task, asRecord(record.inputs) ?? {})) return true;
    return Object.values(record).some(visit);
  };
  return visit(yaml.value);
}

export default defineRule({
  id: 'cicd/no-tests-in-ci',
  category: 'cicd',
  severity: 'high',
  title: 'CI runs the tests',
  description:
    'Fails when CI is configured but no job runs tests: no `npm test`, `jest`, `vitest`, `pytest`, `tox`, `go test`, `mvn verify`, `gradle test`/`check`/`build`, `dotnet test`, `cargo test`, `make test`, `rspec`… in any pipeline, directly or through the npm scripts, make targets (a bare `make`: its default goal), shell and PowerShell scripts, psake tasks (with their `-depends`), .NET build programs and NUKE targets (`./build.sh Test`, `nuke Test`, with the targets they depend on or trigger) the pipeline calls, Azure Pipelines test tasks (`VSTest@2`, `DotNetCoreCLI@2` with `command: test`, Maven and Gradle tasks), Travis\'s default script for the language when `script:` is absent, and the local composite actions (`uses: ./.github/…` with an `action.yml`) and reusable workflows its jobs use.',
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
      if (system.system === 'azure-pipelines' && azureRunsTests(facts, system.path)) {
        return outcome.pass(`${system.path} runs tests`);
      }
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
