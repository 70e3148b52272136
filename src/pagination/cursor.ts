import { createHmac, timingSafeEqual } from 'node:crypto';
import { isJsonObject, type Json } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Position } from '../store/query.ts';

// Opaque, tamper-evident page tokens: base64url(JSON) plus an HMAC. A token remembers the last position
// seen, the query it belongs to and the state epoch it was issued in, so a token that is forged, reused with
// other filters, or outlived a reset is refused instead of silently returning the wrong page.

export interface CursorPayload {
  readonly position: Position;
  /** A digest of the filters and sort the token was issued for. */
  readonly query: string;
  /** The state epoch; changes when the space is reset. */
  readonly epoch: string;
}

export type CursorProblem = 'malformed' | 'forged';

export function encodeCursor(payload: CursorPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify([payload.position.values, payload.position.seq, payload.query, payload.epoch])).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

export function decodeCursor(token: string, secret: string): Result<CursorPayload, CursorProblem> {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return fail('malformed');
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('forged');
  const parsed = parseJson(Buffer.from(body, 'base64url').toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length !== 4) return fail('malformed');
  const [values, seq, query, epoch] = parsed;
  if (!Array.isArray(values) || typeof seq !== 'number' || typeof query !== 'string' || typeof epoch !== 'string') return fail('malformed');
  return ok({ position: { values, seq }, query, epoch });
}

/** A short, stable digest of a JSON value, for binding a token to its query. */
export function digest(value: Json): string {
  return createHmac('sha256', 'query').update(canonicalJson(value)).digest('base64url').slice(0, 16);
}

function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
