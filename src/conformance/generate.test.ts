import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../core/json.ts';
import { withSeededFaker } from '../generation/seeded-faker.ts';
import { readDocument } from './document.ts';
import { exampleFromSchema, flattenForGeneration, generateValid, mergeSchemas } from './generate.ts';
import { documentSchemas } from './schemas.ts';

const document = readDocument({
  openapi: '3.0.0',
  paths: {},
  components: {
    schemas: {
      step: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      smsStep: {
        allOf: [{ $ref: '#/components/schemas/step' }],
        type: 'object',
        required: ['inputs'],
        properties: { stepType: { type: 'string', enum: ['SMS'] }, inputs: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
      },
      definitionInput: {
        type: 'object',
        required: ['accountId', 'steps'],
        properties: { steps: { type: 'array', items: { anyOf: [{ $ref: '#/components/schemas/smsStep' }] } } },
      },
      request: {
        type: 'object',
        required: ['config_id'],
        additionalProperties: false,
        properties: {
          config_id: { type: 'string', example: 'cg-123' },
          run_mode: { type: 'string', enum: ['full', 'source'], default: 'full' },
          range_from: { type: 'string', format: 'date-time', example: 'not a date' },
        },
      },
    },
  },
});
const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const schemas = documentSchemas(document);

describe('flattening a schema for the generator', () => {
  it('inlines references and merges allOf', () => {
    const standalone = schemas.standalone(ref('smsStep'), 'request');
    const flat = flattenForGeneration(standalone, standalone);
    expect(flat['required']).toEqual(['inputs', 'id']);
    expect(Object.keys(flat['properties'] as JsonObject)).toEqual(['stepType', 'inputs', 'id']);
  });

  it('describes a required property the schema leaves out', () => {
    const standalone = schemas.standalone(ref('definitionInput'), 'request');
    expect((flattenForGeneration(standalone, standalone)['properties'] as JsonObject)['accountId']).toEqual({});
  });

  it('cuts recursion', () => {
    const root: JsonObject = { $defs: { n: { type: 'object', properties: { next: { $ref: '#/$defs/n' } } } }, $ref: '#/$defs/n' };
    expect(() => flattenForGeneration(root, root)).not.toThrow();
  });

  it('merges properties and required of two schemas', () => {
    expect(mergeSchemas({ required: ['a'], properties: { a: { type: 'string' } } }, { required: ['b'], properties: { a: { minLength: 1 }, b: {} } })).toEqual({
      required: ['a', 'b'],
      properties: { a: { type: 'string', minLength: 1 }, b: {} },
    });
  });
});

describe('generating valid values', () => {
  it('generates only values the converted schema accepts', () => {
    const standalone = schemas.standalone(ref('definitionInput'), 'request');
    const values = withSeededFaker(7, '2026-11-01T00:00:00.000Z', (faker) =>
      generateValid(standalone, standalone, faker, 3, (v) => schemas.check(ref('definitionInput'), 'request', v).length === 0),
    );
    expect(values.length).toBe(3);
    for (const value of values) expect(schemas.check(ref('definitionInput'), 'request', value)).toEqual([]);
  });

  it('gives fewer values when the schema cannot be met', () => {
    const impossible: JsonObject = { type: 'string', pattern: '^never$' };
    const values = withSeededFaker(7, '2026-11-01T00:00:00.000Z', (faker) => generateValid(impossible, impossible, faker, 3, (v) => v === 'never'));
    expect(values).toEqual([]);
  });
});

describe('a value from the schema examples', () => {
  const valid = (schema: JsonObject, value: Json) => schemas.check(schema, 'request', value).length === 0;

  it('builds an object from its properties examples and defaults, leaving out an invalid example', () => {
    expect(exampleFromSchema(ref('request'), document.root, valid)).toEqual({ config_id: 'cg-123', run_mode: 'full' });
  });

  it('is undefined when a required property has no example', () => {
    expect(exampleFromSchema(ref('definitionInput'), document.root, valid)).toBeUndefined();
  });
});
