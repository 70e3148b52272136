import { mockError } from '../core/errors.ts';
import { fail, ok } from '../core/result.ts';
import type { Comparison, SortKey } from '../store/query.ts';
import type { Outcome } from './pack.ts';

/**
 * Reads a Rails-style `order` parameter: `field`, `-field`, `field desc` / `field asc`, several keys separated by
 * commas. Only the given fields may be named; `as` says how to compare a field (times as instants).
 */
export function orderFromParameter(
  value: string | undefined,
  fields: Readonly<Record<string, Comparison>>,
  fallback: readonly SortKey[],
  parameter = 'order',
): Outcome<SortKey[]> {
  if (value === undefined || value.trim() === '') return ok([...fallback]);
  const keys: SortKey[] = [];
  for (const part of value.split(',')) {
    const found = /^\s*(-)?\s*([A-Za-z_][\w.]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    const field = found?.[2];
    if (!found || !field || (found[1] && found[3])) {
      return fail(mockError('invalidRequest', `${parameter} must be a field name, '-field' or 'field asc|desc': '${part.trim()}'`));
    }
    if (!Object.hasOwn(fields, field)) {
      return fail(mockError('invalidRequest', `${parameter} cannot sort by '${field}'; sortable fields: ${Object.keys(fields).join(', ')}`));
    }
    const descending = found[1] === '-' || found[3]?.toLowerCase() === 'desc';
    keys.push({ field, dir: descending ? 'desc' : 'asc', as: fields[field] ?? 'text' });
  }
  return ok(keys);
}

/**
 * Reads a sort given as JSON, `{"_updatedAt": -1, "_name": 1}` (Twinit): keys in their written order, 1 ascending,
 * -1 descending. Malformed JSON, unknown fields and other directions are refused.
 */
export function orderFromJson(
  value: string | undefined,
  fields: Readonly<Record<string, Comparison>>,
  fallback: readonly SortKey[],
  parameter = 'sort',
): Outcome<SortKey[]> {
  if (value === undefined || value.trim() === '') return ok([...fallback]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return fail(mockError('invalidRequest', `${parameter} is not valid JSON: ${value.slice(0, 100)}`));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    return fail(mockError('invalidRequest', `${parameter} must be a JSON object of field: 1 | -1`));
  }
  const keys: SortKey[] = [];
  for (const [field, direction] of Object.entries(parsed)) {
    if (!Object.hasOwn(fields, field))
      return fail(mockError('invalidRequest', `${parameter} cannot sort by '${field}'; sortable fields: ${Object.keys(fields).join(', ')}`));
    if (direction !== 1 && direction !== -1) return fail(mockError('invalidRequest', `${parameter} direction for '${field}' must be 1 or -1`));
    keys.push({ field, dir: direction === 1 ? 'asc' : 'desc', as: fields[field] ?? 'text' });
  }
  return ok(keys);
}
