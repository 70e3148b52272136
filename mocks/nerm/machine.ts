import type { Command, StateMachine } from '../../src/state/machine.ts';
import sessionSchema from '../../schemas/nerm/workflow-session.json' with { type: 'json' };

/**
 * NERM workflow-session statuses as a state machine, derived from the seed's status list (seed 000). PATCH names
 * the status to move to, so each command is named after its target status. The reasons, rule by rule:
 *
 * - `new` is where every session starts; nothing moves back to it.
 * - A step's outcome is reached only from the status that waits for it: `approved` only from `pending_approval`,
 *   `reviewed` from `pending_review`, `fulfilled` from `pending_fulfillment`, and so on for each `pending_X` the
 *   seed pairs with an outcome (table below).
 * - `rejected` ends a session that waited for a decision (`pending_approval` or `pending_review`).
 * - `completed` ends a session that ran (any active status but `new`); `failed` and `closed` may end any session
 *   that has not ended.
 * - `completed`, `rejected`, `failed` and `closed` are terminal.
 * - Every other status is a workflow step: reachable from `new` or any active status.
 * - `AUTH-STATUS1..9` appear in the seed's response enum without any step that produces them: valid on the
 *   wire, never entered.
 *
 * `?run=true` is the `processing` command from `new` (the session leaves `new` at once).
 */
const statuses: readonly string[] = sessionSchema.$defs.Status.enum;

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
const ENDS = ['completed', 'rejected', 'failed', 'closed'];
const NEVER_ENTERED = statuses.filter((status) => status.startsWith('AUTH-STATUS'));
const ACTIVE = statuses.filter((status) => status !== 'new' && !ENDS.includes(status) && !NEVER_ENTERED.includes(status));
const OUTCOMES = Object.values(OUTCOME_OF);

function commandTo(target: string): Command | undefined {
  if (target === 'new' || NEVER_ENTERED.includes(target)) return undefined;
  const waitingFor = Object.entries(OUTCOME_OF).filter(([, outcome]) => outcome === target).map(([pending]) => pending);
  if (OUTCOMES.includes(target)) return { from: waitingFor, to: target };
  if (target === 'rejected') return { from: ['pending_approval', 'pending_review'], to: target };
  if (target === 'completed') return { from: ACTIVE, to: target };
  if (target === 'failed' || target === 'closed') return { from: ['new', ...ACTIVE], to: target };
  return { from: ['new', ...ACTIVE.filter((status) => status !== target)], to: target };
}

export const sessionMachine: StateMachine = {
  field: 'status',
  states: statuses,
  terminal: ENDS,
  touch: ['updated_at'],
  commands: Object.fromEntries(statuses.flatMap((target) => {
    const command = commandTo(target);
    return command ? [[target, command]] : [];
  })),
};

/** The spaced status filter value as it appears on the wire (seed 000: `pending approval` -> `pending_approval`). */
export const statusFromFilter = (value: string): string => value.replaceAll(' ', '_');
