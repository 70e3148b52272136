import Negotiator from 'negotiator';
import type { BodyKind, MediaKind } from '../core/request.ts';

const MEDIA_TYPES: Record<MediaKind, readonly string[]> = {
  json: ['application/json'],
  xml: ['application/xml', 'text/xml'],
};

export const CONTENT_TYPE: Record<MediaKind, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/** The media kind a Content-Type names, or undefined for anything else (form data, text...). */
export function mediaKindOf(contentType: string | undefined): MediaKind | undefined {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (essence === 'application/xml' || essence === 'text/xml' || essence.endsWith('+xml')) return 'xml';
  return undefined;
}

/** The request body kinds by the media type a client names for each, for messages and documents. */
export const BODY_MEDIA_TYPE: Record<BodyKind, string> = { json: 'application/json', xml: 'application/xml', multipart: 'multipart/form-data' };

/** The body kind a request's Content-Type names: JSON, XML or a multipart form; undefined for anything else. */
export function bodyKindOf(contentType: string | undefined): BodyKind | undefined {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'multipart/form-data' ? 'multipart' : mediaKindOf(contentType);
}

/**
 * Picks the response media from `Accept` among what the pack produces, its first choice on a tie or when the
 * client accepts nothing we produce (vendors answer in their own format rather than 406).
 */
export function negotiateMedia(accept: string | undefined, produces: readonly MediaKind[]): MediaKind {
  const [first] = produces;
  if (!first) return 'json';
  if (produces.length === 1 || !accept) return first;
  const offered = produces.flatMap((kind) => MEDIA_TYPES[kind]);
  const preferred = new Negotiator({ headers: { accept } }).mediaType(offered);
  return produces.find((kind) => preferred !== undefined && MEDIA_TYPES[kind].includes(preferred)) ?? first;
}
