import type { Progress } from '../../src/lifecycle/progress.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };

/**
 * A session started with run=true moves by itself: processing -> pending approval -> approved (or rejected) ->
 * completed. Other waiting statuses wait for a PATCH. The seed's example session stays completed.
 */
export const sessionProgress: Progress = {
  collection: 'sessions',
  states: {
    processing: { afterMs: [60_000, 120_000], next: [{ to: 'pending_approval', weight: 1 }] },
    pending_approval: {
      afterMs: [120_000, 600_000],
      next: [
        { to: 'approved', weight: 85 },
        { to: 'rejected', weight: 15 },
      ],
    },
    approved: { afterMs: [30_000, 90_000], next: [{ to: 'completed', weight: 1 }] },
  },
  fixed: examples.list.workflow_sessions.map((session) => session.id),
};
