import { describe, expect, it } from 'vitest';
import { parseMultipart } from './parse-multipart.ts';

const BOUNDARY = '----mockBoundary7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A form body as clients write it: each part's headers, a blank line, its bytes, between boundary lines. */
function form(parts: readonly { headers: string; body: string | Uint8Array }[], end = `--${BOUNDARY}--\r\n`): Uint8Array {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${BOUNDARY}\r\n${part.headers}\r\n\r\n`), Buffer.from(part.body), Buffer.from('\r\n'));
  chunks.push(Buffer.from(end));
  return new Uint8Array(Buffer.concat(chunks));
}

const file = (name: string, filename: string, type: string, body: string | Uint8Array) => ({
  headers: `Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}`,
  body,
});
const field = (name: string, body: string) => ({ headers: `Content-Disposition: form-data; name="${name}"`, body });

describe('parseMultipart', () => {
  it('reads a file part into filename, content type, size and base64 content', async () => {
    const csv = 'profile_id,name\r\n1,Ada\r\n';
    expect(await parseMultipart(form([file('file', 'people.csv', 'text/csv', csv)]), TYPE)).toEqual({
      ok: true,
      value: { file: { filename: 'people.csv', contentType: 'text/csv', size: csv.length, content: Buffer.from(csv).toString('base64') } },
    });
  });

  it('keeps binary bytes exactly', async () => {
    const bytes = new Uint8Array([0, 255, 13, 10, 45, 45, 128, 1]);
    const parsed = await parseMultipart(form([file('file', 'blob.bin', 'application/octet-stream', bytes)]), TYPE);
    expect(parsed.ok && Buffer.from(String((parsed.value['file'] as { content: string }).content), 'base64')).toEqual(Buffer.from(bytes));
  });

  it('reads plain fields as strings and a repeated name as an array', async () => {
    const parsed = await parseMultipart(form([field('note', 'hello'), field('tag', 'a'), field('tag', 'b')]), TYPE);
    expect(parsed).toEqual({ ok: true, value: { note: 'hello', tag: ['a', 'b'] } });
  });

  it('decodes UTF-8 filenames', async () => {
    const parsed = await parseMultipart(form([file('file', 'naïve résumé.csv', 'text/csv', 'x')]), TYPE);
    expect(parsed.ok && (parsed.value['file'] as { filename: string }).filename).toBe('naïve résumé.csv');
  });

  it('keeps a part named __proto__ as data', async () => {
    const parsed = await parseMultipart(form([field('__proto__', 'x')]), TYPE);
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(parsed.ok && Object.getOwnPropertyDescriptor(parsed.value, '__proto__')?.value).toBe('x');
  });

  it('reads a form with no parts as an empty object', async () => {
    expect(await parseMultipart(new Uint8Array(Buffer.from(`--${BOUNDARY}--\r\n`)), TYPE)).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['no boundary', form([field('a', 'b')]), 'multipart/form-data'],
    ['a truncated form', form([file('file', 'a.csv', 'text/csv', 'abc')], ''), TYPE],
    ['a part header that never ends', new Uint8Array(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"`)), TYPE],
    ['bytes that are no form at all', new Uint8Array(Buffer.from('{"file": "x"}')), TYPE],
  ])('refuses %s as malformed', async (_what, bytes, type) => {
    expect(await parseMultipart(bytes, type)).toEqual({ ok: false, error: 'malformed' });
  });
});
