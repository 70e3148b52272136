// One error type for every expected failure. A pack's error envelope (see ErrorEnvelope) turns it into
// the vendor's status code and body; nothing below src/http serializes errors itself.

export type ErrorKind =
  | 'invalidRequest'
  | 'malformedBody'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'routeNotFound'
  | 'methodNotAllowed'
  | 'illegalTransition'
  | 'conflict'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'notAcceptable'
  | 'rateLimited'
  | 'internal';

export interface MockError {
  readonly kind: ErrorKind;
  /** The vendor's wording, already filled in. */
  readonly message: string;
  /** Overrides the pack's default vendor code for this kind (e.g. 8x8 5001 for a missing name). */
  readonly code?: number | string;
  /** Field -> messages, for envelopes that carry a per-field map (NERM `errors`). */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the HTTP status the kind would have (a fault forcing a status). */
  readonly status?: number;
}

export function mockError(kind: ErrorKind, message: string, extra: Omit<MockError, 'kind' | 'message'> = {}): MockError {
  return { kind, message, ...extra };
}

/** Fills `{name}` placeholders; unknown names stay as written so a typo is visible, not silent. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
