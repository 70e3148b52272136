import type { JsonObject } from '../../src/core/json.ts';
import { omitKeys, pickKeys } from '../../src/core/json.ts';
import type { StateMachine } from '../../src/state/machine.ts';

/** What each view of a run shows (vendor-facts 003) and how its state moves. */
export const OVERVIEW_FIELDS = ['created_at', 'ended_at', 'id', 'name', 'state', 'tenant', 'type'] as const;
/** Fields only view=verbose shows; the list shows the rest, as the seed's example does. */
export const VERBOSE_ONLY_FIELDS = ['launched_version', 'current_version', 'warn_after_ms', 'task_instances'] as const;

export const listView = (data: JsonObject): JsonObject => omitKeys(data, VERBOSE_ONLY_FIELDS);
export const overviewView = (data: JsonObject): JsonObject => pickKeys(data, OVERVIEW_FIELDS);

const ACTIVE = ['scheduled', 'started', 'in progress', 'running', 'running with failures', 'paused'];

/**
 * Run states (vendor-facts 003). POST .../stop cancels an active run at once (the documents allow canceling then
 * canceled; the mock goes straight to canceled). Finished runs, and runs already stopping, refuse with 409.
 * Entering an end state stamps ended_at; tasks follow the run.
 */
export const runMachine: StateMachine = {
  field: 'state',
  states: [...ACTIVE, 'stopping', 'canceling', 'stopped', 'succeeded', 'failed', 'canceled'],
  terminal: ['stopped', 'succeeded', 'failed', 'canceled'],
  commands: { stop: { from: ACTIVE, to: 'canceled' } },
  stampOnEnter: { stopped: ['ended_at'], succeeded: ['ended_at'], failed: ['ended_at'], canceled: ['ended_at'] },
  onEnter: (data, state, now) => ({ ...data, task_instances: tasksFollowing(data['task_instances'], state, now) }),
};

const TASK_STATE_FOR_RUN: Readonly<Record<string, string>> = {
  succeeded: 'succeeded', failed: 'failed', canceled: 'canceled', stopped: 'stopped', canceling: 'canceling', stopping: 'stopping',
  running: 'running', 'running with failures': 'running', 'in progress': 'running', started: 'running', paused: 'paused', scheduled: 'scheduled',
};
const FINISHED_TASK = ['succeeded', 'failed', 'skipped', 'canceled', 'stopped'];

/**
 * Task instances as the run's state implies: a succeeded run's tasks all succeeded; otherwise the first unfinished task
 * takes the run's state, and after an end the later ones are skipped (before it, they wait scheduled).
 */
export function tasksFollowing(tasks: unknown, state: string, now: string): JsonObject[] {
  const list = Array.isArray(tasks) ? (tasks as JsonObject[]) : [];
  const ended = ['succeeded', 'failed', 'canceled', 'stopped'].includes(state);
  let current = true;
  return list.map((task) => {
    if (FINISHED_TASK.includes(String(task['state'])) && state !== 'succeeded') return task;
    const next = state === 'succeeded' ? 'succeeded' : current ? (TASK_STATE_FOR_RUN[state] ?? 'running') : ended ? 'skipped' : 'scheduled';
    current = false;
    return next === task['state'] ? task : { ...task, state: next, state_changed_at: now };
  });
}
