import { describe, expect, it } from 'vitest';
import { withSeededFaker } from './seeded-faker.ts';
import { seededEnd, seededStart, type Timeline } from './timeline.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const anchor = Date.UTC(2026, 11, 1, 14, 0);
const timeline: Timeline = { anchor, days: 30, activeHours: 6, recentShare: 0.1 };

const starts = (active: boolean, seed = 3) =>
  withSeededFaker(seed, new Date(anchor).toISOString(), (f) => Array.from({ length: 2000 }, () => seededStart(f, timeline, active)));

describe('seeded timelines', () => {
  it('places every start before the anchor and within the window', () => {
    const all = [...starts(true), ...starts(false)];
    expect(all.every((at) => at < anchor && at >= anchor - 30 * DAY)).toBe(true);
  });

  it('starts active runs within their hours before the anchor', () => {
    expect(starts(true).every((at) => at >= anchor - 6 * HOUR)).toBe(true);
  });

  it('spreads finished runs over the window, older than the last hour unless drawn as recent', () => {
    const finished = starts(false);
    expect(Math.min(...finished)).toBeLessThan(anchor - 20 * DAY);
    const recent = finished.filter((at) => at >= anchor - HOUR).length;
    expect(recent / finished.length).toBeGreaterThan(0.05);
    expect(recent / finished.length).toBeLessThan(0.15);
  });

  it('gives the same times for the same seed and anchor, and others for another seed', () => {
    expect(starts(false, 3)).toEqual(starts(false, 3));
    expect(starts(false, 4)).not.toEqual(starts(false, 3));
  });

  it('never ends a run after the anchor', () => {
    expect(seededEnd(anchor - MINUTE, HOUR, anchor)).toBe(anchor);
    expect(seededEnd(anchor - HOUR, MINUTE, anchor)).toBe(anchor - HOUR + MINUTE);
  });
});
