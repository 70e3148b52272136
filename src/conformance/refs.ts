import { isJsonObject, type Json, type JsonObject, valueAtPointer } from '../core/json.ts';

// JSON pointers and internal `$ref`s of an OpenAPI document. Only references inside the document (`#/...`) are
// followed: the conformance check reads one file and never fetches another.

/** The value at a `#/a/b` reference (URI-encoded, as `$ref`s are), or undefined. */
export function resolvePointer(document: Json, ref: string): Json | undefined {
  return ref.startsWith('#') ? valueAtPointer(document, decodeURIComponent(ref.slice(1))) : undefined;
}

export class RefError extends Error {}

/**
 * Follows a chain of `$ref`s (a reference to a reference...) to the object it ends at. Siblings of `$ref` are
 * dropped, as OpenAPI 3.0 says for Reference Objects. Throws RefError for a dangling, external or circular chain.
 */
export function followRef(document: Json, value: Json | undefined): Json | undefined {
  const seen = new Set<string>();
  let current = value;
  while (isJsonObject(current) && typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    if (!ref.startsWith('#')) throw new RefError(`external $ref ${ref} is not supported: bundle the document into one file first`);
    if (seen.has(ref)) throw new RefError(`circular $ref ${ref}`);
    seen.add(ref);
    current = resolvePointer(document, ref);
    if (current === undefined) throw new RefError(`$ref ${ref} points at nothing in the document`);
  }
  return current;
}

/** `followRef`, for places where the document requires an object. */
export function followObject(document: Json, value: Json | undefined): JsonObject | undefined {
  const target = followRef(document, value);
  return isJsonObject(target) ? target : undefined;
}
