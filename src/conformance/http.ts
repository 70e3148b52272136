import type { Json } from '../core/json.ts';
import { curlLine } from '../contract/http-call.ts';
import type { PlannedBody } from './requests.ts';

// One request on the wire, and a curl line that repeats it.

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: PlannedBody;
}

export interface WireResponse {
  readonly status: number;
  readonly contentType: string;
  /** Parsed JSON, the text when it is not JSON, undefined when empty. */
  readonly body: Json | undefined;
  readonly json: boolean;
}

const FILE_NAME = 'conformance.txt';
/** A server that does not answer within this is reported, not waited for. */
const TIMEOUT_MS = 30_000;

export function requestUrl(baseUrl: string, path: string, query: readonly (readonly [string, string])[]): string {
  const search = new URLSearchParams(query.map(([name, value]): [string, string] => [name, value])).toString();
  return `${baseUrl.replace(/\/$/, '')}${path}${search ? `?${search}` : ''}`;
}

function encodeBody(body: PlannedBody): { text?: string; form?: FormData; contentType?: string } {
  switch (body.kind) {
    case 'json':
      return { text: JSON.stringify(body.value), contentType: body.mediaType };
    case 'text':
      return { text: body.value, contentType: body.mediaType };
    case 'form':
      return {
        text: new URLSearchParams(Object.entries(body.value).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString(),
        contentType: body.mediaType,
      };
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of Object.entries(body.value)) {
        if (body.files.includes(name))
          form.append(name, new Blob([typeof value === 'string' ? value : JSON.stringify(value)], { type: 'text/plain' }), FILE_NAME);
        else form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      // fetch writes the multipart Content-Type with its boundary.
      return { form };
    }
  }
}

export async function sendWire(request: WireRequest): Promise<WireResponse> {
  const encoded = request.body ? encodeBody(request.body) : {};
  const headers = { ...request.headers, ...(encoded.contentType ? { 'content-type': encoded.contentType } : {}) };
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(encoded.form ? { body: encoded.form } : encoded.text !== undefined ? { body: encoded.text } : {}),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  if (text.trim() === '') return { status: response.status, contentType, body: undefined, json: false };
  try {
    return { status: response.status, contentType, body: JSON.parse(text) as Json, json: true };
  } catch {
    return { status: response.status, contentType, body: text, json: false };
  }
}

/** The project's curl line; a multipart body as `-F` parts, its file written first. */
export function curlFor(request: WireRequest): string {
  const body = request.body;
  if (body?.kind === 'multipart') {
    const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
    const parts = Object.entries(body.value).map(([name, value]) =>
      body.files.includes(name)
        ? `-F ${quote(`${name}=@${FILE_NAME}`)}`
        : `-F ${quote(`${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)}`,
    );
    return `printf 'conformance check\\n' > ${FILE_NAME} && ${curlLine({ method: request.method, url: request.url, headers: { ...request.headers } })} ${parts.join(' ')}`;
  }
  const encoded = body ? encodeBody(body) : {};
  return curlLine({
    method: request.method,
    url: request.url,
    headers: { ...request.headers, ...(encoded.contentType ? { 'content-type': encoded.contentType } : {}) },
    ...(encoded.text === undefined ? {} : { body: encoded.text }),
  });
}
