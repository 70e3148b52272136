import type { Progress } from '../../src/lifecycle/progress.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import { withTaskError } from './run-parts.ts';

// The orchestrator moves runs by itself (reference pages, state): scheduled -> started -> in progress -> running ->
// succeeded or failed (with an `error`, on the run and its failed task), sometimes through running with failures;
// canceling and stopping settle. Paused runs wait. The machine stamps ended_at and moves the tasks.

const MINUTE = 60_000;

export const runProgress: Progress = {
  collection: 'runs',
  states: {
    scheduled: { afterMs: [MINUTE, 90_000], next: [{ to: 'started', weight: 1 }] },
    started: { afterMs: [15_000, 45_000], next: [{ to: 'in progress', weight: 1 }] },
    'in progress': { afterMs: [15_000, MINUTE], next: [{ to: 'running', weight: 1 }] },
    running: {
      afterMs: [MINUTE, 5 * MINUTE],
      next: [
        { to: 'succeeded', weight: 80 },
        { to: 'failed', weight: 12 },
        { to: 'running with failures', weight: 8 },
      ],
    },
    'running with failures': {
      afterMs: [30_000, 2 * MINUTE],
      next: [
        { to: 'failed', weight: 60 },
        { to: 'succeeded', weight: 40 },
      ],
    },
    canceling: { afterMs: [5_000, 15_000], next: [{ to: 'canceled', weight: 1 }] },
    stopping: { afterMs: [5_000, 15_000], next: [{ to: 'stopped', weight: 1 }] },
  },
  fixed: [examples.run.id],
  onMove(record, move) {
    if (move.to !== 'failed') return record;
    const error = settings.errors[Math.floor(move.random() * settings.errors.length)] ?? settings.errors[0];
    return error ? { data: { error, ...record.data, task_instances: withTaskError(record.data['task_instances'], error) }, meta: record.meta } : record;
  },
};
