import { describe, expect, it } from 'vitest';
import { applyCommand, commandsFrom, enterState, machineProblems, nextState, type StateMachine } from './machine.ts';

const machine: StateMachine = {
  field: 'status',
  states: ['Running', 'Paused', 'Done', 'Stopped'],
  terminal: ['Done', 'Stopped'],
  commands: {
    pause: { from: ['Running'], to: 'Paused' },
    resume: { from: ['Paused'], to: 'Running' },
    stop: { from: ['Running', 'Paused'], to: 'Stopped' },
  },
  stampOnEnter: { Stopped: ['endedAt'], Done: ['endedAt'] },
  setOnEnter: { Running: { endedAt: null } },
};

describe('state machine', () => {
  it('moves a record along an allowed command', () => {
    expect(nextState(machine, 'Running', 'pause')).toEqual({ ok: true, value: 'Paused' });
  });

  it('refuses a command from a state it does not leave', () => {
    expect(nextState(machine, 'Stopped', 'resume')).toEqual({ ok: false, error: { reason: 'notAllowed', command: 'resume', from: 'Stopped' } });
  });

  it('refuses an unknown command', () => {
    expect(nextState(machine, 'Running', 'explode')).toMatchObject({ ok: false, error: { reason: 'unknownCommand' } });
  });

  it('does not treat inherited object keys as commands', () => {
    expect(nextState(machine, 'Running', 'constructor')).toMatchObject({ ok: false, error: { reason: 'unknownCommand' } });
    expect(nextState(machine, 'Running', '__proto__')).toMatchObject({ ok: false, error: { reason: 'unknownCommand' } });
  });

  it('stamps entry fields with the given time', () => {
    const result = applyCommand(machine, { status: 'Paused', endedAt: null }, 'stop', '2026-01-01T00:00:00.000Z');
    expect(result).toEqual({
      ok: true,
      value: { from: 'Paused', to: 'Stopped', command: 'stop', data: { status: 'Stopped', endedAt: '2026-01-01T00:00:00.000Z' } },
    });
  });

  it('sets fixed values on entry', () => {
    expect(enterState(machine, { status: 'Paused', endedAt: 'x' }, 'Running', 'now')).toEqual({ status: 'Running', endedAt: null });
  });

  it('touches fields on every move and applies the entry effect', () => {
    const touching: StateMachine = { ...machine, touch: ['updatedAt'], onEnter: (data, state) => ({ ...data, note: `entered ${state}` }) };
    expect(applyCommand(touching, { status: 'Running' }, 'pause', 't1')).toMatchObject({
      ok: true,
      value: { data: { status: 'Paused', updatedAt: 't1', note: 'entered Paused' } },
    });
  });

  it('leaves the input record unchanged', () => {
    const record = { status: 'Running' };
    applyCommand(machine, record, 'stop', 'now');
    expect(record).toEqual({ status: 'Running' });
  });

  it('lists the commands a state accepts', () => {
    expect(commandsFrom(machine, 'Running')).toEqual(['pause', 'stop']);
    expect(commandsFrom(machine, 'Done')).toEqual([]);
  });

  it('finds no problems in a consistent table', () => {
    expect(machineProblems(machine)).toEqual([]);
  });

  it('reports commands that leave terminal states or name unknown ones', () => {
    const broken: StateMachine = { ...machine, commands: { ...machine.commands, revive: { from: ['Done'], to: 'Zombie' } } };
    expect(machineProblems(broken)).toEqual(['revive names unknown state Zombie', 'revive leaves terminal state Done without declaring reopens']);
  });

  it('lets a command declared as reopening take a run out of an end state', () => {
    const rerunnable: StateMachine = { ...machine, commands: { ...machine.commands, rerun: { from: ['Done', 'Stopped'], to: 'Running', reopens: true } } };
    expect(machineProblems(rerunnable)).toEqual([]);
    expect(applyCommand(rerunnable, { status: 'Done', endedAt: 'then' }, 'rerun', 'now')).toEqual({
      ok: true,
      value: { from: 'Done', to: 'Running', command: 'rerun', data: { status: 'Running', endedAt: null } },
    });
    expect(commandsFrom(rerunnable, 'Done')).toEqual(['rerun']);
  });

  it('reports a command declared as reopening that leaves no end state', () => {
    const odd: StateMachine = { ...machine, commands: { ...machine.commands, pause: { from: ['Running'], to: 'Paused', reopens: true } } };
    expect(machineProblems(odd)).toEqual(['pause declares reopens but leaves no terminal state']);
  });
});
