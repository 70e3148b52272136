import type busboyModule from 'busboy';
import type { Json, JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { loadLater } from '../files/load-later.ts';
import type { BodyProblem } from './parse-body.ts';

// A `multipart/form-data` body (an HTML form upload) as the JSON value an operation's body schema checks: each plain
// field a string, each file part `{filename, contentType, size, content}` with its bytes base64-encoded, and a name
// sent more than once an array of its values. A part is a file when it names a filename (or is
// application/octet-stream), as browsers, curl and Postman send files. Parsed with busboy; anything it cannot read
// (no boundary, a truncated form, a broken part header) is `malformed`, never an exception.

const busboy = loadLater<typeof busboyModule>('busboy');

export interface FilePart extends JsonObject {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** The file's bytes, base64. */
  readonly content: string;
}

export function parseMultipart(bytes: Uint8Array, contentType: string): Promise<Result<JsonObject, BodyProblem>> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<JsonObject, BodyProblem>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let parser: busboyModule.Busboy;
    try {
      // Filenames arrive as raw UTF-8 from browsers, curl and Postman, not the latin1 busboy assumes by default.
      parser = busboy()({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    } catch {
      // No boundary, or not a multipart type busboy knows.
      settle(fail('malformed'));
      return;
    }
    const form: JsonObject = {};
    parser.on('field', (name, value) => add(form, name, value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => settle(fail('malformed')));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        const file: FilePart = { filename: info.filename ?? '', contentType: info.mimeType, size: content.length, content: content.toString('base64') };
        add(form, name, file);
      });
    });
    parser.on('error', () => settle(fail('malformed')));
    // Emitted once every part is read and every file stream has ended.
    parser.on('close', () => settle(ok(form)));
    parser.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** Adds a part under its name; a second part of the same name turns the value into an array. */
function add(form: JsonObject, name: string | undefined, value: Json): void {
  if (name === undefined) return;
  const existing = Object.hasOwn(form, name) ? form[name] : undefined;
  const next: Json = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  // An own property, so a part named "__proto__" stays a field.
  Object.defineProperty(form, name, { value: next, enumerable: true, writable: true, configurable: true });
}
