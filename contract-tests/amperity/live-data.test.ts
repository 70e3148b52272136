import { describe, expect, it } from 'vitest';
import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import { createControlledClock } from '../../src/core/clock.ts';
import { targetFor, type Target } from '../support/target.ts';
import { EXAMPLE, RUNS, SOCKTOWN, traverse, type Run, type VerboseRun } from './support.ts';

// The seeded runs look live (issue 15, item 6): their timeline ends at the clock's start, through the API as a client
// sees it. Two manual clock starts far apart, so nothing here depends on the day the suite runs.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STARTS = ['2026-11-01T00:00:00.000Z', '2031-05-05T10:07:00.000Z'];
const ENDED = ['stopped', 'succeeded', 'failed', 'canceled'];

const startedAt = (start: string, seed = 1): Target =>
  targetFor('amperity', { rateLimits: false, seed, controlledClock: createControlledClock('manual', Date.parse(start)) });

const generated = (runs: readonly Run[]) => runs.filter((run) => run.id !== EXAMPLE.id);
const created = (run: Run) => Date.parse(run.created_at);

describe.each(STARTS)('Amperity seed with the clock starting at %s', (start) => {
  const anchor = Date.parse(start);

  it('has runs created within the hour before the clock start, and a poll for "since yesterday" finds them', async () => {
    const target = startedAt(start);
    const lastHour = (await traverse(target, { created_from: new Date(anchor - HOUR).toISOString(), limit: 1000 })).runs;
    expect(lastHour.length).toBeGreaterThan(3);
    expect(lastHour.every((run) => created(run) < anchor)).toBe(true);
    const sinceYesterday = (await traverse(target, { created_from: new Date(anchor - DAY).toISOString().slice(0, 10), limit: 1000 })).runs;
    expect(sinceYesterday.length).toBeGreaterThan(lastHour.length);
  });

  it("started each active run its state's minutes to hours before the clock start, with no ended_at", async () => {
    const runs = generated((await traverse(startedAt(start), { limit: 1000 })).runs);
    const active = runs.filter((run) => !ENDED.includes(run.state));
    expect(new Set(active.map((run) => run.state)).size).toBeGreaterThan(4);
    const ages: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
    for (const run of active) {
      const [youngest = 0, oldest = 0] = ages[run.state] ?? [];
      expect(anchor - created(run), `${run.id} ${run.state}`).toBeGreaterThanOrEqual(youngest * MINUTE);
      expect(anchor - created(run), `${run.id} ${run.state}`).toBeLessThanOrEqual(oldest * MINUTE);
      expect(run).not.toHaveProperty('ended_at');
    }
    expect(active.some((run) => anchor - created(run) < 15 * MINUTE)).toBe(true);
    expect(active.some((run) => anchor - created(run) > 2 * HOUR)).toBe(true);
  });

  it('spreads finished runs over the previous weeks, each ended after it started and by the clock start', async () => {
    const finished = generated((await traverse(startedAt(start), { limit: 1000 })).runs).filter((run) => ENDED.includes(run.state));
    expect(Math.min(...finished.map(created))).toBeLessThan(anchor - 21 * DAY);
    expect(Math.min(...finished.map(created))).toBeGreaterThanOrEqual(anchor - settings.timeline.days * DAY);
    for (const run of finished) {
      const ended = Date.parse(run.ended_at ?? '');
      expect(ended, run.id).toBeGreaterThan(created(run));
      expect(ended, run.id).toBeLessThanOrEqual(anchor);
    }
  });

  it("times a running run's current task from the run's start, and a finished run's tasks within its span", async () => {
    const target = startedAt(start);
    const runs = generated((await traverse(target, { limit: 1000 })).runs);
    for (const run of [runs.find((r) => r.state === 'running'), runs.find((r) => r.state === 'succeeded')]) {
      const verbose = (await target.get(`${RUNS}/${run?.id}`).query({ view: 'verbose' }).set(SOCKTOWN)).body as VerboseRun;
      const times = verbose.task_instances
        .flatMap((task) => [task.created_at, task.ended_at])
        .filter((at): at is string => at !== undefined)
        .map(Date.parse);
      expect(times.length).toBeGreaterThan(0);
      expect(Math.min(...times)).toBe(created(verbose));
      expect(Math.max(...times)).toBeLessThanOrEqual(verbose.ended_at ? Date.parse(verbose.ended_at) : anchor);
    }
  });

  it("keeps the seed document's run with its own dates and state", async () => {
    const res = await startedAt(start).get(`${RUNS}/${EXAMPLE.id}`).query({ view: 'verbose' }).set(SOCKTOWN);
    expect(res.body).toMatchObject(EXAMPLE);
  });
});

describe('Amperity seed determinism', () => {
  const everything = async (target: Target): Promise<string> => {
    const { runs } = await traverse(target, { limit: 1000 });
    const verbose = await Promise.all(
      runs.slice(0, 40).map(async (run) => (await target.get(`${RUNS}/${run.id}`).query({ view: 'verbose' }).set(SOCKTOWN)).text),
    );
    return JSON.stringify(runs) + verbose.join('');
  };

  it('gives byte-identical runs for the same seed and clock start', async () => {
    expect(await everything(startedAt(STARTS[1] ?? ''))).toBe(await everything(startedAt(STARTS[1] ?? '')));
  });

  it('gives other runs for another seed, and the same runs moved in time for another clock start', async () => {
    const first = (await traverse(startedAt(STARTS[1] ?? ''), { limit: 1000 })).runs;
    expect((await traverse(startedAt(STARTS[1] ?? '', 2), { limit: 1000 })).runs.map((run) => run.id)).not.toEqual(first.map((run) => run.id));
    const dayLater = (await traverse(startedAt(new Date(Date.parse(STARTS[1] ?? '') + DAY).toISOString()), { limit: 1000 })).runs;
    expect(dayLater).toHaveLength(first.length);
    expect(generated(dayLater).every((run, i) => created(run) - created(generated(first)[i] as Run) === DAY)).toBe(true);
    // Ids carry the run's own creation date (UTC), as Amperity's do.
    expect(generated(dayLater).every((run) => run.id.slice(3, 11) === run.created_at.slice(0, 10).replaceAll('-', ''))).toBe(true);
  });
});
