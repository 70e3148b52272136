import { describe, expect, it } from 'vitest';
import { assembleMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import type { JsonObject } from '../../src/core/json.ts';
import type { Engine } from '../../src/engine/engine.ts';

/**
 * Seeded data looks live (issue 15): every API's timeline ends at the clock's start. Read straight from the stored
 * seed, per API: where a run's creation time is and which states are still going.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Runs {
  readonly api: string;
  readonly collection: string;
  readonly created: (data: JsonObject) => string;
  readonly active: (data: JsonObject) => boolean;
  /** Records that are the documents' own examples, with their own dates. */
  readonly example?: string;
  /** Only the runs of the generated kind (LongJump's hand-written model records keep the document's dates). */
  readonly generated?: (id: string) => boolean;
  /** APIs whose seed has no finished runs (LongJump's generated records all await their first decision). */
  readonly noneFinished?: boolean;
}

const RUNS: readonly Runs[] = [
  {
    api: '8x8',
    collection: 'workflows',
    created: (d) => String(d['startedAt']),
    active: (d) => ['Runnable', 'Suspended'].includes(String(d['status'])),
    example: '60dbe307fe55d99fc083db61',
    generated: (id) => id !== '60dbe307fe55d99fc083db62',
  },
  {
    api: 'nerm',
    collection: 'sessions',
    created: (d) => String(d['created_at']),
    active: (d) => !['completed', 'rejected', 'failed', 'closed'].includes(String(d['status'])),
    example: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
  },
  {
    api: 'twinit',
    collection: 'workflows',
    created: (d) => String(d['_createdAt']),
    active: (d) => ['QUEUED', 'RUNNING', 'PAUSED'].includes(String(d['_status'])),
    example: '94bcf41e-8d05-4011-a64b-d5a5164b0155',
  },
  {
    api: 'amperity',
    collection: 'runs',
    created: (d) => String(d['created_at']),
    active: (d) => !['stopped', 'succeeded', 'failed', 'canceled'].includes(String(d['state'])),
    example: 'wf-20240603-12345-MNabc',
  },
  {
    api: 'longjump',
    collection: 'records',
    created: (d) => String(d['date_created']),
    active: () => true,
    generated: (id) => Number(id.split('/')[1]) >= 1381446000,
    noneFinished: true,
  },
];

async function seeded(engine: Engine, runs: Runs): Promise<{ id: string; data: JsonObject }[]> {
  const all = await engine.records(runs.api, runs.collection, { limit: 100_000 });
  return (all?.records ?? []).filter((record) => record.id !== runs.example && (runs.generated?.(record.id) ?? true));
}

function engineAt(start: string, clock: 'manual' | 'real' = 'manual') {
  return assembleMock({ seed: 1, rateLimits: false, controlledClock: createControlledClock(clock, Date.parse(start)) }).engine;
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

// LongJump's model records are hand-written around the seed document's record; the 8x8, NERM, Twinit and Amperity
// seeds each serve a document's example run.
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
