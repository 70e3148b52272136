import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { generateFromSchema } from '../generation/from-schema.ts';
import type { SeededFaker } from '../generation/seeded-faker.ts';
import { followObject, resolvePointer } from './refs.ts';

// Values for requests, from a converted (standalone) schema: the project's generator (`from-schema.ts`) run on a
// flattened copy (references inlined, `allOf` merged, required properties the schema does not describe added), and
// every value checked against the converted schema: only valid instances are sent.

const MAX_DEPTH = 8;

/** A reference-free copy for the generator; recursion deeper than MAX_DEPTH references becomes `{}`. */
export function flattenForGeneration(schema: Json, root: JsonObject, depth = 0): JsonObject {
  if (!isJsonObject(schema)) return {};
  let current: JsonObject = schema;
  if (typeof current['$ref'] === 'string') {
    if (depth >= MAX_DEPTH) return {};
    const target = resolvePointer(root, current['$ref']);
    const { $ref: _ref, ...siblings } = current;
    current = mergeSchemas(flattenForGeneration(target ?? {}, root, depth + 1), siblings);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(current)) {
    if (key === '$defs' || key === 'allOf') continue;
    if ((key === 'properties' || key === 'patternProperties') && isJsonObject(value)) {
      const properties: JsonObject = {};
      for (const [name, property] of Object.entries(value))
        Object.defineProperty(properties, name, { value: flattenForGeneration(property, root, depth), enumerable: true, writable: true, configurable: true });
      out[key] = properties;
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) out[key] = value.map((branch) => flattenForGeneration(branch, root, depth));
    else if ((key === 'items' || key === 'additionalProperties') && isJsonObject(value)) out[key] = flattenForGeneration(value, root, depth);
    else out[key] = value;
  }
  let merged = out;
  for (const member of Array.isArray(current['allOf']) ? current['allOf'] : []) merged = mergeSchemas(merged, flattenForGeneration(member, root, depth));
  return describeRequired(merged);
}

/** Two schemas an instance must both satisfy, as one (good enough to generate from; the result is checked anyway). */
export function mergeSchemas(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (key === 'properties' && isJsonObject(mine) && isJsonObject(value)) {
      const properties: JsonObject = { ...mine };
      for (const [name, property] of Object.entries(value)) {
        const existing = properties[name];
        properties[name] = isJsonObject(existing) && isJsonObject(property) ? mergeSchemas(existing, property) : property;
      }
      out[key] = properties;
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) out[key] = [...new Set([...mine, ...value])];
    else if (mine === undefined) out[key] = value;
  }
  return out;
}

/** A required property the schema does not describe (8x8's `accountId` in definitionInput) gets `{}` (a string). */
function describeRequired(schema: JsonObject): JsonObject {
  const required = schema['required'];
  if (!Array.isArray(required)) return schema;
  const properties = isJsonObject(schema['properties']) ? { ...schema['properties'] } : {};
  let added = false;
  for (const name of required) {
    if (typeof name === 'string' && !Object.hasOwn(properties, name)) {
      properties[name] = {};
      added = true;
    }
  }
  return added ? { ...schema, properties, type: schema['type'] ?? 'object' } : schema;
}

/**
 * Up to `count` distinct values valid under `isValid`, from at most `count * 8` attempts (a schema with patterns
 * or exclusive bounds the generator ignores may yield fewer).
 */
export function generateValid(schema: JsonObject, root: JsonObject, faker: SeededFaker, count: number, isValid: (value: Json) => boolean): Json[] {
  const flat = flattenForGeneration(schema, root);
  const values: Json[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; attempt < count * 8 && values.length < count; attempt++) {
    let value: Json;
    try {
      value = generateFromSchema(flat, { faker, resolve: () => undefined, optionalRate: 0.6 });
    } catch {
      continue;
    }
    const text = JSON.stringify(value);
    if (seen.has(text) || !isValid(value)) continue;
    seen.add(text);
    values.push(value);
  }
  return values;
}

/**
 * A value built from the document's own schema examples, as an API explorer fills a form: the schema's `example`
 * (or `default`, or first `enum` value), else an object of its properties' examples. Each piece is kept only when
 * valid under its own schema (`isValid`), so the result is a valid request made of the vendor's example values.
 */
export function exampleFromSchema(
  raw: Json | undefined,
  document: JsonObject,
  isValid: (schema: JsonObject, value: Json) => boolean,
  depth = 0,
): Json | undefined {
  const schema = followObject(document, raw);
  if (!schema || depth > MAX_DEPTH) return undefined;
  const direct = [
    schema['example'],
    ...(Array.isArray(schema['examples']) ? schema['examples'] : []),
    schema['default'],
    Array.isArray(schema['enum']) ? schema['enum'][0] : undefined,
  ];
  for (const candidate of direct) if (candidate !== undefined && isValid(schema, candidate)) return candidate;
  const members = [schema, ...(Array.isArray(schema['allOf']) ? schema['allOf'].map((m) => followObject(document, m) ?? {}) : [])];
  const properties = members.flatMap((member) => (isJsonObject(member['properties']) ? Object.entries(member['properties']) : []));
  if (properties.length > 0) {
    const out: JsonObject = {};
    for (const [name, property] of properties) {
      const value = exampleFromSchema(property, document, isValid, depth + 1);
      if (value !== undefined) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return isValid(schema, out) ? out : undefined;
  }
  if (schema['type'] === 'array') {
    const item = exampleFromSchema(schema['items'], document, isValid, depth + 1);
    return item !== undefined && isValid(schema, [item]) ? [item] : undefined;
  }
  return undefined;
}
