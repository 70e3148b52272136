import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Json } from '../core/json.ts';
import { parseDocumentText, readDocument, type OpenApiDocument } from './document.ts';

// The edge of the conformance check: reading the vendor's document and the pack's verbatim examples from disk.

export function loadDocument(file: string): OpenApiDocument {
  return readDocument(parseDocumentText(readFileSync(file, 'utf8')));
}

/** `fixtures/<api>/examples.json`, or null for a pack without one. */
export function packExamples(api: string): Json {
  const file = fileURLToPath(new URL(`../../fixtures/${api}/examples.json`, import.meta.url));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : null;
}
