import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/json.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { generateFromSchema } from './from-schema.ts';
import { createIdSource } from './ids.ts';
import { deriveSeed, withSeededFaker } from './seeded-faker.ts';

const schema: JsonObject = {
  $id: 'https://test.local/run.json',
  type: 'object',
  required: ['id', 'status', 'owner', 'count', 'tags', 'startedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { enum: ['new', 'done'] },
    owner: { $ref: '#/$defs/Person' },
    count: { type: 'integer', minimum: 3, maximum: 9 },
    ratio: { type: 'number', minimum: 0, maximum: 1 },
    tags: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'string', minLength: 2, maxLength: 5 } },
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: ['string', 'null'], format: 'date-time' },
    kind: { const: 'run' },
  },
  $defs: { Person: { type: 'object', required: ['name'], properties: { name: { type: 'string', 'x-faker': 'person.fullName' } } } },
};

const registry = createSchemaRegistry([schema], { allErrors: true });
const generate = (seed: number) =>
  withSeededFaker(seed, '2026-01-01T00:00:00.000Z', (faker) =>
    Array.from({ length: 50 }, () => generateFromSchema(schema, { faker, resolve: (ref) => registry.schema(ref) })),
  );

describe('generateFromSchema', () => {
  it('produces values that validate against their schema', () => {
    for (const value of generate(1)) expect(registry.check('https://test.local/run.json', value)).toEqual([]);
  });

  it('produces the same values for the same seed and different ones for another', () => {
    expect(JSON.stringify(generate(5))).toBe(JSON.stringify(generate(5)));
    expect(JSON.stringify(generate(5))).not.toBe(JSON.stringify(generate(6)));
  });

  it('follows x-faker hints through $ref', () => {
    const names = generate(2).map((value) => ((value as JsonObject)['owner'] as JsonObject)['name']);
    expect(names.every((name) => typeof name === 'string' && /^\S+ \S+/.test(name))).toBe(true);
  });

  it('writes date-times in the precision it is given, milliseconds by default', () => {
    const startedAt = (timePrecision?: 'seconds') =>
      withSeededFaker(4, '2026-01-01T00:00:00.000Z', (faker) =>
        String(
          (generateFromSchema(schema, { faker, resolve: (ref) => registry.schema(ref), ...(timePrecision ? { timePrecision } : {}) }) as JsonObject)[
            'startedAt'
          ],
        ),
      );
    expect(startedAt()).toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(startedAt('seconds')).toMatch(/T\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(startedAt()) - Date.parse(startedAt('seconds'))).toBeLessThan(1000);
  });

  it('does not depend on the wall clock', () => {
    const starts = generate(3).map((value) => Date.parse(String((value as JsonObject)['startedAt'])));
    expect(Math.max(...starts)).toBeLessThanOrEqual(Date.parse('2026-01-01T00:00:00.000Z'));
  });
});

describe('runtime ids', () => {
  it('repeat for a seed and produce version-4 uuids', () => {
    const a = createIdSource(9);
    const b = createIdSource(9);
    const uuids = Array.from({ length: 20 }, () => a.uuid());
    expect(uuids).toEqual(Array.from({ length: 20 }, () => b.uuid()));
    expect(uuids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(uuids).size).toBe(20);
  });

  it('give hex strings of the asked length', () => {
    const ids = createIdSource(1);
    expect(ids.hex(16)).toMatch(/^[0-9a-f]{16}$/);
    expect(ids.hex(3)).toMatch(/^[0-9a-f]{3}$/);
  });
});

describe('deriveSeed', () => {
  it('separates packs and seeds', () => {
    expect(deriveSeed(1, 'acme')).toBe(deriveSeed(1, 'acme'));
    expect(deriveSeed(1, 'acme')).not.toBe(deriveSeed(1, 'globex'));
    expect(deriveSeed(1, 'acme')).not.toBe(deriveSeed(2, 'acme'));
  });
});
