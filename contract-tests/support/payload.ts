import type { Json, JsonObject } from '../../src/core/json.ts';

// Small readers for the JSON the tests get back, and a JSON request body, shared by the packs' testing declarations.

export const jsonBody = (value: Json): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

export const object = (value: Json | undefined): JsonObject => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {});

export const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.map(object) : []);

// Up to 20 values of `key` from a list of objects, as strings.

export const idsOf = (items: Json | undefined, key: string): string[] =>
  list(items)
    .map((item) => String(item[key]))
    .slice(0, 20);

/** A numeric query parameter of a request (0 when absent). */
export const numberParam = (query: readonly (readonly [string, string])[], name: string): number => Number(query.find(([key]) => key === name)?.[1] ?? 0);
