import { describe, expect, it } from 'vitest';
import type { StateMachine } from '../state/machine.ts';
import { automaticEdges, planMove, type Progress } from './progress.ts';

const machine: StateMachine = { field: 'state', states: ['queued', 'running', 'done', 'failed', 'held'], terminal: ['done', 'failed'], commands: {} };
const progress: Progress = {
  collection: 'runs',
  states: {
    queued: { afterMs: [60_000, 60_000], next: [{ to: 'running', weight: 1 }] },
    running: {
      afterMs: [1_000, 5_000],
      next: [
        { to: 'done', weight: 85 },
        { to: 'failed', weight: 15 },
      ],
    },
  },
  fixed: ['example'],
};
const run = (id: string, state: string, history: unknown[] = []) => ({ id, data: { state }, meta: { history } as never });

describe('planned moves', () => {
  it('waits the declared time from entering the state', () => {
    expect(planMove(progress, machine, 1, run('a', 'queued'), 1_000)).toEqual({ at: 61_000, from: 'queued', to: 'running' });
  });

  it('stays within the declared range', () => {
    for (let i = 0; i < 200; i++) {
      const move = planMove(progress, machine, 1, run(`r${i}`, 'running'), 0);
      expect(move?.at).toBeGreaterThanOrEqual(1_000);
      expect(move?.at).toBeLessThanOrEqual(5_000);
    }
  });

  it('repeats for a seed and follows the weights', () => {
    const outcomes = (seed: number) => Array.from({ length: 1000 }, (_, i) => planMove(progress, machine, seed, run(`r${i}`, 'running'), 0)?.to);
    expect(outcomes(7)).toEqual(outcomes(7));
    expect(outcomes(7)).not.toEqual(outcomes(8));
    const done = outcomes(7).filter((to) => to === 'done').length;
    expect(done).toBeGreaterThan(800);
    expect(done).toBeLessThan(900);
  });

  it('leaves waiting states and fixed records alone', () => {
    expect(planMove(progress, machine, 1, run('a', 'held'), 0)).toBeUndefined();
    expect(planMove(progress, machine, 1, run('example', 'queued'), 0)).toBeUndefined();
  });

  it('draws anew on each visit of a state', () => {
    const first = planMove(progress, machine, 1, run('a', 'running'), 0);
    const visits = Array.from({ length: 20 }, (_, n) => planMove(progress, machine, 1, run('a', 'running', Array.from({ length: n })), 0)?.at);
    expect(new Set(visits).size).toBeGreaterThan(1);
    expect(visits[0]).toBe(first?.at);
  });

  it('lists its moves for the lifecycle checker', () => {
    expect(automaticEdges(progress)).toEqual([
      { from: 'queued', to: 'running' },
      { from: 'running', to: 'done' },
      { from: 'running', to: 'failed' },
    ]);
  });
});
