import { describe, expect, it } from 'vitest';
import { commandsFrom, machineProblems, nextState } from '../../src/state/machine.ts';
import { sessionMachine } from './machine.ts';

describe('NERM session machine', () => {
  it('is consistent: every command names known states and no end state is left', () => {
    expect(machineProblems(sessionMachine)).toEqual([]);
  });

  it('covers exactly the seed\'s 61 response statuses', () => {
    expect(sessionMachine.states).toHaveLength(61);
  });

  it('lets a new session start processing and nothing return to new', () => {
    expect(nextState(sessionMachine, 'new', 'processing').ok).toBe(true);
    for (const state of sessionMachine.states) expect(nextState(sessionMachine, state, 'new').ok).toBe(false);
  });

  it('reaches approved only from pending_approval', () => {
    const from = sessionMachine.states.filter((state) => nextState(sessionMachine, state, 'approved').ok);
    expect(from).toEqual(['pending_approval']);
  });

  it('ends sessions in completed, rejected, failed or closed, which accept no command', () => {
    for (const end of ['completed', 'rejected', 'failed', 'closed']) expect(commandsFrom(sessionMachine, end)).toEqual([]);
  });

  it('never enters the AUTH-STATUS values', () => {
    for (const state of sessionMachine.states) expect(nextState(sessionMachine, state, 'AUTH-STATUS1').ok).toBe(false);
  });
});
