import { type CellValue, type Column, comparable, flat, MAX_EXCEPTIONS, matches } from './column.ts';
import { type Comparison, type Condition, compareScalars, inRange, isRange, type SortKeyValue } from './query.ts';

// A key column of ISO times (see columns.ts): instants in a Float64Array, written back byte for byte in the column's
// one format; read without `Date.parse`, since a store reads every seeded time when it builds its columns.

/**
 * While a time column has written no more than this many values in its format, a value of another format may still
 * become the column's format (the earlier ones are kept aside): a seed often starts with a document's example.
 */
const EARLY = 8;

/** How the ISO times of a column are written: with or without milliseconds, and how many digits follow them. */
interface TimeFormat {
  readonly milliseconds: boolean;
  readonly extraDigits: number;
}

const LOOSE_ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** The instant of an ISO time in UTC of any precision, as `Date.parse` reads it; undefined for anything else. */
export function looseTime(value: string): number | undefined {
  if (!LOOSE_ISO_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const digitsAt = (value: string, from: number, length: number): number => {
  let n = 0;
  for (let k = from; k < from + length; k++) {
    const digit = value.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:mm:ssZ`, or with 3 to 9 fraction digits, read without `Date.parse` (the columns read every seeded
 * time): its instant (what `Date.parse` gives: the first three fraction digits count), its format and the digits past
 * the milliseconds. Only a time whose fields are in range, so that writing the instant back gives the same text.
 */
export function parseIso(value: string): { readonly ms: number; readonly format: TimeFormat; readonly extra: number } | undefined {
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== 90) return undefined;
  const separators = value[4] === '-' && value[7] === '-' && value[10] === 'T' && value[13] === ':' && value[16] === ':';
  if (!separators) return undefined;
  const [year, month, day, hour, minute, second] = [
    digitsAt(value, 0, 4),
    digitsAt(value, 5, 2),
    digitsAt(value, 8, 2),
    digitsAt(value, 11, 2),
    digitsAt(value, 14, 2),
    digitsAt(value, 17, 2),
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > monthDays || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  if (length === 20) return { ms: Date.UTC(year, month - 1, day, hour, minute, second), format: { milliseconds: false, extraDigits: 0 }, extra: 0 };
  const fraction = length - 21;
  if (value[19] !== '.' || fraction < 3 || fraction > 9) return undefined;
  const millis = digitsAt(value, 20, 3);
  const extra = fraction > 3 ? digitsAt(value, 23, fraction - 3) : 0;
  if (millis < 0 || extra < 0) return undefined;
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, millis), format: { milliseconds: true, extraDigits: fraction - 3 }, extra };
}

function formatTime(ms: number, format: TimeFormat, extra: number): string {
  const iso = new Date(ms).toISOString();
  if (!format.milliseconds) return `${iso.slice(0, 19)}Z`;
  if (format.extraDigits === 0) return iso;
  return `${iso.slice(0, 23)}${String(extra).padStart(format.extraDigits, '0')}Z`;
}

const sameFormat = (a: TimeFormat, b: TimeFormat) => a.milliseconds === b.milliseconds && a.extraDigits === b.extraDigits;

/**
 * ISO times as instants (`Date.parse`, what comparisons `as: 'time'` use) in a Float64Array, written back in the
 * column's one format (the first value's that has one); times of another format are kept aside as they are.
 */
export class TimeColumn implements Column {
  readonly kind = 'time';
  private readonly numbers: Float64Array;
  private extras: Uint32Array | undefined;
  private format: TimeFormat | undefined;
  private readonly missing = new Set<number>();
  private readonly exceptions = new Map<number, string>();
  /** The records written in the column's format so far, while they are few (see EARLY). */
  private early: number[] | undefined = [];

  constructor(private readonly count: number) {
    this.numbers = new Float64Array(count).fill(Number.NaN);
  }

  set(i: number, value: CellValue): boolean {
    if (value === undefined) this.missing.add(i);
    if (value === undefined || value === null) return true;
    if (typeof value !== 'string') return false;
    const parsed = parseIso(value);
    if (parsed && this.format && !sameFormat(parsed.format, this.format) && this.early) {
      // The format so far served a few values only: they go aside, and this value's format is the column's.
      for (const j of this.early) this.exceptions.set(j, this.value(j) as string);
      this.early = [];
      this.format = undefined;
    }
    if (parsed && !this.format) {
      this.format = parsed.format;
      this.extras = parsed.format.extraDigits > 0 ? new Uint32Array(this.count) : undefined;
    }
    if (parsed && this.format && sameFormat(parsed.format, this.format)) {
      this.numbers[i] = parsed.ms;
      if (this.extras) this.extras[i] = parsed.extra;
      if (this.early) {
        this.early.push(i);
        if (this.early.length > EARLY) this.early = undefined;
      }
      return true;
    }
    const ms = parsed?.ms ?? looseTime(value);
    if (ms === undefined) return false;
    this.numbers[i] = ms;
    this.exceptions.set(i, flat(value));
    return this.exceptions.size <= MAX_EXCEPTIONS(this.count);
  }

  /** Whether the column has a format (a column of times all kept aside is better interned). */
  complete(): boolean {
    return this.format !== undefined;
  }

  get bytes(): number {
    return this.numbers.byteLength + (this.extras?.byteLength ?? 0) + this.exceptions.size * 64;
  }

  value(i: number): CellValue {
    const exception = this.exceptions.get(i);
    if (exception !== undefined) return exception;
    const ms = this.numbers[i] as number;
    if (Number.isNaN(ms)) return this.missing.has(i) ? undefined : null;
    return formatTime(ms, this.format as TimeFormat, this.extras?.[i] ?? 0);
  }

  comparable(i: number, as: Comparison | undefined): SortKeyValue {
    if (as !== 'time') return comparable(this.value(i), as);
    const ms = this.numbers[i] as number;
    return Number.isNaN(ms) ? undefined : ms;
  }

  matcher(condition: Condition): (i: number) => boolean {
    if (isRange(condition) && condition.as === 'time' && typeof condition.value === 'number') {
      const { op } = condition;
      const value = condition.value;
      return (i) => {
        const ms = this.numbers[i] as number;
        return !Number.isNaN(ms) && inRange(op, compareScalars(ms, value));
      };
    }
    return (i) => matches(this.value(i), condition);
  }
}
