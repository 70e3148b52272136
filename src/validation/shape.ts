import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { SchemaRegistry } from './registry.ts';

// Schema-guided rewrites of valid values that stay valid: drop every optional property (`sparse`), or set every
// nullable one to null (`nulls`). Subtrees under oneOf/anyOf are left alone, since which branch holds is not known.

export type Shape = 'sparse' | 'nulls';

export function reshape(registry: SchemaRegistry, schemaId: string, value: Json, shape: Shape): Json {
  const root = registry.schema(schemaId);
  if (!root) return value;
  const resolve = (ref: string, base: string): { schema: JsonObject; base: string } | undefined => {
    const target = new URL(ref, base).toString();
    const schema = registry.schema(target);
    return schema ? { schema, base: target.split('#')[0] ?? target } : undefined;
  };
  return walk(value, root, schemaId.split('#')[0] ?? schemaId, shape, resolve);
}

type Resolve = (ref: string, base: string) => { schema: JsonObject; base: string } | undefined;

interface Flat {
  readonly properties: Record<string, { schema: JsonObject; base: string }>;
  readonly required: readonly string[];
  readonly items?: { schema: JsonObject; base: string };
  readonly nullable: boolean;
  readonly ambiguous: boolean;
}

/** A schema with its $refs followed and allOf folded in, as far as these rewrites need. */
function flatten(schema: JsonObject, base: string, resolve: Resolve, depth = 0): Flat {
  const empty: Flat = { properties: {}, required: [], nullable: false, ambiguous: depth > 20 };
  if (depth > 20) return empty;
  if (typeof schema['$ref'] === 'string') {
    const target = resolve(schema['$ref'], base);
    const inner = target ? flatten(target.schema, target.base, resolve, depth + 1) : empty;
    const { $ref: _ref, ...rest } = schema;
    return merge(inner, flatten(rest, base, resolve, depth + 1));
  }
  const type = schema['type'];
  let flat: Flat = {
    properties: Object.fromEntries(
      Object.entries(isJsonObject(schema['properties']) ? schema['properties'] : {})
        .filter(([, s]) => isJsonObject(s))
        .map(([name, s]) => [name, { schema: s as JsonObject, base }]),
    ),
    required: Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : [],
    ...(isJsonObject(schema['items']) ? { items: { schema: schema['items'], base } } : {}),
    nullable: type === 'null' || (Array.isArray(type) && type.includes('null')),
    ambiguous: 'oneOf' in schema || 'anyOf' in schema || 'not' in schema,
  };
  for (const part of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
    if (isJsonObject(part)) flat = merge(flat, flatten(part, base, resolve, depth + 1));
  }
  return flat;
}

function merge(a: Flat, b: Flat): Flat {
  return {
    properties: { ...a.properties, ...b.properties },
    required: [...new Set([...a.required, ...b.required])],
    ...((b.items ?? a.items) ? { items: b.items ?? a.items } : {}),
    nullable: a.nullable || b.nullable,
    ambiguous: a.ambiguous || b.ambiguous,
  };
}

function walk(value: Json, schema: JsonObject, base: string, shape: Shape, resolve: Resolve): Json {
  const flat = flatten(schema, base, resolve);
  if (flat.ambiguous) return value;
  if (Array.isArray(value)) return flat.items ? value.map((item) => walk(item, flat.items?.schema ?? {}, flat.items?.base ?? base, shape, resolve)) : value;
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const property = flat.properties[key];
    if (shape === 'sparse' && !flat.required.includes(key)) continue;
    if (!property) {
      out[key] = child;
      continue;
    }
    const nullable = shape === 'nulls' && flatten(property.schema, property.base, resolve).nullable;
    out[key] = nullable ? null : walk(child, property.schema, property.base, shape, resolve);
  }
  return out;
}
