import {
  compareKeys,
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
import { BlockList } from './block-list.ts';
import type { ListPage, StoredRecord } from './store.ts';

interface Entry {
  readonly record: StoredRecord;
  readonly keys: readonly SortKeyValue[];
}

/**
 * The records of a collection that meet `partition` (equality conditions), kept in `orderBy` order as records are
 * written. A page is then a binary search and a slice, whatever the collection's size, instead of a filter and a
 * sort of every record. Sort values are made comparable once per record (dates parsed once, not per comparison).
 */
export class SortedIndex {
  private readonly entries: BlockList<Entry>;

  constructor(
    readonly partition: readonly Condition[],
    readonly orderBy: readonly SortKey[],
    records: Iterable<StoredRecord>,
  ) {
    const entries: Entry[] = [];
    for (const record of records) if (this.accepts(record)) entries.push(this.entryOf(record));
    entries.sort((a, b) => compareKeys(a.keys, a.record.seq, b.keys, b.record.seq, orderBy));
    this.entries = new BlockList(entries);
  }

  get size(): number {
    return this.entries.length;
  }

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
    if (this.entries.at(at)?.record.id === record.id) this.entries.remove(at);
  }

  /** Where a keyset page starts: the first entry ordered after the position. */
  startAfter(position: Position): number {
    return this.firstAfter(keysOf(position, this.orderBy), position.seq);
  }

  at(index: number): StoredRecord | undefined {
    return this.entries.at(index)?.record;
  }

  slice(start: number, end: number): StoredRecord[] {
    return this.entries.slice(start, end).map((entry) => entry.record);
  }

  /** Every record in order, for a scan that checks further conditions. */
  *records(): Generator<StoredRecord> {
    for (let start = 0; start < this.entries.length; start += 1024) {
      for (const entry of this.entries.slice(start, start + 1024)) yield entry.record;
    }
  }

  private entryOf(record: StoredRecord): Entry {
    return { record, keys: keysOf(positionOf(record, this.orderBy), this.orderBy) };
  }

  /** The smallest position whose entry orders after (keys, seq); the size when none does. */
  private firstAfter(keys: readonly SortKeyValue[], seq: number): number {
    return this.entries.firstWhere((entry) => compareKeys(entry.keys, entry.record.seq, keys, seq, this.orderBy) > 0);
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
 * One page from an index, checking the remaining conditions per record. Without remaining conditions the page is a
 * slice and the total is the index's size; with them, counting the total visits the partition once.
 */
export function pageFromIndex(index: SortedIndex, rest: readonly Condition[], page: PageSpec): ListPage {
  const start = page.kind === 'offset' ? 0 : page.after ? index.startAfter(page.after) : 0;
  if (rest.length === 0) {
    const first = page.kind === 'offset' ? page.offset : start;
    const items = index.slice(first, first + page.limit);
    return { items, total: index.size, hasMore: first + items.length < index.size };
  }
  const items: StoredRecord[] = [];
  let total = 0;
  let beyond = 0;
  let position = 0;
  for (const record of index.records()) {
    if (matchesAll(record, rest)) {
      const inWindow = page.kind === 'offset' ? total >= page.offset : position >= start;
      if (inWindow) {
        if (items.length < page.limit) items.push(record);
        else beyond++;
      }
      total++;
    }
    position++;
  }
  return { items, total, hasMore: beyond > 0 };
}

/** A page over records held in no index (a backend that reads a collection whole): the same semantics, built once. */
export function pageOf(records: Iterable<StoredRecord>, query: ListQuery): ListPage {
  const { partition, rest } = splitConditions(query.where);
  return pageFromIndex(new SortedIndex(partition, query.orderBy, records), rest, query.page);
}
