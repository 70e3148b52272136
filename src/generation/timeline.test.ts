import { describe, expect, it } from 'vitest';
import { createIdSource } from './ids.ts';
import { activeShareOf, placeByIndex, seededEnd, statusWeightsByBand, stretchAt, type Timeline, timelineBands } from './timeline.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const anchor = Date.UTC(2026, 11, 1, 14, 0);
const _timeline: Timeline = { anchor, days: 30, activeHours: 6, recentShare: 0.1 };

describe('seeded timelines', () => {
  it('never ends a run after the anchor', () => {
    expect(seededEnd(anchor - MINUTE, HOUR, anchor)).toBe(anchor);
    expect(seededEnd(anchor - HOUR, MINUTE, anchor)).toBe(anchor - HOUR + MINUTE);
  });
});

describe('timelines placed by index', () => {
  const bands = timelineBands({ days: 30, activeHours: 6, recentShare: 0.1 }, 0.25);
  const placed = (count: number, seed = 3) => {
    const place = placeByIndex(anchor, bands);
    return Array.from({ length: count }, (_, i) => place(i, count, createIdSource(seed * 1_000_003 + i).next));
  };

  it('puts index order in creation order, every run before the anchor and within the window', () => {
    const runs = placed(5000);
    expect(runs.every((run, i) => i === 0 || run.at >= (runs[i - 1]?.at ?? 0))).toBe(true);
    expect(runs.every((run) => run.at <= anchor - MINUTE && run.at >= anchor - 30 * DAY)).toBe(true);
  });

  it('keeps the shares of its bands, and each band within its ages', () => {
    const runs = placed(20_000);
    const share = (band: string) => runs.filter((run) => run.band === band).length / runs.length;
    expect(share('recent')).toBeCloseTo(0.1, 1);
    expect(share('active')).toBeCloseTo(0.9 * 0.25, 1);
    const within = (band: string, youngest: number, oldest: number) =>
      runs.filter((run) => run.band === band).every((run) => anchor - run.at >= youngest - 1 && anchor - run.at <= oldest);
    expect(within('recent', MINUTE, HOUR)).toBe(true);
    expect(within('active', MINUTE, 6 * HOUR)).toBe(true);
    expect(within('finished', HOUR, 30 * DAY)).toBe(true);
    expect(runs.filter((run) => run.band === 'finished').some((run) => run.at < anchor - 20 * DAY)).toBe(true);
  });

  it('moves every run with the anchor', () => {
    const later = placeByIndex(anchor + DAY, bands);
    const place = placeByIndex(anchor, bands);
    for (const i of [0, 17, 999]) expect(later(i, 1000, createIdSource(i).next).at - place(i, 1000, createIdSource(i).next).at).toBe(DAY);
  });

  it('refuses bands without weight or span', () => {
    expect(() => placeByIndex(anchor, [{ weight: 0, ages: [MINUTE, HOUR], value: 'x' }])).toThrow();
  });
});

describe('status weights by band', () => {
  const byBand = statusWeightsByBand({ done: 6, failed: 2, running: 1, queued: 1 }, (status) => status === 'running' || status === 'queued');

  it('splits the weights into any status, the active ones and the finished ones', () => {
    expect(byBand.recent.map((option) => option.value)).toEqual(['done', 'failed', 'running', 'queued']);
    expect(byBand.active).toEqual([
      { value: 'running', weight: 1 },
      { value: 'queued', weight: 1 },
    ]);
    expect(byBand.finished.map((option) => option.value)).toEqual(['done', 'failed']);
  });

  it('gives the active statuses share of all the weight', () => {
    expect(activeShareOf(byBand)).toBeCloseTo(0.2, 10);
  });
});

describe('stretches of indexes', () => {
  it('finds the stretch an index falls in and its position there, skipping empty ones', () => {
    expect([0, 2, 3, 4, 8].map((i) => stretchAt([3, 0, 5], i))).toEqual([
      { stretch: 0, position: 0 },
      { stretch: 0, position: 2 },
      { stretch: 2, position: 0 },
      { stretch: 2, position: 1 },
      undefined,
    ]);
    expect(stretchAt([3], -1)).toBeUndefined();
  });
});
