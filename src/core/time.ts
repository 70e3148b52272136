/**
 * Parses the ISO 8601 forms clients send in filters: full timestamps, timestamps without a zone (read as UTC)
 * and partial ones (`2026-02`, `2026-02-01`, `2026-02-01T10`), which mean the start of that period in UTC.
 */
export function parseInstant(value: string): number | undefined {
  const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2}))?)?)?)?$/.exec(value);
  if (partial) {
    const [, year, month = '01', day = '01', hour = '00', minute = '00'] = partial;
    const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:00Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How finely a vendor writes its times: with milliseconds (`2026-02-01T10:30:15.500Z`) or in whole seconds (`...15Z`). */
export type TimePrecision = 'milliseconds' | 'seconds';

/** An instant as ISO 8601 in UTC, in the given precision (whole seconds are truncated, as a clock reading them would). */
export function isoAt(ms: number, precision: TimePrecision = 'milliseconds'): string {
  // Every request formats the clock's now, usually the same millisecond as the request before: kept once per precision.
  const last = lastFormatted[precision];
  if (last.ms === ms) return last.text;
  const text = precision === 'milliseconds' ? new Date(ms).toISOString() : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  lastFormatted[precision] = { ms, text };
  return text;
}

const lastFormatted: Record<TimePrecision, { readonly ms: number; readonly text: string }> = {
  milliseconds: { ms: Number.NaN, text: '' },
  seconds: { ms: Number.NaN, text: '' },
};

/**
 * The exclusive end of a date-only value's day (`2026-02-01` -> the instant 2026-02-02T00:00Z), with the day
 * clamped to its month, so a documented `2026-02-29` in a non-leap year means the end of February. Undefined when
 * the value is not a plain date.
 */
export function endOfDay(value: string): number | undefined {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!found) return undefined;
  const [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Date.UTC(year, month - 1, Math.min(day, lastDay) + 1);
}
