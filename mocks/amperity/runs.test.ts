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

  it('stamps created_at when a task starts and ended_at when it ends, never on tasks that wait or are skipped', () => {
    const tasks = [{ state: 'scheduled' }, { state: 'scheduled' }];
    const running = tasksFollowing(tasks, 'running', 't1');
    expect(running).toEqual([{ state: 'running', state_changed_at: 't1', created_at: 't1' }, { state: 'scheduled' }]);
    const failed = tasksFollowing(running, 'failed', 't2');
    expect(failed).toEqual([
      { state: 'failed', state_changed_at: 't2', created_at: 't1', ended_at: 't2' },
      { state: 'skipped', state_changed_at: 't2' },
    ]);
  });
});
