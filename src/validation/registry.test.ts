import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { readSchemaFiles } from '../files/schemas.ts';
import { describeIssue } from './describe.ts';
import { ANNOTATION_KEYWORDS, createSchemaRegistry } from './registry.ts';

const registry = createSchemaRegistry([
  {
    $id: 'https://test.local/p.json',
    type: 'object',
    required: ['name'],
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      flag: { type: 'boolean' },
      state: { enum: ['a', 'b'] },
      name: { type: 'string', 'x-error': { code: 5001, message: 'Name is required.' } },
    },
  },
]);

describe('schema registry', () => {
  it('coerces parameter strings and fills defaults on a copy', () => {
    const raw = { flag: 'true', name: 'n' };
    expect(registry.coerce('https://test.local/p.json', raw)).toEqual({ value: { flag: true, name: 'n', limit: 100 }, issues: [] });
    expect(raw).toEqual({ flag: 'true', name: 'n' });
  });

  it('does not coerce when checking bodies', () => {
    expect(registry.check('https://test.local/p.json', { name: 'n', limit: '5' })).toMatchObject([{ pointer: '/limit', keyword: 'type' }]);
  });

  it('reports a missing property with its own x-error', () => {
    const [issue] = registry.check('https://test.local/p.json', {});
    expect(issue).toMatchObject({ pointer: '/name', keyword: 'required', vendorMessage: 'Name is required.', vendorCode: 5001 });
  });

  it('reads schemas and their fragments without compiling them: a broken reference fails only when it is used', () => {
    const lazy = createSchemaRegistry([
      { $id: 'https://test.local/broken.json', type: 'object', properties: { a: { $ref: 'https://test.local/nowhere.json' } } },
      {
        $id: 'https://test.local/q.json',
        $defs: { 'a/b': { type: 'string', maxLength: 3 } },
        type: 'array',
        prefixItems: [{ type: 'integer' }],
        minItems: 1,
        items: false,
      },
    ]);
    expect(lazy.has('https://test.local/broken.json')).toBe(true);
    expect(lazy.schema('https://test.local/broken.json')).toMatchObject({ type: 'object' });
    expect(lazy.schema('https://test.local/q.json#/$defs/a~1b')).toEqual({ type: 'string', maxLength: 3 });
    expect(lazy.schema('https://test.local/q.json#/prefixItems/0')).toEqual({ type: 'integer' });
    expect(lazy.has('https://test.local/q.json#/$defs/missing')).toBe(false);
    expect(lazy.has('https://test.local/missing.json')).toBe(false);
    expect(lazy.check('https://test.local/q.json#/$defs/a~1b', 'abcd')).toMatchObject([{ keyword: 'maxLength' }]);
    expect(() => lazy.check('https://test.local/broken.json', {})).toThrow(/nowhere/);
  });

  it('reads a schema that only refers to another as the one it refers to, as ajv does', () => {
    const refs = createSchemaRegistry([
      {
        $id: 'https://test.local/r.json',
        $defs: { Name: { type: 'string' }, Loop: { $ref: '#' } },
        type: 'object',
        properties: {
          plain: { $ref: '#/$defs/Name' },
          annotated: { $ref: '#/$defs/Name', description: 'a name' },
          constrained: { $ref: '#/$defs/Name', maxLength: 3 },
          elsewhere: { $ref: 'other.json' },
        },
      },
      { $id: 'https://test.local/other.json', type: 'integer' },
    ]);
    expect(refs.schema('https://test.local/r.json#/properties/plain')).toEqual({ type: 'string' });
    expect(refs.schema('https://test.local/r.json#/properties/annotated')).toEqual({ type: 'string' });
    expect(refs.schema('https://test.local/r.json#/properties/constrained')).toEqual({ $ref: '#/$defs/Name', maxLength: 3 });
    expect(refs.schema('https://test.local/r.json#/properties/elsewhere')).toEqual({ $id: 'https://test.local/other.json', type: 'integer' });
    expect(refs.schema('https://test.local/r.json#/$defs/Loop')).toEqual({ $ref: '#' });
  });

  it("reads every subschema of the project's schemas exactly as ajv's getSchema resolves it", () => {
    const schemas = readSchemaFiles();
    const lazy = createSchemaRegistry(schemas, { checkDocuments: false });
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false, validateFormats: false });
    ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
    for (const schema of schemas) ajv.addSchema(schema);
    const ids: string[] = [];
    const walk = (base: string, node: unknown, pointer: string): void => {
      if (typeof node !== 'object' || node === null) return;
      if (!Array.isArray(node)) ids.push(pointer === '' ? base : `${base}#${pointer}`);
      for (const [key, child] of Object.entries(node)) walk(base, child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    };
    for (const schema of schemas) walk(String(schema['$id']), schema, '');
    // Objects that are not schemas (examples, defaults, enum values) are what ajv refuses to compile: not compared.
    const resolved = ids.flatMap((id) => {
      try {
        return [{ id, schema: ajv.getSchema(id)?.schema }];
      } catch {
        return [];
      }
    });
    expect(resolved.length).toBeGreaterThan(500);
    expect(resolved.filter(({ id, schema }) => JSON.stringify(lazy.schema(id)) !== JSON.stringify(schema)).map(({ id }) => id)).toEqual([]);
  });

  it('throws for an unknown schema id: a pack bug, not a request error', () => {
    expect(() => registry.check('https://test.local/missing.json', {})).toThrow(/Unknown schema/);
  });
});

describe('describeIssue', () => {
  it('names the parameter and the rule', () => {
    const [issue] = registry.coerce('https://test.local/p.json', { name: 'n', limit: '0' }).issues;
    expect(issue && describeIssue(issue, 'query')).toBe("query parameter 'limit' must be >= 1");
  });

  it('lists the allowed values of an enum', () => {
    const [issue] = registry.check('https://test.local/p.json', { name: 'n', state: 'c' });
    expect(issue && describeIssue(issue, 'body')).toBe("body field 'state' must be one of: a, b");
  });
});
