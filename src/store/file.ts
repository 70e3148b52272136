import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryState } from './memory-state.ts';
import type { SpaceDump, Store, StoredRecord } from './store.ts';

// Durable local state (`--data-dir`): the state lives in memory, and every change is appended to `changes.log` and
// fsynced before the write is acknowledged. The log records results, not requests (the record as stored, with its
// sequence and version), so replaying it is idempotent. Seeding, imports and every `compactEvery` changes write
// `snapshot.json` (to a temporary file, fsynced, renamed over the old one) and then empty the log; after a crash the
// snapshot is loaded and the log replayed over it.

type Change =
  | { readonly op: 'put'; readonly space: string; readonly collection: string; readonly record: StoredRecord }
  | { readonly op: 'remove'; readonly space: string; readonly collection: string; readonly id: string }
  | { readonly op: 'drop'; readonly space: string };

export interface FileStore extends Store {
  close(): void;
}

export function openFileStore(dir: string, compactEvery = 5000): FileStore {
  mkdirSync(dir, { recursive: true });
  const snapshotFile = join(dir, 'snapshot.json');
  const logFile = join(dir, 'changes.log');
  const state = new MemoryState();

  if (existsSync(snapshotFile)) {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as { spaces: Record<string, SpaceDump> };
    for (const [space, dump] of Object.entries(snapshot.spaces)) state.restore(space, dump);
  }
  let logged = 0;
  if (existsSync(logFile)) {
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      // A line cut short by a crash was never acknowledged: it and anything after it are ignored.
      if (line.trim() === '') continue;
      let change: Change;
      try {
        change = JSON.parse(line) as Change;
      } catch {
        break;
      }
      apply(state, change);
      logged++;
    }
  }
  let log = openSync(logFile, 'a');

  /** Logged and fsynced first, then applied: nothing is acknowledged that a restart would not find. */
  const commit = (change: Change) => {
    writeSync(log, `${JSON.stringify(change)}\n`);
    fsyncSync(log);
    apply(state, change);
    if (++logged >= compactEvery) compact();
  };

  const compact = () => {
    const spaces = Object.fromEntries(state.spaceNames().map((space) => [space, state.dump(space)]));
    const temporary = `${snapshotFile}.tmp`;
    const fd = openSync(temporary, 'w');
    writeSync(fd, JSON.stringify({ spaces }));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, snapshotFile);
    syncDirectory(dir);
    ftruncateSync(log, 0);
    fsyncSync(log);
    closeSync(log);
    log = openSync(logFile, 'a');
    logged = 0;
  };

  return {
    get: async (space, name, id) => state.get(space, name, id),
    async insert(space, name, record) {
      const prepared = state.prepareInsert(space, name, record);
      if (prepared.ok) commit({ op: 'put', space, collection: name, record: prepared.value });
      return prepared;
    },
    async replace(space, name, id, expectedVersion, next) {
      const prepared = state.prepareReplace(space, name, id, expectedVersion, next);
      if (prepared.ok) commit({ op: 'put', space, collection: name, record: prepared.value });
      return prepared;
    },
    async remove(space, name, id) {
      if (!state.get(space, name, id)) return false;
      commit({ op: 'remove', space, collection: name, id });
      return true;
    },
    list: async (space, name, query) => state.list(space, name, query),
    async seed(space, data) {
      if (state.has(space)) return false;
      state.fill(space, data());
      compact();
      return true;
    },
    async drop(space) {
      commit({ op: 'drop', space });
    },
    dump: async (space) => state.dump(space),
    async restore(space, dump) {
      state.restore(space, dump);
      compact();
    },
    spaces: async () => state.spaceNames(),
    close() {
      closeSync(log);
    },
  };
}

function apply(state: MemoryState, change: Change): void {
  if (change.op === 'put') state.put(change.space, change.collection, change.record);
  else if (change.op === 'remove') state.remove(change.space, change.collection, change.id);
  else state.drop(change.space);
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Some file systems do not allow opening a directory; the rename is then as durable as they make it.
  }
}
