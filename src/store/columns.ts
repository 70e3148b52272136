import { type CellValue, type Column, comparable, flat, matches } from './column.ts';
import { HexColumn } from './hex-column.ts';
import type { Comparison, Condition, SortKeyValue } from './query.ts';
import type { KeyValue } from './store.ts';
import { looseTime, parseIso, TimeColumn } from './time-column.ts';

// The key values of a generated collection (`GeneratedCollection.keys(i)`), one column per declared field, in compact
// form (decision 006): numbers and ISO times in a Float64Array, fixed-shape hex strings (uuids, shas) as packed bytes,
// every other value interned (a code per record into a table of the distinct values, so a status or a list of
// namespaces costs one or two bytes a record). A column gives back the exact value the record holds, so lists
// evaluated from columns agree with lists evaluated on the records themselves; the few values that do not fit a
// column's form (a document's example written otherwise) are kept aside as they are.

/** Distinct values past which an interned column of hex strings of one shape is packed instead. */
const HEX_AFTER = 256;

type Mode = 'empty' | 'number' | 'time' | 'hex' | 'interned';

/** Builds a column from the values of records 0..count-1 given in order, choosing its form as it goes. */
export class ColumnBuilder {
  private mode: Mode = 'empty';
  /** Records holding null or nothing before the first value decided the form. */
  private readonly before: CellValue[] = [];
  private numbers: NumberColumn | undefined;
  private times: TimeColumn | undefined;
  private hexes: HexColumn | undefined;
  private interned: Interner | undefined;
  private hexTried = false;
  private added = 0;

  constructor(private readonly count: number) {}

  add(value: CellValue): void {
    const i = this.added++;
    if (this.mode === 'empty') {
      if (value === null || value === undefined) {
        this.before.push(value);
        return;
      }
      this.start(value);
    }
    if (this.mode === 'interned') {
      const interner = this.interned as Interner;
      interner.set(i, value);
      if (!this.hexTried && interner.size > HEX_AFTER) this.tryHex(i, value);
      return;
    }
    const fits = this.mode === 'number' ? this.numbers?.set(i, value) : this.mode === 'time' ? this.times?.set(i, value) : this.hexes?.set(i, value);
    if (!fits) {
      this.demote(i);
      this.interned?.set(i, value);
    }
  }

  build(): Column {
    if (this.added !== this.count) throw new Error(`column built from ${this.added} values, expected ${this.count}`);
    if (this.mode === 'empty') this.start(null);
    if (this.mode === 'time' && !this.times?.complete()) this.demote(this.count);
    return this.numbers ?? this.times ?? this.hexes ?? (this.interned as Interner).build();
  }

  private start(value: KeyValue | null): void {
    if (typeof value === 'number') {
      this.mode = 'number';
      this.numbers = new NumberColumn(this.count);
    } else if (typeof value === 'string' && (parseIso(value) || looseTime(value) !== undefined)) {
      this.mode = 'time';
      this.times = new TimeColumn(this.count);
    } else {
      this.mode = 'interned';
      this.interned = new Interner(this.count);
    }
    const column = this.numbers ?? this.times ?? this.interned;
    this.before.forEach((earlier, i) => {
      column?.set(i, earlier);
    });
  }

  /**
   * Many distinct strings so far: when they are hex of one shape (ids, shas; a few others may be kept aside), packs
   * them. Tried once, after `HEX_AFTER` distinct values, so a field of few values (a definition id) stays interned.
   */
  private tryHex(i: number, value: CellValue): void {
    this.hexTried = true;
    const shape = typeof value === 'string' ? HexColumn.shapeOf(value) : undefined;
    if (!shape) return;
    const hexes = new HexColumn(this.count, shape);
    const interner = this.interned as Interner;
    for (let j = 0; j <= i; j++) if (!hexes.set(j, interner.valueAt(j))) return;
    this.hexes = hexes;
    this.interned = undefined;
    this.mode = 'hex';
  }

  /** The values so far did not all fit the compact form: intern them (the one that did not fit is added next). */
  private demote(until: number): void {
    const column = this.numbers ?? this.times ?? this.hexes;
    const interner = new Interner(this.count);
    for (let j = 0; j < until; j++) interner.set(j, column?.value(j));
    this.interned = interner;
    this.numbers = undefined;
    this.times = undefined;
    this.hexes = undefined;
    this.hexTried = true;
    this.mode = 'interned';
  }
}

/** Numbers (and null, and nothing) in a Float64Array: NaN for null, a set for the records that lack the field. */
class NumberColumn implements Column {
  readonly kind = 'number';
  private readonly numbers: Float64Array;
  private readonly missing = new Set<number>();

  constructor(count: number) {
    this.numbers = new Float64Array(count).fill(Number.NaN);
  }

  set(i: number, value: CellValue): boolean {
    if (value === undefined) this.missing.add(i);
    else if (typeof value === 'number') this.numbers[i] = value;
    else if (value !== null) return false;
    return true;
  }

  get bytes(): number {
    return this.numbers.byteLength;
  }

  value(i: number): CellValue {
    const n = this.numbers[i] as number;
    if (Number.isNaN(n)) return this.missing.has(i) ? undefined : null;
    return n;
  }

  comparable(i: number, as: Comparison | undefined): SortKeyValue {
    const n = this.numbers[i] as number;
    if (as !== 'time' && !Number.isNaN(n)) return n;
    return comparable(this.value(i), as);
  }

  matcher(condition: Condition): (i: number) => boolean {
    return (i) => matches(this.value(i), condition);
  }
}

/** Tables up to this size have a condition evaluated once per distinct value instead of once per record. */
const PRECOMPUTED_TABLE = 4096;

class Interner {
  private readonly codes: Uint32Array;
  private readonly table: CellValue[] = [];
  private readonly scalars = new Map<CellValue, number>();
  private readonly arrays = new Map<string, number>();

  constructor(count: number) {
    this.codes = new Uint32Array(count);
  }

  set(i: number, value: CellValue): boolean {
    this.codes[i] = this.codeOf(value);
    return true;
  }

  get size(): number {
    return this.table.length;
  }

  valueAt(i: number): CellValue {
    return this.table[this.codes[i] as number];
  }

  build(): Column {
    const narrow = this.table.length <= 0xff ? Uint8Array.from(this.codes) : this.table.length <= 0xffff ? Uint16Array.from(this.codes) : this.codes;
    return new InternedColumn(narrow, this.table);
  }

  private codeOf(value: CellValue): number {
    if (Array.isArray(value)) {
      const key = JSON.stringify(value);
      let code = this.arrays.get(key);
      if (code === undefined) {
        code = this.table.push(Object.freeze(value.map(flat))) - 1;
        this.arrays.set(key, code);
      }
      return code;
    }
    let code = this.scalars.get(value);
    if (code === undefined) {
      code = this.table.push(typeof value === 'string' ? flat(value) : value) - 1;
      this.scalars.set(value, code);
    }
    return code;
  }
}

class InternedColumn implements Column {
  readonly kind = 'interned';
  private readonly comparables = new Map<Comparison | undefined, SortKeyValue[]>();

  constructor(
    private readonly codes: Uint8Array | Uint16Array | Uint32Array,
    private readonly table: readonly CellValue[],
  ) {}

  get bytes(): number {
    let strings = 0;
    for (const value of this.table) strings += typeof value === 'string' ? 24 + value.length : Array.isArray(value) ? 24 + JSON.stringify(value).length : 8;
    return this.codes.byteLength + strings;
  }

  value(i: number): CellValue {
    return this.table[this.codes[i] as number];
  }

  comparable(i: number, as: Comparison | undefined): SortKeyValue {
    let made = this.comparables.get(as);
    if (!made) {
      made = this.table.map((value) => comparable(value, as));
      this.comparables.set(as, made);
    }
    return made[this.codes[i] as number];
  }

  matcher(condition: Condition): (i: number) => boolean {
    if (this.table.length > PRECOMPUTED_TABLE) return (i) => matches(this.value(i), condition);
    const passes = Uint8Array.from(this.table, (value) => (matches(value, condition) ? 1 : 0));
    return (i) => passes[this.codes[i] as number] === 1;
  }
}
