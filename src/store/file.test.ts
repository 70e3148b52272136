import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Json } from '../core/json.ts';
import { openFileStore } from './file.ts';
import { syntheticRuns } from './generated-fixture.ts';
import { describeStoreContract } from './store-contract.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'file-store-'));

describeStoreContract('file', () => openFileStore(freshDir()));

describe('file store durability', () => {
  it('has every acknowledged write after reopening, without a clean close', async () => {
    const dir = freshDir();
    const first = openFileStore(dir);
    await first.seed('s', () => ({ runs: [{ id: 'seeded', data: { n: 0 } }] }));
    await first.insert('s', 'runs', { id: 'a', data: { n: 1 } });
    await first.replace('s', 'runs', 'a', 1, { data: { n: 2 }, meta: { note: 'moved' } });
    await first.insert('s', 'runs', { id: 'b', data: { n: 3 } });
    await first.remove('s', 'runs', 'b');
    // No close: as if the process were killed here.
    const second = openFileStore(dir);
    expect(await second.get('s', 'runs', 'seeded')).toMatchObject({ data: { n: 0 } });
    expect(await second.get('s', 'runs', 'a')).toMatchObject({ version: 2, data: { n: 2 }, meta: { note: 'moved' } });
    expect(await second.get('s', 'runs', 'b')).toBeUndefined();
    const next = await second.insert('s', 'runs', { id: 'c', data: {} });
    expect(next.ok && next.value.seq).toBe(4);
  });

  it('ignores a last line cut short by a crash', async () => {
    const dir = freshDir();
    const store = openFileStore(dir);
    await store.insert('s', 'runs', { id: 'a', data: {} });
    appendFileSync(join(dir, 'changes.log'), '{"op":"put","space":"s","collec');
    const reopened = openFileStore(dir);
    expect(await reopened.get('s', 'runs', 'a')).toBeDefined();
  });

  it('compacts the log into a snapshot and keeps everything', async () => {
    const dir = freshDir();
    const store = openFileStore(dir, 10);
    for (let i = 0; i < 25; i++) await store.insert('s', 'runs', { id: `r${i}`, data: { i } });
    expect(readFileSync(join(dir, 'changes.log'), 'utf8').trim().split('\n').length).toBe(5);
    const reopened = openFileStore(dir, 10);
    expect((await reopened.list('s', 'runs', { where: [], orderBy: [], page: { kind: 'offset', offset: 0, limit: 100 } })).total).toBe(25);
  });

  it('keeps a drop across reopening', async () => {
    const dir = freshDir();
    const store = openFileStore(dir);
    await store.seed('s', () => ({ runs: [{ id: 'a', data: {} }] }));
    await store.drop('s');
    expect(await openFileStore(dir).spaces()).toEqual([]);
  });
});

describe('file store with generated collections', () => {
  const withOrigin = (source: ReturnType<typeof syntheticRuns>, origin: Json) => ({ ...source, origin });

  it('snapshots what changed, not the generated records', async () => {
    const dir = freshDir();
    const store = openFileStore(dir);
    await store.seed('s', () => ({ runs: syntheticRuns(2_000) }));
    expect(statSync(join(dir, 'snapshot.json')).size).toBeLessThan(2_000);
  });

  it('makes the generated records again after a restart, from the origin they carried, with every change over them', async () => {
    const dir = freshDir();
    const source = withOrigin(syntheticRuns(300, 5), { seed: 5 });
    const [kept, removed, replaced] = [source.keys(10).id, source.keys(11).id, source.keys(12).id];
    const first = openFileStore(dir, 3);
    await first.seed('s', () => ({ runs: source }));
    await first.remove('s', 'runs', removed);
    await first.replace('s', 'runs', replaced, 1, { data: { status: 'moved' }, meta: {} });
    await first.insert('s', 'runs', { id: 'new', data: { status: 'new' } });
    await first.insert('s', 'runs', { id: 'newer', data: { status: 'new' } });
    // Three changes were compacted into the snapshot, the fourth is in the log; no close, as after kill -9.
    const second = openFileStore(dir, 3);
    expect(await second.spaces()).toEqual(['s']);
    await expect(second.get('s', 'runs', kept)).rejects.toThrow(/seed it first/);
    const asked: unknown[] = [];
    const seeded = await second.seed('s', (origin) => {
      asked.push(origin);
      return { runs: withOrigin(syntheticRuns(300, 5), { seed: 5 }) };
    });
    expect(seeded).toBe(false);
    expect(asked).toEqual([{ seed: 5 }]);
    expect((await second.get('s', 'runs', kept))?.data).toEqual(source.record(10).data);
    expect(await second.get('s', 'runs', removed)).toBeUndefined();
    expect(await second.get('s', 'runs', replaced)).toMatchObject({ version: 2, seq: 12, data: { status: 'moved' } });
    expect(await second.get('s', 'runs', 'newer')).toMatchObject({ seq: 301 });
    const inserted = await second.insert('s', 'runs', { id: 'third', data: {} });
    expect(inserted.ok && inserted.value.seq).toBe(302);
    expect((await second.list('s', 'runs', { where: [], orderBy: [], page: { kind: 'offset', offset: 0, limit: 1 } })).total).toBe(302);
  });

  it('seeds a space anew when its generator no longer makes the same records', async () => {
    const dir = freshDir();
    const first = openFileStore(dir);
    await first.seed('s', () => ({ runs: syntheticRuns(100, 1) }));
    await first.insert('s', 'runs', { id: 'mine', data: {} });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const second = openFileStore(dir);
    expect(await second.seed('s', () => ({ runs: syntheticRuns(100, 2) }))).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/no longer makes the same records/));
    warn.mockRestore();
    expect(await second.get('s', 'runs', 'mine')).toBeUndefined();
    expect(await second.get('s', 'runs', syntheticRuns(100, 2).keys(0).id)).toBeDefined();
  });

  it('reads a snapshot written before issue 17, with every record in it', async () => {
    const dir = freshDir();
    const record = { id: 'a', seq: 1, version: 3, data: { n: 1 }, meta: {} };
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ spaces: { s: { runs: [record] } } }));
    expect(await openFileStore(dir).get('s', 'runs', 'a')).toEqual(record);
  });
});
