import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import { readSchemaFiles } from '../files/schemas.ts';
import { generateFromSchema } from '../generation/from-schema.ts';
import { withSeededFaker } from '../generation/seeded-faker.ts';
import { ANNOTATION_KEYWORDS, createSchemaRegistry } from '../validation/registry.ts';
import { bundleSchemas } from './bundle.ts';
import { pageNumberLink } from '../pagination/page-number.ts';
import { buildOpenApi, openApiText } from './build.ts';

const schemas = readSchemaFiles();
const registry = createSchemaRegistry(schemas);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// ajv-formats is CommonJS; under NodeNext its default import is the module object or the plugin itself.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv2020) => void;

/**
 * The whole document registered as one schema, with the runtime registry's strictness: its OpenAPI members are
 * declared as annotation keywords so strict mode accepts them, and every `#/components/...` ref resolves in place.
 */
function documentAjv(document: JsonObject, id: string): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary([...ANNOTATION_KEYWORDS, ...Object.keys(document).filter((key) => !key.startsWith('$'))]);
  ajv.addSchema({ ...document, $id: id });
  return ajv;
}

const pointer = (...tokens: string[]) => tokens.map((t) => `/${encodeURIComponent(t.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');

function refsIn(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

function operationIn(document: JsonObject, path: string, method: string): JsonObject {
  const item = (document['paths'] as JsonObject)[path];
  const operation = isJsonObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isJsonObject(operation)) throw new Error(`no ${method} ${path}`);
  return operation;
}

/** Values to try a schema with: a few it generates, and a few that break most schemas. */
function probes(schemaId: string, seed: number): Json[] {
  const schema = registry.schema(schemaId);
  if (!schema) throw new Error(`no schema ${schemaId}`);
  const generated = withSeededFaker(seed, '2025-01-01T00:00:00Z', (faker) =>
    [1, 2, 3].map(() => generateFromSchema(schema, { faker, resolve: (ref) => registry.schema(ref) }, schemaId.split('#')[0])),
  );
  const broken = generated.filter(isJsonObject).map((value) => Object.fromEntries(Object.entries(value).slice(1)));
  return [...generated, ...broken, {}, null, 12345, 'text', [], { unexpected: true }];
}

describe.each(allPacks.map((pack): [string, ApiPack] => [pack.id, pack]))('OpenAPI for %s', (apiId, pack) => {
  const document = buildOpenApi(pack, schemas);
  // Mock-only operations (a download link's target) are left out of the document.
  const operations = pack.operations.filter((op) => !op.mockOnly);
  const components = (document['components'] as JsonObject)['schemas'] as JsonObject;

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('has every operation of the pack, by operationId, under its path and method', () => {
    const declared = Object.entries(document['paths'] as JsonObject).flatMap(([path, item]) =>
      Object.entries(item as JsonObject)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => `${method.toUpperCase()} ${path} ${String((op as JsonObject)['operationId'])}`),
    );
    expect(declared.sort()).toEqual(operations.map((op) => `${op.method} ${op.path} ${op.id}`).sort());
  });

  it('declares exactly the path parameters its path templates name', () => {
    for (const op of operations) {
      const parameters = (operationIn(document, op.path, op.method)['parameters'] ?? []) as JsonObject[];
      const declared = parameters.filter((p) => p['in'] === 'path').map((p) => p['name']);
      const templated = [...op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
      expect(declared.sort(), `${op.id}`).toEqual(templated.sort());
    }
  });

  it('refers only to components that exist, and never to the schemas host', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/(schemas|responses)\/[A-Za-z0-9._-]+$/);
      const [, , kind = '', name = ''] = ref.split('/');
      expect(Object.hasOwn((document['components'] as JsonObject)[kind] as JsonObject, name), ref).toBe(true);
    }
    expect(JSON.stringify(document)).not.toContain('workflow-mocks.local');
  });

  it(`is what openapi/${apiId}.json holds (run npm run openapi)`, () => {
    const committed = readFileSync(new URL(`../../openapi/${apiId}.json`, import.meta.url), 'utf8');
    expect(committed === openApiText(document), `openapi/${apiId}.json is stale: run npm run openapi`).toBe(true);
  });

  it('compiles every component schema with ajv 2020 under the runtime strictness', () => {
    const ajv = documentAjv(document, `https://openapi.test/${apiId}`);
    const names = Object.keys(components);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(() => ajv.getSchema(`https://openapi.test/${apiId}#${pointer('components', 'schemas', name)}`), name).not.toThrow();
    }
  });

  it('accepts and refuses the same bodies as the source schemas', () => {
    const ajv = documentAjv(document, `https://openapi.test/${apiId}`);
    let seed = 0;
    for (const op of operations) {
      const bodies = Object.entries(op.responses).flatMap(([status, id]) => (id === null ? [] : [{ id, at: ['responses', status] }]));
      // A form upload is described as a form (a binary file part), not as the JSON the engine reads it into.
      if (op.request?.body && !op.accepts?.includes('multipart')) bodies.push({ id: op.request.body, at: ['requestBody'] });
      bodies.push({ id: pack.errors.schema, at: ['responses', 'default'] });
      for (const { id, at } of bodies) {
        // Every pack speaks JSON; LongJump's XML entries carry the same schema.
        const validate = ajv.getSchema(
          `https://openapi.test/${apiId}#${pointer('paths', op.path, op.method.toLowerCase(), ...at, 'content', 'application/json', 'schema')}`,
        );
        if (!validate) throw new Error(`${op.id}: no schema at ${at.join('/')}`);
        for (const [index, value] of probes(id, seed++).entries()) {
          expect(validate(value), `${op.id} ${at.join(' ')} probe ${index}: ${JSON.stringify(value)}`).toBe(registry.check(id, value).length === 0);
        }
      }
    }
  });
});

describe('OpenAPI details', () => {
  const byId = (id: string) => {
    const pack = allPacks.find((p) => p.id === id);
    if (!pack) throw new Error(id);
    return buildOpenApi(pack, schemas);
  };

  it("emits NERM's deepObject spellings as optional query parameters beside the flat ones", () => {
    const parameters = operationIn(byId('nerm'), '/api/workflow_sessions', 'GET')['parameters'] as JsonObject[];
    const names = parameters.map((p) => p['name']);
    expect(names.slice(0, 6)).toEqual(['limit', 'query[limit]', 'offset', 'query[offset]', 'order', 'query[order]']);
    const alias = parameters.find((p) => p['name'] === 'query[limit]');
    expect(alias).toMatchObject({ in: 'query', required: false, schema: parameters[0]?.['schema'] });
    expect(String(alias?.['description'])).toContain('deepObject spelling of `limit`');
  });

  it("keeps Twinit's in-segment template and LongJump's public login", () => {
    expect(operationIn(byId('twinit'), '/workflowsvc/api/v1/workflows{id}/status', 'PUT')['operationId']).toBe('updateWorkflowStatusUnslashed');
    const longjump = byId('longjump');
    expect(operationIn(longjump, '/networking/rest/login', 'POST')['security']).toEqual([]);
    expect(operationIn(longjump, '/networking/rest/workflowAction/record/{objectName}/{recordId}', 'GET')['security']).toBeUndefined();
    expect(longjump['security']).toEqual([{ sessionCookie: [] }]);
    expect((longjump['components'] as JsonObject)['securitySchemes']).toMatchObject({ sessionCookie: { type: 'apiKey', in: 'cookie', name: 'JSESSIONID' } });
    expect(Object.keys((operationIn(longjump, '/networking/rest/login', 'POST')['requestBody'] as JsonObject)['content'] as JsonObject)).toEqual([
      'application/xml',
      'application/json',
    ]);
  });

  it("describes NERM's attachment upload as a form with a binary file part, and leaves the mock's download link out", () => {
    const nerm = byId('nerm');
    const upload = operationIn(nerm, '/api/workflow_sessions/{id}/upload/{attribute_id}', 'POST');
    expect((upload['requestBody'] as JsonObject)['content']).toEqual({
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file: expect.objectContaining({ type: 'string', format: 'binary' }) } },
      },
    });
    expect(Object.keys(nerm['paths'] as JsonObject).some((path) => path.includes('__attachments'))).toBe(false);
  });

  it('marks required query parameters and headers from the schema', () => {
    const twinit = operationIn(byId('twinit'), '/workflowsvc/api/v1/workflows', 'GET')['parameters'] as JsonObject[];
    expect(twinit.find((p) => p['name'] === 'nsfilter')).toMatchObject({ in: 'query', required: true });
    expect(twinit.find((p) => p['name'] === '_pagesize')).toMatchObject({ in: 'query', required: false });
    const amperity = operationIn(byId('amperity'), '/api/workflow/runs', 'GET')['parameters'] as JsonObject[];
    expect(amperity.filter((p) => p['in'] === 'header').map((p) => [p['name'], p['required']])).toEqual([
      ['amperity-tenant', true],
      ['api-version', false],
    ]);
  });
});

describe('OpenAPI response headers', () => {
  const byId = (id: string): ApiPack => {
    const pack = allPacks.find((p) => p.id === id);
    if (!pack) throw new Error(id);
    return pack;
  };
  const responseOf = (document: JsonObject, path: string, method: string, status: string) =>
    (operationIn(document, path, method)['responses'] as JsonObject)[status] as JsonObject;

  it('declares Location on the creates that answer with it', () => {
    const eight = buildOpenApi(byId('8x8'), schemas);
    const created = responseOf(eight, '/api/v1/accounts/{accountId}/definitions/{definitionId}/workflows', 'POST', '201');
    expect(created['headers']).toEqual({
      Location: { description: 'Where the created resource can be read.', required: true, schema: { type: 'string', format: 'uri-reference' } },
    });
    expect(responseOf(eight, '/api/v1/accounts/{accountId}/definitions', 'POST', '201')['headers']).toHaveProperty('Location');
    expect(responseOf(eight, '/api/v1/accounts/{accountId}/definitions', 'GET', '200')).not.toHaveProperty('headers');
  });

  it('declares the session cookie a login sets', () => {
    const login = responseOf(buildOpenApi(byId('longjump'), schemas), '/networking/rest/login', 'POST', '200');
    expect(login['headers']).toMatchObject({ 'Set-Cookie': { required: true, schema: { type: 'string' } } });
  });

  it('declares 429 with Retry-After on every operation of a rate-limited API, and on no other', () => {
    const amperity = buildOpenApi(byId('amperity'), schemas);
    const limited = (amperity['components'] as JsonObject)['responses'] as JsonObject;
    expect(limited['TooManyRequests']).toMatchObject({ headers: { 'Retry-After': { required: true, schema: { type: 'string', pattern: '^[0-9]+$' } } } });
    for (const op of byId('amperity').operations)
      expect(responseOf(amperity, op.path, op.method, '429')).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    const nerm = buildOpenApi(byId('nerm'), schemas);
    expect(responseOf(nerm, '/api/workflow_sessions', 'GET', '429')).toBeUndefined();
    expect((nerm['components'] as JsonObject)['responses']).not.toHaveProperty('TooManyRequests');
  });

  it('declares 405 with Allow, in the error body', () => {
    const twinit = buildOpenApi(byId('twinit'), schemas);
    expect(responseOf(twinit, '/workflowsvc/api/v1/workflows', 'GET', '405')).toEqual({ $ref: '#/components/responses/MethodNotAllowed' });
    expect(((twinit['components'] as JsonObject)['responses'] as JsonObject)['MethodNotAllowed']).toMatchObject({
      headers: { Allow: { required: true } },
      content: { 'application/json': { schema: { $ref: expect.stringMatching(/^#\/components\/schemas\//) } } },
    });
  });

  it("declares a list's paging headers from its dialect, optional when not every page has them, and its paging", async () => {
    // NERM's list paged GitHub's way: the document follows the dialect, not the pack.
    const nerm = byId('nerm');
    const dialect = pageNumberLink({ page: 'page', perPage: 'per_page', defaultPerPage: 30, maxPerPage: 100, items: 'workflow_sessions', total: 'total' });
    const relinked: ApiPack = {
      ...nerm,
      operations: nerm.operations.map((op) => (op.action.kind === 'list' ? { ...op, action: { ...op.action, pagination: dialect } } : op)),
    };
    const document = buildOpenApi(relinked, schemas);
    expect(responseOf(document, '/api/workflow_sessions', 'GET', '200')['headers']).toEqual({
      Link: { description: expect.stringContaining('rel "next"'), required: false, schema: expect.objectContaining({ type: 'string' }) },
    });
    expect(operationIn(document, '/api/workflow_sessions', 'GET')['x-pagination']).toEqual(dialect.description);
    expect((await new Validator().validate(structuredClone(document))).valid).toBe(true);
  });
});

describe('bundleSchemas', () => {
  const base = 'https://workflow-mocks.local/schemas/t/';
  const files: JsonObject[] = [
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${base}workflow-instance.json`,
      type: 'object',
      properties: { status: { $ref: '#/$defs/Status' }, self: { $ref: '#' }, id: { $ref: 'parameters.json#/$defs/Path/properties/id' } },
      $defs: { Status: { enum: [{ $ref: 'not a ref: data' }] } },
    },
    { $id: `${base}parameters.json`, $defs: { Path: { properties: { id: { type: 'string', description: 'deep', 'x-error': { message: 'm' } } } } } },
  ];

  it('names components after files and $defs and rewrites refs to them, inlining deeper pointers', () => {
    const bundle = bundleSchemas('t', files);
    expect(Object.keys(bundle.components)).toEqual(['WorkflowInstance', 'WorkflowInstanceStatus', 'Parameters', 'ParametersPath']);
    expect(bundle.components['WorkflowInstance']).toEqual({
      type: 'object',
      properties: {
        status: { $ref: '#/components/schemas/WorkflowInstanceStatus' },
        self: { $ref: '#/components/schemas/WorkflowInstance' },
        id: { type: 'string', description: 'deep', 'x-error': { message: 'm' } },
      },
    });
    expect(bundle.components['WorkflowInstanceStatus']).toEqual({ enum: [{ $ref: 'not a ref: data' }] });
    expect(bundle.use(`${base}workflow-instance.json#/$defs/Status`)).toEqual({ $ref: '#/components/schemas/WorkflowInstanceStatus' });
    expect(bundle.use(`${base}parameters.json#/$defs/Path/properties/id`)).toMatchObject({ type: 'string' });
  });

  it('keeps keywords written beside an inlined ref', () => {
    const withSibling = [{ $id: `${base}a.json`, $defs: { X: { allOf: [{ type: 'string' }] }, Y: { $ref: '#/$defs/X/allOf/0', description: 'y' } } }];
    expect(bundleSchemas('t', withSibling).components['AY']).toEqual({ description: 'y', allOf: [{ type: 'string' }] });
  });

  it('refuses a ref out of the API folder, a missing target and two schemas with one name', () => {
    expect(() => bundleSchemas('t', [{ $id: `${base}a.json`, $ref: '../u/b.json' }])).toThrow(/leaves/);
    expect(() => bundleSchemas('t', [{ $id: `${base}a.json`, $ref: '#/$defs/Missing/x' }])).toThrow(/nothing at/);
    expect(() => bundleSchemas('t', [{ $id: `${base}a-b.json` }, { $id: `${base}a.json`, $defs: { B: {} } }])).toThrow(/both named AB/);
    expect(() => bundleSchemas('t', [{ $id: `${base}a.json`, $defs: { L: { items: { $ref: '#/$defs/L/items' } } } }])).toThrow(/contains itself/);
  });
});
