import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import { applyCommand, commandsFrom, enterState, machineProblems } from '../../src/state/machine.ts';
import { ACTIVE, runMachine } from './machine.ts';

const URL = 'https://api.github.com/repos/octo-org/hello-world/actions/runs/19034520117';
const NOW = '2026-11-30T10:00:00Z';

const run = (fields: JsonObject): JsonObject => ({
  id: 19034520117,
  url: URL,
  run_attempt: 1,
  previous_attempt_url: null,
  run_started_at: '2026-11-30T09:00:00Z',
  updated_at: '2026-11-30T09:10:00Z',
  ...fields,
});

describe('GitHub run statuses', () => {
  it('are a consistent table whose only end state is left by rerun alone, declared as reopening', () => {
    expect(machineProblems(runMachine)).toEqual([]);
    expect(runMachine.terminal).toEqual(['completed']);
    expect(commandsFrom(runMachine, 'completed')).toEqual(['rerun']);
    expect(runMachine.commands['rerun']?.reopens).toBe(true);
    expect(runMachine.commands['cancel']?.reopens).toBeUndefined();
  });

  it.each(ACTIVE)('cancels a %s run: completed, concluded cancelled, updated now', (status) => {
    const moved = applyCommand(runMachine, run({ status, conclusion: null }), 'cancel', NOW);
    expect(moved.ok && moved.value.data).toMatchObject({ status: 'completed', conclusion: 'cancelled', updated_at: NOW, run_attempt: 1 });
  });

  it('refuses to cancel a completed run', () => {
    expect(applyCommand(runMachine, run({ status: 'completed', conclusion: 'success' }), 'cancel', NOW)).toEqual({
      ok: false,
      error: { reason: 'notAllowed', command: 'cancel', from: 'completed' },
    });
  });

  it('re-runs a completed run as its next attempt: queued, no conclusion, started now, pointing at the attempt before', () => {
    const moved = applyCommand(runMachine, run({ status: 'completed', conclusion: 'failure', run_attempt: 2 }), 'rerun', NOW);
    expect(moved.ok && moved.value.data).toMatchObject({
      status: 'queued',
      conclusion: null,
      run_attempt: 3,
      previous_attempt_url: `${URL}/attempts/2`,
      run_started_at: NOW,
      updated_at: NOW,
    });
  });

  it.each(ACTIVE)('refuses to re-run a %s run', (status) => {
    expect(applyCommand(runMachine, run({ status, conclusion: null }), 'rerun', NOW).ok).toBe(false);
  });

  it('keeps the attempt when a run that never completed enters queued', () => {
    expect(enterState(runMachine, run({ status: 'requested', conclusion: null }), 'queued', NOW)).toMatchObject({
      status: 'queued',
      run_attempt: 1,
      run_started_at: '2026-11-30T09:00:00Z',
    });
  });
});
