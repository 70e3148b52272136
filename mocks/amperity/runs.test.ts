import { describe, expect, it } from 'vitest';
import { machineProblems, nextState } from '../../src/state/machine.ts';
import { runMachine, tasksFollowing } from './runs.ts';

describe('Amperity run machine', () => {
  it('is consistent', () => {
    expect(machineProblems(runMachine)).toEqual([]);
  });

  it('stops only runs that have not finished or begun stopping', () => {
    const stoppable = runMachine.states.filter((state) => nextState(runMachine, state, 'stop').ok);
    expect(stoppable).toEqual(['scheduled', 'started', 'in progress', 'running', 'running with failures', 'paused']);
  });

  it('moves the current task with the run and skips the rest after an end', () => {
    const tasks = [{ state: 'succeeded' }, { state: 'running' }, { state: 'scheduled' }];
    expect(tasksFollowing(tasks, 'failed', 't').map((t) => t['state'])).toEqual(['succeeded', 'failed', 'skipped']);
    expect(tasksFollowing(tasks, 'paused', 't').map((t) => t['state'])).toEqual(['succeeded', 'paused', 'scheduled']);
    expect(tasksFollowing(tasks, 'succeeded', 't').map((t) => t['state'])).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
