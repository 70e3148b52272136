import { describe, expect, it } from 'vitest';
import { machineProblems } from '../../src/state/machine.ts';
import { runMachine, tasksFollowing } from './machine.ts';

describe('Twinit run machine', () => {
  it('is consistent', () => {
    expect(machineProblems(runMachine)).toEqual([]);
  });

  it('moves the first unfinished task with the run and queues the rest', () => {
    const tasks = [{ _status: 'COMPLETED' }, { _status: 'FAILED' }, { _status: 'QUEUED' }];
    expect(tasksFollowing(tasks, 'RUNNING').map((t) => t['_status'])).toEqual(['COMPLETED', 'RUNNING', 'QUEUED']);
    expect(tasksFollowing(tasks, 'QUEUED').map((t) => t['_status'])).toEqual(['COMPLETED', 'QUEUED', 'QUEUED']);
    expect(tasksFollowing(tasks, 'COMPLETED').map((t) => t['_status'])).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  });
});
