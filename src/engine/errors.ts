import type { ErrorKind, MockError } from '../core/errors.ts';
import type { Json } from '../core/json.ts';
import type { ErrorEnvelope } from './pack.ts';

const DEFAULT_STATUS: Record<ErrorKind, number> = {
  invalidRequest: 400,
  malformedBody: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  routeNotFound: 404,
  methodNotAllowed: 405,
  notAcceptable: 406,
  conflict: 409,
  illegalTransition: 409,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  internal: 500,
};

const DEFAULT_MESSAGE: Record<ErrorKind, string> = {
  invalidRequest: 'The request is invalid.',
  malformedBody: 'The request body could not be parsed.',
  unauthenticated: 'Authentication is required.',
  forbidden: 'Access is forbidden.',
  notFound: 'The resource was not found.',
  routeNotFound: 'No such resource.',
  methodNotAllowed: 'The method is not allowed for this resource.',
  notAcceptable: 'No acceptable representation.',
  conflict: 'The request conflicts with the current state.',
  illegalTransition: 'The transition is not allowed from the current state.',
  payloadTooLarge: 'The request body is too large.',
  unsupportedMediaType: 'The content type is not supported.',
  rateLimited: 'Too many requests.',
  internal: 'Internal server error.',
};

export function statusOf(envelope: ErrorEnvelope, kind: ErrorKind): number {
  return envelope.status?.[kind] ?? DEFAULT_STATUS[kind];
}

/** The engine's own errors (unknown route, oversized body...) in the pack's words when it has them. */
export function engineMessage(envelope: ErrorEnvelope, kind: ErrorKind): string {
  return envelope.messages?.[kind] ?? DEFAULT_MESSAGE[kind];
}

/** Renders a MockError through a vendor envelope: the status and the body the vendor would send. */
export function renderError(envelope: ErrorEnvelope, error: MockError, extra: { errorId: string; timestamp: string }): { status: number; body: Json } {
  const status = error.status ?? statusOf(envelope, error.kind);
  const body = envelope.render({
    status,
    code: error.code ?? envelope.codes?.[error.kind],
    message: error.message,
    fields: error.fields,
    errorId: extra.errorId,
    timestamp: extra.timestamp,
  });
  return { status, body };
}

/** The kind a vendor uses for an HTTP status, so a forced status still gets the right code and wording. */
export function kindForStatus(envelope: ErrorEnvelope, status: number): ErrorKind {
  const kinds = Object.keys(DEFAULT_STATUS) as ErrorKind[];
  return kinds.find((kind) => statusOf(envelope, kind) === status) ?? (status >= 500 ? 'internal' : 'invalidRequest');
}
