import { mockError } from '../core/errors.ts';
import type { Json } from '../core/json.ts';
import { replaceQuery, type PlainRequest } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import { decodeCursor, digest, encodeCursor } from '../pagination/cursor.ts';
import type { PageContext } from '../pagination/dialect.ts';
import type { Condition, SortKey } from '../store/query.ts';
import type { ApiPack, OperationInput } from './pack.ts';

/**
 * What a pagination dialect may use for one list request: its validated query, links back to this list, and cursors
 * bound to this query's filters and sort and to the space's epoch.
 */
export function pageContext(
  pack: ApiPack,
  request: PlainRequest,
  input: OperationInput,
  where: readonly Condition[],
  orderBy: readonly SortKey[],
  epoch: string,
  secret: string,
): PageContext {
  // Only cursors need the digest; offset pages never pay for it.
  let digested: string | undefined;
  const queryDigest = () => (digested ??= digest({ where, orderBy } as unknown as Json));
  return {
    query: input.query,
    link: (replace) => `${request.base}${request.path}?${replaceQuery(request.query, replace, pack.queryAliases)}`,
    origin: input.origin,
    cursor: {
      encode: (position) => encodeCursor({ position, query: queryDigest(), epoch }, secret),
      decode(token, param) {
        const decoded = decodeCursor(token, secret);
        if (!decoded.ok) return fail(mockError('invalidRequest', `The ${param} is not a token this server issued.`));
        if (decoded.value.epoch !== epoch) return fail(mockError('invalidRequest', `The ${param} has expired: the data was reset since it was issued.`));
        if (decoded.value.query !== queryDigest()) return fail(mockError('invalidRequest', `The ${param} belongs to a query with different filters.`));
        return ok(decoded.value.position);
      },
    },
  };
}
