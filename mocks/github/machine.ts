import type { JsonObject } from '../../src/core/json.ts';
import type { StateMachine } from '../../src/state/machine.ts';
import { previousAttemptUrl } from './accounts.ts';

/**
 * A workflow run's `status` (GitHub OpenAPI: components/schemas/workflow-run.status; the values of
 * components/parameters/workflow-run-status and components/schemas/job.status). `completed` is the one end state; the
 * outcome is the separate `conclusion`.
 *
 * - `cancel` (POST .../runs/{run_id}/cancel, 202) ends any run not yet completed; on a completed run it is refused
 *   (the operation's 409, components/responses/conflict). The run completes with conclusion `cancelled`: the
 *   machine's entry effect for `completed`, since cancel is the only command that reaches it. When the lifecycle
 *   completes a run by itself it writes the real conclusion after the entry effects (`Progress.onMove`).
 * - `rerun` (POST .../runs/{run_id}/rerun, 201) queues a completed run again, so it leaves the end state and declares
 *   `reopens`. The re-run is a new attempt: `run_attempt` + 1, `previous_attempt_url` to the attempt before,
 *   `run_started_at` now ("resets on re-run", workflow-run.run_started_at), conclusion null again.
 * - `updated_at` moves on every change. requested, pending and waiting are states only GitHub sets
 *   (workflow-run-status: "Only GitHub Actions can set a status of waiting, pending, or requested"): the lifecycle
 *   moves runs through them; no command leads there.
 */
export const STATUSES = ['queued', 'in_progress', 'completed', 'requested', 'pending', 'waiting'] as const;
export const ACTIVE: readonly string[] = STATUSES.filter((status) => status !== 'completed');

export const runMachine: StateMachine = {
  field: 'status',
  states: STATUSES,
  terminal: ['completed'],
  commands: {
    cancel: { from: ACTIVE, to: 'completed' },
    rerun: { from: ['completed'], to: 'queued', reopens: true },
  },
  setOnEnter: { completed: { conclusion: 'cancelled' } },
  touch: ['updated_at'],
  onEnter: (data, state, now) => (state === 'queued' && isConcluded(data) ? nextAttempt(data, now) : data),
};

/** A run entering `queued` with a conclusion was completed: it is being re-run. */
const isConcluded = (data: JsonObject): boolean => typeof data['conclusion'] === 'string';

/** The run as a new attempt starting `now`. */
export function nextAttempt(data: JsonObject, now: string): JsonObject {
  const attempt = typeof data['run_attempt'] === 'number' ? data['run_attempt'] : 1;
  const url = typeof data['url'] === 'string' ? data['url'] : '';
  return { ...data, conclusion: null, run_attempt: attempt + 1, previous_attempt_url: previousAttemptUrl(url, attempt + 1), run_started_at: now };
}
