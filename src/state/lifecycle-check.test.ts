import { describe, expect, it } from 'vitest';
import { checkLifecycle, type LifecycleRules } from './lifecycle-check.ts';
import type { StateMachine } from './machine.ts';

const workflowMachine: StateMachine = {
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

const rules: LifecycleRules = {
  machine: workflowMachine,
  automatic: [
    { from: 'Runnable', to: 'Complete' },
    { from: 'Runnable', to: 'Terminated' },
  ],
  ordered: [['startedAt', 'completedAt']],
  monotonic: ['startedAt'],
  terminalOnly: ['completedAt'],
};
const run = (status: string, completedAt: string | null = null, startedAt = '2026-01-01T00:00:00Z') => ({ workflowId: 'w', status, startedAt, completedAt });

describe('lifecycle checker', () => {
  it('accepts a run moving along commands and automatic moves', () => {
    expect(checkLifecycle(rules, [run('Runnable'), run('Suspended'), run('Runnable'), run('Complete', '2026-01-01T00:01:00Z')])).toEqual([]);
  });

  it('accepts observations that skip intermediate states still reachable', () => {
    expect(checkLifecycle(rules, [run('Suspended'), run('Complete', '2026-01-01T00:01:00Z')])).toEqual([]);
  });

  it('flags a move the lifecycle does not allow', () => {
    expect(checkLifecycle(rules, [run('Terminated', '2026-01-01T00:01:00Z'), run('Runnable')])).toEqual([
      { index: 1, kind: 'illegalMove', message: "'Terminated' cannot become 'Runnable'" },
    ]);
  });

  it('flags timestamps that go backwards or out of order', () => {
    const findings = checkLifecycle(rules, [run('Runnable', null, '2026-01-02T00:00:00Z'), run('Complete', '2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z')]);
    expect(findings.map((f) => f.kind).sort()).toEqual(['orderBroken', 'timeBackwards']);
  });

  it('flags end-state fields set too early or missing at the end', () => {
    expect(checkLifecycle(rules, [run('Runnable', '2026-01-01T00:01:00Z'), run('Complete', null)]).map((f) => [f.index, f.kind])).toEqual([
      [0, 'terminalField'],
      [1, 'terminalField'],
    ]);
  });

  it('accepts an ended run queued again by a command declared as reopening, its end fields cleared', () => {
    const rerunnable: LifecycleRules = {
      ...rules,
      machine: { ...workflowMachine, commands: { ...workflowMachine.commands, rerun: { from: ['Complete'], to: 'Runnable', reopens: true } } },
    };
    const observed = [
      run('Complete', '2026-01-01T00:01:00Z'),
      run('Runnable', null, '2026-01-01T00:02:00Z'),
      run('Complete', '2026-01-01T00:03:00Z', '2026-01-01T00:02:00Z'),
    ];
    expect(checkLifecycle(rerunnable, observed)).toEqual([]);
    expect(checkLifecycle(rules, observed).map((f) => f.kind)).toEqual(['illegalMove']);
  });

  it('flags states the lifecycle does not know', () => {
    expect(checkLifecycle(rules, [run('Running')])).toMatchObject([{ kind: 'unknownState' }]);
  });
});
