import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import { isoFast } from '../../src/generation/key-stream.ts';
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };

// What an Amperity run is made of, for runs started through the API and for seeded ones: ids in the documents' form,
// the workflow a config runs, its task instances.

export type TaskSpec = (typeof settings.tasks)[keyof typeof settings.tasks];

/**
 * Amperity ids as the documents show them: `<prefix>-YYYYMMDD-NNNNN-<letters>` (wf-20240603-12345-MNabc,
 * etv-20240210-12345-6AbCDE, wft-20240619-14574-6kyYdY).
 */
export function amperityId(prefix: string, dateMs: number, digits: string, letters: string): string {
  return `${prefix}-${compactDate(dateMs)}-${digits}-${letters}`;
}

/** YYYYMMDD (UTC). */
function compactDate(ms: number): string {
  const iso = isoFast(ms);
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/** Run ids: `wf-YYYYMMDD-NNNNN-XXXXX`. */
export const runId = (dateMs: number, digits: string, letters: string): string => amperityId('wf', dateMs, digits, letters);

const taskKinds: Readonly<Record<string, TaskSpec>> = settings.tasks;
export const tasksOf = (names: readonly string[]): TaskSpec[] => names.flatMap((name) => (taskKinds[name] ? [taskKinds[name]] : []));

/**
 * The workflow a config runs: a seeded config's, or for any other id a generic one whose type follows the id's kind
 * (the document: a courier group `cg-`, an orchestration group `og-` or a campaign `cc-`).
 */
export function workflowForConfig(configId: string): { name: string; type: string; tasks: readonly TaskSpec[]; warnAfterMs?: number } {
  const known = settings.workflows.find((w) => w.configId === configId);
  if (known) return { ...known, tasks: tasksOf(known.tasks) };
  const type = configId.startsWith('cg-') ? 'courier.group/run' : configId.startsWith('cc-') ? 'campaign.send' : 'amperity.orchestration.orchestration/run';
  return { name: `Workflow ${configId}`.trim(), type, tasks: tasksOf(['resolve', 'query']) };
}

/** Fresh ids for one task instance: its own (`wft-...`) and its job's run id (`orb-20240619-EDnCxzmhrLN`). */
export type TaskIds = (index: number, spec: TaskSpec) => { id: string; runId: string };

/** Task instances of a new run, all scheduled (WorkflowTaskInstance fields the reference pages list for every task). */
export function scheduledTasks(workflowId: string, tenant: string, tasks: readonly TaskSpec[], now: string, ids: TaskIds): JsonObject[] {
  return tasks.map((spec, index) => {
    const fresh = ids(index, spec);
    return {
      id: fresh.id,
      label: spec.label,
      run_id: fresh.runId,
      state: 'scheduled',
      state_changed_at: now,
      task_definition_id: spec.definitionId,
      task_definition_type: spec.definitionType,
      execution_type: spec.executionType,
      timeout_ms: settings.taskTimeoutMs,
      workflow_id: workflowId,
      tenant,
    };
  });
}

/**
 * A run just started through POST /workflow/runs: scheduled, its tasks waiting, one version at launch. Values it does
 * not have are left out, never null (the document types every Workflow property as non-nullable).
 */
export function startedRun(start: {
  configId: string;
  tenant: string;
  principalId: string;
  now: string;
  digits: () => string;
  letters: (length: number) => string;
}): JsonObject {
  const workflow = workflowForConfig(start.configId);
  const nowMs = Date.parse(start.now);
  const id = runId(nowMs, start.digits(), start.letters(5));
  const version = amperityId('etv', nowMs, start.digits(), start.letters(6));
  const ids: TaskIds = (_index, spec) => ({ id: amperityId('wft', nowMs, start.digits(), start.letters(6)), runId: jobRunId(spec, nowMs, start.letters(11)) });
  return {
    id,
    name: workflow.name,
    principal_name: 'API client',
    principal_id: start.principalId,
    type: workflow.type,
    state: 'scheduled',
    created_at: start.now,
    tenant: start.tenant,
    launched_version: version,
    current_version: version,
    ...(workflow.warnAfterMs === undefined ? {} : { warn_after_ms: workflow.warnAfterMs }),
    task_instances: scheduledTasks(id, start.tenant, workflow.tasks, start.now, ids),
  };
}

/** A task's job id, like `orb-20240619-EDnCxzmhrLN`. */
export const jobRunId = (spec: TaskSpec, dateMs: number, letters: string): string => `${spec.runPrefix}-${compactDate(dateMs)}-${letters}`;

/**
 * Seeded tasks ran one after the other: the tasks that started share the run's time from creation to its end, in
 * order (tasksFollowing stamps them all at one instant, as a live move does).
 */
export function spreadTasks(tasks: readonly JsonObject[], startMs: number, endMs: number): JsonObject[] {
  const started = tasks.filter((task) => task['created_at'] !== undefined).length;
  const slot = started > 0 ? Math.floor((endMs - startMs) / started) : 0;
  let index = 0;
  return tasks.map((task) => {
    if (task['created_at'] === undefined) return task;
    const from = isoAt(startMs + index * slot);
    index += 1;
    if (task['ended_at'] === undefined) return { ...task, created_at: from, state_changed_at: from };
    const to = index === started ? isoAt(endMs) : isoAt(startMs + index * slot);
    return { ...task, created_at: from, ended_at: to, state_changed_at: to };
  });
}

/** A failed run's failed task carries the run's error (WorkflowTaskInstance.error: 'populated only for tasks in an error state'). */
export function withTaskError(tasks: unknown, error: JsonObject): JsonObject[] {
  const list = Array.isArray(tasks) ? (tasks as JsonObject[]) : [];
  return list.map((task) => (task['state'] === 'failed' ? { ...task, error } : task));
}
