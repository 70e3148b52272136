import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { markStored } from '../core/stored.ts';
import { createOwnCheck } from './own-check.ts';

/** A value as the store holds it. */
function stored<T extends object>(value: T): T {
  markStored(value);
  return value;
}

const ajv = new Ajv2020({ strict: true });
ajv.addSchema({
  $id: 'https://t/page.json',
  type: 'object',
  required: ['items', 'total'],
  properties: { total: { type: 'integer' }, items: { type: 'array', items: { $ref: '#/$defs/Item' } } },
  $defs: { Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
});
ajv.addSchema({
  $id: 'https://t/bounded.json',
  type: 'array',
  maxItems: 2,
  items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
});

/** The checker over ajv, counting how many values each schema was actually run on. */
function counted() {
  const calls = new Map<string, number>();
  const check = createOwnCheck((id) => {
    const validate = ajv.getSchema(id);
    if (!validate) return undefined;
    const wrapped = ((data: unknown) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return validate(data);
    }) as ValidateFunction;
    return Object.assign(wrapped, { schema: validate.schema });
  });
  return { check, calls: (id: string) => calls.get(id) ?? 0 };
}

const ITEM = 'https://t/page.json#/properties/items/items';

describe('checking the mock own responses', () => {
  it('validates a stored item once, however many pages it appears on', () => {
    const { check, calls } = counted();
    const items = [stored({ id: 'a' }), stored({ id: 'b' })];
    for (let i = 0; i < 5; i++) expect(check.valid('https://t/page.json', { total: 2, items }, 'items')).toBe(true);
    expect(calls(ITEM)).toBe(2);
  });

  it('validates values that are not stored every time, since they may have changed', () => {
    const { check, calls } = counted();
    const item = { id: 'a' };
    check.valid('https://t/page.json', { total: 1, items: [item] }, 'items');
    check.valid('https://t/page.json', { total: 1, items: [item] }, 'items');
    expect(calls(ITEM)).toBe(2);
  });

  it('finds a bad item and a bad envelope around remembered items', () => {
    const { check } = counted();
    const good = stored({ id: 'a' });
    expect(check.valid('https://t/page.json', { total: 1, items: [good] }, 'items')).toBe(true);
    expect(check.valid('https://t/page.json', { total: 2, items: [good, stored({ id: 7 })] }, 'items')).toBe(false);
    expect(check.valid('https://t/page.json', { total: 'one', items: [good] }, 'items')).toBe(false);
  });

  it('validates a page whole when its array carries constraints of its own', () => {
    const { check, calls } = counted();
    const items = [stored({ id: 'a' }), stored({ id: 'b' }), stored({ id: 'c' })];
    expect(check.valid('https://t/bounded.json', items, null)).toBe(false);
    expect(check.valid('https://t/bounded.json', items.slice(0, 2), null)).toBe(true);
    expect(calls('https://t/bounded.json')).toBe(2);
  });

  it('remembers a stored body checked whole', () => {
    const { check, calls } = counted();
    const body = stored({ id: 'x' });
    check.valid(ITEM, body);
    check.valid(ITEM, body);
    expect(calls(ITEM)).toBe(1);
  });
});
