import { type CellValue, type Column, comparable, flat, MAX_EXCEPTIONS, matches } from './column.ts';
import type { Comparison, Condition, SortKeyValue } from './query.ts';

// A key column of hex strings of one shape (see columns.ts): uuids and shas packed two digits a byte.

const HEX_DIGIT = /^[0-9a-f]$/;
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Lower-case hex strings of one shape (a uuid, a git sha: the same length, dashes at the same places) as packed bytes,
 * two digits a byte: a uuid costs 16 bytes instead of ~70 as a string. Others are kept aside as they are.
 */
export class HexColumn implements Column {
  readonly kind = 'hex';
  private readonly digits: number;
  private readonly bytesPer: number;
  private readonly packed: Uint8Array;
  /** 0: a value; 1: null; 2: missing; 3: kept aside. */
  private readonly flags: Uint8Array;
  private readonly exceptions = new Map<number, string>();

  /** The shape of a hex string (its dashes, `x` for a digit), when it is one worth packing. */
  static shapeOf(value: string): string | undefined {
    if (value.length < 16 || value.length > 128) return undefined;
    let shape = '';
    let digits = 0;
    for (const char of value) {
      if (char === '-') shape += '-';
      else if (HEX_DIGIT.test(char)) {
        shape += 'x';
        digits++;
      } else return undefined;
    }
    return digits >= 16 ? shape : undefined;
  }

  constructor(
    private readonly count: number,
    private readonly shape: string,
  ) {
    this.digits = shape.replaceAll('-', '').length;
    this.bytesPer = Math.ceil(this.digits / 2);
    this.packed = new Uint8Array(count * this.bytesPer);
    this.flags = new Uint8Array(count);
  }

  set(i: number, value: CellValue): boolean {
    if (value === null || value === undefined) {
      this.flags[i] = value === null ? 1 : 2;
      return true;
    }
    if (typeof value !== 'string') return false;
    if (this.encode(value, this.packed, i * this.bytesPer)) {
      this.flags[i] = 0;
      return true;
    }
    this.flags[i] = 3;
    this.exceptions.set(i, flat(value));
    return this.exceptions.size <= MAX_EXCEPTIONS(this.count);
  }

  get bytes(): number {
    return this.packed.byteLength + this.flags.byteLength + this.exceptions.size * 64;
  }

  value(i: number): CellValue {
    const flag = this.flags[i];
    if (flag === 1) return null;
    if (flag === 2) return undefined;
    if (flag === 3) return this.exceptions.get(i);
    let hex = '';
    for (let b = i * this.bytesPer, end = b + this.bytesPer; b < end; b++) hex += HEX_PAIRS[this.packed[b] as number];
    if (hex.length > this.digits) hex = hex.slice(0, this.digits);
    let out = '';
    let at = 0;
    for (const char of this.shape) out += char === '-' ? '-' : (hex[at++] as string);
    return out;
  }

  comparable(i: number, as: Comparison | undefined): SortKeyValue {
    return comparable(this.value(i), as);
  }

  matcher(condition: Condition): (i: number) => boolean {
    if (condition.op === 'eq' && typeof condition.value === 'string') {
      const wanted = new Uint8Array(this.bytesPer);
      const text = condition.value;
      if (!this.encode(text, wanted, 0)) return (i) => this.flags[i] === 3 && this.exceptions.get(i) === text;
      return (i) => {
        if (this.flags[i] !== 0) return false;
        const start = i * this.bytesPer;
        for (let b = 0; b < this.bytesPer; b++) if (this.packed[start + b] !== wanted[b]) return false;
        return true;
      };
    }
    return (i) => matches(this.value(i), condition);
  }

  /** Packs a value of this column's shape into `target` at `offset`; false (target left partly written) for any other string. */
  private encode(value: string, target: Uint8Array, offset: number): boolean {
    if (value.length !== this.shape.length) return false;
    target.fill(0, offset, offset + this.bytesPer);
    let digit = 0;
    for (let k = 0; k < value.length; k++) {
      const code = value.charCodeAt(k);
      if (this.shape.charCodeAt(k) === 45) {
        if (code !== 45) return false;
        continue;
      }
      const nibble = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
      if (nibble < 0) return false;
      const at = offset + (digit >> 1);
      target[at] = (target[at] as number) | (digit % 2 === 0 ? nibble << 4 : nibble);
      digit++;
    }
    return true;
  }
}
