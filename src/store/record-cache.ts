import { deepFreeze } from '../core/json.ts';
import { markStored } from '../core/stored.ts';
import type { SeedColumns } from './seed-columns.ts';
import type { StoredRecord } from './store.ts';

// Seeded records of generated collections made whole on demand, the recently used kept up to a budget in bytes
// (each weighed by its collection's average JSON length; CLOCK eviction, so a hit costs a flag, not a reordering).
// The same record served twice while cached is the same object, so the caches keyed on stored values (JSON bytes,
// validation, views) find it; once it falls out, those caches let go of it too (they are bounded or weak), and the
// next request makes it again, byte for byte the same.

/** Most records keep nothing beside their data: they share one frozen empty meta. */
export const NO_META: StoredRecord['meta'] = Object.freeze({});

/** How many of a collection's first records are measured to weigh its records. */
const SAMPLES = 16;

/** The default budget: ~8 MB of records as JSON text (roughly two to three times that as objects). */
export const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

interface Entry {
  readonly columns: SeedColumns;
  readonly i: number;
  readonly record: StoredRecord;
  readonly bytes: number;
  /** Used since it last came up for eviction: it gets a second chance (the CLOCK approximation of LRU). */
  hot: boolean;
}

export class RecordCache {
  private readonly entries = new WeakMap<SeedColumns, Map<number, Entry>>();
  /** Every entry, oldest first. */
  private readonly order = new Set<Entry>();
  private held = 0;

  constructor(
    private readonly budget = DEFAULT_CACHE_BYTES,
    readonly freeze = false,
  ) {}

  /** Record `i` of the generated collection, as stored: sequence number `i`, version 1. */
  get(columns: SeedColumns, i: number): StoredRecord {
    let records = this.entries.get(columns);
    const cached = records?.get(i);
    if (cached) {
      // A hit only sets a flag: no reordering on the request path.
      cached.hot = true;
      return cached.record;
    }
    if (!records) {
      records = new Map();
      this.entries.set(columns, records);
    }
    const entry: Entry = { columns, i, record: make(columns, i, this.freeze), bytes: columns.recordBytes, hot: false };
    records.set(i, entry);
    this.order.add(entry);
    this.held += entry.bytes;
    this.evict();
    return entry.record;
  }

  /** Record `i` if it is cached now (without making it, or counting as a use). */
  peek(columns: SeedColumns, i: number): StoredRecord | undefined {
    return this.entries.get(columns)?.get(i)?.record;
  }

  /** How many records and (estimated) bytes it holds now. */
  get size(): { readonly records: number; readonly bytes: number } {
    return { records: this.order.size, bytes: this.held };
  }

  /** The oldest records go until the budget holds, each used since it was last considered going round once more. */
  private evict(): void {
    while (this.held > this.budget && this.order.size > 1) {
      const oldest = this.order.values().next().value as Entry;
      this.order.delete(oldest);
      if (oldest.hot) {
        oldest.hot = false;
        this.order.add(oldest);
        continue;
      }
      this.entries.get(oldest.columns)?.delete(oldest.i);
      this.held -= oldest.bytes;
    }
  }
}

/** Record `i` made whole, marked as stored (and frozen where the store freezes); the first ones weigh the collection. */
export function make(columns: SeedColumns, i: number, freeze: boolean): StoredRecord {
  const made = columns.source.record(i);
  if (columns.sampled < SAMPLES) {
    const length = JSON.stringify(made.data).length + (made.meta ? JSON.stringify(made.meta).length : 0);
    columns.recordBytes = (columns.recordBytes * columns.sampled + length) / (columns.sampled + 1);
    columns.sampled++;
  }
  return asStored({ id: made.id, seq: i, version: 1, data: made.data, meta: made.meta ?? NO_META }, freeze);
}

/** A record as a store holds it: marked as stored (see `markStored`), and deep-frozen where the store freezes. */
export function asStored(record: StoredRecord, freeze: boolean): StoredRecord {
  markStored(record.data);
  if (freeze) {
    deepFreeze(record.data);
    deepFreeze(record.meta);
    Object.freeze(record);
  }
  return record;
}
