import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { assembleMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import { openFileStore } from '../../src/store/file.ts';
import { isGenerated } from '../../src/store/store.ts';

// `--data-dir` keeps what changed, not the seeded runs (decision 006): after a restart at another clock start the mock
// makes the same seeded runs again (from the seed and anchor the snapshot names), with every change laid over them.

const FIRST = Date.parse('2026-11-01T00:00:00.000Z');
const LATER = Date.parse('2026-11-03T07:30:00.000Z');

function mockOn(dir: string, start: number) {
  const store = openFileStore(dir);
  const { admin } = assembleMock({ store, rateLimits: false, controlledClock: createControlledClock('manual', start) });
  return { admin, store };
}

const generated = allPacks.flatMap((pack) => {
  const { admin } = assembleMock({ packs: [pack], controlledClock: createControlledClock('manual', FIRST) });
  return Object.entries(admin.seedData(pack.id)).flatMap(([collection, data]) => (isGenerated(data) ? [{ api: pack.id, collection }] : []));
});

describe('a data directory across a restart at another clock start', () => {
  it.each(generated)('$api $collection: the same seeded runs, and the changes made to them', async ({ api, collection }) => {
    const dir = mkdtempSync(join(tmpdir(), 'restart-'));
    const first = mockOn(dir, FIRST);
    await first.admin.ready();
    const page = async (admin: typeof first.admin) => (await admin.records(api, collection, { offset: 0, limit: 30 }))?.records ?? [];
    const before = await page(first.admin);
    const [kept, removed] = [before[5], before[7]];
    if (!kept || !removed) throw new Error(`${api} ${collection} has fewer than 8 seeded records`);
    expect(await first.store.remove(`default:${api}`, collection, removed.id)).toBe(true);
    first.store.close();

    const second = mockOn(dir, LATER);
    await second.admin.ready();
    const after = await page(second.admin);
    expect(JSON.stringify(after.find((record) => record.id === kept.id))).toBe(JSON.stringify(kept));
    expect(after.some((record) => record.id === removed.id)).toBe(false);
    const ids = (records: readonly { readonly id: string }[]) => records.map((record) => record.id);
    expect(ids(after).slice(0, 28)).toEqual(ids(before.filter((record) => record.id !== removed.id)).slice(0, 28));
    second.store.close();
  });
});
