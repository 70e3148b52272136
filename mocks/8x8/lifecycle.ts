import type { JsonObject } from '../../src/core/json.ts';
import type { Progress } from '../../src/lifecycle/progress.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };

/**
 * How 8x8 workflows run on their own (components/schemas/workflowInstance status meanings): a Runnable workflow
 * completes, or faults and is Terminated with an entry in /errors. Suspended ones wait for resume. The documents'
 * example workflows never move.
 */
export const workflowProgress: Progress = {
  collection: 'workflows',
  states: {
    Runnable: {
      afterMs: [60_000, 240_000],
      next: [
        { to: 'Complete', weight: 85 },
        { to: 'Terminated', weight: 15 },
      ],
    },
  },
  fixed: examples.workflowList.map((example) => example.workflowId),
  onMove(record, move) {
    const logs = (Array.isArray(record.meta['logs']) ? record.meta['logs'] : []) as JsonObject[];
    const current = logs.findIndex((log) => log['status'] !== 'Complete');
    if (move.to === 'Complete') {
      const done = logs.map((log) =>
        log['status'] === 'Complete' ? log : { ...log, startedAt: log['startedAt'] ?? move.at, completedAt: move.at, status: 'Complete' },
      );
      return { data: record.data, meta: { ...record.meta, logs: done } };
    }
    // A fault: the current step fails, later ones are cancelled, and /errors says why.
    const failed = logs.map((log, index) => {
      if (index < current || current === -1) return log;
      if (index === current) return { ...log, startedAt: log['startedAt'] ?? move.at, completedAt: move.at, status: 'Failed' };
      return { ...log, status: 'Cancelled' };
    });
    const step = String(logs[current]?.['stepName'] ?? logs.at(-1)?.['stepName'] ?? 'step1');
    const message = settings.faultMessages[Math.floor(move.random() * settings.faultMessages.length)] ?? 'The workflow faulted.';
    const errors = (Array.isArray(record.meta['errors']) ? record.meta['errors'] : []) as JsonObject[];
    return {
      data: record.data,
      meta: { ...record.meta, logs: failed, errors: [...errors, { workflowId: String(record.data['workflowId']), step, message, errorTime: move.at }] },
    };
  },
};
