import { describe, expect, it } from 'vitest';
import { endOfDay, isoAt, parseInstant } from './time.ts';

describe('parseInstant', () => {
  it('reads a full timestamp with a zone', () => {
    expect(parseInstant('2026-02-01T10:00:00+02:00')).toBe(Date.UTC(2026, 1, 1, 8));
  });

  it('reads a date as midnight UTC', () => {
    expect(parseInstant('2026-02-01')).toBe(Date.UTC(2026, 1, 1));
  });

  it('reads a year-month as the first of the month', () => {
    expect(parseInstant('2026-02')).toBe(Date.UTC(2026, 1, 1));
  });

  it('reads a timestamp without a zone as UTC', () => {
    expect(parseInstant('2026-02-01T10:30:15.5')).toBe(Date.UTC(2026, 1, 1, 10, 30, 15, 500));
  });

  it('keeps sub-millisecond digits parseable', () => {
    expect(parseInstant('2026-02-24T02:32:22.148605220Z')).toBe(Date.UTC(2026, 1, 24, 2, 32, 22, 148));
  });

  it('rejects what is not a time', () => {
    expect(parseInstant('yesterday')).toBeUndefined();
    expect(parseInstant('2026-13-01')).toBeUndefined();
  });
});

describe('endOfDay', () => {
  it('is the start of the next day', () => {
    expect(endOfDay('2026-02-01')).toBe(Date.UTC(2026, 1, 2));
    expect(endOfDay('2026-12-31')).toBe(Date.UTC(2027, 0, 1));
  });

  it('clamps a day past the end of its month', () => {
    expect(endOfDay('2026-02-29')).toBe(Date.UTC(2026, 2, 1));
    expect(endOfDay('2028-02-29')).toBe(Date.UTC(2028, 2, 1));
    expect(endOfDay('2026-04-31')).toBe(Date.UTC(2026, 4, 1));
  });

  it('is undefined for anything but a plain date', () => {
    expect(endOfDay('2026-02-01T10:00:00Z')).toBeUndefined();
    expect(endOfDay('2026-13-01')).toBeUndefined();
  });
});

describe('isoAt', () => {
  it('writes milliseconds by default', () => {
    expect(isoAt(Date.UTC(2026, 1, 1, 10, 30, 15, 500))).toBe('2026-02-01T10:30:15.500Z');
  });

  it('writes whole seconds, truncated, when asked', () => {
    expect(isoAt(Date.UTC(2026, 1, 1, 10, 30, 15, 999), 'seconds')).toBe('2026-02-01T10:30:15Z');
    expect(isoAt(Date.UTC(2026, 1, 1, 10, 30, 15), 'seconds')).toBe('2026-02-01T10:30:15Z');
  });
});
