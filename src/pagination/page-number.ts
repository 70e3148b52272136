import { isJsonObject, type JsonObject, pointerTo } from '../core/json.ts';
import { ok } from '../core/result.ts';
import { clampTo, itemsIn, numberParam, withoutHeader, type PageReply, type PaginationDialect } from './dialect.ts';
import { formatLinks, parseLinks, type WebLink } from './link-header.ts';

/**
 * Page numbers from 1 with a page size, the body `{<total>: n, <items>: [...]}` and a `Link` header (GitHub's REST
 * API): absolute URLs that keep the request's other query parameters and replace only the page number, written in
 * the order `prev, next, last, first`. The first page has no `prev` or `first`, the last no `next` or `last`; a list
 * that fits on one page has no `Link` at all. A page size outside [1, max] is held within it, and a page number
 * below 1 reads as 1, as the vendor does instead of refusing them. A page past the end is empty, and its `prev` points
 * at the last real page.
 */
export function pageNumberLink(names: {
  page: string;
  perPage: string;
  defaultPerPage: number;
  maxPerPage: number;
  items: string;
  total: string;
}): PaginationDialect {
  const range = [1, names.maxPerPage] as const;
  const numberIn = (url: string, param: string): number | undefined => {
    const value = Number(new URL(url, 'http://localhost').searchParams.get(param) ?? Number.NaN);
    return Number.isInteger(value) ? value : undefined;
  };
  /** The page a reply shows and its size, read back from its links (the edge profile rewrites replies, not requests). */
  const pageOf = (links: readonly WebLink[]): { page: number; perPage: number } => {
    const url = (rel: string) => links.find((link) => link.rel === rel)?.url;
    const next = url('next');
    const prev = url('prev');
    const page = next ? (numberIn(next, names.page) ?? 2) - 1 : prev ? (numberIn(prev, names.page) ?? 0) + 1 : 1;
    const sized = links.map((link) => numberIn(link.url, names.perPage)).find((size) => size !== undefined);
    return { page, perPage: clampTo(sized ?? names.defaultPerPage, range) };
  };
  /** The reply as page `page` of a list that ends there, with `count` items on it. */
  const endingAt = (reply: PageReply, links: readonly WebLink[], page: number, perPage: number, count: number, body: JsonObject): PageReply => {
    const kept = links.filter((link) => link.rel !== 'next' && link.rel !== 'last');
    const ended: PageReply = { body: { ...body, [names.total]: (page - 1) * perPage + count }, headers: reply.headers };
    return kept.length > 0 ? { ...ended, headers: { ...ended.headers, link: formatLinks(kept) } } : withoutHeader(ended, 'link');
  };
  return {
    name: 'page-number-link',
    description: {
      items: names.items,
      pageSize: { param: names.perPage, default: names.defaultPerPage, max: names.maxPerPage },
      next: { kind: 'page', param: names.page, first: 1 },
      total: { pointer: pointerTo(names.total) },
      headers: [{ name: 'link', required: false }],
      links: ['prev', 'next', 'last', 'first'],
    },
    read(ctx) {
      const perPage = clampTo(numberParam(ctx.query, names.perPage, names.defaultPerPage), range);
      const page = Math.max(1, numberParam(ctx.query, names.page, 1));
      return ok({ kind: 'offset', offset: Math.min(Number.MAX_SAFE_INTEGER, (page - 1) * perPage), limit: perPage });
    },
    reply(outcome, ctx): PageReply {
      const perPage = outcome.spec.limit;
      const page = outcome.spec.kind === 'offset' ? Math.floor(outcome.spec.offset / perPage) + 1 : 1;
      const last = Math.max(1, Math.ceil(outcome.total / perPage));
      const at = (rel: string, number: number): WebLink => ({ rel, url: `${ctx.origin}${ctx.link({ [names.page]: number })}` });
      const links = [
        ...(page > 1 ? [at('prev', Math.min(page - 1, last))] : []),
        ...(page < last ? [at('next', page + 1), at('last', last)] : []),
        ...(page > 1 ? [at('first', 1)] : []),
      ];
      return {
        body: { [names.total]: outcome.total, [names.items]: [...outcome.items] },
        headers: links.length > 0 ? { link: formatLinks(links) } : {},
      };
    },
    lastPage(reply) {
      const links = parseLinks(reply.headers['link']);
      if (!isJsonObject(reply.body) || !links.some((link) => link.rel === 'next')) return reply;
      const { page, perPage } = pageOf(links);
      return endingAt(reply, links, page, perPage, itemsIn(reply.body, names.items).length, reply.body);
    },
    emptyPage(reply) {
      if (!isJsonObject(reply.body)) return reply;
      const links = parseLinks(reply.headers['link']);
      const { page, perPage } = pageOf(links);
      return endingAt(reply, links, page, perPage, 0, { ...reply.body, [names.items]: [] });
    },
  };
}
