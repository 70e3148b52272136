import type { Engine } from '../../src/engine/engine.ts';
import type { PackCall } from './pack-testing.ts';

// A PackCall on an in-process engine: one API, a JSON body when there is one, extra headers on every request.

export function packCall(engine: Engine, api: string, headers: Readonly<Record<string, string>> = {}): PackCall {
  return async ({ method, path, query = [], headers: own = {}, body }) => {
    const response = await engine.handle(api, {
      method,
      path,
      base: `/${api}`,
      query,
      headers: { ...headers, ...own, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: new TextEncoder().encode(JSON.stringify(body)) }),
    });
    return { status: response.status, payload: response.payload, headers: { ...response.headers } };
  };
}
