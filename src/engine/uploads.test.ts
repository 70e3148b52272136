import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.ts';
import { mockError } from '../core/errors.ts';
import type { JsonObject } from '../core/json.ts';
import type { PlainRequest } from '../core/request.ts';
import { ok } from '../core/result.ts';
import { createTestStore } from '../store/memory.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { createEngine } from './engine.ts';
import { originOf } from './input.ts';
import type { ApiPack } from './pack.ts';

// The engine's upload support: multipart bodies, replacing creates, raw-byte replies, and links that carry their session.

const ID = 'https://test.local/files.json';
const schemas: JsonObject[] = [
  {
    $id: ID,
    $defs: {
      Form: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'object',
            required: ['filename', 'contentType', 'size', 'content'],
            properties: { filename: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' }, content: { type: 'string' } },
          },
          note: { type: 'string' },
        },
      },
      Stored: {
        type: 'object',
        required: ['name', 'content', 'type'],
        properties: { name: { type: 'string' }, content: { type: 'string' }, type: { type: 'string' }, note: { type: 'string' }, link: { type: 'string' } },
      },
      Link: { type: 'object', required: ['link'], properties: { link: { type: 'string' } } },
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
];

const filesPack: ApiPack = {
  id: 'files',
  title: 'Files',
  vendorBaseUrl: 'https://files.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S+)$/], message: 'Who are you?' },
  errors: { schema: `${ID}#/$defs/Error`, messages: { malformedBody: 'Bad body.', unsupportedMediaType: 'JSON only.' }, render: (e) => ({ error: e.message }) },
  seed: () => ({ files: [] }),
  operations: [
    {
      id: 'upload',
      method: 'POST',
      path: '/files/{name}',
      summary: 'upload',
      accepts: ['multipart'],
      request: { body: `${ID}#/$defs/Form` },
      responses: { 200: `${ID}#/$defs/Link` },
      action: {
        kind: 'create',
        collection: 'files',
        replace: true,
        build(input) {
          const body = input.body as JsonObject;
          const file = body['file'] as JsonObject;
          const name = String(input.params['name']);
          return ok({
            id: name,
            data: {
              name,
              content: String(file['content']),
              type: String(file['contentType']),
              ...(typeof body['note'] === 'string' ? { note: body['note'] } : {}),
              link: `${input.origin}${input.base}/download/${input.session}/${name}`,
            },
          });
        },
        reply: (record) => ({ status: 200, body: { link: String(record.data['link']) } }),
      },
    },
    {
      id: 'download',
      method: 'GET',
      path: '/download/{session}/{name}',
      summary: 'download',
      public: true,
      mockOnly: true,
      sessionParam: 'session',
      responses: { 200: null },
      action: {
        kind: 'get',
        collection: 'files',
        id: (input) => String(input.params['name']),
        notFound: () => mockError('notFound', 'gone'),
        reply: (record) =>
          ok({ status: 200, raw: { bytes: new Uint8Array(Buffer.from(String(record.data['content']), 'base64')), contentType: String(record.data['type']) } }),
      },
    },
  ],
};

function setup() {
  const { engine } = createEngine({
    packs: [filesPack],
    store: createTestStore(),
    registry: createSchemaRegistry(schemas),
    clock: fixedClock('2026-02-01T00:00:00Z'),
    seed: 1,
    cursorSecret: 's',
    strictResponses: true,
  });
  const call = (request: Partial<PlainRequest> & { method: string; path: string }) =>
    engine.handle('files', { base: '/files', query: [], ...request, headers: { authorization: 'Bearer t', host: '127.0.0.1:4010', ...request.headers } });
  return { engine, call };
}

const BOUNDARY = 'b0undary';
function multipart(parts: readonly string[]): Uint8Array {
  return new TextEncoder().encode(`${parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('')}--${BOUNDARY}--\r\n`);
}
const FORM = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
const filePart = (text: string) => `Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${text}`;

describe('engine uploads', () => {
  it('reads a multipart form into the JSON its body schema checks, and answers a link back to this server', async () => {
    const { call } = setup();
    const res = await call({
      method: 'POST',
      path: '/files/a',
      headers: FORM,
      body: multipart([filePart('hello'), 'Content-Disposition: form-data; name="note"\r\n\r\nhi']),
    });
    expect(res).toMatchObject({ status: 200, payload: { link: 'http://127.0.0.1:4010/files/download/default/a' } });
  });

  it('serves raw bytes with their content type, in the session the link names, without credentials', async () => {
    const { call } = setup();
    await call({ method: 'POST', path: '/files/a', headers: { ...FORM, 'x-mock-session': 'qa' }, body: multipart([filePart('hello')]) });
    const res = await call({ method: 'GET', path: '/download/qa/a', headers: { authorization: '' } });
    expect(res.status).toBe(200);
    expect(res.raw?.contentType).toBe('text/plain');
    expect(Buffer.from(res.raw?.bytes ?? []).toString()).toBe('hello');
    expect((await call({ method: 'GET', path: '/download/default/a' })).status).toBe(404);
  });

  it('replaces a record with the same id instead of refusing it', async () => {
    const { call } = setup();
    await call({ method: 'POST', path: '/files/a', headers: FORM, body: multipart([filePart('one')]) });
    expect((await call({ method: 'POST', path: '/files/a', headers: FORM, body: multipart([filePart('two')]) })).status).toBe(200);
    const res = await call({ method: 'GET', path: '/download/default/a' });
    expect(Buffer.from(res.raw?.bytes ?? []).toString()).toBe('two');
  });

  it('refuses a form that breaks its schema as invalid', async () => {
    const { call } = setup();
    const res = await call({
      method: 'POST',
      path: '/files/a',
      headers: FORM,
      body: multipart(['Content-Disposition: form-data; name="note"\r\n\r\nno file']),
    });
    expect(res.status).toBe(400);
  });

  it("answers a malformed form with the pack's malformed-body error", async () => {
    const { call } = setup();
    const res = await call({ method: 'POST', path: '/files/a', headers: FORM, body: new TextEncoder().encode(`--${BOUNDARY}\r\n${filePart('cut')}`) });
    expect(res).toMatchObject({ status: 400, payload: { error: 'Bad body.' } });
  });

  it("refuses JSON where the operation reads a form, naming the form type rather than the pack's usual one", async () => {
    const { call } = setup();
    const res = await call({
      method: 'POST',
      path: '/files/a',
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode('{"file":{}}'),
    });
    expect(res.status).toBe(415);
    expect(String((res.payload as JsonObject)['error'])).toContain('multipart/form-data');
  });
});

describe('originOf', () => {
  it.each([
    ['127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['Mock.Example:80', 'http://mock.example'],
    ['[::1]:4010', 'http://[::1]:4010'],
    [undefined, 'http://localhost'],
    ['evil.example/path', 'http://localhost'],
    ['user@evil.example', 'http://localhost'],
    ['a b', 'http://localhost'],
  ])('reads Host %j as %s', (host, origin) => {
    expect(originOf(host)).toBe(origin);
  });
});
