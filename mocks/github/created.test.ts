import { describe, expect, it } from 'vitest';
import { createdConditions } from './created.ts';

const ms = (iso: string) => Date.parse(iso);
const range = (value: string) => {
  const outcome = createdConditions('created_at', value);
  if (!outcome.ok) return outcome.error.message;
  return outcome.value.map((condition) => `${condition.op} ${'value' in condition ? new Date(Number(condition.value)).toISOString() : ''}`);
};

describe("GitHub's search syntax for the created filter", () => {
  it('reads a date alone as that whole day in UTC', () => {
    expect(range('2026-11-01')).toEqual(['gte 2026-11-01T00:00:00.000Z', 'lt 2026-11-02T00:00:00.000Z']);
  });

  it('reads the comparison operators against the span the value stands for', () => {
    expect(range('>2026-11-01')).toEqual(['gte 2026-11-02T00:00:00.000Z']);
    expect(range('>=2026-11-01')).toEqual(['gte 2026-11-01T00:00:00.000Z']);
    expect(range('<2026-11-01')).toEqual(['lt 2026-11-01T00:00:00.000Z']);
    expect(range('<=2026-11-01')).toEqual(['lt 2026-11-02T00:00:00.000Z']);
  });

  it('reads ranges with open ends', () => {
    expect(range('2026-11-01..2026-11-30')).toEqual(['gte 2026-11-01T00:00:00.000Z', 'lt 2026-12-01T00:00:00.000Z']);
    expect(range('2026-11-01..*')).toEqual(['gte 2026-11-01T00:00:00.000Z']);
    expect(range('*..2026-11-01T10:00:00Z')).toEqual(['lt 2026-11-01T10:00:01.000Z']);
    expect(range('*..*')).toEqual([]);
  });

  it('reads date-times to their precision, with or without a zone', () => {
    expect(range('<2026-11-05T10:00:00Z')).toEqual(['lt 2026-11-05T10:00:00.000Z']);
    expect(range('2026-11-05T10:00')).toEqual(['gte 2026-11-05T10:00:00.000Z', 'lt 2026-11-05T10:01:00.000Z']);
    expect(range('>=2026-11-05 12:00:00+02')).toEqual(['gte 2026-11-05T10:00:00.000Z']);
    expect(range('>=2026-11-05T12:00:00+0200')).toEqual(['gte 2026-11-05T10:00:00.000Z']);
    expect(range('2026-11-05T10:00:00.250Z')).toEqual(['gte 2026-11-05T10:00:00.250Z', 'lt 2026-11-05T10:00:00.251Z']);
  });

  it('compares as times, so a whole-second record time falls in the span', () => {
    const outcome = createdConditions('created_at', '2026-11-01');
    expect(outcome.ok && outcome.value.every((condition) => 'as' in condition && condition.as === 'time')).toBe(true);
    expect(outcome.ok && outcome.value[0]).toMatchObject({ value: ms('2026-11-01T00:00:00Z') });
  });

  it('refuses a day that does not exist, and adds nothing without a value', () => {
    expect(range('2026-02-30')).toMatch(/not a date/);
    expect(range('>=2026-13-01')).toMatch(/not a date/);
    expect(range('2026-01-01T25:00')).toMatch(/not a date/);
    expect(createdConditions('created_at', undefined)).toEqual({ ok: true, value: [] });
  });
});
