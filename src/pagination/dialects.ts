import type { MockError } from '../core/errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { ok, type Result } from '../core/result.ts';
import type { PageSpec, Position } from '../store/query.ts';
import { offsetWindow } from './offset.ts';

/**
 * One pagination dialect per vendor family, as pure functions: `read` turns validated query parameters into a
 * page request for the store; `envelope` wraps the page's rendered items the way the vendor does.
 */
export interface PageContext {
  /** Query parameters after validation, coercion and defaults. */
  readonly query: JsonObject;
  /** A path-absolute link to this same list with some query parameters replaced (other filters kept). */
  readonly link: (replace: Readonly<Record<string, string | number>>) => string;
  readonly cursor: {
    encode(position: Position): string;
    decode(token: string): Result<Position, MockError>;
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

export interface PaginationDialect {
  readonly name: string;
  /** Where the page's items are in the body: a key, or null for a bare array. */
  readonly itemsKey: string | null;
  /** The query parameter that sets the page size. */
  readonly limitParam: string;
  /** The largest page a request gets, when the dialect clamps the page size instead of the schema bounding it. */
  readonly maxLimit?: number;
  /** How a client asks for the next page: an offset parameter, or a cursor parameter it copies from the response. */
  readonly paging: { readonly kind: 'offset'; readonly param: string } | { readonly kind: 'cursor'; readonly param: string; readonly responseKey: string };
  /** Makes a page say it is the last one (no next link or token, totals that end here). */
  lastPage(body: Json): Json;
  read(ctx: PageContext): Result<PageSpec, MockError>;
  envelope(outcome: PageOutcome, ctx: PageContext): Json;
}

const numberParam = (query: JsonObject, name: string, fallback: number): number => {
  const value = query[name];
  return typeof value === 'number' ? value : fallback;
};

const readOffset = (ctx: PageContext, offsetName: string, limitName: string, defaultLimit: number): Result<PageSpec, MockError> =>
  ok({ kind: 'offset', offset: numberParam(ctx.query, offsetName, 0), limit: numberParam(ctx.query, limitName, defaultLimit) });

/** A bare JSON array, paged by `offset` and `limit` (8x8). */
export function offsetArray(names: { offset: string; limit: string; defaultLimit: number }): PaginationDialect {
  return {
    name: 'offset-array',
    itemsKey: null,
    limitParam: names.limit,
    paging: { kind: 'offset', param: names.offset },
    // A bare array ends when a page comes back short.
    lastPage: (body) => (Array.isArray(body) && body.length > 0 ? body.slice(0, -1) : body),
    read: (ctx) => readOffset(ctx, names.offset, names.limit, names.defaultLimit),
    envelope: (outcome) => [...outcome.items],
  };
}

/**
 * `{<items>: [...], _metadata?: {limit, offset, total, next, previous}}` (NERM). Metadata appears only when the
 * flag parameter is true; its links keep every other query parameter and are left out at either end (NERM's
 * document types them as strings, never null).
 */
export function offsetWithMetadata(names: { items: string; offset: string; limit: string; defaultLimit: number; flag: string }): PaginationDialect {
  return {
    name: 'offset-metadata',
    itemsKey: names.items,
    limitParam: names.limit,
    paging: { kind: 'offset', param: names.offset },
    lastPage: (body) => {
      if (!isJsonObject(body) || !isJsonObject(body['_metadata'])) return body;
      const { next: _next, ...metadata } = body['_metadata'];
      return { ...body, _metadata: metadata };
    },
    read: (ctx) => readOffset(ctx, names.offset, names.limit, names.defaultLimit),
    envelope(outcome, ctx) {
      const body: JsonObject = { [names.items]: [...outcome.items] };
      if (ctx.query[names.flag] !== true || outcome.spec.kind !== 'offset') return body;
      const window = offsetWindow(outcome.spec.offset, outcome.spec.limit, outcome.total);
      const linkTo = (name: string, offset: number | null): JsonObject =>
        offset === null ? {} : { [name]: ctx.link({ [names.limit]: window.limit, [names.offset]: offset }) };
      body['_metadata'] = {
        limit: window.limit,
        offset: window.offset,
        total: window.total,
        ...linkTo('next', window.nextOffset),
        ...linkTo('previous', window.previousOffset),
      };
      return body;
    },
  };
}

/** `{_offset, _pageSize, _total, _list}` (Twinit). */
export function offsetEnvelope(names: { offset: string; pageSize: string; total: string; items: string; defaultLimit: number }): PaginationDialect {
  return {
    name: 'offset-envelope',
    itemsKey: names.items,
    limitParam: names.pageSize,
    paging: { kind: 'offset', param: names.offset },
    lastPage: (body) => {
      if (!isJsonObject(body)) return body;
      const items = body[names.items];
      const offset = body[names.offset];
      return { ...body, [names.total]: (typeof offset === 'number' ? offset : 0) + (Array.isArray(items) ? items.length : 0) };
    },
    read: (ctx) => readOffset(ctx, names.offset, names.pageSize, names.defaultLimit),
    envelope(outcome) {
      const spec = outcome.spec.kind === 'offset' ? outcome.spec : { offset: 0, limit: outcome.spec.limit };
      return { [names.offset]: spec.offset, [names.pageSize]: spec.limit, [names.total]: outcome.total, [names.items]: [...outcome.items] };
    },
  };
}

/**
 * `{<items>: [...], next_token?, total?}` with opaque keyset cursors (Amperity). The last page has no token;
 * the total appears only when asked for. With `clamp`, any integer limit is accepted and held within [min, max]
 * (for vendors whose documents bound no page size).
 */
export function cursorToken(names: {
  items: string;
  token: string;
  limit: string;
  defaultLimit: number;
  totalFlag: string;
  clamp?: readonly [number, number];
}): PaginationDialect {
  const clamp = names.clamp;
  return {
    name: 'cursor-token',
    itemsKey: names.items,
    limitParam: names.limit,
    ...(clamp ? { maxLimit: clamp[1] } : {}),
    paging: { kind: 'cursor', param: names.token, responseKey: names.token },
    lastPage: (body) => {
      if (!isJsonObject(body)) return body;
      const { [names.token]: _token, ...rest } = body;
      return rest;
    },
    read(ctx) {
      const asked = numberParam(ctx.query, names.limit, names.defaultLimit);
      const limit = clamp ? Math.min(clamp[1], Math.max(clamp[0], asked)) : asked;
      const token = ctx.query[names.token];
      if (typeof token !== 'string' || token === '') return ok({ kind: 'keyset', limit });
      const position = ctx.cursor.decode(token);
      return position.ok ? ok({ kind: 'keyset', limit, after: position.value }) : position;
    },
    envelope(outcome, ctx) {
      const body: JsonObject = { [names.items]: [...outcome.items] };
      if (outcome.hasMore && outcome.last) body[names.token] = ctx.cursor.encode(outcome.last);
      if (ctx.query[names.totalFlag] === true) body['total'] = outcome.total;
      return body;
    },
  };
}
