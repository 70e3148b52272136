import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../core/json.ts';
import { PROJECT_ROOT } from '../files/root.ts';
import { parseDocumentText, readDocument, type OpenApiDocument } from './document.ts';

// The edge of the conformance check: reading the vendor's document and the pack's verbatim examples from disk.

export function loadDocument(file: string): OpenApiDocument {
  return readDocument(parseDocumentText(readFileSync(file, 'utf8')));
}

/** `fixtures/<api>/examples.json`, or null for a pack without one. From the project root: this code also runs bundled. */
export function packExamples(api: string): Json {
  const file = join(PROJECT_ROOT, 'fixtures', api, 'examples.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : null;
}
