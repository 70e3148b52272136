import { describe, expect, it } from 'vitest';
import { cloneJson, deepFreeze, type JsonObject } from './json.ts';

describe('cloneJson', () => {
  it('copies deeply: changing the copy leaves the original alone', () => {
    const original: JsonObject = { a: [1, { b: 'x' }], c: { d: null } };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    (copy['a'] as [number, JsonObject])[1]['b'] = 'changed';
    expect(original).toEqual({ a: [1, { b: 'x' }], c: { d: null } });
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as JsonObject;
    const copy = cloneJson(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('deepFreeze', () => {
  it('freezes every level, so a write anywhere throws', () => {
    const value = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(() => {
      (value.a.b[0] as { c: number }).c = 2;
    }).toThrow(TypeError);
    expect(Object.isFrozen(value.a.b)).toBe(true);
  });
});
