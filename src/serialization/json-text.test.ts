import { describe, expect, it } from 'vitest';
import type { Json } from '../core/json.ts';
import { markStored } from '../core/stored.ts';
import { createJsonWriter } from './json-text.ts';

/** A value as the store holds it. */
function stored<T extends object>(value: T): T {
  markStored(value);
  return value;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomJson(next: () => number, depth: number): Json {
  const roll = next();
  if (depth === 0 || roll < 0.3) {
    const scalars: Json[] = [null, true, false, 0, -1.5, 1e21, 'text', 'quote " and \\ and \u2028', '', '__proto__'];
    return scalars[Math.floor(next() * scalars.length)] ?? null;
  }
  if (roll < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth - 1));
  const object: { [key: string]: Json } = {};
  for (let i = 0; i < Math.floor(next() * 4); i++)
    Object.defineProperty(object, ['a', 'b', '__proto__', 'é', '1'][i] ?? 'z', {
      value: randomJson(next, depth - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return next() < 0.4 ? stored(object) : object;
}

describe('JSON text of payloads', () => {
  it('is byte-identical to JSON.stringify, stored parts and all, on first and repeated writes', () => {
    const write = createJsonWriter(8);
    const next = random(3);
    const payloads = Array.from({ length: 300 }, () => randomJson(next, 4));
    for (const payload of [...payloads, ...payloads]) expect(write(payload).toString('utf8')).toBe(JSON.stringify(payload));
  });

  it('writes a changed value anew when it is not stored', () => {
    const write = createJsonWriter();
    const record = stored({ id: 'a' });
    const page: { items: Json[]; total: number } = { items: [record], total: 1 };
    expect(String(write(page))).toBe('{"items":[{"id":"a"}],"total":1}');
    page.total = 2;
    page.items.push({ id: 'b' });
    expect(String(write(page))).toBe('{"items":[{"id":"a"},{"id":"b"}],"total":2}');
  });

  it('skips members whose value is undefined, as JSON.stringify does', () => {
    const write = createJsonWriter();
    const payload = { a: 1, b: undefined } as unknown as Json;
    expect(String(write(payload))).toBe('{"a":1}');
  });

  it('remembers stored values within its byte budget', () => {
    const write = createJsonWriter(1_000, 10_000);
    for (let i = 0; i < 200; i++) write(stored({ id: i, text: 'x'.repeat(500) }));
    const { values, bytes } = write.held();
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(values).toBeGreaterThan(10);
  });
});
