import type { StateMachine } from '../../src/state/machine.ts';

/**
 * 8x8 workflow instance states (seed 001) and the PATCH commands that move them (8x8 "Update workflow instance
 * status": suspend a workflow in progress, resume a suspended one, terminate either; a terminated workflow cannot
 * be resumed). Complete is reached only by running to the end, never by a command.
 */
export const workflowMachine: StateMachine = {
  field: 'status',
  states: ['Runnable', 'Suspended', 'Complete', 'Terminated'],
  terminal: ['Complete', 'Terminated'],
  commands: {
    suspend: { from: ['Runnable'], to: 'Suspended' },
    resume: { from: ['Suspended'], to: 'Runnable' },
    terminate: { from: ['Runnable', 'Suspended'], to: 'Terminated' },
  },
  stampOnEnter: { Complete: ['completedAt'], Terminated: ['completedAt'] },
};
