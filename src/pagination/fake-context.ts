import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import { fail, ok } from '../core/result.ts';
import type { PageContext } from './dialect.ts';

/**
 * A page context for the dialects' unit tests: links to `/list?status=new` (a filter kept) with the replaced
 * parameters after it, and readable tokens (`T<seq>`); any other token is refused naming its parameter.
 */
export function fakeContext(query: JsonObject, origin = 'http://127.0.0.1:4010'): PageContext {
  return {
    query,
    link: (replace) => `/list?status=new&${new URLSearchParams(Object.entries(replace).map(([k, v]): [string, string] => [k, String(v)]))}`,
    origin,
    cursor: {
      encode: (position) => `T${position.seq}`,
      decode: (token, param) => (token.startsWith('T') ? ok({ values: [], seq: Number(token.slice(1)) }) : fail(mockError('invalidRequest', `bad ${param}`))),
    },
  };
}
