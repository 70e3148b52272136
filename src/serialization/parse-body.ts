import type { Json } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { MediaKind } from '../core/request.ts';

export type BodyProblem = 'malformed' | 'unsupportedEncoding';

export type BodyParser = (text: string) => Result<Json, BodyProblem>;

/** Request body parsers keyed by media kind; the XML one is registered by the pack that needs it. */
export function parseBody(bytes: Uint8Array, kind: MediaKind, parsers: Partial<Record<MediaKind, BodyParser>>): Result<Json, BodyProblem> {
  const text = decodeUtf8(bytes);
  if (text === undefined) return fail('malformed');
  const parser = parsers[kind] ?? (kind === 'json' ? parseJsonText : undefined);
  return parser ? parser(text) : fail('unsupportedEncoding');
}

export function parseJsonText(text: string): Result<Json, BodyProblem> {
  try {
    return ok(JSON.parse(text) as Json);
  } catch {
    return fail('malformed');
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
