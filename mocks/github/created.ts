import { mockError } from '../../src/core/errors.ts';
import { fail, ok } from '../../src/core/result.ts';
import type { Outcome } from '../../src/engine/pack.ts';
import type { Condition } from '../../src/store/query.ts';

/**
 * The `created` filter of the run lists in GitHub's search syntax for dates (GitHub OpenAPI,
 * components/parameters/created, whose description points at "Understanding the search syntax"): a date or date-time
 * alone, after `>`, `>=`, `<` or `<=`, or a range `A..B` with `*` for an open end. A value stands for the span its
 * precision covers, in UTC unless it names a zone: `2026-11-01` is that whole day, `2026-11-01T10:00` that minute,
 * `2026-11-01T10:00:05Z` that second. So `>2026-11-01` starts the next day and `<=2026-11-01` ends with it. The
 * request schema already holds the value to these forms; a form that names no real instant (`2026-02-30`) is refused.
 */
export function createdConditions(field: string, value: string | undefined): Outcome<Condition[]> {
  if (value === undefined) return ok([]);
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const from = range[1] === '*' ? null : span(range[1] ?? '');
    const to = range[2] === '*' ? null : span(range[2] ?? '');
    if (from === undefined || to === undefined) return invalid(value);
    return ok([...(from ? [bound(field, 'gte', from.start)] : []), ...(to ? [bound(field, 'lt', to.end)] : [])]);
  }
  const [, operator = '', rest = ''] = /^(>=|<=|>|<)?(.*)$/.exec(value) ?? [];
  const at = span(rest);
  if (!at) return invalid(value);
  switch (operator) {
    case '>':
      return ok([bound(field, 'gte', at.end)]);
    case '>=':
      return ok([bound(field, 'gte', at.start)]);
    case '<':
      return ok([bound(field, 'lt', at.start)]);
    case '<=':
      return ok([bound(field, 'lt', at.end)]);
    default:
      return ok([bound(field, 'gte', at.start), bound(field, 'lt', at.end)]);
  }
}

const bound = (field: string, op: 'gte' | 'lt', ms: number): Condition => ({ field, op, value: ms, as: 'time' });

const invalid = (value: string): Outcome<Condition[]> => fail(mockError('invalidRequest', `'${value}' is not a date or date range in GitHub's search syntax.`));

const DAY = 86_400_000;
const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt\s](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The instants [start, end) a date or date-time stands for, or undefined when it names none. */
function span(text: string): { start: number; end: number } | undefined {
  const match = FORM.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const date = `${year}-${month}-${day}`;
  if (hour === undefined) {
    const start = Date.parse(`${date}T00:00:00Z`);
    return realDate(start, date) ? { start, end: start + DAY } : undefined;
  }
  const start = Date.parse(`${date}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${offset(zone)}`);
  if (Number.isNaN(start) || !realDate(Date.parse(`${date}T00:00:00Z`), date)) return undefined;
  const unit = fraction !== undefined ? 1 : second !== undefined ? 1000 : 60_000;
  return { start, end: start + unit };
}

/** `Z`, or an offset written `+02`, `+0200` or `+02:00`, as `Date.parse` reads it; none means UTC. */
function offset(zone: string | undefined): string {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}

/** Whether the day exists (Date.parse rolls 2026-02-30 over to March, or refuses it, depending on the form). */
const realDate = (ms: number, date: string): boolean => !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
