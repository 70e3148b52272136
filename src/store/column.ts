import type { Json } from '../core/json.ts';
import { comparable as comparableJson, matches as matchesJson, type Comparison, type Condition, type SortKeyValue } from './query.ts';
import type { KeyValue } from './store.ts';

// What every key column is (see columns.ts): a value per record, read back exactly, compared and tested as the query
// would compare and test the value itself.

/** A value as read from a record: a key value, or undefined when the record lacks the field. */
export type CellValue = KeyValue | undefined;

// Key values are JSON values (their arrays are read-only here): the query's own functions judge them.
export const comparable = (value: CellValue, as: Comparison | undefined): SortKeyValue => comparableJson(value as Json | undefined, as);
export const matches = (value: CellValue, condition: Condition): boolean => matchesJson(value as Json | undefined, condition);

export interface Column {
  readonly kind: 'number' | 'time' | 'hex' | 'interned';
  /** The value of record `i` at this column's field. */
  value(i: number): CellValue;
  /** `comparable(value(i), as)` (query.ts), without making the value where the column can avoid it. */
  comparable(i: number, as: Comparison | undefined): SortKeyValue;
  /** A test of record `i` equal to `matches(value(i), condition)` (query.ts). */
  matcher(condition: Condition): (i: number) => boolean;
  /** Bytes the column holds (typed arrays, and its table's entries estimated), for measurements. */
  readonly bytes: number;
}

/**
 * A copy of a string that holds only its characters. Strings a generator builds piece by piece are trees of pieces
 * (a 24-character timestamp measured ~800 bytes); a table of 100k of them would cost ten times its text.
 */
export function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Values that do not fit a column's form, kept as they are; past this share the column falls back to interning. */
export const MAX_EXCEPTIONS = (count: number) => Math.max(64, Math.floor(count / 100));
