import { createHash } from 'node:crypto';
import { mockError } from '../core/errors.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { fail, ok } from '../core/result.ts';
import { parseInstant } from '../core/time.ts';
import type { Condition } from '../store/query.ts';
import type { Outcome } from './pack.ts';

// Small helpers packs use. An operation's input comes typed from its request schemas (src/engine/typed-input.ts);
// `text` and `objectOr` read JSON no type describes: stored records, a free-form body's values.

/** A JSON value as text: a string as it is, absent or null as '', anything else as String() writes it. */
export function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function objectOr(value: Json | undefined, fallback: JsonObject = {}): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : fallback;
}

/** An equality condition when the parameter was given, nothing otherwise. */
export function equalIfGiven(field: string, value: Json | undefined): Condition[] {
  return value === undefined ? [] : [{ field, op: 'eq', value }];
}

/**
 * A time-window condition on `field` from an ISO 8601 parameter (partial forms allowed, UTC). `op` says which
 * edge it is: gte for an inclusive start, lt for an exclusive end, lte for an inclusive end.
 */
export function timeBound(field: string, op: 'gte' | 'gt' | 'lte' | 'lt', value: Json | undefined, name: string): Outcome<Condition[]> {
  if (value === undefined) return ok([]);
  const ms = typeof value === 'string' ? parseInstant(value) : undefined;
  if (ms === undefined) return fail(mockError('invalidRequest', `query parameter '${name}' must be an ISO 8601 timestamp`));
  return ok([{ field, op, value: ms, as: 'time' }]);
}

/** Concatenates condition lists, or returns the first failure. */
export function allConditions(...parts: readonly (Condition[] | Outcome<Condition[]>)[]): Outcome<Condition[]> {
  const out: Condition[] = [];
  for (const part of parts) {
    if (Array.isArray(part)) {
      out.push(...part);
      continue;
    }
    const outcome = part as Outcome<Condition[]>;
    if (!outcome.ok) return outcome;
    out.push(...outcome.value);
  }
  return ok(out);
}

/** A stable uuid-shaped id for a caller's credential, for vendors that record who made a change (`_createdBy`). */
export function principalId(credential: string): string {
  const h = createHash('sha256').update(`principal:${credential}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
