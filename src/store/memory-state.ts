import type { Json } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { CollectionState, type PristineIndexes, recentlyUsed, SeedView, type UndeclaredField } from './collection.ts';
import type { ListQuery } from './query.ts';
import { asStored, DEFAULT_CACHE_BYTES, NO_META, RecordCache } from './record-cache.ts';
import { type SeedColumns, seedColumnsOf } from './seed-columns.ts';
import type { SortedIndex } from './sorted-index.ts';
import { isGenerated, type ListPage, type NewRecord, type SeedData, type SpaceDump, type StoredRecord, type ValueCount } from './store.ts';

/**
 * Spaces of collections in memory, with synchronous operations: the memory store wraps them in promises, and the
 * file store logs each change before acknowledging it and replays the log into the same state after a restart.
 * Generated collections cost their key columns (shared by every space seeded from one generator) plus what each space
 * changed; their records are made whole on demand through one bounded cache (decision 006).
 */
export interface MemoryStateOptions {
  /**
   * Deep-freeze every stored record, so code that changes a record behind the store's back throws instead of
   * corrupting it (and the caches keyed on stored values). Tests turn it on; it costs memory (a frozen copy of every
   * object shape), so the server does not.
   */
  readonly freezeRecords?: boolean;
  /**
   * A list that filters or sorts a generated collection on a field its generator did not declare: refused with an
   * error (tests, so a pack declares what it lists by), or served by making a key column from every record made whole
   * once, reported through `onUndeclared` (the server).
   */
  readonly strictFields?: boolean;
  readonly onUndeclared?: (collection: string, field: string) => void;
  /** Budget of the cache of seeded records made whole, in bytes of JSON (`DEFAULT_CACHE_BYTES`). */
  readonly cacheBytes?: number;
}

/** A collection as a durable store snapshots it: the overlay, the seeded records removed, and what identifies the generator. */
export interface CollectionImage {
  readonly generated?: { readonly fingerprint: string; readonly origin?: Json };
  readonly records: readonly StoredRecord[];
  /** Ids of seeded records removed without a replacement. */
  readonly removed?: readonly string[];
  readonly nextSeq: number;
}

export type SpaceImage = Readonly<Record<string, CollectionImage>>;

export class MemoryState {
  private readonly spaces = new Map<string, Map<string, CollectionState>>();
  private readonly cache: RecordCache;
  private readonly undeclared: UndeclaredField;
  private readonly reported = new Set<string>();
  /** Indexes of generated collections as generated, by generator: what every space lists from until it writes. */
  private readonly pristine = new WeakMap<SeedColumns, { readonly view: SeedView; readonly indexes: Map<string, SortedIndex> }>();
  private readonly pristineIndex: PristineIndexes = (base, key, build) => {
    let shared = this.pristine.get(base);
    if (!shared) {
      shared = { view: new SeedView(base, this.cache), indexes: new Map() };
      this.pristine.set(base, shared);
    }
    const { view, indexes } = shared;
    return recentlyUsed(indexes, key, () => build(view));
  };

  constructor(options: MemoryStateOptions = {}) {
    this.cache = new RecordCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES, options.freezeRecords ?? false);
    this.undeclared = (collection, field) => {
      if (options.strictFields) return 'refuse';
      const key = `${collection}\u0000${field}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        (options.onUndeclared ?? warnUndeclared)(collection, field);
      }
      return 'materialize';
    };
  }

  has(space: string): boolean {
    return this.spaces.has(space);
  }

  get(space: string, name: string, id: string): StoredRecord | undefined {
    return this.spaces.get(space)?.get(name)?.get(id);
  }

  /** A new record with the next sequence number, not yet stored. */
  prepareInsert(space: string, name: string, record: NewRecord): Result<StoredRecord, 'exists'> {
    const collection = this.collection(space, name);
    if (collection.has(record.id)) return fail('exists');
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
    const current = this.spaces.get(space)?.get(name)?.current(id);
    if (!current) return fail('missing');
    if (current.version !== expectedVersion) return fail('stale');
    return ok({ id, seq: current.seq, version: current.version + 1, data: next.data, meta: next.meta });
  }

  /** Stores a record as it is, sequence and version included (inserts, replaces and log replay). */
  put(space: string, name: string, record: StoredRecord): void {
    this.collection(space, name).put(asStored(record, this.cache.freeze));
  }

  /**
   * The index of the generated (seeded) record with this id, whether or not it was written or removed since; -1 when
   * the collection generated none with it. The shared store tells Redis, which keeps no seeded records.
   */
  seededIndex(space: string, name: string, id: string): number {
    return this.spaces.get(space)?.get(name)?.base?.find(id) ?? -1;
  }

  remove(space: string, name: string, id: string): boolean {
    return this.spaces.get(space)?.get(name)?.remove(id) ?? false;
  }

  list(space: string, name: string, query: ListQuery): ListPage {
    const collection = this.spaces.get(space)?.get(name);
    if (!collection) return { items: [], total: 0, hasMore: false };
    return collection.list(query);
  }

  /** How many records hold each value at `field` (see `Store.countBy`). */
  countBy(space: string, name: string, field: string): ValueCount[] {
    return this.spaces.get(space)?.get(name)?.countBy(field) ?? [];
  }

  /** Creates the space (so it counts as seeded) with these records; a generator costs its key columns only. */
  fill(space: string, data: SeedData): void {
    const collections = new Map<string, CollectionState>();
    this.spaces.set(space, collections);
    for (const [name, seeded] of Object.entries(data)) {
      if (isGenerated(seeded)) {
        collections.set(name, this.newCollection(name, seedColumnsOf(seeded)));
        continue;
      }
      for (const record of seeded) {
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
    return Object.fromEntries([...collections].map(([name, collection]) => [name, collection.all()]));
  }

  restore(space: string, dump: SpaceDump): void {
    this.spaces.set(space, new Map());
    for (const [name, records] of Object.entries(dump)) {
      this.collection(space, name);
      for (const record of records) this.put(space, name, record);
    }
  }

  /** The space without its generated records: what a durable store snapshots (see `load`). */
  image(space: string): SpaceImage {
    const collections = this.spaces.get(space);
    if (!collections) return {};
    return Object.fromEntries(
      [...collections].map(([name, collection]): [string, CollectionImage] => {
        const base = collection.base;
        const records = [...collection.overlay.values()].sort((a, b) => a.seq - b.seq);
        if (!base) return [name, { records, nextSeq: collection.nextSeq }];
        const origin = base.source.origin;
        const generated = { fingerprint: base.fingerprint(), ...(origin === undefined ? {} : { origin }) };
        const removed = collection.tombstones();
        return [name, { generated, records, nextSeq: collection.nextSeq, ...(removed.length > 0 ? { removed } : {}) }];
      }),
    );
  }

  /**
   * Makes a space again from its image, with the generators `data` gives for its generated collections; fails, naming
   * the collection, when a generator is missing or does not make the same records (another version of its pack).
   */
  load(space: string, image: SpaceImage, data: SeedData = {}): Result<void, string> {
    const collections = new Map<string, CollectionState>();
    for (const [name, saved] of Object.entries(image)) {
      let collection: CollectionState;
      if (saved.generated) {
        const source = data[name];
        if (!isGenerated(source)) return fail(`${space}/${name} was generated, and no generator makes it now`);
        const columns = seedColumnsOf(source);
        if (columns.fingerprint() !== saved.generated.fingerprint) return fail(`${space}/${name}: the generator no longer makes the same records`);
        collection = this.newCollection(name, columns);
      } else {
        collection = this.newCollection(name, undefined);
      }
      for (const id of saved.removed ?? []) collection.remove(id);
      collections.set(name, collection);
      collection.nextSeq = Math.max(collection.nextSeq, saved.nextSeq);
    }
    this.spaces.set(space, collections);
    for (const [name, saved] of Object.entries(image)) for (const record of saved.records) this.put(space, name, record);
    return ok(undefined);
  }

  spaceNames(): string[] {
    return [...this.spaces.keys()];
  }

  /** The record cache's size now, for measurements. */
  cacheSize(): { readonly records: number; readonly bytes: number } {
    return this.cache.size;
  }

  private newCollection(name: string, base: SeedColumns | undefined): CollectionState {
    return new CollectionState(name, base, this.cache, this.undeclared, this.pristineIndex);
  }

  private collection(space: string, name: string): CollectionState {
    let collections = this.spaces.get(space);
    if (!collections) {
      collections = new Map();
      this.spaces.set(space, collections);
    }
    let collection = collections.get(name);
    if (!collection) {
      collection = this.newCollection(name, undefined);
      collections.set(name, collection);
    }
    return collection;
  }
}

function warnUndeclared(collection: string, field: string): void {
  console.warn(
    `[store] a list of ${collection} reads ${field}, which its generator does not declare: every record is made once to build its column (declare it in the generator's fields)`,
  );
}
