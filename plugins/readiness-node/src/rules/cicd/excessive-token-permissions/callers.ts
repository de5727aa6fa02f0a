import type { Facts } from '../../../facts';
import type { WorkflowFact, WorkflowJob } from '../../../facts/ci';
import { localWorkflow, parsedWorkflows } from '../../../facts/workflows';

export function isWriteAll(permissions: unknown): boolean {
  return typeof permissions === 'string' && permissions.trim().toLowerCase() === 'write-all';
}

/** A `permissions:` value that bounds the token: present and not `write-all`. */
function restricts(permissions: unknown): boolean {
  return permissions !== undefined && !isWriteAll(permissions);
}

/** Whether a workflow runs only when another workflow calls it (`on: workflow_call` and no other trigger). */
function onlyCalled(workflow: WorkflowFact): boolean {
  return workflow.triggers.length > 0 && workflow.triggers.every(t => t === 'workflow_call');
}

interface Caller {
  workflow: WorkflowFact;
  job: WorkflowJob;
}

/** The jobs of the repository's workflows that call `target` (`uses: ./.github/workflows/…`). */
function callersOf(facts: Facts, target: WorkflowFact): Caller[] {
  const out: Caller[] = [];
  for (const workflow of parsedWorkflows(facts)) {
    for (const job of workflow.jobs) {
      if (job.uses && localWorkflow(facts, job.uses, workflow) === target) out.push({ workflow, job });
    }
  }
  return out;
}

/**
 * Whether a reusable workflow with no top-level `permissions:` still runs with a
 * bounded token: it runs only through `workflow_call`, the repository calls it,
 * and every calling job restricts the token, by its own block, by its workflow's
 * top-level block, or (for a caller that is itself only called) through its own
 * callers. A called workflow's token never gets more than its caller's.
 */
export function boundedByCallers(facts: Facts, workflow: WorkflowFact, seen = new Set<string>()): boolean {
  if (!onlyCalled(workflow) || seen.has(workflow.path)) return false;
  seen.add(workflow.path);
  const callers = callersOf(facts, workflow);
  return (
    callers.length > 0 &&
    callers.every(
      ({ workflow: caller, job }) =>
        restricts(job.permissions) ||
        (job.permissions === undefined &&
          (restricts(caller.permissions) ||
            (caller.permissions === undefined && boundedByCallers(facts, caller, new Set(seen))))),
    )
  );
}
