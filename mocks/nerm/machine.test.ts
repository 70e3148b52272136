import { describe, expect, it } from 'vitest';
import { commandsFrom, machineProblems, nextState } from '../../src/state/machine.ts';
import { commonMoves, ENDED, sessionMachine } from './machine.ts';

describe('NERM session statuses', () => {
  it("are the document's 61 statuses, and both tables are consistent", () => {
    expect(sessionMachine.states).toHaveLength(61);
    expect(machineProblems(sessionMachine)).toEqual([]);
    expect(machineProblems(commonMoves)).toEqual([]);
  });

  it('let PATCH set any listed status from any other, ended ones included', () => {
    for (const from of sessionMachine.states) {
      for (const to of ['closed', 'approved', 'new', 'processing', 'AUTH-STATUS1']) {
        if (from !== to) expect(nextState(sessionMachine, from, to), `${from} -> ${to}`).toEqual({ ok: true, value: to });
      }
    }
  });

  it('offer the console the usual next steps: processing from new, approved only after pending_approval', () => {
    expect(commandsFrom(commonMoves, 'new')).toContain('processing');
    expect(sessionMachine.states.filter((state) => nextState(commonMoves, state, 'approved').ok)).toEqual(['pending_approval']);
    expect(commandsFrom(commonMoves, 'pending_approval')).toEqual(expect.arrayContaining(['approved', 'rejected', 'closed', 'failed']));
  });

  it('offer the console closing every open session and no move from an ended one', () => {
    for (const state of sessionMachine.states.filter((s) => !ENDED.includes(s) && !s.startsWith('AUTH')))
      expect(commandsFrom(commonMoves, state), state).toContain('closed');
    for (const end of ENDED) expect(commandsFrom(commonMoves, end)).toEqual([]);
  });
});
