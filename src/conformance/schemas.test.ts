import { describe, expect, it } from 'vitest';
import { readDocument } from './document.ts';
import { buildStandalone, documentSchemas } from './schemas.ts';

const document = readDocument({
  openapi: '3.0.0',
  paths: {},
  components: {
    schemas: {
      Node: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
      Session: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string', format: 'uuid', readOnly: true },
          status: { type: 'string', nullable: true },
          completedAt: { type: 'string', default: null },
        },
      },
      Either: { oneOf: [{ type: 'object' }, { type: 'object', properties: { logs: { type: 'array' } } }] },
    },
  },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('document schemas', () => {
  it('keeps a recursive schema as a reference under $defs', () => {
    const standalone = buildStandalone(document, ref('Node'), 'response');
    expect(standalone['$ref']).toBe('#/$defs/components~1schemas~1Node');
    expect(Object.keys(standalone['$defs'] as object)).toEqual(['components/schemas/Node']);
  });

  it('checks a value through a cycle of references', () => {
    const schemas = documentSchemas(document);
    expect(schemas.check(ref('Node'), 'response', { name: 'a', children: [{ name: 'b', children: [] }] })).toEqual([]);
    const [failure] = schemas.check(ref('Node'), 'response', { name: 'a', children: [{ children: [] }] });
    expect(failure).toMatchObject({ pointer: '/children/0/name', instancePath: '/children/0', keyword: 'required' });
  });

  it('checks the converted schema: nullable, default null, formats', () => {
    const schemas = documentSchemas(document);
    const id = '0b6c7a7e-1f5e-4c4e-9c59-8f3f1c0d2a11';
    expect(schemas.check(ref('Session'), 'response', { id, status: null, completedAt: null })).toEqual([]);
    expect(schemas.check(ref('Session'), 'response', { id: 'df9t', status: 'new' })).toMatchObject([{ pointer: '/id', keyword: 'format', data: 'df9t' }]);
  });

  it('does not require a readOnly property in a request body', () => {
    const schemas = documentSchemas(document);
    expect(schemas.check(ref('Session'), 'request', { status: 'new' })).toEqual([]);
    expect(schemas.check(ref('Session'), 'response', { status: 'new' })).toMatchObject([{ pointer: '/id', keyword: 'required' }]);
  });

  it('reports a oneOf whose branches overlap with the passing branches', () => {
    const [failure] = documentSchemas(document).check(ref('Either'), 'response', { logs: [] });
    expect(failure).toMatchObject({ keyword: 'oneOf', params: { passingSchemas: [0, 1] } });
  });

  it('reports a schema ajv cannot compile as one failure instead of stopping', () => {
    expect(documentSchemas(document).check({ type: 'string', pattern: '([' }, 'response', 'x')).toMatchObject([{ keyword: 'unusableSchema', pointer: '' }]);
  });

  it('reads a parameter from its text into its schema type', () => {
    const schemas = documentSchemas(document);
    expect(schemas.checkParameter({ type: 'integer', minimum: 1 }, '5')).toEqual([]);
    expect(schemas.checkParameter({ type: 'integer', minimum: 1 }, '0')).toMatchObject([{ keyword: 'minimum', instancePath: '' }]);
    expect(schemas.checkParameter({ type: 'boolean' }, 'true')).toEqual([]);
    expect(schemas.checkParameter({ type: 'array', items: { type: 'integer' } }, ['1', '2'])).toEqual([]);
  });
});
