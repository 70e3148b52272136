import { ok, type Result } from '../core/result.ts';
import { withMove } from '../state/history.ts';
import { applyCommand, type StateMachine, type TransitionRefusal } from '../state/machine.ts';
import type { Replacement } from './pack.ts';

/** A state change as it is stored: the moved data, and the move appended to `meta.history`. */
export interface Move extends Replacement {
  readonly from: string;
  readonly to: string;
}

/** Applies `command` to a record's value, recording the move (a HistoryEntry) in its history. */
export function moveRecord(machine: StateMachine, record: Replacement, command: string, now: string): Result<Move, TransitionRefusal> {
  const moved = applyCommand(machine, record.data, command, now);
  if (!moved.ok) return moved;
  const { from, to, data } = moved.value;
  return ok({ from, to, data, meta: withMove(record.meta, { from, to, command, at: now }) });
}
