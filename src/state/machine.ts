import { readPath, writePath, type Json, type JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';

// A vendor's status rules as a table: which commands move which states where, and which fields the clock
// stamps on entry. Packs declare one; the engine applies it; nothing else decides a transition.

export interface Command {
  readonly from: readonly string[];
  readonly to: string;
  /**
   * The command takes a run out of an end state (a rerun of a completed run, which queues it again). Only a command
   * that says so may name a terminal state in `from`; the run is still ended until the command is sent.
   */
  readonly reopens?: boolean;
}

export interface StateMachine {
  /** Dotted path of the state field in the record's data. */
  readonly field: string;
  readonly states: readonly string[];
  /** End states: nothing moves a run out of one by itself, and no command does except one declared `reopens`. */
  readonly terminal: readonly string[];
  readonly commands: Readonly<Record<string, Command>>;
  /** state -> fields set to the current time on entering it (e.g. `completedAt`). */
  readonly stampOnEnter?: Readonly<Record<string, readonly string[]>>;
  /** state -> fields set to fixed values on entering it (e.g. `completedAt: null` when a run restarts). */
  readonly setOnEnter?: Readonly<Record<string, Readonly<Record<string, Json>>>>;
  /** Fields set to the current time on every move (e.g. `_updatedAt`). */
  readonly touch?: readonly string[];
  /** What else entering a state changes, as a pure function (e.g. a run's tasks following it). */
  readonly onEnter?: (data: JsonObject, state: string, now: string) => JsonObject;
}

export type TransitionRefusal =
  | { readonly reason: 'unknownCommand'; readonly command: string; readonly from: string }
  | { readonly reason: 'notAllowed'; readonly command: string; readonly from: string };

export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly command: string;
  readonly data: JsonObject;
}

export function stateOf(machine: StateMachine, data: JsonObject): string {
  const value = readPath(data, machine.field);
  return typeof value === 'string' ? value : '';
}

/** Where `command` takes a record in state `from`, or why it cannot. */
export function nextState(machine: StateMachine, from: string, command: string): Result<string, TransitionRefusal> {
  const rule = Object.hasOwn(machine.commands, command) ? machine.commands[command] : undefined;
  if (!rule) return fail({ reason: 'unknownCommand', command, from });
  if (!rule.from.includes(from)) return fail({ reason: 'notAllowed', command, from });
  return ok(rule.to);
}

/** The record after `command`, with the state field moved and the entry stamps applied. */
export function applyCommand(machine: StateMachine, data: JsonObject, command: string, now: string): Result<Transition, TransitionRefusal> {
  const from = stateOf(machine, data);
  const moved = nextState(machine, from, command);
  if (!moved.ok) return moved;
  return ok({ from, to: moved.value, command, data: enterState(machine, data, moved.value, now) });
}

/** Puts a record into `to` with that state's entry effects, whatever state it was in (lifecycle and seeding use this). */
export function enterState(machine: StateMachine, data: JsonObject, to: string, now: string): JsonObject {
  let next = writePath(data, machine.field, to);
  for (const [field, value] of Object.entries(machine.setOnEnter?.[to] ?? {})) next = writePath(next, field, value);
  for (const field of [...(machine.stampOnEnter?.[to] ?? []), ...(machine.touch ?? [])]) next = writePath(next, field, now);
  return machine.onEnter ? machine.onEnter(next, to, now) : next;
}

/** Commands a record in `state` accepts, in declaration order (what a console offers as buttons). */
export function commandsFrom(machine: StateMachine, state: string): string[] {
  return Object.entries(machine.commands)
    .filter(([, rule]) => rule.from.includes(state))
    .map(([name]) => name);
}

/** Problems with a machine's own table; a pack's unit test asserts this is empty. */
export function machineProblems(machine: StateMachine): string[] {
  const known = new Set(machine.states);
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(machine.commands)) {
    for (const state of [...rule.from, rule.to]) if (!known.has(state)) problems.push(`${name} names unknown state ${state}`);
    const leaves = rule.from.filter((state) => machine.terminal.includes(state));
    if (!rule.reopens) for (const state of leaves) problems.push(`${name} leaves terminal state ${state} without declaring reopens`);
    else if (leaves.length === 0) problems.push(`${name} declares reopens but leaves no terminal state`);
  }
  for (const state of [...machine.terminal, ...Object.keys(machine.stampOnEnter ?? {}), ...Object.keys(machine.setOnEnter ?? {})]) {
    if (!known.has(state)) problems.push(`unknown state ${state}`);
  }
  return problems;
}
