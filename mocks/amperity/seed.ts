import type { JsonObject } from '../../src/core/json.ts';
import { isoAt } from '../../src/core/time.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { seededEnd, seededStart, type Timeline } from '../../src/generation/timeline.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import { ENDED, tasksFollowing } from './runs.ts';

const MINUTE = 60_000;
type Workflow = (typeof settings.workflows)[number];
export type TaskSpec = (typeof settings.tasks)[keyof typeof settings.tasks];
type Principal = { name: string; id: string; email?: string };

/**
 * Amperity ids as the documents show them: `<prefix>-YYYYMMDD-NNNNN-<letters>` (wf-20240603-12345-MNabc,
 * etv-20240210-12345-6AbCDE, wft-20240619-14574-6kyYdY).
 */
export function amperityId(prefix: string, dateMs: number, digits: string, letters: string): string {
  return `${prefix}-${new Date(dateMs).toISOString().slice(0, 10).replaceAll('-', '')}-${digits}-${letters}`;
}

/** Run ids: `wf-YYYYMMDD-NNNNN-XXXXX`. */
export const runId = (dateMs: number, digits: string, letters: string): string => amperityId('wf', dateMs, digits, letters);

const taskKinds: Readonly<Record<string, TaskSpec>> = settings.tasks;
const tasksOf = (names: readonly string[]): TaskSpec[] => names.flatMap((name) => (taskKinds[name] ? [taskKinds[name]] : []));

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
const jobRunId = (spec: TaskSpec, dateMs: number, letters: string): string =>
  `${spec.runPrefix}-${new Date(dateMs).toISOString().slice(0, 10).replaceAll('-', '')}-${letters}`;

/**
 * The Amperity seed: the seed document's run verbatim under `socktown`, then generated runs for each demo tenant,
 * placed before the anchor (generation.json: finished runs over weeks, active ones minutes to hours old).
 */
export function seedAmperity(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const timeline: Timeline = { anchor: ctx.anchor, ...settings.timeline };
  const runs: NewRecord[] = [exampleRun(f)];
  for (const [index, tenant] of settings.tenants.entries()) {
    // `--records` sizes the main documented list: the first tenant's, where the seed's own run lives.
    const count = index === 0 ? (ctx.records ?? settings.runsPerTenant) : settings.runsPerTenant;
    const humans = Array.from({ length: settings.principals.humansPerTenant }, (): Principal => {
      const first = f.person.firstName();
      const last = f.person.lastName();
      const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
      return { name: `${first} ${last}`, id: `google-apps|${email}@${tenant}.com`, email: `${email}@${tenant}.com` };
    });
    const principals: Principal[] = [settings.principals.automated, ...humans];
    for (let i = 0; i < count; i++)
      runs.push(generatedRun(f, timeline, tenant, f.helpers.arrayElement(settings.workflows), f.helpers.arrayElement(principals)));
  }
  return { runs };
}

function exampleRun(f: SeededFaker): NewRecord {
  const example = examples.run;
  const created = Date.parse(example.created_at);
  const extras = verboseExtras(
    f,
    { id: example.id, tenant: example.tenant, idDate: created, createdMs: created, endMs: Date.parse(example.ended_at) },
    workflowForConfig('og-2LoyaltyM'),
    example.state,
  );
  return { id: example.id, data: { ...(example as unknown as JsonObject), ...extras } };
}

interface RunTimes {
  readonly id: string;
  readonly tenant: string;
  /** The date its ids carry. */
  readonly idDate: number;
  readonly createdMs: number;
  /** When it ended, or (active runs) the anchor. */
  readonly endMs: number;
}

function verboseExtras(f: SeededFaker, run: RunTimes, workflow: { tasks: readonly TaskSpec[]; warnAfterMs?: number }, state: string): JsonObject {
  const version = () => amperityId('etv', run.idDate, f.string.numeric(5), f.string.alphanumeric(6));
  const launched = version();
  const ids: TaskIds = (_index, spec) => ({
    id: amperityId('wft', run.idDate, f.string.numeric(5), f.string.alphanumeric(6)),
    runId: jobRunId(spec, run.idDate, f.string.alphanumeric(11)),
  });
  const scheduled = scheduledTasks(run.id, run.tenant, workflow.tasks, isoAt(run.createdMs), ids);
  const ended = ENDED.includes(state);
  return {
    launched_version: launched,
    current_version: f.datatype.boolean({ probability: 0.8 }) ? launched : version(),
    ...(workflow.warnAfterMs === undefined ? {} : { warn_after_ms: workflow.warnAfterMs }),
    task_instances: spreadTasks(tasksFollowing(scheduled, state, isoAt(ended ? run.endMs : run.createdMs)), run.createdMs, run.endMs),
  };
}

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

function generatedRun(f: SeededFaker, timeline: Timeline, tenant: string, workflow: Workflow, principal: Principal): NewRecord {
  const state = f.helpers.weightedArrayElement(Object.entries(settings.stateWeights).map(([value, weight]) => ({ value, weight })));
  const ended = ENDED.includes(state);
  const ages: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
  const [youngest = 1, oldest = 60] = ages[state] ?? [];
  const created = ended ? seededStart(f, timeline, false) : timeline.anchor - f.number.int({ min: youngest * MINUTE, max: oldest * MINUTE });
  const [shortest, longest] = settings.durationMinutes as [number, number];
  const endMs = ended ? seededEnd(created, f.number.int({ min: shortest * MINUTE, max: longest * MINUTE }), timeline.anchor) : timeline.anchor;
  // Ids carry the run's own creation date, as Amperity's do.
  const idDate = created;
  const id = runId(idDate, f.string.numeric(5), f.string.alpha(5));
  const error =
    state === 'failed'
      ? f.helpers.arrayElement(settings.errors)
      : state === 'canceled' && f.datatype.boolean({ probability: 0.5 })
        ? settings.cancelError
        : undefined;
  const extras = verboseExtras(f, { id, tenant, idDate, createdMs: created, endMs }, { ...workflow, tasks: tasksOf(workflow.tasks) }, state);
  const data: JsonObject = {
    ...(error ? { error } : {}),
    id,
    ...(ended ? { ended_at: isoAt(endMs) } : {}),
    name: workflow.name,
    principal_name: principal.name,
    principal_id: principal.id,
    type: workflow.type,
    ...(principal.email === undefined ? {} : { principal_email: principal.email }),
    state,
    created_at: isoAt(created),
    tenant,
    ...extras,
    ...(state === 'failed' && error ? { task_instances: withTaskError(extras['task_instances'], error) } : {}),
  };
  return { id, data };
}

/** A failed run's failed task carries the run's error (WorkflowTaskInstance.error: 'populated only for tasks in an error state'). */
export function withTaskError(tasks: unknown, error: JsonObject): JsonObject[] {
  const list = Array.isArray(tasks) ? (tasks as JsonObject[]) : [];
  return list.map((task) => (task['state'] === 'failed' ? { ...task, error } : task));
}
