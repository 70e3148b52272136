import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { isoAt, type TimePrecision } from '../core/time.ts';
import type { SeededFaker } from './seeded-faker.ts';

// Builds a value that satisfies a JSON Schema, using `x-faker` hints for realistic strings
// (`"x-faker": "person.fullName"`). Packs generate records with this, then set the fields that must agree
// with each other (timestamps, states, links) from their own rules.

export interface GenerationContext {
  readonly faker: SeededFaker;
  /** Resolves an absolute `$ref` (document id plus optional `#/$defs/...` fragment) to its schema. */
  readonly resolve: (ref: string) => JsonObject | undefined;
  /** Probability that an optional property is present. */
  readonly optionalRate?: number;
  /** How generated date-times are written (the pack's `timePrecision`); milliseconds by default. */
  readonly timePrecision?: TimePrecision;
}

export function generateFromSchema(schema: JsonObject, ctx: GenerationContext, base = ''): Json {
  const here = typeof schema['$id'] === 'string' ? schema['$id'] : base;
  if (typeof schema['$ref'] === 'string') {
    const target = new URL(schema['$ref'], here || 'urn:local').toString();
    const resolved = ctx.resolve(target);
    if (!resolved) throw new Error(`Cannot resolve ${target}`);
    return generateFromSchema(resolved, ctx, target.split('#')[0]);
  }
  if ('const' in schema) return schema['const'] ?? null;
  if (Array.isArray(schema['enum'])) return ctx.faker.helpers.arrayElement(schema['enum']);
  const hint = schema['x-faker'];
  if (typeof hint === 'string') return callFaker(ctx.faker, hint, ctx.timePrecision);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const choice = ctx.faker.helpers.arrayElement(options.filter(isJsonObject));
      return generateFromSchema({ ...withoutKey(schema, key), ...choice }, ctx, here);
    }
  }
  return generateByType(schema, pickType(schema, ctx), ctx, here);
}

function pickType(schema: JsonObject, ctx: GenerationContext): string {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const concrete = type.filter((t): t is string => typeof t === 'string' && t !== 'null');
    return concrete.length > 0 ? ctx.faker.helpers.arrayElement(concrete) : 'null';
  }
  return isJsonObject(schema['properties']) ? 'object' : 'string';
}

function generateByType(schema: JsonObject, type: string, ctx: GenerationContext, base: string): Json {
  const { faker } = ctx;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return faker.datatype.boolean();
    case 'integer':
      return faker.number.int({ min: numberOr(schema['minimum'], 0), max: numberOr(schema['maximum'], 1000) });
    case 'number':
      return faker.number.float({ min: numberOr(schema['minimum'], 0), max: numberOr(schema['maximum'], 1000), fractionDigits: 2 });
    case 'array': {
      const items = isJsonObject(schema['items']) ? schema['items'] : {};
      const count = faker.number.int({ min: numberOr(schema['minItems'], 1), max: numberOr(schema['maxItems'], 3) });
      return Array.from({ length: count }, () => generateFromSchema(items, ctx, base));
    }
    case 'object':
      return generateObject(schema, ctx, base);
    default:
      return generateString(schema, faker, ctx.timePrecision);
  }
}

function generateObject(schema: JsonObject, ctx: GenerationContext, base: string): JsonObject {
  const properties = isJsonObject(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  const out: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isJsonObject(property)) continue;
    const present = required.includes(name) || ctx.faker.datatype.boolean({ probability: ctx.optionalRate ?? 0.8 });
    if (present) out[name] = generateFromSchema(property, ctx, base);
  }
  return out;
}

function generateString(schema: JsonObject, faker: SeededFaker, precision: TimePrecision | undefined): string {
  switch (schema['format']) {
    case 'uuid':
      return faker.string.uuid();
    case 'date-time':
      return isoAt(faker.date.recent({ days: 90 }).getTime(), precision);
    case 'date':
      return faker.date.recent({ days: 90 }).toISOString().slice(0, 10);
    case 'email':
      return faker.internet.email().toLowerCase();
    case 'uri':
      return faker.internet.url();
    default: {
      const min = numberOr(schema['minLength'], 1);
      const max = numberOr(schema['maxLength'], Math.max(min, 16));
      return faker.string.alphanumeric({ length: { min, max } });
    }
  }
}

/** Calls a faker method named by a dotted path, e.g. `company.catchPhrase`; a date comes back as ISO 8601. */
export function callFaker(faker: SeededFaker, path: string, precision?: TimePrecision): Json {
  let target: unknown = faker;
  let owner: unknown = faker;
  for (const key of path.split('.')) {
    owner = target;
    target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
  }
  if (typeof target !== 'function') throw new Error(`x-faker names no faker method: ${path}`);
  const value: unknown = target.call(owner);
  return value instanceof Date ? isoAt(value.getTime(), precision) : (value as Json);
}

function numberOr(value: Json | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function withoutKey(schema: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = schema;
  return rest;
}
