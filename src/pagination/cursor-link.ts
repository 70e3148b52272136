import { formatLinks, parseLinks } from './link-header.ts';
import { readCursor, withoutHeader, withoutItems, type PageReply, type PaginationDialect } from './dialect.ts';

/**
 * Keyset cursors handed out in a `Link` header instead of the body: the items (a bare array, or under a key) and,
 * while more remain, `<url>; rel="next"` with an absolute URL that keeps the request's other query parameters and
 * carries the next token in the cursor parameter (GitHub's cursor-paged lists write it so). No header on the last page.
 */
export function cursorLink(names: {
  items: string | null;
  cursor: string;
  limit: string;
  defaultLimit: number;
  clamp?: readonly [number, number];
}): PaginationDialect {
  const clamp = names.clamp;
  const lastPage = (reply: PageReply): PageReply => {
    const kept = parseLinks(reply.headers['link']).filter((link) => link.rel !== 'next');
    return kept.length > 0 ? { ...reply, headers: { ...reply.headers, link: formatLinks(kept) } } : withoutHeader(reply, 'link');
  };
  return {
    name: 'cursor-link',
    description: {
      items: names.items,
      pageSize: { param: names.limit, default: names.defaultLimit, ...(clamp ? { max: clamp[1] } : {}) },
      next: { kind: 'cursor', param: names.cursor, from: { in: 'link', rel: 'next' } },
      total: null,
      headers: [{ name: 'link', required: false }],
      links: ['next'],
    },
    read: (ctx) => readCursor(ctx, { cursor: names.cursor, limit: names.limit, defaultLimit: names.defaultLimit, clamp }),
    reply(outcome, ctx): PageReply {
      const items = [...outcome.items];
      const body = names.items === null ? items : { [names.items]: items };
      if (!outcome.hasMore || !outcome.last) return { body, headers: {} };
      const url = `${ctx.origin}${ctx.link({ [names.cursor]: ctx.cursor.encode(outcome.last) })}`;
      return { body, headers: { link: formatLinks([{ rel: 'next', url }]) } };
    },
    lastPage,
    emptyPage: (reply) => lastPage({ ...reply, body: withoutItems(reply.body, names.items) }),
  };
}
