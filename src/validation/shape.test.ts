import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from './registry.ts';
import { reshape } from './shape.ts';

const registry = createSchemaRegistry([
  {
    $id: 'https://t.local/run.json',
    type: 'object',
    required: ['id', 'owner', 'ended'],
    properties: {
      id: { type: 'string' },
      note: { type: 'string' },
      ended: { type: ['string', 'null'] },
      owner: { $ref: '#/$defs/Person' },
      tasks: { type: 'array', items: { $ref: '#/$defs/Person' } },
      either: { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'string' }] },
    },
    $defs: {
      Person: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, email: { type: ['string', 'null'] } } },
      Extended: { type: 'object', allOf: [{ $ref: '#/$defs/Person' }], required: ['age'], properties: { age: { type: 'integer' }, nick: { type: 'string' } } },
    },
  },
]);

const value = { id: 'r', note: 'n', ended: '2026', owner: { name: 'A', email: 'a@x' }, tasks: [{ name: 'B', email: 'b@x' }], either: { a: 'x' } };

describe('reshape', () => {
  it('drops every optional property, following $ref', () => {
    const sparse = reshape(registry, 'https://t.local/run.json', value, 'sparse');
    expect(sparse).toEqual({ id: 'r', ended: '2026', owner: { name: 'A' } });
    expect(registry.check('https://t.local/run.json', sparse)).toEqual([]);
  });

  it('sets every nullable property to null, into arrays', () => {
    const nulls = reshape(registry, 'https://t.local/run.json', value, 'nulls');
    expect(nulls).toEqual({ ...value, ended: null, owner: { name: 'A', email: null }, tasks: [{ name: 'B', email: null }] });
    expect(registry.check('https://t.local/run.json', nulls)).toEqual([]);
  });

  it('folds allOf in', () => {
    expect(reshape(registry, 'https://t.local/run.json#/$defs/Extended', { name: 'A', email: 'e', age: 3, nick: 'k' }, 'sparse')).toEqual({
      name: 'A',
      age: 3,
    });
  });

  it('leaves oneOf subtrees alone', () => {
    expect(reshape(registry, 'https://t.local/run.json', { ...value, either: { a: 'x' } }, 'nulls')).toMatchObject({ either: { a: 'x' } });
  });
});
