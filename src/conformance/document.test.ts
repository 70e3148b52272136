import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../core/json.ts';
import { DocumentError, mergeParameters, parseDocumentText, readDocument, serverBasePath, type DocParameter } from './document.ts';
import { followRef, RefError, resolvePointer } from './refs.ts';

const document: JsonObject = {
  openapi: '3.0.3',
  servers: [{ url: 'https://{tenantName}.nonemployee.com/api/', variables: { tenantName: { default: 'acme' } } }, { url: 'https://other.example/v2' }],
  paths: {
    '/runs/{id}': {
      parameters: [{ $ref: '#/components/parameters/id' }, { name: 'view', in: 'query', schema: { type: 'string' } }],
      get: {
        operationId: 'getRun',
        parameters: [{ name: 'view', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] } }],
        responses: { 200: { $ref: '#/components/responses/Run' }, '4xx': { description: 'error' }, default: { description: 'other' } },
      },
      patch: {
        requestBody: { $ref: '#/components/requestBodies/Patch' },
        responses: { 200: { description: 'ok' } },
      },
    },
  },
  components: {
    parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'string', example: 'run-1' } } },
    responses: { Run: { description: 'a run', content: { 'application/json': { schema: { $ref: '#/components/schemas/Run' } } } } },
    requestBodies: {
      Patch: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object' },
            example: { a: 1 },
            examples: { closing: { $ref: '#/components/examples/Close' }, remote: { externalValue: 'https://example.com/x.json' } },
          },
        },
      },
    },
    examples: { Close: { value: { status: 'closed' } } },
    schemas: { Run: { type: 'object' } },
  },
};

describe('reading an OpenAPI document', () => {
  it('prepends the first server path to every document path', () => {
    const read = readDocument(document);
    expect(read.basePath).toBe('/api');
    expect(read.operations.map((op) => `${op.method} ${op.fullPath}`)).toEqual(['GET /api/runs/{id}', 'PATCH /api/runs/{id}']);
  });

  it('merges path-level parameters, the operation winning on name and location', () => {
    const get = readDocument(document).operations[0];
    expect(get?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['view', 'query', true],
    ]);
    expect(readDocument(document).operations[1]?.parameters.map((p) => [p.name, p.required])).toEqual([
      ['id', true],
      ['view', false],
    ]);
  });

  it('reads a parameter example from its schema when it has none of its own', () => {
    expect(readDocument(document).operations[0]?.parameters[0]?.examples).toEqual(['run-1']);
  });

  it('resolves referenced responses and request bodies, and component examples', () => {
    const [get, patch] = readDocument(document).operations;
    expect(get?.responses['200']?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Run' });
    expect(Object.keys(get?.responses ?? {})).toEqual(['200', '4XX', 'default']);
    expect(patch?.requestBody?.required).toBe(true);
    expect(patch?.requestBody?.content['application/json']?.examples).toEqual([
      { name: 'example', value: { a: 1 } },
      { name: 'closing', value: { status: 'closed' } },
    ]);
  });

  it('refuses a document that is not OpenAPI 3', () => {
    expect(() => readDocument({ swagger: '2.0', paths: {} })).toThrow(DocumentError);
  });

  it('knows a 3.1 document', () => {
    expect(readDocument({ openapi: '3.1.0', paths: {} }).version).toBe('3.1');
  });

  it('reads YAML as well as JSON', () => {
    expect(parseDocumentText('openapi: 3.0.0\npaths: {}\n')).toEqual({ openapi: '3.0.0', paths: {} });
    expect(parseDocumentText('{"openapi": "3.1.0"}')).toEqual({ openapi: '3.1.0' });
  });
});

describe('server base paths', () => {
  it('is empty for a server at the root', () => {
    expect(serverBasePath([{ url: 'https://api.example.com' }])).toBe('');
  });

  it('reads a relative server URL', () => {
    expect(serverBasePath([{ url: '/api/v1' }])).toBe('/api/v1');
  });

  it('is empty without servers', () => {
    expect(serverBasePath(undefined)).toBe('');
  });
});

describe('mergeParameters', () => {
  it('matches header names without case', () => {
    const shared: DocParameter[] = [{ name: 'Api-Version', in: 'header', required: true, examples: [] }];
    const own: DocParameter[] = [{ name: 'api-version', in: 'header', required: false, examples: [] }];
    expect(mergeParameters(shared, own)).toEqual(own);
  });
});

describe('references', () => {
  const root: Json = {
    a: { $ref: '#/b' },
    b: { $ref: '#/c' },
    c: { value: 1 },
    loop: { $ref: '#/loop' },
    'x/y': { ok: true },
    paths: { '/runs/{id}': { get: 1 } },
  };

  it('follows a chain of references', () => {
    expect(followRef(root, { $ref: '#/a' })).toEqual({ value: 1 });
  });

  it('refuses a circular chain', () => {
    expect(() => followRef(root, { $ref: '#/loop' })).toThrow(RefError);
  });

  it('refuses a dangling or external reference', () => {
    expect(() => followRef(root, { $ref: '#/nothing' })).toThrow(RefError);
    expect(() => followRef(root, { $ref: 'other.json#/a' })).toThrow(RefError);
  });

  it('unescapes pointer segments and URI encoding', () => {
    expect(resolvePointer(root, '#/x~1y')).toEqual({ ok: true });
    expect(resolvePointer(root, '#/paths/~1runs~1%7Bid%7D/get')).toBe(1);
  });
});
