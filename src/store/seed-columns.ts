import { readPath } from '../core/json.ts';
import type { CellValue, Column } from './column.ts';
import { ColumnBuilder } from './columns.ts';
import type { GeneratedCollection } from './store.ts';

// What a store keeps of a generated collection (issue 17, decision 006): its key columns and a table to find a record
// by id, built once from `keys(i)` and shared by every space seeded from the same generator. Ids are not kept: the
// table holds a 32-bit hash of each, and a lookup checks the record it found (its id, made again) before answering.

/** Builds columns of a generator once: every space seeded from it (sessions, resets) shares them. */
const built = new WeakMap<GeneratedCollection, SeedColumns>();

export function seedColumnsOf(source: GeneratedCollection): SeedColumns {
  let columns = built.get(source);
  if (!columns) {
    columns = new SeedColumns(source);
    built.set(source, columns);
  }
  return columns;
}

let serials = 0;

export class SeedColumns {
  readonly count: number;
  readonly fields: readonly string[];
  /** Distinct per instance, so caches can key records by (columns, index) as one number. */
  readonly serial = ++serials;
  private readonly columns = new Map<string, Column>();
  /** Columns made later for fields the generator did not declare (a list named one): built from whole records. */
  private readonly extras = new Map<string, Column>();
  private readonly hashes: Uint32Array;
  /** Open addressing: slot -> record index + 1 (0: empty), probed linearly from the id's hash. */
  private readonly slots: Int32Array;
  /** JSON length of a whole record, averaged over the first ones made; what a bounded cache weighs records by. */
  recordBytes = 2048;
  sampled = 0;

  constructor(readonly source: GeneratedCollection) {
    this.count = source.count;
    this.fields = source.fields;
    this.hashes = new Uint32Array(this.count);
    this.slots = new Int32Array(tableSize(this.count));
    const builders = this.fields.map(() => new ColumnBuilder(this.count));
    for (let i = 0; i < this.count; i++) {
      const keys = source.keys(i);
      this.index(keys.id, i);
      for (let k = 0; k < builders.length; k++) (builders[k] as ColumnBuilder).add(keys.values[k]);
    }
    this.fields.forEach((field, k) => {
      this.columns.set(field, (builders[k] as ColumnBuilder).build());
    });
  }

  /** The column of a field, declared or made later by `addColumn`. */
  column(field: string): Column | undefined {
    return this.columns.get(field) ?? this.extras.get(field);
  }

  /**
   * Makes a column for a field the generator did not declare, from every record made whole (slow: each record is
   * generated once). Kept, so it happens once per generator.
   */
  addColumn(field: string): Column {
    const existing = this.column(field);
    if (existing) return existing;
    const builder = new ColumnBuilder(this.count);
    for (let i = 0; i < this.count; i++) builder.add(readPath(this.source.record(i).data, field) as CellValue);
    const column = builder.build();
    this.extras.set(field, column);
    return column;
  }

  /** Record indexes whose id may be `id` (same hash), most likely first; the caller checks the id. */
  candidates(id: string): number[] {
    const hash = hashOf(id);
    const mask = this.slots.length - 1;
    const found: number[] = [];
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return found;
      if (this.hashes[entry - 1] === hash) found.push(entry - 1);
    }
  }

  /** Index of the record with this id, checking ids by making keys again (no whole record); -1 when none. */
  find(id: string): number {
    for (const i of this.candidates(id)) if (this.source.keys(i).id === id) return i;
    return -1;
  }

  /** Bytes held: key columns and the id table. */
  get bytes(): number {
    let bytes = this.hashes.byteLength + this.slots.byteLength;
    for (const column of [...this.columns.values(), ...this.extras.values()]) bytes += column.bytes;
    return bytes;
  }

  /**
   * What identifies the generated data: its size, fields and a hash of the keys of up to 64 records spread over it.
   * A durable store keeps it beside the changes it logs, and checks that a generator made after a restart is the same.
   */
  fingerprint(): string {
    this.print ??= this.makeFingerprint();
    return this.print;
  }

  private print: string | undefined;

  private makeFingerprint(): string {
    let hash = hashOf(`${this.count}|${this.fields.join(',')}`);
    const step = Math.max(1, Math.floor(this.count / 64));
    for (let i = 0; i < this.count; i += step) {
      const keys = this.source.keys(i);
      hash = hashOf(`${hash}|${keys.id}|${JSON.stringify(keys.values)}`);
    }
    return `${this.count}:${hash.toString(16)}`;
  }

  /** Records the new record's id hash; an id already there is the generator's bug. */
  private index(id: string, i: number): void {
    const hash = hashOf(id);
    this.hashes[i] = hash;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const other = (this.slots[slot] as number) - 1;
      if (this.hashes[other] === hash && this.source.keys(other).id === id) {
        throw new Error(`generated collection: records ${other} and ${i} have the same id ${id}`);
      }
    }
    this.slots[slot] = i + 1;
  }
}

/** A power of two at least twice the count, so probes stay short. */
function tableSize(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  return size;
}

/** FNV-1a, 32 bits. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
