import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { OpenApiVersion } from './document.ts';

// OpenAPI Schema Object -> JSON Schema 2020-12, the standard way (the rules and why: docs/decisions/004). A 3.1
// document's schemas already are 2020-12 and only get their references rewritten, the formats rule and the
// readOnly/writeOnly rule; a 3.0 document's also get `nullable`, draft-4 exclusive bounds, `$ref` siblings and the
// project's `default: null` rule. Pure: the document is reached only through `resolve`.

export type Direction = 'request' | 'response';

export interface ConvertOptions {
  readonly version: OpenApiVersion;
  /** A request body or parameter (readOnly properties are not required) or a response (writeOnly ones are not). */
  readonly direction: Direction;
  /** Rewrites an internal `$ref` to where the converted target lives. */
  readonly rewriteRef: (ref: string) => string;
  /** Follows a `$ref` chain in the source document, to read a referenced property's readOnly/writeOnly. */
  readonly resolve: (value: Json) => Json | undefined;
}

/**
 * Formats ajv-formats checks in full mode that mean the same in OpenAPI. The others are dropped: OpenAPI's own
 * (`int32`, `int64`, `float`, `double`, `password`, `binary`, `byte`) are type hints ajv would enforce its own way
 * (int32 ranges, base64), `url` is not a JSON Schema format, and any other name is the vendor's vocabulary.
 */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
]);

/** OpenAPI annotations with no JSON Schema meaning. */
const DROPPED = new Set(['example', 'nullable', 'discriminator', 'xml', 'externalDocs']);
const SUBSCHEMA = new Set([
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  'contentSchema',
]);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);
const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'not'] as const;

export function convertSchema(schema: Json, options: ConvertOptions): Json {
  if (!isJsonObject(schema)) return schema;
  // OpenAPI 3.0: "This object cannot be extended with additional properties and any properties added SHALL be ignored."
  if (options.version === '3.0' && typeof schema['$ref'] === 'string') return { $ref: options.rewriteRef(schema['$ref']) };
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || DROPPED.has(key)) continue;
    // Draft 3's `required: true` on a property is not OpenAPI and has no 2020-12 meaning (NERM's rule schemas).
    if (key === 'required' && !Array.isArray(value)) continue;
    if (key === '$ref' && typeof value === 'string') out[key] = options.rewriteRef(value);
    else if (SUBSCHEMA_MAP.has(key) && isJsonObject(value)) out[key] = mapValues(value, (sub) => convertSchema(sub, options));
    else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map((sub) => convertSchema(sub, options));
    // Draft-4 tuple `items: [...]` (not OpenAPI, but seen in the wild) is 2020-12's prefixItems.
    else if (key === 'items' && Array.isArray(value)) out['prefixItems'] = value.map((sub) => convertSchema(sub, options));
    else if (SUBSCHEMA.has(key)) out[key] = convertSchema(value, options);
    else out[key] = value;
  }
  convertFormat(out);
  if (options.version === '3.0') convertExclusiveBounds(out);
  dropOneWayRequired(out, schema, options);
  if (options.version === '3.0' && (schema['nullable'] === true || (Object.hasOwn(schema, 'default') && schema['default'] === null))) return admitNull(out);
  return out;
}

/** `binary` and `byte` become the annotations OpenAPI 3.1 uses for them; unchecked formats go. */
function convertFormat(out: JsonObject): void {
  const format = out['format'];
  if (typeof format !== 'string' || CHECKED_FORMATS.has(format)) return;
  delete out['format'];
  if (format === 'binary') out['contentMediaType'] = 'application/octet-stream';
  if (format === 'byte') out['contentEncoding'] = 'base64';
}

/** Draft 4's `exclusiveMinimum: true` next to `minimum: m` is 2020-12's `exclusiveMinimum: m`. */
function convertExclusiveBounds(out: JsonObject): void {
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const flag = out[exclusive];
    if (typeof flag !== 'boolean') continue;
    delete out[exclusive];
    const bound = out[inclusive];
    if (flag && typeof bound === 'number') {
      out[exclusive] = bound;
      delete out[inclusive];
    }
  }
}

/** A readOnly property is not required in a request, a writeOnly one not in a response (OpenAPI 3.0, Schema Object). */
function dropOneWayRequired(out: JsonObject, source: JsonObject, options: ConvertOptions): void {
  const required = out['required'];
  const properties = source['properties'];
  if (!Array.isArray(required) || !isJsonObject(properties)) return;
  const flag = options.direction === 'request' ? 'readOnly' : 'writeOnly';
  const kept = required.filter((name) => {
    if (typeof name !== 'string' || !Object.hasOwn(properties, name)) return true;
    const property = properties[name];
    const target = isJsonObject(property) && typeof property['$ref'] === 'string' ? options.resolve(property) : property;
    return !(isJsonObject(property) && property[flag] === true) && !(isJsonObject(target) && target[flag] === true);
  });
  if (kept.length === required.length) return;
  if (kept.length === 0) delete out['required'];
  else out['required'] = kept;
}

/**
 * The schema, also admitting null: `type` gains "null" and an `enum` gains null; a schema with composition keywords
 * (whose branches would still refuse null) is wrapped in `anyOf [schema, {type: null}]`.
 */
export function admitNull(schema: JsonObject): JsonObject {
  if (COMPOSITION.some((key) => key in schema) || 'const' in schema) return { anyOf: [schema, { type: 'null' }] };
  const out: JsonObject = { ...schema };
  const type = out['type'];
  if (typeof type === 'string' && type !== 'null') out['type'] = [type, 'null'];
  else if (Array.isArray(type) && !type.includes('null')) out['type'] = [...type, 'null'];
  const values = out['enum'];
  if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...values, null];
  return out;
}

function mapValues(source: JsonObject, map: (value: Json) => Json): JsonObject {
  const out: JsonObject = {};
  // defineProperty: a property named "__proto__" in a vendor's document stays a property.
  for (const [key, value] of Object.entries(source))
    Object.defineProperty(out, key, { value: map(value), enumerable: true, writable: true, configurable: true });
  return out;
}
