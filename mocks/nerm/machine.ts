import type { Command, StateMachine } from '../../src/state/machine.ts';
import sessionSchema from '../../schemas/nerm/workflow-session.json' with { type: 'json' };

/**
 * NERM workflow-session statuses. Two tables, for two jobs:
 *
 * `sessionMachine` is what PATCH accepts: any status the NERM OpenAPI document lists for PATCH
 * (components.schemas.WorkflowSession-3 `status`), from any status. The document states no rule between statuses,
 * SecZetta's own cancelSessions.rb closes sessions whatever their status, and SailPoint's Postman example sets
 * `completed` on an arbitrary session; no vendor source says a status may not follow another, or that a finished
 * session cannot be changed again, so the mock refuses no move (schemas/nerm/PROVENANCE.md). Every move is still a
 * move: it is written to the session's history, and the lifecycle (lifecycle.ts) takes a session on from where it is.
 *
 * `commonMoves` is what the QA console offers as buttons: 60 statuses from every status would be a wall of buttons,
 * so it offers the usual next steps of a session instead (the flow below), and closing or failing any open one.
 * - `new` starts processing or any workflow step; nothing offers a way back to `new`.
 * - A step's outcome follows the status that waits for it: `approved` after `pending_approval`, `reviewed` after
 *   `pending_review`, `fulfilled` after `pending_fulfillment`, and so on for each `pending_X` paired with an outcome.
 * - `rejected` ends a session that waited for a decision; `completed` one that ran; `failed` and `closed` any open one.
 * - `AUTH-STATUS1..9` are listed by the document without any step that produces them: never offered.
 */
const statuses: readonly string[] = sessionSchema.$defs.Status.enum;

/** The statuses that end a session in the usual flow. */
export const ENDED: readonly string[] = ['completed', 'rejected', 'failed', 'closed'];

export const sessionMachine: StateMachine = {
  field: 'status',
  states: statuses,
  // No vendor evidence that any status is final (see above).
  terminal: [],
  touch: ['updated_at'],
  commands: Object.fromEntries(statuses.map((to): [string, Command] => [to, { from: statuses.filter((from) => from !== to), to }])),
};

const OUTCOME_OF: Readonly<Record<string, string>> = {
  pending_approval: 'approved',
  pending_review: 'reviewed',
  pending_notification: 'notified',
  pending_assignment: 'assigned',
  pending_creation: 'non_employee_created',
  pending_update: 'non_employee_updated',
  pending_status_change: 'status_changed',
  pending_fulfillment: 'fulfilled',
  pending_ldap: 'ldap_provided',
  pending_profile_select: 'profiles_selected',
  pending_request: 'requested',
  pending_stored_procedure: 'stored_procedure',
  pending_courion_add: 'courion_add',
  pending_courion_update: 'courion_update',
  pending_courion_extend: 'courion_extend',
  pending_courion_terminate: 'courion_terminate',
};
const NEVER_OFFERED = statuses.filter((status) => status.startsWith('AUTH-STATUS'));
const ACTIVE = statuses.filter((status) => status !== 'new' && !ENDED.includes(status) && !NEVER_OFFERED.includes(status));
const OUTCOMES = Object.values(OUTCOME_OF);

function commonMoveTo(target: string): Command | undefined {
  if (target === 'new' || NEVER_OFFERED.includes(target)) return undefined;
  if (OUTCOMES.includes(target))
    return {
      from: Object.entries(OUTCOME_OF)
        .filter(([, outcome]) => outcome === target)
        .map(([pending]) => pending),
      to: target,
    };
  if (target === 'rejected') return { from: ['pending_approval', 'pending_review'], to: target };
  if (target === 'completed') return { from: ACTIVE, to: target };
  if (target === 'failed' || target === 'closed') return { from: ['new', ...ACTIVE], to: target };
  return { from: ['new', ...ACTIVE.filter((status) => status !== target)], to: target };
}

export const commonMoves: StateMachine = {
  ...sessionMachine,
  terminal: ENDED,
  commands: Object.fromEntries(
    statuses.flatMap((target) => {
      const command = commonMoveTo(target);
      return command ? [[target, command]] : [];
    }),
  ),
};

/** The spaced status filter value as it appears on the wire (NERM OpenAPI: `pending approval` -> `pending_approval`). */
export const statusFromFilter = (value: string): string => value.replaceAll(' ', '_');
