import { describe, expect, it } from 'vitest';
import { testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import type { JsonObject } from '../../src/core/json.ts';
import type { EngineAdmin } from '../../src/engine/engine.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';

// Seeded data looks live (issue 15): every API's timeline ends at the clock's start. Read straight from the stored
// seed, per API: where a run's creation time is and which states are still going.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every pack declaring where its seeded runs are (`seededRuns` in `mocks/<id>/testing.ts`); the others are named. */
const RUNS = withPart(await declaredPacks(), 'seededRuns', 'live-data checks').map(({ pack, testing }) => ({ api: pack.id, ...testing.seededRuns }));
type Runs = (typeof RUNS)[number];

async function seeded(admin: EngineAdmin, runs: Runs): Promise<{ id: string; data: JsonObject }[]> {
  const all = await admin.records(runs.api, runs.collection, { limit: 100_000 });
  return (all?.records ?? []).filter((record) => record.id !== runs.example && (runs.generated?.(record.id) ?? true));
}

function engineAt(start: string, clock: 'manual' | 'real' = 'manual') {
  return testMock({ seed: 1, rateLimits: false, controlledClock: createControlledClock(clock, Date.parse(start)) }).admin;
}

describe.each(RUNS)('$api seeded timeline', (runs) => {
  it.each(['2026-11-01T00:00:00.000Z', '2031-05-05T10:07:00.000Z'])(
    'ends at the clock start %s: recent runs, active runs minutes to hours old, finished ones over weeks',
    async (start) => {
      const anchor = Date.parse(start);
      const records = await seeded(engineAt(start), runs);
      const created = (record: { data: JsonObject }) => Date.parse(runs.created(record.data));
      expect(records.length).toBeGreaterThan(20);
      expect(records.every((record) => created(record) < anchor)).toBe(true);
      expect(records.some((record) => created(record) >= anchor - HOUR)).toBe(true);
      const active = records.filter((record) => runs.active(record.data));
      expect(active.length).toBeGreaterThan(0);
      expect(active.every((record) => created(record) >= anchor - 3 * DAY)).toBe(true);
      if (!runs.noneFinished) {
        const finished = records.filter((record) => !runs.active(record.data));
        expect(Math.min(...finished.map(created))).toBeLessThan(anchor - 14 * DAY);
      }
    },
  );

  it('gives the same records for the same seed and clock start, and moves them with another start', async () => {
    const first = await seeded(engineAt('2031-05-05T10:07:00.000Z'), runs);
    const again = await seeded(engineAt('2031-05-05T10:07:00.000Z'), runs);
    const later = await seeded(engineAt('2031-05-06T10:07:00.000Z'), runs);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    // Paired by position, the seed's order: an id may carry its time (8x8's ObjectIds encode the start time).
    expect(
      later
        .map((record, index) => Date.parse(runs.created(record.data)) - Date.parse(runs.created((first[index] ?? record).data)))
        .filter((shift) => shift !== DAY),
    ).toEqual([]);
  });

  it('with the real clock, has runs created within the last hour', async () => {
    const now = Date.now();
    const records = await seeded(engineAt(new Date(now).toISOString(), 'real'), runs);
    expect(records.some((record) => Date.parse(runs.created(record.data)) >= now - HOUR - MINUTE)).toBe(true);
  });
});

// Packs whose seed serves a document's example run (LongJump's model records are hand-written around its record).
describe.each(RUNS.filter((runs) => runs.example !== undefined))('$api document example', (runs) => {
  it("keeps the document's own example at its own date", async () => {
    const [now, later] = await Promise.all(
      ['2026-11-01T00:00:00.000Z', '2031-05-05T10:07:00.000Z'].map(async (start) => {
        const found = await engineAt(start).records(runs.api, runs.collection, { ids: [runs.example ?? ''] });
        return found?.records[0]?.data;
      }),
    );
    expect(now).toBeDefined();
    expect(later).toEqual(now);
  });
});
