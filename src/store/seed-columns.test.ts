import { describe, expect, it } from 'vitest';
import { generatedFrom, SYNTHETIC_FIELDS, syntheticRuns } from './generated-fixture.ts';
import { SeedColumns, seedColumnsOf } from './seed-columns.ts';
import type { KeyValue } from './store.ts';

/** Key values as a row: what `GeneratedCollection.keys` returns, read back from columns. */
const rowOf = (columns: SeedColumns, i: number, fields: readonly string[]): KeyValue[] =>
  fields.map((field) => (columns.column(field)?.value(i) ?? null) as KeyValue);

describe('seed columns', () => {
  it('give back every key value of every record', () => {
    const source = syntheticRuns(2_000, 3);
    const columns = new SeedColumns(source);
    for (let i = 0; i < source.count; i++) expect(rowOf(columns, i, SYNTHETIC_FIELDS)).toEqual(source.keys(i).values);
  });

  it('find a record by id without keeping ids, and nothing for an unknown one', () => {
    const source = syntheticRuns(5_000, 4);
    const columns = new SeedColumns(source);
    for (const i of [0, 1, 2_500, 4_999]) expect(columns.find(source.keys(i).id)).toBe(i);
    expect(columns.find('run-4-nope')).toBe(-1);
    expect(columns.candidates(source.keys(7).id)).toContain(7);
  });

  it('refuse a generator that gives two records one id', () => {
    const twice = generatedFrom(
      [
        { id: 'a', data: {} },
        { id: 'a', data: {} },
      ],
      [],
    );
    expect(() => new SeedColumns(twice)).toThrow(/same id a/);
  });

  it('are built once per generator, whatever the number of spaces', () => {
    const source = syntheticRuns(10);
    expect(seedColumnsOf(source)).toBe(seedColumnsOf(source));
  });

  it('make a column for an undeclared field from whole records, once', () => {
    const source = generatedFrom(
      Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, data: { status: 'on', extra: { depth: i } } })),
      ['status'],
    );
    const columns = new SeedColumns(source);
    expect(columns.column('extra.depth')).toBeUndefined();
    const column = columns.addColumn('extra.depth');
    expect([0, 1, 2, 3, 4].map((i) => column.value(i))).toEqual([0, 1, 2, 3, 4]);
    const made = source.made();
    expect(columns.addColumn('extra.depth')).toBe(column);
    expect(source.made()).toBe(made);
  });

  it('fingerprint the records a generator makes: the same seed agrees, another differs', () => {
    expect(new SeedColumns(syntheticRuns(300, 1)).fingerprint()).toBe(new SeedColumns(syntheticRuns(300, 1)).fingerprint());
    expect(new SeedColumns(syntheticRuns(300, 1)).fingerprint()).not.toBe(new SeedColumns(syntheticRuns(300, 2)).fingerprint());
    expect(new SeedColumns(syntheticRuns(300, 1)).fingerprint()).not.toBe(new SeedColumns(syntheticRuns(301, 1)).fingerprint());
  });
});
