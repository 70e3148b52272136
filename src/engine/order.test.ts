import { describe, expect, it } from 'vitest';
import { orderFromJson, orderFromParameter } from './order.ts';

const fields = { id: 'text', created_at: 'time', status: 'text' } as const;
const fallback = [{ field: 'id', dir: 'asc' as const }];

describe('orderFromParameter', () => {
  it('falls back when absent or blank', () => {
    expect(orderFromParameter(undefined, fields, fallback)).toEqual({ ok: true, value: fallback });
    expect(orderFromParameter('  ', fields, fallback)).toEqual({ ok: true, value: fallback });
  });

  it('reads ascending, -descending and "field desc"', () => {
    expect(orderFromParameter('created_at', fields, fallback)).toEqual({ ok: true, value: [{ field: 'created_at', dir: 'asc', as: 'time' }] });
    expect(orderFromParameter('-created_at', fields, fallback)).toMatchObject({ value: [{ dir: 'desc' }] });
    expect(orderFromParameter('created_at DESC', fields, fallback)).toMatchObject({ value: [{ dir: 'desc' }] });
    expect(orderFromParameter('status asc', fields, fallback)).toMatchObject({ value: [{ field: 'status', dir: 'asc' }] });
  });

  it('reads several keys', () => {
    expect(orderFromParameter('status,-created_at', fields, fallback)).toMatchObject({
      value: [
        { field: 'status', dir: 'asc' },
        { field: 'created_at', dir: 'desc' },
      ],
    });
  });

  it('refuses unknown fields, naming the sortable ones', () => {
    expect(orderFromParameter('attributes', fields, fallback)).toMatchObject({
      ok: false,
      error: { kind: 'invalidRequest', message: expect.stringMatching(/sortable fields: id, created_at, status/) },
    });
    expect(orderFromParameter('constructor', fields, fallback)).toMatchObject({ ok: false });
  });

  it('refuses malformed keys', () => {
    expect(orderFromParameter('-id desc', fields, fallback).ok).toBe(false);
    expect(orderFromParameter('id;drop', fields, fallback).ok).toBe(false);
    expect(orderFromParameter('id,', fields, fallback).ok).toBe(false);
  });
});

describe('orderFromJson', () => {
  it('reads keys in their written order with 1 and -1', () => {
    expect(orderFromJson('{"created_at":-1,"status":1}', fields, fallback)).toEqual({
      ok: true,
      value: [
        { field: 'created_at', dir: 'desc', as: 'time' },
        { field: 'status', dir: 'asc', as: 'text' },
      ],
    });
  });

  it('falls back when absent', () => {
    expect(orderFromJson(undefined, fields, fallback)).toEqual({ ok: true, value: fallback });
  });

  it.each([['{"status":'], ['[1]'], ['{}'], ['{"status":"asc"}'], ['{"status":2}'], ['{"nope":1}'], ['{"__proto__":1}'], ['null']])('refuses %s', (value) => {
    expect(orderFromJson(value, fields, fallback)).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
  });
});
