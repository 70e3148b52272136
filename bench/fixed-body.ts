// The baselines' answer: a fixed body of a given size and kind, built once per size, so the bare servers send as many
// bytes as the mock does for the same scenario and do nothing else.

export type BodyKind = 'json' | 'xml';

const CONTENT_TYPES: Record<BodyKind, string> = { json: 'application/json; charset=utf-8', xml: 'application/xml; charset=utf-8' };
const built = new Map<string, Buffer>();

export function fixedBody(bytes: number, kind: BodyKind): { body: Buffer; contentType: string } {
  const key = `${kind}:${bytes}`;
  let body = built.get(key);
  if (!body) {
    const [open, close] = kind === 'json' ? ['{"pad":"', '"}'] : ['<pad>', '</pad>'];
    body = bytes === 0 ? Buffer.alloc(0) : Buffer.from(open + 'x'.repeat(Math.max(0, bytes - open.length - close.length)) + close);
    built.set(key, body);
  }
  return { body, contentType: CONTENT_TYPES[kind] };
}

/** `/fixed/<bytes>/<kind>`: how a scenario asks a baseline for its body. */
export function parseFixedPath(path: string): { bytes: number; kind: BodyKind } | undefined {
  const match = /^\/fixed\/(\d{1,7})\/(json|xml)(?:[/?]|$)/.exec(path);
  return match ? { bytes: Number(match[1]), kind: match[2] as BodyKind } : undefined;
}
