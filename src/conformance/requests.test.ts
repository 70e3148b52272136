import { describe, expect, it } from 'vitest';
import type { Json } from '../core/json.ts';
import { withSeededFaker } from '../generation/seeded-faker.ts';
import { readDocument } from './document.ts';
import { generationMedia, isConstrained, planRequests, serializeQuery, type PlanContext } from './requests.ts';
import { documentSchemas } from './schemas.ts';

const document = readDocument({
  openapi: '3.0.0',
  paths: {
    '/runs': {
      get: {
        parameters: [
          { name: 'api-version', in: 'header', required: true, schema: { type: 'string', enum: ['2024-04-01'] } },
          { name: 'acme-tenant', in: 'header', required: true, schema: { type: 'string', example: '<tenant-id>' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5 } },
          { name: 'next_token', in: 'query', schema: { type: 'string', example: 'ZVEy1iwsKBs9a6H' } },
          { name: 'order', in: 'query', schema: { type: 'string' } },
          { name: 'view', in: 'query', examples: { short: { value: 'overview' }, long: { value: 'verbose' } }, schema: { type: 'string' } },
        ],
        responses: {},
      },
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Start' }, examples: { full: { $ref: '#/components/examples/Full' } } } },
        },
        responses: {},
      },
    },
    '/runs/{id}/upload': {
      post: {
        requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
        responses: {},
      },
    },
  },
  components: {
    schemas: {
      Start: {
        type: 'object',
        required: ['config_id'],
        additionalProperties: false,
        properties: { config_id: { type: 'string', minLength: 3 }, run_mode: { type: 'string', enum: ['full', 'source'] } },
      },
    },
    examples: { Full: { value: { config_id: 'cg-1', run_mode: 'full' } } },
  },
});
const [list, start, upload] = document.operations.map((operation) => operation);
if (!list || !start || !upload) throw new Error('the test document has three operations');
const schemas = documentSchemas(document);

function plan(operation: NonNullable<typeof list>, extra: Partial<Omit<PlanContext, 'faker'>> = {}) {
  return withSeededFaker(3, '2026-11-01T00:00:00.000Z', (faker) =>
    planRequests(operation, { document, schemas, faker, generated: 3, params: {}, consoleHeaders: {}, ...extra }),
  );
}

describe('planning requests for an operation', () => {
  it('sends each request-body example, component examples followed', () => {
    const [first] = plan(start);
    expect(first).toMatchObject({ kind: 'example', label: 'example "full"', body: { kind: 'json', value: { config_id: 'cg-1', run_mode: 'full' } } });
  });

  it('generates bodies valid under the converted schema', () => {
    const generated = plan(start).filter((p) => p.kind === 'generated');
    expect(generated.length).toBeGreaterThan(0);
    for (const request of generated) expect(schemas.check({ $ref: '#/components/schemas/Start' }, 'request', request.body?.value as Json)).toEqual([]);
  });

  it('sends the parameters examples, required headers from their enum', () => {
    const [first] = plan(list);
    expect(first).toMatchObject({
      label: 'parameter examples',
      query: [
        ['next_token', 'ZVEy1iwsKBs9a6H'],
        ['view', 'overview'],
      ],
      headers: { 'api-version': '2024-04-01', 'acme-tenant': '<tenant-id>' },
    });
  });

  it('sends each further example of a parameter in a request of its own', () => {
    expect(plan(list).find((p) => p.label === 'example 2 of view')?.query).toEqual([
      ['next_token', 'ZVEy1iwsKBs9a6H'],
      ['view', 'verbose'],
    ]);
  });

  it('takes header values from --param, then the console headers', () => {
    const [first] = plan(list, { params: { 'Acme-Tenant': 'acme' }, consoleHeaders: { 'acme-tenant': 'socktown', 'api-version': '2024-04-01' } });
    expect(first?.headers).toEqual({ 'api-version': '2024-04-01', 'acme-tenant': 'acme' });
    expect(plan(list, { consoleHeaders: { 'acme-tenant': 'socktown' } })[0]?.headers['acme-tenant']).toBe('socktown');
  });

  it('never plans a skipped query parameter (a cursor)', () => {
    expect(plan(list, { skipQuery: ['next_token'] }).flatMap((p) => p.query.map(([name]) => name))).not.toContain('next_token');
  });

  it('generates only constrained optional parameters, with valid values', () => {
    const names = plan(list)
      .filter((p) => p.kind === 'generated')
      .flatMap((p) => p.query);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter(([name]) => name !== 'limit')).toEqual([]);
    expect(names.every(([, value]) => Number(value) >= 1 && Number(value) <= 5)).toBe(true);
  });

  it('sends a multipart body with its file part', () => {
    const [first] = plan(upload);
    expect(first?.body).toMatchObject({ kind: 'multipart', files: ['file'], value: { file: 'conformance check\n' } });
  });

  it('does not send the same request twice', () => {
    const keys = plan(list).map((p) => JSON.stringify([p.query, p.headers]));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('query serialization', () => {
  it('follows the OpenAPI styles', () => {
    expect(serializeQuery({ name: 'id' }, [1, 2])).toEqual([
      ['id', '1'],
      ['id', '2'],
    ]);
    expect(serializeQuery({ name: 'id', explode: false }, [1, 2])).toEqual([['id', '1,2']]);
    expect(serializeQuery({ name: 'id', style: 'pipeDelimited', explode: false }, [1, 2])).toEqual([['id', '1|2']]);
    expect(serializeQuery({ name: 'query', style: 'deepObject' }, { limit: 2 })).toEqual([['query[limit]', '2']]);
    expect(serializeQuery({ name: 'q' }, { a: 'b' })).toEqual([['a', 'b']]);
    expect(serializeQuery({ name: 'flag' }, true)).toEqual([['flag', 'true']]);
  });
});

describe('media and constraints', () => {
  it('generates JSON first, then forms, nothing for XML', () => {
    expect(generationMedia(['application/xml', 'application/json'])).toBe('application/json');
    expect(generationMedia(['application/vnd.api+json'])).toBe('application/vnd.api+json');
    expect(generationMedia(['multipart/form-data'])).toBe('multipart/form-data');
    expect(generationMedia(['application/xml'])).toBeUndefined();
  });

  it('knows a schema that says what its value means', () => {
    expect(isConstrained({ type: 'string' })).toBe(false);
    expect(isConstrained({ type: 'string', format: 'date-time' })).toBe(true);
    expect(isConstrained({ type: ['integer', 'null'] })).toBe(true);
    expect(isConstrained({ enum: ['a'] })).toBe(true);
  });
});
