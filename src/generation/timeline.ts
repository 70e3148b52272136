import type { SeededFaker } from './seeded-faker.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Where seeded runs sit in time so the data looks live: the timeline ends at the anchor (the clock's start, see
 * `SeedContext.anchor`); finished runs are spread over the weeks before it, active ones started minutes to hours before
 * it, and a share of all runs were created within the last hour, so "runs since an hour ago" finds some.
 */
export interface Timeline {
  readonly anchor: number;
  /** How far back finished runs go. */
  readonly days: number;
  /** The longest an active run has been going. */
  readonly activeHours: number;
  /** Share (0..1) of runs created within the hour before the anchor. */
  readonly recentShare: number;
}

/** The creation time (ms) of a seeded run, drawn from the seeded faker so the same seed gives the same time. */
export function seededStart(f: SeededFaker, timeline: Timeline, active: boolean): number {
  const { anchor } = timeline;
  if (f.datatype.boolean({ probability: timeline.recentShare })) return f.number.int({ min: anchor - HOUR, max: anchor - MINUTE });
  if (active) return f.number.int({ min: anchor - timeline.activeHours * HOUR, max: anchor - MINUTE });
  return f.number.int({ min: anchor - timeline.days * DAY, max: anchor - HOUR });
}

/** A finished run's end: `durationMs` after its start, but never after the anchor (nothing seeded lies in the future). */
export function seededEnd(start: number, durationMs: number, anchor: number): number {
  return Math.min(anchor, start + durationMs);
}
