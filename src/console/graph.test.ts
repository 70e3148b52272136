import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import type { ApiPack } from '../engine/pack.ts';
import { duration, MANY_SOURCES, machineGraph } from './graph.ts';

const pack = (id: string) => allPacks.find((candidate) => candidate.id === id) as ApiPack;

describe('machine graphs', () => {
  it("draws a pack's commands and its lifecycle's automatic moves, each labelled", () => {
    const graph = machineGraph(pack('8x8'));
    expect(graph?.initial).toBe('Runnable');
    expect(graph?.moves).toEqual(
      expect.arrayContaining([
        { from: 'Runnable', to: 'Suspended', kind: 'command', label: 'suspend' },
        { from: 'Suspended', to: 'Terminated', kind: 'command', label: 'terminate' },
        { from: 'Runnable', to: 'Complete', kind: 'automatic', label: 'after 1–4 min, 85%' },
      ]),
    );
    expect(graph?.accepts).toBeNull();
  });

  it('keeps a command allowed from many states once, at its target', () => {
    const graph = machineGraph(pack('amperity'));
    expect(graph?.fromMany).toEqual([{ command: 'stop', to: 'canceled', from: expect.arrayContaining(['scheduled', 'paused']) }]);
    expect(graph?.moves.some((move) => move.label === 'stop')).toBe(false);
    expect(graph?.fromMany.every((fan) => fan.from.length > MANY_SOURCES)).toBe(true);
  });

  it("draws the console's own moves when it declares them, says how many the API accepts, and starts where it says", () => {
    const graph = machineGraph(pack('nerm'));
    expect(graph?.initial).toBe('new');
    expect(graph?.accepts?.commands).toBeGreaterThan(50);
    expect(graph?.moves).toContainEqual({ from: 'pending_approval', to: 'approved', kind: 'command', label: 'approved' });
  });

  it('has none for an API without a machine, and refuses an initial state the machine lacks', () => {
    expect(machineGraph(pack('longjump'))).toBeNull();
    const eight = pack('8x8');
    expect(() => machineGraph({ ...eight, console: eight.console && { ...eight.console, initial: 'Nowhere' } })).toThrow(/Nowhere/);
  });

  it('writes a range of milliseconds in the unit of its upper end', () => {
    expect(duration(60_000, 240_000)).toBe('1–4 min');
    expect(duration(15_000, 45_000)).toBe('15–45 s');
    expect(duration(60_000, 90_000)).toBe('1–1.5 min');
    expect(duration(3_600_000, 3_600_000)).toBe('1 h');
    expect(duration(0, 500)).toBe('0–500 ms');
  });
});
