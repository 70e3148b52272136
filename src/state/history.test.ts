import { describe, expect, it } from 'vitest';
import { historyOf, withMove } from './history.ts';

describe('run history', () => {
  it('appends a move to the meta, keeping what else the meta holds', () => {
    const meta = withMove({ logs: ['x'] }, { from: 'a', to: 'b', command: 'go', at: '2026-01-01T00:00:00Z' });
    expect(meta).toEqual({ logs: ['x'], history: [{ from: 'a', to: 'b', command: 'go', at: '2026-01-01T00:00:00Z' }] });
  });

  it('writes who moved the run and their comment only when given', () => {
    const once = withMove({}, { from: 'a', to: 'b', command: 'approve', at: 't1', who: 'u1', comment: 'fine' });
    const twice = withMove(once, { from: 'b', to: 'c', command: 'auto', at: 't2' });
    expect(historyOf(twice)).toEqual([
      { from: 'a', to: 'b', command: 'approve', at: 't1', who: 'u1', comment: 'fine' },
      { from: 'b', to: 'c', command: 'auto', at: 't2' },
    ]);
  });

  it('reads no moves from a meta without a history', () => {
    expect(historyOf({})).toEqual([]);
    expect(historyOf({ history: 'not a list' })).toEqual([]);
  });

  it('leaves the given meta unchanged', () => {
    const meta = { history: [] };
    withMove(meta, { from: 'a', to: 'b', command: 'go', at: 't' });
    expect(meta).toEqual({ history: [] });
  });
});
