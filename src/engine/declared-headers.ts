import type { HeaderUse } from '../core/header-catalogue.ts';
import type { ApiPack, Operation } from './pack.ts';

/** The status a list answers with (see `runList`): its paging headers are declared on it. */
export const LIST_STATUS = 200;

/**
 * The catalogued headers a reply of this status carries: what the operation declares, its dialect's paging headers on
 * a list's page, `Retry-After` on a 429 where the pack has a rate limit, `Allow` on a 405 (a path called with a method
 * it lacks, so no operation). The OpenAPI builder writes these, and the response check holds every reply to them.
 */
export function declaredHeaders(pack: ApiPack, operation: Operation | undefined, status: number): HeaderUse[] {
  const uses: HeaderUse[] = (operation?.responseHeaders?.[status] ?? []).map((name) => ({ name, required: true }));
  if (operation?.action.kind === 'list' && status === LIST_STATUS) uses.push(...operation.action.pagination.description.headers);
  if (status === 429 && pack.rateLimit) uses.push({ name: 'retry-after', required: true });
  if (status === 405) uses.push({ name: 'allow', required: true });
  return uses;
}
