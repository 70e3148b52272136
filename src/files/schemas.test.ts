import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_KEYWORDS } from '../validation/registry.ts';
import { readSchemaFiles } from './schemas.ts';

// The server reads these documents without checking them against the meta-schema (start-up time), so this test does.

describe('the schema files', () => {
  it('are every one a valid JSON Schema 2020-12 document with its own $id', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
    const schemas = readSchemaFiles();
    expect(schemas.length).toBeGreaterThan(20);
    const invalid = schemas.filter((schema) => !ajv.validateSchema(schema)).map((schema) => `${String(schema['$id'])}: ${ajv.errorsText()}`);
    expect(invalid).toEqual([]);
    expect(new Set(schemas.map((schema) => schema['$id'])).size).toBe(schemas.length);
  });

  it('would catch a document that breaks the meta-schema', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema({ $id: 'https://test.local/x.json', type: 'objekt' })).toBe(false);
  });
});
