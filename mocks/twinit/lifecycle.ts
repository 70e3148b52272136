import type { Progress } from '../../src/lifecycle/progress.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };

/**
 * Conductor runs its queue by itself (vendor-facts 002): queued runs start, running ones complete, fail or time out;
 * tasks follow through the machine's entry effect. Paused runs wait. The seed's example run keeps its QUEUED state.
 */
export const runProgress: Progress = {
  collection: 'workflows',
  states: {
    QUEUED: { afterMs: [60_000, 120_000], next: [{ to: 'RUNNING', weight: 1 }] },
    RUNNING: {
      afterMs: [90_000, 300_000],
      next: [
        { to: 'COMPLETED', weight: 80 },
        { to: 'FAILED', weight: 14 },
        { to: 'TIMED_OUT', weight: 6 },
      ],
    },
  },
  fixed: [examples.getResponse._id],
  onMove(record, move) {
    if (move.to !== 'COMPLETED') return record;
    return { data: { ...record.data, _output: { _result: 'ok', _records: Math.floor(move.random() * 5000) + 1 } }, meta: record.meta };
  },
};
