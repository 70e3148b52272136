import { readPath } from '../core/json.ts';
import type { Condition, ListQuery, SortKey } from './query.ts';
import { make, type RecordCache } from './record-cache.ts';
import type { SeedColumns } from './seed-columns.ts';
import { indexKey, pageFromIndex, type SeededRecords, SortedIndex, splitConditions } from './sorted-index.ts';
import type { KeyValue, ListPage, StoredRecord, ValueCount } from './store.ts';

// One collection of one space in memory (decision 006). A collection seeded from a generator keeps its seeded records
// as the generator's shared key columns (`base`), plus this space's overlay: records inserted, replaced or removed
// since. A replaced seeded record is in the overlay and its index is shadowed; a removed one is only shadowed (a
// tombstone). A collection seeded with records, or made by writes, is all overlay. Until a space writes to a generated
// collection its lists come from indexes shared by every space seeded from that generator (sessions, resets).

/** Indexes kept per collection; the least recently used goes first, so a stream of one-off filters cannot grow memory. */
const MAX_INDEXES_PER_COLLECTION = 32;

/** What a collection does when a list names a field its generator did not declare. */
export type UndeclaredField = (collection: string, field: string) => 'refuse' | 'materialize';

/** The index of a generated collection's seeded records as generated, shared by every space that has not written to it. */
export type PristineIndexes = (base: SeedColumns, key: string, build: (seeded: SeededRecords) => SortedIndex) => SortedIndex;

/** The least recently used of `map` goes once it holds more than `max`; `key` becomes the most recent. */
export function recentlyUsed<T>(map: Map<string, T>, key: string, build: () => T, max = MAX_INDEXES_PER_COLLECTION): T {
  let value = map.get(key);
  if (value !== undefined) map.delete(key);
  else value = build();
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  return value;
}

/** A generated collection's seeded records as an index reads them: key columns, and whole records through the cache. */
export class SeedView implements SeededRecords {
  constructor(
    private readonly base: SeedColumns,
    private readonly cache: RecordCache,
    private readonly isShadowed: (i: number) => boolean = () => false,
  ) {}

  *live(): Generator<number> {
    for (let i = 0; i < this.base.count; i++) if (!this.isShadowed(i)) yield i;
  }

  sortKey(i: number, key: SortKey): ReturnType<SeededRecords['sortKey']> {
    return this.columnOf(key.field).comparable(i, key.as);
  }

  matcher(where: readonly Condition[]): (i: number) => boolean {
    const tests = where.map((condition) => this.columnOf(condition.field).matcher(condition));
    if (tests.length === 0) return () => true;
    if (tests.length === 1) return tests[0] as (i: number) => boolean;
    return (i) => tests.every((test) => test(i));
  }

  record(i: number): StoredRecord {
    return this.cache.get(this.base, i);
  }

  private columnOf(field: string) {
    const column = this.base.column(field);
    if (!column) throw new Error(`no key column ${field}`);
    return column;
  }
}

export class CollectionState {
  readonly overlay = new Map<string, StoredRecord>();
  /** Per seeded record: 1 once replaced or removed (its current value, if any, is in the overlay). */
  private shadowed: Uint8Array | undefined;
  private shadowedCount = 0;
  private readonly indexes = new Map<string, SortedIndex>();
  private readonly seeded: SeedView | undefined;
  nextSeq: number;

  constructor(
    readonly name: string,
    readonly base: SeedColumns | undefined,
    private readonly cache: RecordCache,
    private readonly undeclared: UndeclaredField,
    private readonly pristine?: PristineIndexes,
  ) {
    this.nextSeq = base ? base.count : 1;
    this.seeded = base ? new SeedView(base, cache, (i) => this.shadowed?.[i] === 1) : undefined;
  }

  get(id: string): StoredRecord | undefined {
    const written = this.overlay.get(id);
    if (written || !this.base) return written;
    for (const i of this.base.candidates(id)) {
      if (this.shadowed?.[i] === 1) continue;
      const record = this.record(i);
      if (record.id === id) return record;
    }
    return undefined;
  }

  /** Whether a record with this id exists, without making a seeded one whole. */
  has(id: string): boolean {
    return this.overlay.has(id) || this.liveSeeded(id) >= 0;
  }

  /** The index of the seeded record with this id while it is still as generated; -1 otherwise. */
  liveSeeded(id: string): number {
    const base = this.base;
    if (!base) return -1;
    for (const i of base.candidates(id)) {
      // A record just read (a write reads first) is in the cache: its id is checked without making keys again.
      if ((this.cache.peek(base, i)?.id ?? base.source.keys(i).id) === id) return this.shadowed?.[i] === 1 ? -1 : i;
    }
    return -1;
  }

  /** The stored value a compare-and-set compares against: id, sequence and version (a seeded one is not made whole). */
  current(id: string): Pick<StoredRecord, 'id' | 'seq' | 'version'> | undefined {
    const written = this.overlay.get(id);
    if (written) return written;
    const i = this.liveSeeded(id);
    return i >= 0 ? { id, seq: i, version: 1 } : undefined;
  }

  /** Stores a record as it is (insert, replace, replay): it shadows the seeded record with its id, if any. */
  put(record: StoredRecord): void {
    const previous = this.overlay.get(record.id);
    const seeded = previous ? -1 : this.liveSeeded(record.id);
    if (seeded >= 0) this.shadow(seeded);
    this.overlay.set(record.id, record);
    this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
    for (const index of this.indexes.values()) {
      if (previous) index.delete(previous);
      index.add(record);
    }
  }

  remove(id: string): boolean {
    const previous = this.overlay.get(id);
    if (previous) {
      this.overlay.delete(id);
      for (const index of this.indexes.values()) index.delete(previous);
      return true;
    }
    const seeded = this.liveSeeded(id);
    if (seeded < 0) return false;
    this.shadow(seeded);
    return true;
  }

  list(query: ListQuery): ListPage {
    this.checkFields(query.where, query.orderBy);
    const { partition, rest } = splitConditions(query.where);
    return pageFromIndex(this.indexFor(partition, query.orderBy), rest, query.page);
  }

  /** How many records hold each value at `field` (null for none), seeded ones counted from their key column. */
  countBy(field: string): ValueCount[] {
    this.checkFields([], [{ field, dir: 'asc' }]);
    const counts = new Map<string, ValueCount>();
    const count = (value: KeyValue) => {
      const key = JSON.stringify(value);
      counts.set(key, { value, count: (counts.get(key)?.count ?? 0) + 1 });
    };
    const column = this.base?.column(field);
    if (column) for (const i of this.live()) count((column.value(i) ?? null) as KeyValue);
    for (const record of this.overlay.values()) count((readPath(record.data, field) ?? null) as KeyValue);
    return [...counts.values()];
  }

  /** Every record in creation order, seeded ones made whole (not through the cache: a dump reads each once). */
  all(): StoredRecord[] {
    const base = this.base;
    const seeded = base ? [...this.live()].map((i) => make(base, i, this.cache.freeze)) : [];
    return [...seeded, ...this.overlay.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Seeded records removed without a replacement, by id: what a snapshot keeps besides the overlay. */
  tombstones(): string[] {
    if (!this.base || !this.shadowed) return [];
    const ids: string[] = [];
    for (let i = 0; i < this.base.count; i++) {
      if (this.shadowed[i] !== 1) continue;
      const id = this.base.source.keys(i).id;
      if (!this.overlay.has(id)) ids.push(id);
    }
    return ids;
  }

  /** Seeded records still as generated, in creation order. */
  live(): Iterable<number> {
    return this.seeded?.live() ?? [];
  }

  private record(i: number): StoredRecord {
    return this.cache.get(this.base as SeedColumns, i);
  }

  private shadow(i: number): void {
    if (!this.base) return;
    this.shadowed ??= new Uint8Array(this.base.count);
    if (this.shadowed[i] === 1) return;
    this.shadowed[i] = 1;
    this.shadowedCount++;
    for (const index of this.indexes.values()) index.deleteSeeded(i);
  }

  /** Every field a list reads must have a key column; an undeclared one is refused or made from whole records. */
  private checkFields(where: readonly Condition[], orderBy: readonly SortKey[]): void {
    const base = this.base;
    if (!base) return;
    for (const field of [...where.map((condition) => condition.field), ...orderBy.map((key) => key.field)]) {
      if (base.column(field)) continue;
      if (this.undeclared(this.name, field) === 'refuse') {
        throw new Error(`A list of ${this.name} reads ${field}, which its generator does not declare in fields (${base.fields.join(', ')})`);
      }
      base.addColumn(field);
    }
  }

  private indexFor(partition: readonly Condition[], orderBy: readonly SortKey[]): SortedIndex {
    const key = indexKey(partition, orderBy);
    const base = this.base;
    if (base && this.pristine && this.overlay.size === 0 && this.shadowedCount === 0) {
      return this.pristine(base, key, (seeded) => new SortedIndex(partition, orderBy, [], seeded));
    }
    // Written to: its own indexes from now on, kept up to date by its writes.
    return recentlyUsed(this.indexes, key, () => new SortedIndex(partition, orderBy, this.overlay.values(), this.seeded));
  }
}
