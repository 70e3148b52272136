import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../core/json.ts';
import { type CollectionImage, MemoryState, type MemoryStateOptions, type SpaceImage } from './memory-state.ts';
import type { SpaceDump, Store, StoredRecord } from './store.ts';

// Durable local state (`--data-dir`): the state lives in memory, and every change is appended to `changes.log` and
// fsynced before the write is acknowledged. The log records results, not requests (the record as stored, with its
// sequence and version), so replaying it is idempotent. Seeding, imports and every `compactEvery` changes write
// `snapshot.json` (to a temporary file, fsynced, renamed over the old one) and then empty the log; after a crash the
// snapshot is loaded and the log replayed over it.
//
// A snapshot holds what each space changed, not its generated records (decision 006): per generated collection the
// generator's origin and fingerprint, the records written since and the ids removed. After a restart such a space
// waits until the engine seeds it (`seed`, which `EngineAdmin.ready` calls for every stored space): the generator is
// made again from its origin, checked against the fingerprint, and the changes laid over it.

type Change =
  | { readonly op: 'put'; readonly space: string; readonly collection: string; readonly record: StoredRecord }
  | { readonly op: 'remove'; readonly space: string; readonly collection: string; readonly id: string }
  | { readonly op: 'drop'; readonly space: string };

export interface FileStore extends Store {
  close(): void;
}

/** Snapshots before issue 17 held every record: `{spaces: {space: dump}}`. */
interface Snapshot {
  readonly format?: 2;
  readonly spaces: Readonly<Record<string, SpaceImage | SpaceDump>>;
}

/** A space read from disk whose generated records wait for their generator, with the changes replayed over it. */
type Pending = Map<string, { generated?: CollectionImage['generated']; records: Map<string, StoredRecord>; removed: Set<string>; nextSeq: number }>;

export function openFileStore(dir: string, compactEvery = 5000, options: MemoryStateOptions = {}): FileStore {
  mkdirSync(dir, { recursive: true });
  const snapshotFile = join(dir, 'snapshot.json');
  const logFile = join(dir, 'changes.log');
  const state = new MemoryState(options);
  const pending = new Map<string, Pending>();

  if (existsSync(snapshotFile)) {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
    for (const [space, saved] of Object.entries(snapshot.spaces)) {
      if (snapshot.format !== 2) state.restore(space, saved as SpaceDump);
      else if (Object.values(saved as SpaceImage).some((collection) => collection.generated)) pending.set(space, pendingOf(saved as SpaceImage));
      else state.load(space, saved as SpaceImage);
    }
  }

  const apply = (change: Change): void => {
    const waiting = pending.get(change.space);
    if (change.op === 'drop') {
      pending.delete(change.space);
      state.drop(change.space);
    } else if (waiting) {
      applyPending(waiting, change);
    } else if (change.op === 'put') {
      state.put(change.space, change.collection, change.record);
    } else {
      state.remove(change.space, change.collection, change.id);
    }
  };

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
      apply(change);
      logged++;
    }
  }
  let log = openSync(logFile, 'a');

  /** Logged and fsynced first, then applied: nothing is acknowledged that a restart would not find. */
  const commit = (change: Change) => {
    writeSync(log, `${JSON.stringify(change)}\n`);
    fsyncSync(log);
    apply(change);
    if (++logged >= compactEvery) compact();
  };

  const compact = () => {
    const spaces: Record<string, SpaceImage> = Object.fromEntries(state.spaceNames().map((space) => [space, state.image(space)]));
    for (const [space, waiting] of pending) spaces[space] = imageOf(waiting);
    const temporary = `${snapshotFile}.tmp`;
    const fd = openSync(temporary, 'w');
    writeSync(fd, JSON.stringify({ format: 2, spaces } satisfies Snapshot));
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

  /** A space read from disk serves nothing until its generators are back (see `seed`). */
  const live = (space: string): void => {
    if (pending.has(space)) throw new Error(`space ${space} waits for its generated records: seed it first (EngineAdmin.ready does)`);
  };

  return {
    async get(space, name, id) {
      live(space);
      return state.get(space, name, id);
    },
    async insert(space, name, record) {
      live(space);
      const prepared = state.prepareInsert(space, name, record);
      if (prepared.ok) commit({ op: 'put', space, collection: name, record: prepared.value });
      return prepared;
    },
    async replace(space, name, id, expectedVersion, next) {
      live(space);
      const prepared = state.prepareReplace(space, name, id, expectedVersion, next);
      if (prepared.ok) commit({ op: 'put', space, collection: name, record: prepared.value });
      return prepared;
    },
    async remove(space, name, id) {
      live(space);
      if (!state.get(space, name, id)) return false;
      commit({ op: 'remove', space, collection: name, id });
      return true;
    },
    async list(space, name, query) {
      live(space);
      return state.list(space, name, query);
    },
    async countBy(space, name, field) {
      live(space);
      return state.countBy(space, name, field);
    },
    async seed(space, data) {
      const waiting = pending.get(space);
      if (waiting) {
        const loaded = state.load(space, imageOf(waiting), data(originOf(waiting)));
        pending.delete(space);
        if (loaded.ok) return false;
        console.warn(`[file store] ${loaded.error}: ${space} is seeded anew, and the changes stored for it are dropped`);
      } else if (state.has(space)) {
        return false;
      }
      state.fill(space, data());
      compact();
      return true;
    },
    async drop(space) {
      commit({ op: 'drop', space });
    },
    async dump(space) {
      live(space);
      return state.dump(space);
    },
    async restore(space, dump) {
      pending.delete(space);
      state.restore(space, dump);
      compact();
    },
    spaces: async () => [...state.spaceNames(), ...pending.keys()],
    close() {
      closeSync(log);
    },
  };
}

function pendingOf(image: SpaceImage): Pending {
  return new Map(
    Object.entries(image).map(([name, saved]) => [
      name,
      {
        ...(saved.generated ? { generated: saved.generated } : {}),
        records: new Map(saved.records.map((record) => [record.id, record])),
        removed: new Set(saved.removed ?? []),
        nextSeq: saved.nextSeq,
      },
    ]),
  );
}

function applyPending(waiting: Pending, change: Exclude<Change, { op: 'drop' }>): void {
  let collection = waiting.get(change.collection);
  if (!collection) {
    collection = { records: new Map(), removed: new Set(), nextSeq: 1 };
    waiting.set(change.collection, collection);
  }
  if (change.op === 'put') {
    collection.records.set(change.record.id, change.record);
    collection.nextSeq = Math.max(collection.nextSeq, change.record.seq + 1);
  } else {
    collection.records.delete(change.id);
    // Removed before the records are laid over the generated ones; an id no generated record has is ignored then.
    collection.removed.add(change.id);
  }
}

function imageOf(waiting: Pending): SpaceImage {
  return Object.fromEntries(
    [...waiting].map(([name, collection]): [string, CollectionImage] => [
      name,
      {
        ...(collection.generated ? { generated: collection.generated } : {}),
        records: [...collection.records.values()].sort((a, b) => a.seq - b.seq),
        ...(collection.removed.size > 0 ? { removed: [...collection.removed] } : {}),
        nextSeq: collection.nextSeq,
      },
    ]),
  );
}

/** The origin the space's generators carried when it was seeded (they share one). */
function originOf(waiting: Pending): Json | undefined {
  for (const collection of waiting.values()) if (collection.generated?.origin !== undefined) return collection.generated.origin;
  return undefined;
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
