import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { machineGraph } from '../console/graph.ts';
import { columnsOf, layoutGraph, MAX_ROWS, type NodeBox } from './layout.ts';
import type { Graph } from './model.ts';

const graphOf = (id: string): Graph => {
  const pack = allPacks.find((candidate) => candidate.id === id);
  if (!pack) throw new Error(`no pack ${id}`);
  return machineGraph(pack) as unknown as Graph;
};
const withMachines = allPacks.filter((pack) => machineGraph(pack)).map((pack) => pack.id);
const overlap = (a: NodeBox, b: NodeBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('laying out a state machine', () => {
  it('puts states in columns by their distance from the initial state', () => {
    expect(columnsOf(graphOf('8x8'))).toEqual([['Runnable'], ['Suspended', 'Complete', 'Terminated']]);
  });

  it('puts states no move reaches in a last column, and splits a tall column', () => {
    const graph: Graph = {
      field: 'status',
      states: ['a', ...Array.from({ length: 25 }, (_, i) => `b${i}`), 'lost'],
      initial: 'a',
      terminal: [],
      moves: Array.from({ length: 25 }, (_, i) => ({ from: 'a', to: `b${i}`, kind: 'command' as const, label: 'go' })),
      fromMany: [],
      accepts: null,
    };
    const columns = columnsOf(graph);
    expect(columns[0]).toEqual(['a']);
    expect(columns.at(-1)).toEqual(['lost']);
    expect(columns.slice(1, -1).map((column) => column.length)).toEqual([8, 9, 8]);
    expect(columns.every((column) => column.length <= MAX_ROWS)).toBe(true);
  });

  it('orders a column so each state sits near the states it comes from', () => {
    const graph: Graph = {
      field: 'status',
      states: ['start', 'top', 'bottom', 'fromBottom', 'fromTop'],
      initial: 'start',
      terminal: [],
      moves: [
        { from: 'start', to: 'top', kind: 'command', label: 'x' },
        { from: 'start', to: 'bottom', kind: 'command', label: 'x' },
        { from: 'bottom', to: 'fromBottom', kind: 'command', label: 'x' },
        { from: 'top', to: 'fromTop', kind: 'command', label: 'x' },
      ],
      fromMany: [],
      accepts: null,
    };
    expect(columnsOf(graph)[2]).toEqual(['fromTop', 'fromBottom']);
  });

  it.each(withMachines)('gives every state of %s a box inside the picture, no two overlapping, the same each time', (id) => {
    const graph = graphOf(id);
    const layout = layoutGraph(graph);
    expect(layout.nodes.map((node) => node.state).sort()).toEqual([...graph.states].sort());
    for (const [index, node] of layout.nodes.entries()) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
      for (const other of layout.nodes.slice(index + 1)) expect(overlap(node, other), `${node.state} / ${other.state}`).toBe(false);
    }
    expect(layout.edges).toHaveLength(graph.moves.length);
    expect(layoutGraph(graph)).toEqual(layout);
  });

  it('draws a forward move from the right side of its state to the left side of the next', () => {
    const layout = layoutGraph(graphOf('8x8'));
    const runnable = layout.nodes.find((node) => node.state === 'Runnable') as NodeBox;
    const suspended = layout.nodes.find((node) => node.state === 'Suspended') as NodeBox;
    const suspend = layout.edges.find((edge) => edge.label === 'suspend');
    expect(suspend?.d.startsWith(`M${runnable.x + runnable.width},${runnable.y + runnable.height / 2} `)).toBe(true);
    expect(suspend?.d.endsWith(` ${suspended.x},${suspended.y + suspended.height / 2}`)).toBe(true);
  });

  it('notes a command allowed from many states in its target box', () => {
    const canceled = layoutGraph(graphOf('amperity')).nodes.find((node) => node.state === 'canceled');
    expect(canceled?.notes).toEqual(['← stop, from 6 states']);
  });
});
