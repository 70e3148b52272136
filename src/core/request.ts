import type { Json } from './json.ts';

export type MediaKind = 'json' | 'xml';
/** What a request body may be: a JSON or XML document, or an HTML form upload (`multipart/form-data`). */
export type BodyKind = MediaKind | 'multipart';

/**
 * An HTTP request as plain data: what the express adapter hands the engine, and all the engine ever sees.
 */
export interface PlainRequest {
  readonly method: string;
  /** The path below the API's mount point, e.g. `/api/v1/accounts/a/definitions`. */
  readonly path: string;
  /** The mount point the request came through (`/8x8`, or `` when one API is served at the root). */
  readonly base: string;
  /** Query parameters in arrival order, decoded. */
  readonly query: readonly (readonly [string, string])[];
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body bytes, absent when the request had none. */
  readonly body?: Uint8Array;
}

export interface PlainResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as a JSON tree, or absent. */
  readonly payload?: Json;
  /** A body of raw bytes with its own content type (a file download), written as it is instead of `payload`. */
  readonly raw?: RawBody;
  /** How the payload is to be written, chosen by negotiation. */
  readonly media: MediaKind;
  /** Close the connection without answering (an injected fault). */
  readonly drop?: boolean;
}

export interface RawBody {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * Groups query pairs by name (a repeated name becomes an array, which then fails a scalar schema) after
 * mapping alternative spellings to their canonical names. A canonical name given directly beats its alias.
 */
export function queryObject(pairs: PlainRequest['query'], aliases: Readonly<Record<string, string>> = {}): Record<string, string | string[]> {
  const direct = new Map<string, string[]>();
  const aliased = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const canonical = Object.hasOwn(aliases, name) ? aliases[name] : undefined;
    const bucket = canonical === undefined ? direct : aliased;
    const key = canonical ?? name;
    bucket.set(key, [...(bucket.get(key) ?? []), value]);
  }
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of [...aliased, ...direct]) {
    Object.defineProperty(out, key, { value: values.length === 1 ? values[0] : values, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Rebuilds a query string with some parameters replaced; aliases of a replaced parameter are dropped. */
export function replaceQuery(
  pairs: PlainRequest['query'],
  replace: Readonly<Record<string, string | number>>,
  aliases: Readonly<Record<string, string>> = {},
): string {
  const replaced = new Set(Object.keys(replace));
  const kept = pairs.filter(([name]) => !replaced.has(name) && !replaced.has(aliases[name] ?? ''));
  const params = new URLSearchParams([
    ...kept.map(([n, v]) => [n, v] as [string, string]),
    ...Object.entries(replace).map(([n, v]) => [n, String(v)] as [string, string]),
  ]);
  return params.toString();
}
