import { BlockList } from './block-list.ts';
import {
  compareKeys,
  isRange,
  keysOf,
  matchesAll,
  positionOf,
  type Condition,
  type ListQuery,
  type PageSpec,
  type Position,
  type SortKey,
  type SortKeyValue,
} from './query.ts';
import type { ListPage, StoredRecord } from './store.ts';

/** A record written at runtime (or held whole), with its sort values made comparable once. */
interface Entry {
  readonly record: StoredRecord;
  readonly keys: readonly SortKeyValue[];
}

/**
 * What an index holds per record: a seeded record of a generated collection as its index (its sequence number too),
 * read from key columns and made whole only when a page shows it; or an entry for a record held whole.
 */
type Ref = number | Entry;

/** How an index reads the seeded records of a generated collection (see collection.ts). */
export interface SeededRecords {
  /** The seeded records still as generated (not replaced or removed), in creation order. */
  live(): Iterable<number>;
  /** The comparable sort value of record `i` (as `comparable(readPath(data, key.field), key.as)` would give). */
  sortKey(i: number, key: SortKey): SortKeyValue;
  /** A test of record `i` against every condition, from its key columns. */
  matcher(where: readonly Condition[]): (i: number) => boolean;
  /** Record `i` made whole. */
  record(i: number): StoredRecord;
}

const seqOf = (ref: Ref): number => (typeof ref === 'number' ? ref : ref.record.seq);

/**
 * The records of a collection that meet `partition` (equality conditions), kept in `orderBy` order as records are
 * written. A page is then a binary search and a slice, whatever the collection's size, instead of a filter and a
 * sort of every record. Records held whole have their sort values made comparable once; seeded records of a generated
 * collection are read from its key columns, so an index costs a number per seeded record.
 */
export class SortedIndex {
  private readonly entries: BlockList<Ref>;
  private readonly seededPartition: ((i: number) => boolean) | undefined;

  constructor(
    readonly partition: readonly Condition[],
    readonly orderBy: readonly SortKey[],
    records: Iterable<StoredRecord>,
    private readonly seeded?: SeededRecords,
  ) {
    const refs: Ref[] = [];
    this.seededPartition = seeded?.matcher(partition);
    if (seeded && this.seededPartition) for (const i of seeded.live()) if (this.seededPartition(i)) refs.push(i);
    for (const record of records) if (this.accepts(record)) refs.push(this.entryOf(record));
    // Sort values read once per record, not once per comparison.
    const keys = refs.map((ref) => this.keysOfRef(ref));
    const order = Array.from(refs.keys()).sort((a, b) =>
      compareKeys(keys[a] as SortKeyValue[], seqOf(refs[a] as Ref), keys[b] as SortKeyValue[], seqOf(refs[b] as Ref), orderBy),
    );
    this.entries = new BlockList(order.map((position) => refs[position] as Ref));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether a record held whole belongs to this index's partition. */
  accepts(record: StoredRecord): boolean {
    return matchesAll(record, this.partition);
  }

  add(record: StoredRecord): void {
    if (!this.accepts(record)) return;
    const entry = this.entryOf(record);
    this.entries.insert(this.firstAfter(entry.keys, record.seq), entry);
  }

  /** Removes the record as it was indexed: pass the stored value being replaced or removed. */
  delete(record: StoredRecord): void {
    if (!this.accepts(record)) return;
    const { keys } = this.entryOf(record);
    const at = this.firstAfter(keys, record.seq) - 1;
    const found = this.entries.at(at);
    if (found !== undefined && typeof found !== 'number' && found.record.id === record.id) this.entries.remove(at);
  }

  /** Removes seeded record `i` (replaced or removed), found by its key columns. */
  deleteSeeded(i: number): void {
    if (!this.seededPartition?.(i)) return;
    const at = this.firstAfter(this.keysOfRef(i), i) - 1;
    if (this.entries.at(at) === i) this.entries.remove(at);
  }

  /** Where a keyset page starts: the first entry ordered after the position. */
  startAfter(position: Position): number {
    return this.firstAfter(keysOf(position, this.orderBy), position.seq);
  }

  /** The records at positions start..end, made whole. */
  slice(start: number, end: number): StoredRecord[] {
    return this.entries.slice(start, end).map((ref) => this.recordOf(ref));
  }

  /** A test of the further conditions a page checks per record, from key columns for seeded records. */
  tester(rest: readonly Condition[]): (ref: Ref) => boolean {
    const seeded = this.seeded?.matcher(rest);
    return (ref) => (typeof ref === 'number' ? (seeded?.(ref) ?? false) : matchesAll(ref.record, rest));
  }

  recordOf(ref: Ref): StoredRecord {
    if (typeof ref !== 'number') return ref.record;
    if (!this.seeded) throw new Error('a seeded reference in an index without seeded records');
    return this.seeded.record(ref);
  }

  /** The entries at positions from..to in order, for a scan that checks further conditions. */
  *refs(from = 0, to = this.entries.length): Generator<Ref> {
    for (let start = from; start < to; start += 1024) yield* this.entries.slice(start, Math.min(to, start + 1024));
  }

  /**
   * The positions a time window on the first sort key can hold (`gte`/`gt`/`lte`/`lt` on that field, as times): the
   * index is in that order, so they are a binary search away, not a scan. The other conditions are left to check.
   */
  narrow(conditions: readonly Condition[]): { from: number; to: number; rest: Condition[] } {
    const first = this.orderBy[0];
    let from = 0;
    let to = this.entries.length;
    const rest: Condition[] = [];
    for (const condition of conditions) {
      if (first?.as !== 'time' || condition.field !== first.field || !isRange(condition) || condition.as !== 'time' || typeof condition.value !== 'number') {
        rest.push(condition);
        continue;
      }
      const { op, value } = condition;
      const key = (ref: Ref) => this.keysOfRef(ref)[0];
      // Ascending: times rise, records without one last. Descending: records without one first, then times fall.
      if (first.dir === 'asc') {
        to = Math.min(
          to,
          this.entries.firstWhere((ref) => key(ref) === undefined),
        );
        const after = (ref: Ref) => {
          const k = key(ref);
          return k === undefined || (op === 'gte' || op === 'lt' ? (k as number) >= value : (k as number) > value);
        };
        if (op === 'gte' || op === 'gt') from = Math.max(from, this.entries.firstWhere(after));
        else to = Math.min(to, this.entries.firstWhere(after));
      } else {
        from = Math.max(
          from,
          this.entries.firstWhere((ref) => key(ref) !== undefined),
        );
        const after = (ref: Ref) => {
          const k = key(ref);
          return k !== undefined && (op === 'gte' || op === 'lt' ? (k as number) < value : (k as number) <= value);
        };
        if (op === 'lte' || op === 'lt') from = Math.max(from, this.entries.firstWhere(after));
        else to = Math.min(to, this.entries.firstWhere(after));
      }
    }
    return { from, to: Math.max(from, to), rest };
  }

  private keysOfRef(ref: Ref): readonly SortKeyValue[] {
    if (typeof ref !== 'number') return ref.keys;
    const seeded = this.seeded as SeededRecords;
    return this.orderBy.map((key) => seeded.sortKey(ref, key));
  }

  private entryOf(record: StoredRecord): Entry {
    return { record, keys: keysOf(positionOf(record, this.orderBy), this.orderBy) };
  }

  /** The smallest position whose entry orders after (keys, seq); the size when none does. */
  private firstAfter(keys: readonly SortKeyValue[], seq: number): number {
    return this.entries.firstWhere((ref) => compareKeys(this.keysOfRef(ref), seqOf(ref), keys, seq, this.orderBy) > 0);
  }
}

/** Splits a query's conditions into the equalities an index can be partitioned by and the rest, checked per record. */
export function splitConditions(where: readonly Condition[]): { partition: Condition[]; rest: Condition[] } {
  const partition = where.filter((condition) => condition.op === 'eq');
  return { partition, rest: where.filter((condition) => condition.op !== 'eq') };
}

/** The identity of an index: which equalities it holds and in what order. */
export function indexKey(partition: readonly Condition[], orderBy: readonly SortKey[]): string {
  const equalities = partition
    .map((condition) => [condition.field, condition.op === 'eq' ? condition.value : null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return JSON.stringify([equalities, orderBy]);
}

/**
 * One page from an index, checking the remaining conditions per record. A time window on the first sort key narrows
 * the positions first (`narrow`). Without remaining conditions the page is a slice and the total is the window's size;
 * with them, counting the total visits the window once (seeded records from their key columns). Only the page's own
 * records are made whole.
 */
export function pageFromIndex(index: SortedIndex, conditions: readonly Condition[], page: PageSpec): ListPage {
  const { from, to, rest } = index.narrow(conditions);
  const start = page.kind === 'offset' ? from : page.after ? Math.max(from, index.startAfter(page.after)) : from;
  if (rest.length === 0) {
    const first = page.kind === 'offset' ? from + page.offset : start;
    const end = Math.min(to, first + page.limit);
    const items = first < end ? index.slice(first, end) : [];
    return { items, total: to - from, hasMore: end < to && first < to };
  }
  const test = index.tester(rest);
  const window: Ref[] = [];
  let total = 0;
  let beyond = 0;
  let position = from;
  for (const ref of index.refs(from, to)) {
    if (test(ref)) {
      const inWindow = page.kind === 'offset' ? total >= page.offset : position >= start;
      if (inWindow) {
        if (window.length < page.limit) window.push(ref);
        else beyond++;
      }
      total++;
    }
    position++;
  }
  return { items: window.map((ref) => index.recordOf(ref)), total, hasMore: beyond > 0 };
}

/** A page over records held in no index (a backend that reads a collection whole): the same semantics, built once. */
export function pageOf(records: Iterable<StoredRecord>, query: ListQuery): ListPage {
  const { partition, rest } = splitConditions(query.where);
  return pageFromIndex(new SortedIndex(partition, query.orderBy, records), rest, query.page);
}
