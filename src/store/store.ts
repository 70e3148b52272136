import type { Json, JsonObject } from '../core/json.ts';
import type { Result } from '../core/result.ts';
import type { ListQuery } from './query.ts';

// The store behind every pack. A space is one isolated copy of an API's state (`session:api`); a collection
// is one resource kind inside it. Records are immutable values: an update is a compare-and-set of a new value
// against the version the caller read, which is what lets a Redis backend make transitions atomic across replicas.

export interface StoredRecord {
  readonly id: string;
  /** Creation order within the collection; the tie-breaker for sorting and cursors. */
  readonly seq: number;
  /** Bumped on every replace; the compare-and-set token. */
  readonly version: number;
  /** The record as the vendor shows it. */
  readonly data: JsonObject;
  /** What the vendor keeps but does not show in this representation (logs, history, hidden links). */
  readonly meta: JsonObject;
}

export interface NewRecord {
  readonly id: string;
  readonly data: JsonObject;
  readonly meta?: JsonObject;
}

export interface ListPage {
  readonly items: readonly StoredRecord[];
  /** Number of records matching `where`, regardless of the page. */
  readonly total: number;
  /** Whether records remain after this page. */
  readonly hasMore: boolean;
}

/** A value lists filter or sort on, as a compact store keeps it per record. */
export type KeyValue = string | number | boolean | null | readonly string[];

/**
 * A collection generated record by record (issue 17), so a seeded record costs only its keys until a request needs it
 * in full. `keys(i)` is cheap and is called for every record when a space is first seeded; `record(i)` builds record `i`
 * in full on demand. Both depend on (seed, collection, i) alone: `record(i)` gives the same value every time, with
 * `keys(i).values[k]` at path `fields[k]` of its `data` (`readPath(record.data, field)`), and `keys(i).id` as its id.
 * Index `i` is also its creation order.
 */
export interface GeneratedCollection {
  readonly kind: 'generated';
  readonly count: number;
  /** Paths into `data` that lists, lookups and the lifecycle filter and sort on (`status`, `data.accountId`...). */
  readonly fields: readonly string[];
  keys(i: number): { readonly id: string; readonly values: readonly KeyValue[] };
  record(i: number): NewRecord;
  /**
   * How the engine makes this generator again (pack, seed, size, anchor), opaque to stores: a durable store that keeps
   * the changes but not the generated records passes it back to `Store.seed`'s `data` after a restart.
   */
  readonly origin?: Json;
}

/** A seeded collection: its records, or a generator of them. */
export type SeedCollection = readonly NewRecord[] | GeneratedCollection;

export type SeedData = Readonly<Record<string, SeedCollection>>;

export function isGenerated(collection: SeedCollection | undefined): collection is GeneratedCollection {
  return collection !== undefined && !Array.isArray(collection) && (collection as GeneratedCollection).kind === 'generated';
}

/** Every collection of a seed as its records, generators made now (for tests and small seeds). */
export function materializeSeed(data: SeedData): Readonly<Record<string, readonly NewRecord[]>> {
  return Object.fromEntries(Object.entries(data).map(([name, collection]) => [name, seededRecords(collection)]));
}

/** Every record of a seeded collection, made now (what a store that keeps whole records does with a generator). */
export function seededRecords(collection: SeedCollection | undefined): readonly NewRecord[] {
  if (collection === undefined) return [];
  if (!isGenerated(collection)) return collection;
  return Array.from({ length: collection.count }, (_, i) => collection.record(i));
}

/** A whole space, by collection, with sequence numbers and versions: what export writes and import reads. */
export type SpaceDump = Readonly<Record<string, readonly StoredRecord[]>>;

export interface Store {
  get(space: string, collection: string, id: string): Promise<StoredRecord | undefined>;
  insert(space: string, collection: string, record: NewRecord): Promise<Result<StoredRecord, 'exists'>>;
  /** Compare-and-set: writes only when the stored version still equals `expectedVersion`. */
  replace(
    space: string,
    collection: string,
    id: string,
    expectedVersion: number,
    next: { readonly data: JsonObject; readonly meta: JsonObject },
  ): Promise<Result<StoredRecord, 'missing' | 'stale'>>;
  remove(space: string, collection: string, id: string): Promise<boolean>;
  list(space: string, collection: string, query: ListQuery): Promise<ListPage>;
  /**
   * Fills a space once; later calls are no-ops until `drop`. `data` is called only when this call seeds, so it is
   * cheap to call on every request. Returns whether this call seeded it. Replicas sharing a store seed a space once.
   * A durable store that kept a space's changes but not its generated records (a restart) calls `data(origin)` with
   * the `origin` its generators carried, to make the same records again, and returns false: the space was not seeded.
   */
  seed(space: string, data: (origin?: Json) => SeedData): Promise<boolean>;
  drop(space: string): Promise<void>;
  /** Every record of a space, in creation order per collection. */
  dump(space: string): Promise<SpaceDump>;
  /** Replaces a space with a dump, keeping sequence numbers and versions, so lists order exactly as before. */
  restore(space: string, dump: SpaceDump): Promise<void>;
  /** The spaces that exist now. */
  spaces(): Promise<string[]>;
  /**
   * Optional: how many records hold each value at `field` (null for none), without making seeded records whole (the
   * console's counts by state). Callers page through `list` when a store does not offer it.
   */
  countBy?(space: string, collection: string, field: string): Promise<ValueCount[]>;
}

export interface ValueCount {
  readonly value: KeyValue;
  readonly count: number;
}
