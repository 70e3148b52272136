import { readPath, type Json, type JsonObject } from '../core/json.ts';

// List queries as plain data, so every store backend (memory, Redis, a file) can evaluate or plan them.
// Values compared `as: 'time'` are ISO-8601 strings on records and epoch milliseconds in conditions.

export type Comparison = 'text' | 'number' | 'time';

export type Condition =
  | { readonly field: string; readonly op: 'eq'; readonly value: Json }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Json[] }
  | { readonly field: string; readonly op: 'gte' | 'gt' | 'lte' | 'lt'; readonly value: string | number; readonly as?: Comparison }
  | { readonly field: string; readonly op: 'contains'; readonly value: string; readonly ignoreCase?: boolean }
  | { readonly field: string; readonly op: 'has'; readonly value: Json }
  | { readonly field: string; readonly op: 'overlaps'; readonly values: readonly Json[] };

export interface SortKey {
  readonly field: string;
  readonly dir: 'asc' | 'desc';
  readonly as?: Comparison;
}

/** Where a keyset page starts: the sort values and sequence number of the last item already seen. */
export interface Position {
  readonly values: readonly Json[];
  readonly seq: number;
}

export type PageSpec =
  | { readonly kind: 'offset'; readonly offset: number; readonly limit: number }
  | { readonly kind: 'keyset'; readonly after?: Position; readonly limit: number };

export interface ListQuery {
  readonly where: readonly Condition[];
  readonly orderBy: readonly SortKey[];
  readonly page: PageSpec;
}

/** What the query engine needs of a stored record. */
export interface Sortable {
  readonly seq: number;
  readonly data: JsonObject;
}

export function matchesAll(record: Sortable, where: readonly Condition[]): boolean {
  return where.every((condition) => matches(readPath(record.data, condition.field), condition));
}

export function matches(actual: Json | undefined, condition: Condition): boolean {
  switch (condition.op) {
    case 'eq':
      return actual === condition.value;
    case 'in':
      return actual !== undefined && condition.values.includes(actual);
    case 'has':
      return Array.isArray(actual) && actual.includes(condition.value);
    case 'overlaps':
      return Array.isArray(actual) && actual.some((item) => condition.values.includes(item));
    case 'contains': {
      if (typeof actual !== 'string') return false;
      return condition.ignoreCase ? actual.toLowerCase().includes(condition.value.toLowerCase()) : actual.includes(condition.value);
    }
    default: {
      const left = comparable(actual, condition.as);
      return left !== undefined && inRange(condition.op, compareScalars(left, condition.value));
    }
  }
}

export type RangeCondition = Extract<Condition, { readonly op: 'gte' | 'gt' | 'lte' | 'lt' }>;

export function isRange(condition: Condition): condition is RangeCondition {
  return condition.op === 'gte' || condition.op === 'gt' || condition.op === 'lte' || condition.op === 'lt';
}

/** Whether a value that compares `order` (-1, 0, 1) to a range condition's bound meets it. */
export function inRange(op: RangeCondition['op'], order: number): boolean {
  if (op === 'gte') return order >= 0;
  if (op === 'gt') return order > 0;
  if (op === 'lte') return order <= 0;
  return order < 0;
}

export function comparable(value: Json | undefined, as: Comparison | undefined): string | number | undefined {
  if (value === null || value === undefined) return undefined;
  if (as === 'time') {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (as === 'number') return typeof value === 'number' ? value : Number(value);
  return typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
}

export function compareScalars(left: string | number, right: string | number): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** The sort values of a record, in the query's order; the shape a Position stores. */
export function sortValues(record: Sortable, orderBy: readonly SortKey[]): Json[] {
  return orderBy.map((key) => readPath(record.data, key.field) ?? null);
}

/** A sort value made comparable once: a number (times, numbers), a string, or undefined for missing and null. */
export type SortKeyValue = string | number | undefined;

/**
 * Total order over records: the sort keys, then the sequence number in the first key's direction, so equal keys
 * keep a stable, insertion-based order. Missing and null values count as larger than every value (PostgreSQL's
 * default): last when ascending, first when descending.
 */
export function compareRecords(a: Sortable, b: Sortable, orderBy: readonly SortKey[]): number {
  return comparePositions({ values: sortValues(a, orderBy), seq: a.seq }, { values: sortValues(b, orderBy), seq: b.seq }, orderBy);
}

export function comparePositions(a: Position, b: Position, orderBy: readonly SortKey[]): number {
  return compareKeys(keysOf(a, orderBy), a.seq, keysOf(b, orderBy), b.seq, orderBy);
}

/** A position's sort values made comparable, so an index can compare without parsing dates again. */
export function keysOf(position: Position, orderBy: readonly SortKey[]): SortKeyValue[] {
  return orderBy.map((key, index) => comparable(position.values[index] ?? null, key.as));
}

export function compareKeys(a: readonly SortKeyValue[], aSeq: number, b: readonly SortKeyValue[], bSeq: number, orderBy: readonly SortKey[]): number {
  for (let index = 0; index < orderBy.length; index++) {
    const order = compareNullable(a[index], b[index]);
    if (order !== 0) return orderBy[index]?.dir === 'desc' ? -order : order;
  }
  const seqOrder = aSeq - bSeq;
  return orderBy[0]?.dir === 'desc' ? -seqOrder : seqOrder;
}

function compareNullable(a: SortKeyValue, b: SortKeyValue): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compareScalars(a, b);
}

export function positionOf(record: Sortable, orderBy: readonly SortKey[]): Position {
  return { values: sortValues(record, orderBy), seq: record.seq };
}
