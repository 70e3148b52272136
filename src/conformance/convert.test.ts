import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../core/json.ts';
import { admitNull, convertSchema, type ConvertOptions } from './convert.ts';

const components: Record<string, JsonObject> = {
  Secret: { type: 'string', writeOnly: true },
  Id: { type: 'string', readOnly: true },
};

function options(extra: Partial<ConvertOptions> = {}): ConvertOptions {
  return {
    version: '3.0',
    direction: 'response',
    rewriteRef: (ref) => ref.replace('#/components/schemas/', '#/$defs/'),
    resolve: (value) => {
      const ref = (value as JsonObject)['$ref'];
      return typeof ref === 'string' ? components[ref.split('/').at(-1) ?? ''] : undefined;
    },
    ...extra,
  };
}

const convert = (schema: Json, extra: Partial<ConvertOptions> = {}) => convertSchema(schema, options(extra));

describe('OpenAPI 3.0 schema conversion', () => {
  it('turns nullable into a type union with null', () => {
    expect(convert({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
  });

  it('adds null to the enum of a nullable schema', () => {
    expect(convert({ type: 'string', enum: ['a', 'b'], nullable: true })).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
  });

  it('wraps a nullable schema with composition keywords in anyOf with null', () => {
    expect(convert({ nullable: true, allOf: [{ $ref: '#/components/schemas/Id' }] })).toEqual({
      anyOf: [{ allOf: [{ $ref: '#/$defs/Id' }] }, { type: 'null' }],
    });
  });

  it('leaves nullable false as it is, without the keyword', () => {
    expect(convert({ type: 'integer', nullable: false })).toEqual({ type: 'integer' });
  });

  it('lets a schema whose default is null admit null', () => {
    expect(convert({ type: 'string', default: null, description: 'Otherwise, null.' })).toEqual({
      type: ['string', 'null'],
      default: null,
      description: 'Otherwise, null.',
    });
  });

  it('does not touch a default that is not null', () => {
    expect(convert({ type: 'string', default: 'disabled' })).toEqual({ type: 'string', default: 'disabled' });
  });

  it('drops example and x- extensions, keeping what they describe', () => {
    expect(convert({ type: 'object', example: { a: 1 }, 'x-displayName': 'A', properties: { a: { type: 'integer', example: 1, 'x-order': 2 } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'integer' } },
    });
  });

  it('keeps a property named like an extension', () => {
    expect(convert({ type: 'object', properties: { 'x-request-id': { type: 'string' } } })).toEqual({
      type: 'object',
      properties: { 'x-request-id': { type: 'string' } },
    });
  });

  it('turns a draft-4 exclusiveMinimum flag into the numeric form', () => {
    expect(convert({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 10,
    });
  });

  it('ignores the siblings of $ref in 3.0', () => {
    expect(convert({ $ref: '#/components/schemas/Id', description: 'ignored', nullable: true })).toEqual({ $ref: '#/$defs/Id' });
  });

  it('keeps the siblings of $ref in 3.1', () => {
    expect(convert({ $ref: '#/components/schemas/Id', description: 'kept' }, { version: '3.1' })).toEqual({ $ref: '#/$defs/Id', description: 'kept' });
  });

  it('does not read nullable in a 3.1 document', () => {
    expect(convert({ type: ['string', 'null'], default: null }, { version: '3.1' })).toEqual({ type: ['string', 'null'], default: null });
  });

  it('drops the formats ajv would check differently and keeps the JSON Schema ones', () => {
    const converted = convert({
      type: 'object',
      properties: {
        a: { type: 'integer', format: 'int32' },
        b: { type: 'string', format: 'url' },
        c: { type: 'string', format: 'uuid' },
        d: { type: 'string', format: 'date-time' },
        e: { type: 'string', format: 'vendor-special' },
        f: { type: 'string', format: 'password' },
      },
    });
    expect(converted).toEqual({
      type: 'object',
      properties: {
        a: { type: 'integer' },
        b: { type: 'string' },
        c: { type: 'string', format: 'uuid' },
        d: { type: 'string', format: 'date-time' },
        e: { type: 'string' },
        f: { type: 'string' },
      },
    });
  });

  it('marks binary and byte strings with the content annotations OpenAPI 3.1 uses', () => {
    expect(convert({ type: 'string', format: 'binary' })).toEqual({ type: 'string', contentMediaType: 'application/octet-stream' });
    expect(convert({ type: 'string', format: 'byte' })).toEqual({ type: 'string', contentEncoding: 'base64' });
  });

  it('does not require a readOnly property in a request', () => {
    const schema = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } };
    expect(convert(schema, { direction: 'request' })).toEqual({ ...schema, required: ['name'] });
    expect(convert(schema, { direction: 'response' })).toEqual(schema);
  });

  it('does not require a writeOnly property in a response, also behind a $ref', () => {
    const schema = { type: 'object', required: ['password'], properties: { password: { $ref: '#/components/schemas/Secret' } } };
    expect(convert(schema, { direction: 'response' })).toEqual({ type: 'object', properties: { password: { $ref: '#/$defs/Secret' } } });
    expect(convert(schema, { direction: 'request' })).toEqual({ type: 'object', required: ['password'], properties: { password: { $ref: '#/$defs/Secret' } } });
  });

  it('keeps readOnly and writeOnly as annotations', () => {
    expect(convert({ type: 'string', readOnly: true })).toEqual({ type: 'string', readOnly: true });
  });

  it('drops a draft-3 boolean required', () => {
    expect(convert({ type: 'object', properties: { a: { type: 'string', required: true } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });

  it('converts inside items, additionalProperties, composition and not', () => {
    const nullableString = { type: 'string', nullable: true };
    expect(convert({ type: 'array', items: nullableString })).toEqual({ type: 'array', items: { type: ['string', 'null'] } });
    expect(convert({ type: 'object', additionalProperties: nullableString })).toEqual({ type: 'object', additionalProperties: { type: ['string', 'null'] } });
    expect(convert({ oneOf: [nullableString, { type: 'integer' }] })).toEqual({ oneOf: [{ type: ['string', 'null'] }, { type: 'integer' }] });
    expect(convert({ not: nullableString })).toEqual({ not: { type: ['string', 'null'] } });
  });

  it('leaves data under enum, const and default alone', () => {
    expect(convert({ enum: [{ example: 1, 'x-a': 2 }], default: { example: 3 } })).toEqual({ enum: [{ example: 1, 'x-a': 2 }], default: { example: 3 } });
  });

  it('keeps a property named __proto__ as a property', () => {
    const converted = convert(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string","nullable":true}}}') as Json) as JsonObject;
    expect(Object.keys(converted['properties'] as JsonObject)).toEqual(['__proto__']);
  });
});

describe('admitNull', () => {
  it('adds null to a type list once', () => {
    expect(admitNull({ type: ['string', 'null'] })).toEqual({ type: ['string', 'null'] });
    expect(admitNull({ type: ['string', 'integer'] })).toEqual({ type: ['string', 'integer', 'null'] });
  });

  it('wraps a const', () => {
    expect(admitNull({ const: 'a' })).toEqual({ anyOf: [{ const: 'a' }, { type: 'null' }] });
  });
});
