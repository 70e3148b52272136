import { isJsonObject, type JsonObject, pointerTo } from '../core/json.ts';
import { readCursor, readOffset, withoutItems, type PageReply, type PaginationDialect } from './dialect.ts';
import { offsetWindow } from './offset.ts';

export type { NextPage, PageContext, PageOutcome, PageReply, PaginationDialect, PagingDescription } from './dialect.ts';
export { cursorLink } from './cursor-link.ts';
export { pageNumberLink } from './page-number.ts';

// The vendor families' dialects (see dialect.ts): offsets in a bare array, in an envelope or with optional metadata,
// and keyset cursors in the body; page numbers with a `Link` header (page-number.ts) and cursors in a `Link` header
// (cursor-link.ts) beside them. Dialects that write no header answer with none.

/** The reply with another body, its headers kept. */
const bodyOnly = (reply: PageReply, body: PageReply['body']): PageReply => ({ ...reply, body });

/** A bare JSON array, paged by `offset` and `limit` (8x8). */
export function offsetArray(names: { offset: string; limit: string; defaultLimit: number }): PaginationDialect {
  // A bare array ends when a page comes back short.
  const lastPage = (reply: PageReply): PageReply => (Array.isArray(reply.body) && reply.body.length > 0 ? bodyOnly(reply, reply.body.slice(0, -1)) : reply);
  return {
    name: 'offset-array',
    description: {
      items: null,
      pageSize: { param: names.limit, default: names.defaultLimit },
      next: { kind: 'offset', param: names.offset },
      total: null,
      headers: [],
      links: [],
    },
    read: (ctx) => readOffset(ctx, names.offset, names.limit, names.defaultLimit),
    reply: (outcome) => ({ body: [...outcome.items], headers: {} }),
    lastPage,
    emptyPage: (reply) => bodyOnly(reply, []),
  };
}

/**
 * `{<items>: [...], _metadata?: {limit, offset, total, next, previous}}` (NERM). Metadata appears only when the
 * flag parameter is true; its links keep every other query parameter and are left out at either end (NERM's
 * document types them as strings, never null).
 */
export function offsetWithMetadata(names: { items: string; offset: string; limit: string; defaultLimit: number; flag: string }): PaginationDialect {
  const lastPage = (reply: PageReply): PageReply => {
    const body = reply.body;
    if (!isJsonObject(body) || !isJsonObject(body['_metadata'])) return reply;
    const { next: _next, ...metadata } = body['_metadata'];
    return bodyOnly(reply, { ...body, _metadata: metadata });
  };
  return {
    name: 'offset-metadata',
    description: {
      items: names.items,
      pageSize: { param: names.limit, default: names.defaultLimit },
      next: { kind: 'offset', param: names.offset },
      total: { pointer: '/_metadata/total', flag: names.flag },
      headers: [],
      links: [],
    },
    read: (ctx) => readOffset(ctx, names.offset, names.limit, names.defaultLimit),
    reply(outcome, ctx) {
      const body: JsonObject = { [names.items]: [...outcome.items] };
      if (ctx.query[names.flag] !== true || outcome.spec.kind !== 'offset') return { body, headers: {} };
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
      return { body, headers: {} };
    },
    lastPage,
    emptyPage: (reply) => lastPage(bodyOnly(reply, withoutItems(reply.body, names.items))),
  };
}

/** `{_offset, _pageSize, _total, _list}` (Twinit). */
export function offsetEnvelope(names: { offset: string; pageSize: string; total: string; items: string; defaultLimit: number }): PaginationDialect {
  const lastPage = (reply: PageReply): PageReply => {
    const body = reply.body;
    if (!isJsonObject(body)) return reply;
    const items = body[names.items];
    const offset = body[names.offset];
    return bodyOnly(reply, { ...body, [names.total]: (typeof offset === 'number' ? offset : 0) + (Array.isArray(items) ? items.length : 0) });
  };
  return {
    name: 'offset-envelope',
    description: {
      items: names.items,
      pageSize: { param: names.pageSize, default: names.defaultLimit },
      next: { kind: 'offset', param: names.offset },
      total: { pointer: pointerTo(names.total) },
      headers: [],
      links: [],
    },
    read: (ctx) => readOffset(ctx, names.offset, names.pageSize, names.defaultLimit),
    reply(outcome) {
      const spec = outcome.spec.kind === 'offset' ? outcome.spec : { offset: 0, limit: outcome.spec.limit };
      return {
        body: { [names.offset]: spec.offset, [names.pageSize]: spec.limit, [names.total]: outcome.total, [names.items]: [...outcome.items] },
        headers: {},
      };
    },
    lastPage,
    emptyPage: (reply) => lastPage(bodyOnly(reply, withoutItems(reply.body, names.items))),
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
  const lastPage = (reply: PageReply): PageReply => {
    if (!isJsonObject(reply.body)) return reply;
    const { [names.token]: _token, ...rest } = reply.body;
    return bodyOnly(reply, rest);
  };
  return {
    name: 'cursor-token',
    description: {
      items: names.items,
      pageSize: { param: names.limit, default: names.defaultLimit, ...(clamp ? { max: clamp[1] } : {}) },
      next: { kind: 'cursor', param: names.token, from: { in: 'body', pointer: pointerTo(names.token) } },
      total: { pointer: '/total', flag: names.totalFlag },
      headers: [],
      links: [],
    },
    read: (ctx) => readCursor(ctx, { cursor: names.token, limit: names.limit, defaultLimit: names.defaultLimit, clamp }),
    reply(outcome, ctx) {
      const body: JsonObject = { [names.items]: [...outcome.items] };
      if (outcome.hasMore && outcome.last) body[names.token] = ctx.cursor.encode(outcome.last);
      if (ctx.query[names.totalFlag] === true) body['total'] = outcome.total;
      return { body, headers: {} };
    },
    lastPage,
    emptyPage: (reply) => lastPage(bodyOnly(reply, withoutItems(reply.body, names.items))),
  };
}
