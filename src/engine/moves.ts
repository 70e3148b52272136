import type { JsonObject } from '../core/json.ts';
import { ok, type Result } from '../core/result.ts';
import { applyCommand, type StateMachine, type TransitionRefusal } from '../state/machine.ts';
import type { Replacement } from './pack.ts';

/** A state change as it is stored: the moved data, and the move appended to `meta.history`. */
export interface Move extends Replacement {
  readonly from: string;
  readonly to: string;
}

export function historyOf(meta: JsonObject): JsonObject[] {
  const history = meta['history'];
  return Array.isArray(history) ? (history as JsonObject[]) : [];
}

/** Applies `command` to a record's value, recording `{from, to, command, at}` in its history. */
export function moveRecord(machine: StateMachine, record: Replacement, command: string, now: string): Result<Move, TransitionRefusal> {
  const moved = applyCommand(machine, record.data, command, now);
  if (!moved.ok) return moved;
  const entry: JsonObject = { from: moved.value.from, to: moved.value.to, command, at: now };
  return ok({ from: moved.value.from, to: moved.value.to, data: moved.value.data, meta: { ...record.meta, history: [...historyOf(record.meta), entry] } });
}
