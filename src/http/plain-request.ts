import type { Request } from 'express';
import type { PlainRequest } from '../core/request.ts';

/** The edge's one conversion: an express request into the plain object the engine works on. */
export function toPlainRequest(req: Request, base: string, path: string): PlainRequest {
  const url = req.originalUrl ?? req.url;
  const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const headers: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) {
    const value = req.headers[name];
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    // Assignment to "__proto__" would set the prototype; an own property keeps a hostile header name data.
    if (name === '__proto__') Object.defineProperty(headers, name, { value: joined, enumerable: true, writable: true, configurable: true });
    else headers[name] = joined;
  }
  const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? new Uint8Array(req.body) : undefined;
  return { method: req.method, path: path || '/', base, query: parseQuery(search), headers, ...(body ? { body } : {}) };
}

function parseQuery(search: string): [string, string][] {
  try {
    return [...new URLSearchParams(search)];
  } catch {
    return [];
  }
}
