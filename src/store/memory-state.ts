import { deepFreeze } from '../core/json.ts';
import { markStored } from '../core/stored.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { ListQuery } from './query.ts';
import { indexKey, pageFromIndex, SortedIndex, splitConditions } from './sorted-index.ts';
import { seededRecords, type ListPage, type NewRecord, type SeedData, type SpaceDump, type StoredRecord } from './store.ts';

/** Most records keep nothing beside their data: they share one frozen empty meta. */
const NO_META: StoredRecord['meta'] = Object.freeze({});

/** Indexes kept per collection; the least recently used goes first, so a stream of one-off filters cannot grow memory. */
const MAX_INDEXES_PER_COLLECTION = 32;

/**
 * Spaces of collections in memory, with synchronous operations: the memory store wraps them in promises, and the
 * file store logs each change before acknowledging it and replays the log into the same state after a restart.
 */
interface Collection {
  readonly byId: Map<string, StoredRecord>;
  /** Built on first use by a list, kept up to date by every write after that. */
  readonly indexes: Map<string, SortedIndex>;
  nextSeq: number;
}

export interface MemoryStateOptions {
  /**
   * Deep-freeze every stored record, so code that changes a record behind the store's back throws instead of
   * corrupting it (and the caches keyed on stored values). Tests turn it on; it costs memory (a frozen copy of every
   * object shape), so the server does not.
   */
  readonly freezeRecords?: boolean;
}

export class MemoryState {
  private readonly spaces = new Map<string, Map<string, Collection>>();

  constructor(private readonly options: MemoryStateOptions = {}) {}

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
    return ok({ id: record.id, seq: collection.nextSeq, version: 1, data: record.data, meta: record.meta ?? NO_META });
  }

  /** The replacement of a record at the expected version, not yet stored. */
  prepareReplace(
    space: string,
    name: string,
    id: string,
    expectedVersion: number,
    next: { data: StoredRecord['data']; meta: StoredRecord['meta'] },
  ): Result<StoredRecord, 'missing' | 'stale'> {
    const current = this.get(space, name, id);
    if (!current) return fail('missing');
    if (current.version !== expectedVersion) return fail('stale');
    return ok({ ...current, version: current.version + 1, data: next.data, meta: next.meta });
  }

  /** Stores a record as it is, sequence and version included (inserts, replaces and log replay). */
  put(space: string, name: string, record: StoredRecord): void {
    markStored(record.data);
    if (this.options.freezeRecords) {
      deepFreeze(record.data);
      deepFreeze(record.meta);
      Object.freeze(record);
    }
    const collection = this.collection(space, name);
    const previous = collection.byId.get(record.id);
    collection.byId.set(record.id, record);
    collection.nextSeq = Math.max(collection.nextSeq, record.seq + 1);
    for (const index of collection.indexes.values()) {
      if (previous) index.delete(previous);
      index.add(record);
    }
  }

  remove(space: string, name: string, id: string): boolean {
    const collection = this.spaces.get(space)?.get(name);
    const previous = collection?.byId.get(id);
    if (!collection || !previous) return false;
    collection.byId.delete(id);
    for (const index of collection.indexes.values()) index.delete(previous);
    return true;
  }

  list(space: string, name: string, query: ListQuery): ListPage {
    const collection = this.spaces.get(space)?.get(name);
    if (!collection) return { items: [], total: 0, hasMore: false };
    const { partition, rest } = splitConditions(query.where);
    return pageFromIndex(this.indexFor(collection, partition, query.orderBy), rest, query.page);
  }

  private indexFor(collection: Collection, partition: ListQuery['where'], orderBy: ListQuery['orderBy']): SortedIndex {
    const key = indexKey(partition, orderBy);
    let index = collection.indexes.get(key);
    if (index) collection.indexes.delete(key);
    else index = new SortedIndex(partition, orderBy, collection.byId.values());
    collection.indexes.set(key, index);
    if (collection.indexes.size > MAX_INDEXES_PER_COLLECTION) {
      const oldest = collection.indexes.keys().next().value;
      if (oldest !== undefined) collection.indexes.delete(oldest);
    }
    return index;
  }

  /** Creates the space (so it counts as seeded) with these records. */
  fill(space: string, data: SeedData): void {
    this.spaces.set(space, new Map());
    for (const [name, collection] of Object.entries(data)) {
      for (const record of seededRecords(collection)) {
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
      collection = { byId: new Map(), indexes: new Map(), nextSeq: 1 };
      collections.set(name, collection);
    }
    return collection;
  }
}
