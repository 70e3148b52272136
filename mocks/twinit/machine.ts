import type { JsonObject } from '../../src/core/json.ts';
import type { StateMachine } from '../../src/state/machine.ts';

/**
 * Twinit run states and the `_status` commands of PUT .../status (seed 002; vendor-facts 002: QUEUED, RUNNING,
 * COMPLETED, FAILED, PAUSED seen, TIMED_OUT and TERMINATED as in Netflix Conductor):
 * PAUSED pauses a queued or running run; RESUMED returns a paused run to RUNNING; RETRIED restarts a FAILED,
 * TIMED_OUT or TERMINATED run from its failed task; TERMINATED ends any run not yet ended. COMPLETED is final.
 * `_updatedAt` moves on every change, and the tasks follow their run.
 */
export const runMachine: StateMachine = {
  field: '_status',
  states: ['QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'],
  terminal: ['COMPLETED'],
  commands: {
    PAUSED: { from: ['QUEUED', 'RUNNING'], to: 'PAUSED' },
    RESUMED: { from: ['PAUSED'], to: 'RUNNING' },
    RETRIED: { from: ['FAILED', 'TIMED_OUT', 'TERMINATED'], to: 'RUNNING' },
    TERMINATED: { from: ['QUEUED', 'RUNNING', 'PAUSED'], to: 'TERMINATED' },
  },
  setOnEnter: { RUNNING: { _output: null } },
  touch: ['_updatedAt'],
  onEnter: (data, state) => ({ ...data, _tasks: tasksFollowing(Array.isArray(data['_tasks']) ? (data['_tasks'] as JsonObject[]) : [], state) }),
};

/**
 * Tasks as their run's state implies: a completed run has every task COMPLETED, a queued one every unfinished task
 * QUEUED; otherwise the first unfinished task takes the run's state (RUNNING, PAUSED, FAILED...) and the later
 * ones wait, QUEUED.
 */
export function tasksFollowing(tasks: readonly JsonObject[], state: string): JsonObject[] {
  let current = true;
  return tasks.map((task) => {
    if (state === 'COMPLETED') return { ...task, _status: 'COMPLETED' };
    if (task['_status'] === 'COMPLETED') return task;
    const status = state !== 'QUEUED' && current ? state : 'QUEUED';
    current = false;
    return { ...task, _status: status };
  });
}
