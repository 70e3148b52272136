import { describe, expect, it } from 'vitest';
import type { CellValue } from './column.ts';
import { ColumnBuilder } from './columns.ts';
import { parseIso } from './time-column.ts';
import { comparable, type Condition, matches } from './query.ts';

const columnOf = (values: readonly CellValue[]) => {
  const builder = new ColumnBuilder(values.length);
  for (const value of values) builder.add(value);
  return builder.build();
};

const CONDITIONS: readonly Condition[] = [
  { field: 'f', op: 'eq', value: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e' },
  { field: 'f', op: 'in', values: ['not-a-uuid', '5870442f-3ddd-4657-b74c-6e17308f5230'] },
  { field: 'f', op: 'eq', value: '2026-01-01T00:00:00.000Z' },
  { field: 'f', op: 'eq', value: 'b' },
  { field: 'f', op: 'eq', value: null },
  { field: 'f', op: 'eq', value: 2 },
  { field: 'f', op: 'in', values: ['a', 3, null] },
  { field: 'f', op: 'has', value: 'x' },
  { field: 'f', op: 'overlaps', values: ['x', 'z'] },
  { field: 'f', op: 'contains', value: 'B', ignoreCase: true },
  { field: 'f', op: 'gte', value: 2 },
  { field: 'f', op: 'lt', value: 'b' },
  { field: 'f', op: 'gt', value: Date.UTC(2026, 0, 1, 0, 0, 1), as: 'time' },
  { field: 'f', op: 'lte', value: Date.UTC(2026, 0, 1, 0, 0, 1), as: 'time' },
];

/** Every value, comparable and condition from the column equals the query's own on the value given. */
function expectFaithful(values: readonly CellValue[]): void {
  const column = columnOf(values);
  values.forEach((value, i) => {
    expect(column.value(i)).toEqual(value);
    for (const as of [undefined, 'text', 'number', 'time'] as const) expect(column.comparable(i, as)).toEqual(comparable(value as never, as));
    for (const condition of CONDITIONS) expect(column.matcher(condition)(i)).toBe(matches(value as never, condition));
  });
}

describe('key columns', () => {
  it('keep numbers in a typed array, with null and missing apart', () => {
    const values = [1, null, 2.5, undefined, -3, 0];
    expect(columnOf(values).kind).toBe('number');
    expectFaithful(values);
  });

  it('keep ISO times with milliseconds as instants and give back the same text', () => {
    const values = ['2026-01-01T00:00:00.000Z', null, '2026-01-01T00:00:01.500Z', undefined, '2025-12-31T23:59:59.999Z'];
    expect(columnOf(values).kind).toBe('time');
    expectFaithful(values);
  });

  it('keep whole-second times and times with extra digits in their own form', () => {
    const seconds = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:02Z'];
    const nanos = ['2026-01-01T00:00:00.123456789Z', '2026-01-01T00:00:01.000000001Z', null];
    expect(columnOf(seconds).kind).toBe('time');
    expect(columnOf(nanos).kind).toBe('time');
    expectFaithful(seconds);
    expectFaithful(nanos);
  });

  it('keep times of another form (a document example) aside, and the rest compact', () => {
    const values = ['2021-06-30T03:20:39.49Z', '2026-01-01T00:00:00.000Z', null, '2026-01-01T00:00:01.500Z'];
    expect(columnOf(values).kind).toBe('time');
    expectFaithful(values);
  });

  it('pack hex strings of one shape (uuids, shas), with others and nulls aside', () => {
    const uuids = [
      '5870442f-3ddd-4657-b74c-6e17308f5230',
      null,
      'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
      'not-a-uuid',
      undefined,
      ...Array.from({ length: 300 }, (_, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000001`),
    ];
    const shas = Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(40, 'a'));
    expect(columnOf(uuids).kind).toBe('hex');
    expect(columnOf(shas).kind).toBe('hex');
    expectFaithful(uuids);
    expectFaithful(shas);
    const column = columnOf(uuids);
    expect(column.matcher({ field: 'f', op: 'eq', value: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e' })(2)).toBe(true);
    expect(column.matcher({ field: 'f', op: 'eq', value: 'not-a-uuid' })(3)).toBe(true);
    expect(column.matcher({ field: 'f', op: 'eq', value: 'DB6F8E8B-65C2-47D5-A0DB-90BCC4E9DF9E' })(2)).toBe(false);
  });

  it('take the form of the values that follow a first example written otherwise', () => {
    const hex = ['db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e', ...Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(32, '0'))];
    const times = ['2021-06-30T03:20:39Z', ...Array.from({ length: 300 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i).toISOString())];
    expect(columnOf(hex).kind).toBe('hex');
    expect(columnOf(times).kind).toBe('time');
    expectFaithful(hex);
    expectFaithful(times);
  });

  it('intern hex strings of few distinct values: a byte a record', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => `5870442f-3ddd-4657-b74c-6e17308f52${String(i % 7).padStart(2, '0')}`);
    expect(columnOf(ids).kind).toBe('interned');
    expectFaithful(ids);
  });

  it('read ISO times as Date.parse does, and only those it can write back the same', () => {
    for (let k = 0; k < 2_000; k++) {
      const ms = Date.UTC(1990, 0, 1) + Math.floor(((k * 2654435761) % 2 ** 32) * 300);
      const iso = new Date(ms).toISOString();
      for (const text of [iso, `${iso.slice(0, 19)}Z`, `${iso.slice(0, 23)}123456Z`]) expect(parseIso(text)?.ms).toBe(Date.parse(text));
    }
    for (const odd of [
      '2026-02-30T00:00:00.000Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:00.49Z',
      '2026-01-01 00:00:00Z',
      '0099-01-01T00:00:00Z',
    ]) {
      expect(parseIso(odd)).toBeUndefined();
    }
    expect(parseIso('2024-02-29T00:00:00Z')?.ms).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it('intern strings, booleans and string arrays, and answer every condition as the query would', () => {
    const values = ['a', 'b', 'a', null, undefined, 'B c', true, ['x', 'y'], ['z'], [], ['x', 'y']];
    const column = columnOf(values);
    expect(column.kind).toBe('interned');
    expectFaithful(values);
    expect(column.value(7)).toBe(column.value(10));
  });

  it('turn to interned values when a later value does not fit the first form', () => {
    const numbersThenText = [null, 1, 2, 'three', undefined];
    const timesThenOther = ['2026-01-01T00:00:00.000Z', null, '2026-01-01T00:00:00Z', 'soon'];
    expect(columnOf(numbersThenText).kind).toBe('interned');
    expect(columnOf(timesThenOther).kind).toBe('interned');
    expectFaithful(numbersThenText);
    expectFaithful(timesThenOther);
  });

  it('cost one byte a record for a field of a few distinct values', () => {
    const statuses = Array.from({ length: 100_000 }, (_, i) => ['queued', 'running', 'done'][i % 3] as string);
    expect(columnOf(statuses).bytes).toBeLessThan(100_000 + 1_000);
  });
});
