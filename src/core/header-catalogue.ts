import type { JsonObject } from './json.ts';

// The response headers a reply may be declared to carry, each with its wire name, its schema and what it means. Packs
// and pagination dialects name them (lower case, as replies hold them); the OpenAPI builder writes them into the
// documents, and the strict response check holds every reply to its declaration, so the two cannot drift apart.

/** A catalogued header: how the documents name it, what it means, and its value's schema. */
export interface HeaderDefinition {
  /** The name as the documents write it. */
  readonly name: string;
  readonly description: string;
  readonly schema: JsonObject;
}

/** The catalogue, by the lower-case name replies hold a header under. */
export const HEADER_CATALOGUE = {
  link: {
    name: 'Link',
    description:
      'Links to the other pages of this list (RFC 8288): absolute URLs that keep the request\'s other query parameters, with rel "next", "prev", "first" or "last"; a relation that does not apply (no next page) is left out.',
    schema: { type: 'string', pattern: '^<[^>]*>;\\s*rel="[^"]+"(,\\s*<[^>]*>;\\s*rel="[^"]+")*$' },
  },
  location: {
    name: 'Location',
    description: 'Where the created resource can be read.',
    schema: { type: 'string', format: 'uri-reference' },
  },
  'retry-after': {
    name: 'Retry-After',
    description: 'Whole seconds to wait before the next request is accepted.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'set-cookie': {
    name: 'Set-Cookie',
    description: 'The session cookie that later requests send back.',
    schema: { type: 'string' },
  },
  allow: {
    name: 'Allow',
    description: 'The methods this path has.',
    schema: { type: 'string', pattern: '^[A-Z]+(, [A-Z]+)*$' },
  },
} as const satisfies Readonly<Record<string, HeaderDefinition>>;

export type ResponseHeaderName = keyof typeof HEADER_CATALOGUE;

/** One header a reply is declared to carry: always, or only on some replies (a `Link` only when there is another page). */
export interface HeaderUse {
  readonly name: ResponseHeaderName;
  readonly required: boolean;
}

export const isCatalogued = (name: string): name is ResponseHeaderName => Object.hasOwn(HEADER_CATALOGUE, name);
