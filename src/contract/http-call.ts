import type { Json } from '../core/json.ts';
import type { ApiPack, Operation } from '../engine/pack.ts';
import { parseXmlTree } from '../serialization/parse-xml.ts';
import type { CallRequest, Observed } from './types.ts';

// Builds and sends one request for an operation, and reads the response body in the format it came in.

export interface PreparedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export function prepareCall(pack: ApiPack, operation: Operation, baseUrl: string, request: CallRequest, cookie: string | undefined): PreparedCall {
  const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(request.params?.[name] ?? ''));
  return preparePathCall(pack, operation.method, baseUrl, path, request, cookie);
}

/** A call to a path below the base URL as written (a query string in it is kept verbatim, the request's own appended). */
export function preparePathCall(pack: ApiPack, method: string, baseUrl: string, path: string, request: CallRequest, cookie: string | undefined): PreparedCall {
  const pairs = Array.isArray(request.query)
    ? (request.query as readonly (readonly [string, string])[])
    : Object.entries((request.query ?? {}) as Record<string, string | number | boolean>).map(([name, value]) => [name, String(value)] as const);
  const search = new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, value])).toString();
  const headers: Record<string, string> = { accept: pack.media.produces[0] === 'xml' ? 'application/xml' : 'application/json', ...request.headers };
  if (cookie && !headers['cookie']) headers['cookie'] = cookie;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] = request.contentType ?? (typeof request.body === 'string' ? 'application/xml' : 'application/json');
  }
  return {
    method,
    url: `${baseUrl.replace(/\/$/, '')}${path}${search ? `${path.includes('?') ? '&' : '?'}${search}` : ''}`,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

export async function send(call: PreparedCall, repeated: ReadonlySet<string>): Promise<Observed> {
  const response = await fetch(call.url, { method: call.method, headers: call.headers, ...(call.body === undefined ? {} : { body: call.body }) });
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookie = response.headers.getSetCookie?.() ?? [];
  if (setCookie.length > 0) headers['set-cookie'] = setCookie.join(', ');
  return { status: response.status, headers, body: parseResponseBody(text, headers['content-type'], repeated), text, url: call.url };
}

function parseResponseBody(text: string, contentType: string | undefined, repeated: ReadonlySet<string>): Json | undefined {
  if (text.trim() === '') return undefined;
  if (contentType?.includes('xml')) {
    const tree = parseXmlTree(text, repeated);
    return tree.ok ? tree.value : text;
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** The pack's operation a method and a path (its query string aside) reach, if any. */
export function operationAt(pack: ApiPack, method: string, path: string): Operation | undefined {
  const bare = path.split('?')[0] ?? '';
  const template = (operation: Operation) => new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`);
  return pack.operations.find((operation) => operation.method === method.toUpperCase() && template(operation).test(bare));
}

/** A shell command that repeats the call, single-quoted so it pastes as it is. */
export function curlLine(call: PreparedCall, maxBody = 400): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  const parts = ['curl', '-sS', '-X', call.method, quote(call.url)];
  for (const [name, value] of Object.entries(call.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (call.body !== undefined) parts.push('--data-binary', quote(call.body.length > maxBody ? `${call.body.slice(0, maxBody)}...` : call.body));
  return parts.join(' ');
}
