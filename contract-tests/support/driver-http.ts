import type { Json } from '../../src/core/json.ts';
import type { ModelDriver, Request } from '../robustness/drivers.ts';
import type { PackCall } from './pack-testing.ts';

// Sends a model driver's request over HTTP to a running mock (`base` is the API's base URL), with the driver's headers.

export function sendOverHttp(base: string, driver: ModelDriver, request: Request, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
  const search = new URLSearchParams(request.query.map(([name, value]): [string, string] => [name, value])).toString();
  return fetch(`${base}${request.path}${search ? `?${search}` : ''}`, {
    method: request.method,
    headers: { ...driver.headers, ...request.headers, ...headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/** Every page of the driver's list, as the texts the API answered, following its next requests. */
export async function pageTexts(base: string, driver: ModelDriver, limit = 100): Promise<string[]> {
  const texts: string[] = [];
  for (let request: Request | undefined = driver.firstPage(limit); request && texts.length < 1000; ) {
    const text = await (await sendOverHttp(base, driver, request)).text();
    texts.push(text);
    request = driver.readPage(JSON.parse(text), limit, request).next;
  }
  return texts;
}

/** A PackCall over HTTP to a running mock (`base` is the API's base URL), for declarations that read from the mock. */
export function httpCall(base: string): PackCall {
  return async ({ method, path, query = [], headers = {}, body }) => {
    const search = new URLSearchParams(query.map(([name, value]): [string, string] => [name, value])).toString();
    const response = await fetch(`${base}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, payload: text === '' ? undefined : (JSON.parse(text) as Json), headers: Object.fromEntries(response.headers) };
  };
}
