import type { JsonObject } from '../core/json.ts';
import { sfc32Stream } from '../generation/ids.ts';
import { deriveSeed } from '../generation/seeded-faker.ts';
import { historyOf } from '../state/history.ts';
import { stateOf, type StateMachine } from '../state/machine.ts';

// How runs move by themselves, declared per pack as data: for each active state, how long a run stays (a range) and
// where it goes next (weighted outcomes); plus a pure function for what else an automatic move changes. Durations
// and outcomes are drawn from the run's id, state and visit, so the same seed always plays out the same way.

export interface ProgressStep {
  readonly afterMs: readonly [number, number];
  readonly next: readonly { readonly to: string; readonly weight: number }[];
}

export interface AutomaticMove {
  readonly from: string;
  readonly to: string;
  /** When the move happens, ISO-8601: the time it fell due, even if the clock jumped past it. */
  readonly at: string;
  /** Deterministic randomness for the move's details (which step failed, which message). */
  readonly random: () => number;
}

export interface Progress {
  readonly collection: string;
  readonly states: Readonly<Record<string, ProgressStep>>;
  /** What an automatic move changes besides the machine's own entry effects (logs, errors, outputs). */
  readonly onMove?: (record: { readonly data: JsonObject; readonly meta: JsonObject }, move: AutomaticMove) => { data: JsonObject; meta: JsonObject };
  /** Ids the lifecycle never moves: the documents' own examples keep their documented state. */
  readonly fixed?: readonly string[];
}

export interface PlannedMove {
  readonly at: number;
  readonly from: string;
  readonly to: string;
}

/** Where and when a run in its current state moves next, or undefined when it waits for someone. */
export function planMove(
  progress: Progress,
  machine: StateMachine,
  seed: number,
  record: { readonly id: string; readonly data: JsonObject; readonly meta: JsonObject },
  enteredAt: number,
): PlannedMove | undefined {
  return planMoveFrom(progress, seed, { id: record.id, state: stateOf(machine, record.data), visit: historyOf(record.meta).length }, enteredAt);
}

/**
 * The same plan from a run's id, state and number of moves so far (its `visit`), so a seeded run can be planned from
 * its keys without being made whole: seeded runs have no history (visit 0).
 */
export function planMoveFrom(
  progress: Progress,
  seed: number,
  run: { readonly id: string; readonly state: string; readonly visit: number },
  enteredAt: number,
): PlannedMove | undefined {
  if (progress.fixed?.includes(run.id)) return undefined;
  const from = run.state;
  const step = Object.hasOwn(progress.states, from) ? progress.states[from] : undefined;
  if (!step || step.next.length === 0) return undefined;
  const random = moveRandom(seed, run.id, from, run.visit);
  const [min, max] = step.afterMs;
  const at = enteredAt + min + Math.floor(random() * (max - min + 1));
  return { at, from, to: weighted(step.next, random()) };
}

/** The states a run leaves by itself. */
export function movingStates(progress: Progress): string[] {
  return Object.entries(progress.states).flatMap(([state, step]) => (step.next.length > 0 ? [state] : []));
}

/** The stream a move draws from (the same numbers as an id source of that seed; one closure, as it runs per moving run). */
export function moveRandom(seed: number, id: string, state: string, visit: number): () => number {
  return sfc32Stream(deriveSeed(seed, `${id}|${state}|${visit}`));
}

function weighted(options: ProgressStep['next'], roll: number): string {
  const total = options.reduce((sum, option) => sum + option.weight, 0);
  let threshold = roll * total;
  for (const option of options) {
    threshold -= option.weight;
    if (threshold < 0) return option.to;
  }
  return options[options.length - 1]?.to ?? '';
}

/** The moves a progress declaration can make, for the lifecycle checker. */
export function automaticEdges(progress: Progress | undefined): { from: string; to: string }[] {
  return Object.entries(progress?.states ?? {}).flatMap(([from, step]) => step.next.map((next) => ({ from, to: next.to })));
}

/** A pack's lifecycle as the checker needs it: declared automatic moves plus those its progress can make. */
export function checkerRules<T extends { readonly automatic?: readonly { readonly from: string; readonly to: string }[]; readonly progress?: Progress }>(
  lifecycle: T,
): T {
  return { ...lifecycle, automatic: [...(lifecycle.automatic ?? []), ...automaticEdges(lifecycle.progress)] };
}
