import type { MachineGraph } from '../console/graph.ts';

// A machine's graph as a Mermaid `stateDiagram-v2` (GitHub renders it in Markdown): `[*]` into the initial state, end
// states out to `[*]`, commands labelled with their name, automatic moves with when they happen, and a command
// allowed from many states as a line in its target's box, the same selection the console's SVG draws.

export function mermaidStateDiagram(graph: MachineGraph): string {
  const ids = stateIds(graph.states);
  const id = (state: string) => ids.get(state) ?? state;
  const lines = ['stateDiagram-v2', '  direction LR'];
  for (const state of graph.states) if (id(state) !== state) lines.push(`  state "${quoted(state)}" as ${id(state)}`);
  lines.push(`  [*] --> ${id(graph.initial)}`);
  for (const move of graph.moves)
    lines.push(`  ${id(move.from)} --> ${id(move.to)} : ${text(move.kind === 'automatic' ? `(auto) ${move.label}` : move.label)}`);
  // A state description: a second line in the state's box, as the console's SVG writes it.
  for (const fan of graph.fromMany)
    lines.push(`  ${id(fan.to)} : ${text(fan.command === fan.to ? `← from ${fan.from.length} states` : `← ${fan.command}, from ${fan.from.length} states`)}`);
  for (const state of graph.terminal) lines.push(`  ${id(state)} --> [*]`);
  return `${lines.join('\n')}\n`;
}

const RESERVED = new Set(['state', 'note', 'end', 'direction', 'as', 'of', 'left', 'right', 'class', 'classdef', 'style', 'click']);

/** Mermaid ids: the state itself when it is a plain word, else a plain word made from it (kept unique). */
function stateIds(states: readonly string[]): Map<string, string> {
  const used = new Set(states.filter((state) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(state) && !RESERVED.has(state.toLowerCase())));
  const ids = new Map<string, string>();
  for (const state of states) {
    if (used.has(state) && !ids.has(state)) {
      ids.set(state, state);
      continue;
    }
    const base = `s_${state.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    ids.set(state, candidate);
  }
  return ids;
}

/** Label text Mermaid reads as text: no colon, semicolon or `#` (its entity syntax). */
const text = (value: string) => value.replace(/[:;#]/g, ' ');
const quoted = (value: string) => value.replace(/"/g, "'");
