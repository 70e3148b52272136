import { mkdtempSync, readFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore } from './file.ts';
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
