import { fail, ok, type Result } from '../core/result.ts';
import { comparePositions, compareRecords, matchesAll, positionOf, type ListQuery } from './query.ts';
import type { ListPage, NewRecord, SpaceDump, StoredRecord } from './store.ts';

/**
 * Spaces of collections in memory, with synchronous operations: the memory store wraps them in promises, and the
 * file store logs each change before acknowledging it and replays the log into the same state after a restart.
 */
interface Collection {
  readonly byId: Map<string, StoredRecord>;
  nextSeq: number;
}

export class MemoryState {
  private readonly spaces = new Map<string, Map<string, Collection>>();

  has(space: string): boolean {
    return this.spaces.has(space);
  }

  get(space: string, name: string, id: string): StoredRecord | undefined {
    return this.spaces.get(space)?.get(name)?.byId.get(id);
  }

  /** A new record with the next sequence number, not yet stored. */
  prepareInsert(space: string, name: string, record: NewRecord): Result<StoredRecord, 'exists'> {
    const collection = this.collection(space, name);
    if (collection.byId.has(record.id)) return fail('exists');
    return ok({ id: record.id, seq: collection.nextSeq, version: 1, data: record.data, meta: record.meta ?? {} });
  }

  /** The replacement of a record at the expected version, not yet stored. */
  prepareReplace(space: string, name: string, id: string, expectedVersion: number, next: { data: StoredRecord['data']; meta: StoredRecord['meta'] }): Result<StoredRecord, 'missing' | 'stale'> {
    const current = this.get(space, name, id);
    if (!current) return fail('missing');
    if (current.version !== expectedVersion) return fail('stale');
    return ok({ ...current, version: current.version + 1, data: next.data, meta: next.meta });
  }

  /** Stores a record as it is, sequence and version included (inserts, replaces and log replay). */
  put(space: string, name: string, record: StoredRecord): void {
    const collection = this.collection(space, name);
    collection.byId.set(record.id, record);
    collection.nextSeq = Math.max(collection.nextSeq, record.seq + 1);
  }

  remove(space: string, name: string, id: string): boolean {
    return this.spaces.get(space)?.get(name)?.byId.delete(id) ?? false;
  }

  list(space: string, name: string, query: ListQuery): ListPage {
    return pageOf([...(this.spaces.get(space)?.get(name)?.byId.values() ?? [])], query);
  }

  /** Creates the space (so it counts as seeded) with these records. */
  fill(space: string, data: Readonly<Record<string, readonly NewRecord[]>>): void {
    this.spaces.set(space, new Map());
    for (const [name, records] of Object.entries(data)) {
      for (const record of records) {
        const prepared = this.prepareInsert(space, name, record);
        if (prepared.ok) this.put(space, name, prepared.value);
      }
    }
  }

  drop(space: string): void {
    this.spaces.delete(space);
  }

  dump(space: string): SpaceDump {
    const collections = this.spaces.get(space);
    if (!collections) return {};
    return Object.fromEntries([...collections].map(([name, collection]) => [name, [...collection.byId.values()].sort((a, b) => a.seq - b.seq)]));
  }

  restore(space: string, dump: SpaceDump): void {
    this.spaces.set(space, new Map());
    for (const [name, records] of Object.entries(dump)) {
      this.collection(space, name);
      for (const record of records) this.put(space, name, record);
    }
  }

  spaceNames(): string[] {
    return [...this.spaces.keys()];
  }

  private collection(space: string, name: string): Collection {
    let collections = this.spaces.get(space);
    if (!collections) {
      collections = new Map();
      this.spaces.set(space, collections);
    }
    let collection = collections.get(name);
    if (!collection) {
      collection = { byId: new Map(), nextSeq: 1 };
      collections.set(name, collection);
    }
    return collection;
  }
}

export function pageOf(records: readonly StoredRecord[], query: ListQuery): ListPage {
  const matching = records.filter((record) => matchesAll(record, query.where));
  matching.sort((a, b) => compareRecords(a, b, query.orderBy));
  const { page } = query;
  let start = 0;
  if (page.kind === 'offset') {
    start = page.offset;
  } else if (page.after) {
    const after = page.after;
    const index = matching.findIndex((record) => comparePositions(positionOf(record, query.orderBy), after, query.orderBy) > 0);
    start = index === -1 ? matching.length : index;
  }
  const items = matching.slice(start, start + page.limit);
  return { items, total: matching.length, hasMore: start + items.length < matching.length };
}
