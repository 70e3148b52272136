import type { Json } from '../core/json.ts';
import type { MediaKind } from '../core/request.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { parseXmlTree } from './parse-xml.ts';

export type BodyProblem = 'malformed' | 'forbiddenDeclaration';

/** Request body parsers keyed by media kind; bytes that are not UTF-8 are malformed whatever the kind. */
export function parseBody(bytes: Uint8Array, kind: MediaKind): Result<Json, BodyProblem> {
  const text = decodeUtf8(bytes);
  if (text === undefined) return fail('malformed');
  return kind === 'json' ? parseJsonText(text) : parseXmlTree(text);
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
