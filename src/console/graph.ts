import type { ApiPack } from '../engine/pack.ts';
import type { Progress } from '../lifecycle/progress.ts';
import type { StateMachine } from '../state/machine.ts';

// A pack's state machine as a graph to draw (the console's SVG, the Mermaid diagram in `docs/apis/<id>.md`): its
// states, where a new run starts, the moves its commands make and the moves its lifecycle makes by itself. A command
// allowed from many states is kept once, at its target, instead of an arrow from each state: a permissive API (any
// status from any status) stays readable.

export interface MachineGraph {
  /** The run's field that holds the state. */
  readonly field: string;
  readonly states: readonly string[];
  readonly initial: string;
  readonly terminal: readonly string[];
  readonly moves: readonly GraphMove[];
  readonly fromMany: readonly FanIn[];
  /** When the console draws its own selection of moves (`moves` in its declaration): what the API itself accepts. */
  readonly accepts: { readonly commands: number; readonly moves: number } | null;
}

export interface GraphMove {
  readonly from: string;
  readonly to: string;
  /** A command a client sends, or a move the service makes by itself. */
  readonly kind: 'command' | 'automatic';
  /** The command's name, or when the automatic move happens ("after 1–4 min, 85%"). */
  readonly label: string;
}

/** A command allowed from more than `MANY_SOURCES` states. */
export interface FanIn {
  readonly command: string;
  readonly to: string;
  readonly from: readonly string[];
}

export const MANY_SOURCES = 3;

/** The graph of a pack's machine: the console's own moves when it declares them, else the lifecycle's; none without a machine. */
export function machineGraph(pack: ApiPack): MachineGraph | null {
  const commands = pack.console?.commands;
  const declared = commands?.kind === 'machine' ? commands.moves : undefined;
  const lifecycle = pack.lifecycle?.machine;
  const machine = declared ?? lifecycle;
  if (!machine) return null;
  const moves: GraphMove[] = [];
  const fromMany: FanIn[] = [];
  for (const [command, rule] of Object.entries(machine.commands)) {
    if (rule.from.length > MANY_SOURCES) fromMany.push({ command, to: rule.to, from: [...rule.from] });
    else for (const from of rule.from) moves.push({ from, to: rule.to, kind: 'command', label: command });
  }
  moves.push(...automaticMoves(pack.lifecycle?.progress));
  const initial = pack.console?.initial ?? machine.states[0] ?? '';
  if (!machine.states.includes(initial)) throw new Error(`${pack.id} console: initial state ${initial} is not a state of its machine`);
  return {
    field: machine.field,
    states: [...machine.states],
    initial,
    terminal: [...machine.terminal],
    moves,
    fromMany,
    accepts: declared && lifecycle && declared !== lifecycle ? countMoves(lifecycle) : null,
  };
}

function countMoves(machine: StateMachine): { commands: number; moves: number } {
  const rules = Object.values(machine.commands);
  return { commands: rules.length, moves: rules.reduce((sum, rule) => sum + rule.from.length, 0) };
}

/** The lifecycle's own moves, each labelled with when it happens and, when a state has several outcomes, how often. */
function automaticMoves(progress: Progress | undefined): GraphMove[] {
  return Object.entries(progress?.states ?? {}).flatMap(([from, step]) => {
    const total = step.next.reduce((sum, next) => sum + next.weight, 0);
    const after = `after ${duration(step.afterMs[0], step.afterMs[1])}`;
    return step.next.map((next) => ({
      from,
      to: next.to,
      kind: 'automatic' as const,
      label: step.next.length > 1 && total > 0 ? `${after}, ${Math.round((next.weight / total) * 100)}%` : after,
    }));
  });
}

const UNITS: readonly (readonly [number, string])[] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** A range of milliseconds in the unit of its upper end: "15–45 s", "1–4 min", "1–1.5 min". */
export function duration(min: number, max: number): string {
  const [size, unit] = UNITS.find(([ms]) => max >= ms) ?? [1, 'ms'];
  const show = (ms: number) => String(Math.round((ms / size) * 10) / 10);
  return min === max ? `${show(max)} ${unit}` : `${show(min)}–${show(max)} ${unit}`;
}
