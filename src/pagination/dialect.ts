import type { MockError } from '../core/errors.ts';
import type { HeaderUse } from '../core/header-catalogue.ts';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { ok, type Result } from '../core/result.ts';
import type { PageSpec, Position } from '../store/query.ts';

/**
 * A pagination dialect: how one vendor family pages a list, as pure functions over plain values. It reads the validated
 * query into a page request for the store, renders the page as the whole reply (body and headers), rewrites a reply
 * into a last or an empty page for the edge-case profile, and describes itself as data, so the console, the edge
 * profile, the OpenAPI builder and the conformance check read the description instead of guessing.
 */
export interface PaginationDialect {
  readonly name: string;
  readonly description: PagingDescription;
  read(ctx: PageContext): Result<PageSpec, MockError>;
  reply(outcome: PageOutcome, ctx: PageContext): PageReply;
  /** The same reply made the last page: no next link or token, a total that ends here. */
  lastPage(reply: PageReply): PageReply;
  /** The same reply with no items, as the last page. */
  emptyPage(reply: PageReply): PageReply;
}

/** What a client needs to page through a list, as plain JSON (the console receives it as it is). */
export interface PagingDescription {
  /** The body's key holding the page's items; null when the body is the bare array. */
  readonly items: string | null;
  /** The query parameter that sets the page size, its default, and the largest size the dialect itself holds a request to. */
  readonly pageSize: { readonly param: string; readonly default: number; readonly max?: number };
  /** How a client asks for another page. */
  readonly next: NextPage;
  /** Where the body holds the number of matching items (a JSON pointer), and the query flag (`=true`) that asks for it. */
  readonly total: { readonly pointer: string; readonly flag?: string } | null;
  /** The response headers the dialect writes, from the header catalogue. */
  readonly headers: readonly HeaderUse[];
  /** The relations of its `Link` header, in the order it writes them; empty when it writes none. */
  readonly links: readonly string[];
}

export type NextPage =
  /** An item offset: the next page starts `pageSize` further on. */
  | { readonly kind: 'offset'; readonly param: string }
  /** A page number, counted from `first`. */
  | { readonly kind: 'page'; readonly param: string; readonly first: number }
  /** An opaque token the server issues: in the body at a JSON pointer, or in the query of the `Link` header's rel. */
  | {
      readonly kind: 'cursor';
      readonly param: string;
      readonly from: { readonly in: 'body'; readonly pointer: string } | { readonly in: 'link'; readonly rel: string };
    };

export interface PageContext {
  /** Query parameters after validation, coercion and defaults. */
  readonly query: JsonObject;
  /** A path-absolute link to this same list with some query parameters replaced (other filters kept). */
  readonly link: (replace: Readonly<Record<string, string | number>>) => string;
  /** `http://host:port` as the caller reached the server, for absolute links. */
  readonly origin: string;
  readonly cursor: {
    encode(position: Position): string;
    /** The position a token stands for; `param` names the query parameter it came in, for the error's wording. */
    decode(token: string, param: string): Result<Position, MockError>;
  };
}

export interface PageOutcome {
  readonly spec: PageSpec;
  readonly items: readonly Json[];
  readonly total: number;
  readonly hasMore: boolean;
  /** Position of the last item on this page, for cursors. */
  readonly last?: Position;
}

export interface PageReply {
  readonly body: Json;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
}

export const numberParam = (query: JsonObject, name: string, fallback: number): number => {
  const value = query[name];
  return typeof value === 'number' ? value : fallback;
};

export const readOffset = (ctx: PageContext, offsetName: string, limitName: string, defaultLimit: number): Result<PageSpec, MockError> =>
  ok({ kind: 'offset', offset: numberParam(ctx.query, offsetName, 0), limit: numberParam(ctx.query, limitName, defaultLimit) });

/** Holds a page size within [min, max] (for vendors that accept any integer and cap it). */
export const clampTo = (value: number, range: readonly [number, number] | undefined): number => (range ? Math.min(range[1], Math.max(range[0], value)) : value);

/** A keyset page: its size (held within `clamp` when given) and the position after which it starts, from a token. */
export function readCursor(
  ctx: PageContext,
  names: { readonly cursor: string; readonly limit: string; readonly defaultLimit: number; readonly clamp?: readonly [number, number] | undefined },
): Result<PageSpec, MockError> {
  const limit = clampTo(numberParam(ctx.query, names.limit, names.defaultLimit), names.clamp);
  const token = ctx.query[names.cursor];
  if (typeof token !== 'string' || token === '') return ok({ kind: 'keyset', limit });
  const position = ctx.cursor.decode(token, names.cursor);
  return position.ok ? ok({ kind: 'keyset', limit, after: position.value }) : position;
}

/** The page's items, wherever the dialect keeps them. */
export function itemsIn(body: Json, items: string | null): readonly Json[] {
  const found = items === null ? body : isJsonObject(body) ? body[items] : undefined;
  return Array.isArray(found) ? found : [];
}

/** The body with its items replaced by none. */
export function withoutItems(body: Json, items: string | null): Json {
  if (items === null) return Array.isArray(body) ? [] : body;
  return isJsonObject(body) ? { ...body, [items]: [] } : body;
}

/** The JSON pointer to a top-level key. */

/** The reply with one header left out. */
export function withoutHeader(reply: PageReply, name: string): PageReply {
  const { [name]: _dropped, ...headers } = reply.headers;
  return { ...reply, headers };
}
