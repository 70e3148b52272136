import type { Progress } from '../../src/lifecycle/progress.ts';
import { followJobs } from './follow.ts';
import type { Pick } from './jobs.ts';

/**
 * How GitHub Actions moves runs by itself (GitHub OpenAPI: components/parameters/workflow-run-status, "Only GitHub
 * Actions can set a status of waiting, pending, or requested"): a requested or pending run is queued, a queued run
 * starts on a runner, a waiting run starts once its deployment is approved, a running run completes. The conclusion
 * of a run completing by itself is drawn (mostly `success`); a cancelled run completes through the `cancel` command.
 * The jobs follow every move (follow.ts). Times are the mock's own: GitHub documents none.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The conclusions of runs that complete by themselves, by weight. */
const CONCLUSIONS: readonly { readonly value: string; readonly weight: number }[] = [
  { value: 'success', weight: 82 },
  { value: 'failure', weight: 14 },
  { value: 'timed_out', weight: 4 },
];

export const runProgress: Progress = {
  collection: 'runs',
  states: {
    requested: { afterMs: [MINUTE, 2 * MINUTE], next: [{ to: 'queued', weight: 1 }] },
    pending: { afterMs: [MINUTE, 5 * MINUTE], next: [{ to: 'queued', weight: 1 }] },
    queued: { afterMs: [MINUTE, 3 * MINUTE], next: [{ to: 'in_progress', weight: 1 }] },
    waiting: { afterMs: [5 * MINUTE, 30 * MINUTE], next: [{ to: 'in_progress', weight: 1 }] },
    in_progress: { afterMs: [2 * MINUTE, 12 * MINUTE], next: [{ to: 'completed', weight: 1 }] },
  },
  onMove(record, move) {
    const pick: Pick = (min, max) => min + Math.floor(move.random() * (max - min + 1));
    const data = move.to === 'completed' ? { ...record.data, conclusion: drawn(move.random()) } : record.data;
    return followJobs({ data, meta: record.meta }, { to: move.to, at: move.at, pick });
  },
};

function drawn(roll: number): string {
  const total = CONCLUSIONS.reduce((sum, option) => sum + option.weight, 0);
  let left = roll * total;
  for (const option of CONCLUSIONS) {
    left -= option.weight;
    if (left < 0) return option.value;
  }
  return 'success';
}
