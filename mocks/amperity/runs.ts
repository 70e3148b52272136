import type { Json, JsonObject } from '../../src/core/json.ts';
import { omitKeys, pickKeys } from '../../src/core/json.ts';
import { equalIfGiven } from '../../src/engine/helpers.ts';
import type { StateMachine } from '../../src/state/machine.ts';
import type { Condition } from '../../src/store/query.ts';

// What each view of a run shows (Amperity OpenAPI 2024-04-01, get-workflow parameter view) and how its state moves.

/** Overview: only these fields (ended_at when the run has ended). */
export const OVERVIEW_FIELDS = ['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type'] as const;
/** Fields only view=verbose shows; the list shows the rest, as the reference page's list example does. */
export const VERBOSE_ONLY_FIELDS = ['launched_version', 'current_version', 'warn_after_ms', 'task_instances'] as const;

export const listView = (data: JsonObject): JsonObject => omitKeys(data, VERBOSE_ONLY_FIELDS);
export const overviewView = (data: JsonObject): JsonObject => pickKeys(data, OVERVIEW_FIELDS);

/**
 * The state filter: the document lists states capitalised ('In progress'), responses carry them lowercase, so either
 * matches; a value that is no state matches nothing.
 */
export const stateFilter = (value: Json | undefined): Condition[] => equalIfGiven('state', typeof value === 'string' ? value.toLowerCase() : value);

const ACTIVE = ['scheduled', 'started', 'in progress', 'running', 'running with failures', 'paused'];
/** End states: a run in one has ended_at, every other run has none. */
export const ENDED: readonly string[] = ['stopped', 'succeeded', 'failed', 'canceled'];

/**
 * Run states (reference pages, state). POST .../stop cancels an active run at once (the documents allow canceling then
 * canceled; the mock goes straight to canceled). Finished runs, and runs already stopping, refuse with 409 (the
 * document's info section 'Responses': 409, 'a request conflicts with the current state'; PROVENANCE.md).
 * Entering an end state stamps ended_at; tasks follow the run.
 */
export const runMachine: StateMachine = {
  field: 'state',
  states: [...ACTIVE, 'stopping', 'canceling', 'stopped', 'succeeded', 'failed', 'canceled'],
  terminal: [...ENDED],
  commands: { stop: { from: ACTIVE, to: 'canceled' } },
  stampOnEnter: { stopped: ['ended_at'], succeeded: ['ended_at'], failed: ['ended_at'], canceled: ['ended_at'] },
  onEnter: (data, state, now) => ({ ...data, task_instances: tasksFollowing(data['task_instances'], state, now) }),
};

const TASK_STATE_FOR_RUN: Readonly<Record<string, string>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  stopped: 'stopped',
  canceling: 'canceling',
  stopping: 'stopping',
  running: 'running',
  'running with failures': 'running',
  'in progress': 'running',
  started: 'running',
  paused: 'paused',
  scheduled: 'scheduled',
};
const FINISHED_TASK = ['succeeded', 'failed', 'skipped', 'canceled', 'stopped'];
/** Task states that mean the task has run (WorkflowTaskInstance.created_at, 'when the task started'). */
const WAITING_TASK = ['scheduled', 'skipped'];

/**
 * Task instances as the run's state implies: a succeeded run's tasks all succeeded; otherwise the first unfinished task
 * takes the run's state, and after an end the later ones are skipped (before it, they wait scheduled). A task that
 * starts gets created_at, one that ends ended_at (absent until then: the document types both as non-null strings).
 */
export function tasksFollowing(tasks: unknown, state: string, now: string): JsonObject[] {
  const list = Array.isArray(tasks) ? (tasks as JsonObject[]) : [];
  const ended = ENDED.includes(state);
  let current = true;
  return list.map((task) => {
    if (FINISHED_TASK.includes(String(task['state'])) && state !== 'succeeded') return task;
    const next = state === 'succeeded' ? 'succeeded' : current ? (TASK_STATE_FOR_RUN[state] ?? 'running') : ended ? 'skipped' : 'scheduled';
    current = false;
    return next === task['state'] ? task : taskEntering(task, next, now);
  });
}

function taskEntering(task: JsonObject, state: string, now: string): JsonObject {
  const next: JsonObject = { ...task, state, state_changed_at: now };
  if (!WAITING_TASK.includes(state) && task['created_at'] === undefined) next['created_at'] = now;
  if (FINISHED_TASK.includes(state) && !WAITING_TASK.includes(state)) next['ended_at'] = now;
  return next;
}
