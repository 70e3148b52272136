import { readPath, type JsonObject } from '../core/json.ts';
import type { StateMachine } from './machine.ts';

// Checks a sequence of observed representations of one run (from the mock, a client's log or a real server)
// against what the vendor's lifecycle allows: moves the state machine cannot make, timestamps that go backwards,
// and fields that must be set exactly in end states.

export interface LifecycleRules {
  readonly machine: StateMachine;
  /** Moves the service makes by itself (a run finishing), besides the machine's commands. */
  readonly automatic?: readonly { readonly from: string; readonly to: string }[];
  /** Pairs of timestamps ordered within one representation: [earlier, later]. */
  readonly ordered?: readonly (readonly [string, string])[];
  /** Timestamps that never move backwards from one observation to the next. */
  readonly monotonic?: readonly string[];
  /** Fields that are non-null exactly when the run is in an end state. */
  readonly terminalOnly?: readonly string[];
}

export interface LifecycleFinding {
  /** Index of the observation at fault. */
  readonly index: number;
  readonly kind: 'illegalMove' | 'timeBackwards' | 'orderBroken' | 'terminalField' | 'unknownState';
  readonly message: string;
}

export function checkLifecycle(rules: LifecycleRules, observations: readonly JsonObject[]): LifecycleFinding[] {
  const findings: LifecycleFinding[] = [];
  const field = rules.machine.field;
  observations.forEach((current, index) => {
    const state = String(readPath(current, field) ?? '');
    if (!rules.machine.states.includes(state)) findings.push({ index, kind: 'unknownState', message: `${field} '${state}' is not a state of this lifecycle` });
    for (const [earlier, later] of rules.ordered ?? []) {
      const a = instant(current, earlier);
      const b = instant(current, later);
      if (a !== undefined && b !== undefined && b < a)
        findings.push({
          index,
          kind: 'orderBroken',
          message: `${later} (${String(readPath(current, later))}) is before ${earlier} (${String(readPath(current, earlier))})`,
        });
    }
    const terminal = rules.machine.terminal.includes(state);
    for (const name of rules.terminalOnly ?? []) {
      const value = readPath(current, name);
      const present = value !== null && value !== undefined;
      if (present !== terminal)
        findings.push({
          index,
          kind: 'terminalField',
          message: `${name} is ${present ? 'set' : 'missing'} in ${terminal ? 'end' : 'active'} state '${state}'`,
        });
    }
    const previous = observations[index - 1];
    if (!previous) return;
    const from = String(readPath(previous, field) ?? '');
    if (from !== state && !reachable(rules, from, state)) findings.push({ index, kind: 'illegalMove', message: `'${from}' cannot become '${state}'` });
    for (const name of rules.monotonic ?? []) {
      const before = instant(previous, name);
      const after = instant(current, name);
      if (before !== undefined && after !== undefined && after < before)
        findings.push({
          index,
          kind: 'timeBackwards',
          message: `${name} went back from ${String(readPath(previous, name))} to ${String(readPath(current, name))}`,
        });
    }
  });
  return findings;
}

/** Whether `to` can follow `from` through any number of commands and automatic moves. */
function reachable(rules: LifecycleRules, from: string, to: string): boolean {
  const edges = [
    ...Object.values(rules.machine.commands).flatMap((command) => command.from.map((start) => ({ from: start, to: command.to }))),
    ...(rules.automatic ?? []),
  ];
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    for (const edge of edges.filter((e) => e.from === state && !seen.has(e.to))) {
      if (edge.to === to) return true;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return false;
}

function instant(value: JsonObject, path: string): number | undefined {
  const raw = readPath(value, path);
  if (typeof raw !== 'string') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}
