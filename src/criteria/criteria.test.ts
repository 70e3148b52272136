import { describe, expect, it } from 'vitest';
import { compareValues, OPERATORS } from './compare.ts';
import { customMet } from './custom.ts';
import { rowsMet, type CriteriaRow } from './rows.ts';

const row = (column: string, operator: string, value: string, extra: Partial<CriteriaRow> = {}): CriteriaRow => ({
  join: '',
  preBracket: '',
  postBracket: '',
  column,
  operator,
  value,
  ...extra,
});

describe('compareValues at the boundaries', () => {
  it.each([
    ['lt', '99', '100', true],
    ['lt', '100', '100', false],
    ['lt', '101', '100', false],
    ['lteq', '99', '100', true],
    ['lteq', '100', '100', true],
    ['lteq', '101', '100', false],
    ['gt', '99', '100', false],
    ['gt', '100', '100', false],
    ['gt', '101', '100', true],
    ['gteq', '99', '100', false],
    ['gteq', '100', '100', true],
    ['gteq', '101', '100', true],
    ['equal', '100', '100', true],
    ['equal', '100.0', '100', true],
    ['equal', '101', '100', false],
    ['not_equal', '100', '100', false],
    ['not_equal', '101', '100', true],
    ['equal', 'Hardware', 'hardware', true],
    ['not_equal', 'Hardware', 'software', true],
    ['contains', 'Team travel to Berlin', 'TRAVEL', true],
    ['contains', 'Team offsite', 'travel', false],
    ['starts_with', 'CC-1042', 'cc-', true],
    ['starts_with', 'XCC-1042', 'CC-', false],
    ['gt', '9', '10', false],
    ['lt', '9', '10', true],
  ] as const)('%s: %s against %s is %s', (operator, actual, expected, result) => {
    expect(compareValues(operator, actual, expected)).toBe(result);
  });

  it.each(['lt', 'lteq', 'gt', 'gteq'] as const)('an empty field never meets %s', (operator) => {
    expect(compareValues(operator, '', '100')).toBe(false);
  });

  it('names the eight operators', () => {
    expect(OPERATORS).toEqual(['equal', 'not_equal', 'lt', 'lteq', 'gt', 'gteq', 'contains', 'starts_with']);
  });
});

describe('criteria rows', () => {
  it('is met by any record when no row is used', () => {
    expect(rowsMet([row('', '', '')], {})).toEqual({ ok: true, value: true });
  });

  it('joins rows with and / or, left to right', () => {
    const between = [row('amount', 'gt', '100'), row('amount', 'lteq', '500', { join: 'and' })];
    expect(rowsMet(between, { amount: '300' })).toEqual({ ok: true, value: true });
    expect(rowsMet(between, { amount: '100' })).toEqual({ ok: true, value: false });
    const either = [row('amount', 'lt', '10'), row('amount', 'gt', '1000', { join: 'or' })];
    expect(rowsMet(either, { amount: '5000' })).toEqual({ ok: true, value: true });
    // Left to right: (a or b) and c, not a or (b and c).
    const chain = [row('x', 'equal', '1'), row('y', 'equal', '1', { join: 'or' }), row('z', 'equal', '1', { join: 'and' })];
    expect(rowsMet(chain, { x: '1', y: '0', z: '0' })).toEqual({ ok: true, value: false });
  });

  it('groups with brackets', () => {
    const grouped = [
      row('x', 'equal', '1'),
      row('y', 'equal', '1', { join: 'or', preBracket: '(' }),
      row('z', 'equal', '1', { join: 'and', postBracket: ')' }),
    ];
    expect(rowsMet(grouped, { x: '1', y: '0', z: '0' })).toEqual({ ok: true, value: true });
    expect(rowsMet(grouped, { x: '0', y: '1', z: '0' })).toEqual({ ok: true, value: false });
  });

  it('refuses unbalanced brackets and unknown operators', () => {
    expect(rowsMet([row('x', 'equal', '1', { preBracket: '(' })], { x: '1' }).ok).toBe(false);
    expect(rowsMet([row('x', 'equal', '1', { postBracket: ')' })], { x: '1' }).ok).toBe(false);
    expect(rowsMet([row('x', 'like', '1')], { x: '1' }).ok).toBe(false);
  });

  it("skips the seed's empty rows 2..5", () => {
    expect(rowsMet([row('amount', 'lteq', '100'), row('', '', ''), row('', '', '')], { amount: '100' })).toEqual({ ok: true, value: true });
  });
});

describe('custom criteria', () => {
  it.each([
    ['amount > 100 && amount <= 500', { amount: '300' }, true],
    ['amount > 100 AND amount <= 500', { amount: '500.01' }, false],
    ["category == 'hardware' || amount >= 1000", { category: 'Hardware', amount: '5' }, true],
    ['NOT (category = "hardware")', { category: 'software' }, true],
    ["description contains 'travel' and cost_center starts_with 'CC-'", { description: 'Travel to Rome', cost_center: 'CC-9' }, true],
    ['a == 1 || b == 1 && c == 1', { a: '1', b: '0', c: '0' }, true],
    ['(a == 1 || b == 1) && c == 1', { a: '1', b: '0', c: '0' }, false],
    ["status != 'closed'", { status: 'open' }, true],
  ] as const)('%s on %j is %s', (expression, fields, result) => {
    expect(customMet(expression, fields)).toEqual({ ok: true, value: result });
  });

  it.each([['amount >'], ['amount 100'], ['(a == 1'], ['a == 1 b == 2'], ['a ~ 1'], ["'x' == a"]])('refuses %s', (expression) => {
    expect(customMet(expression, {}).ok).toBe(false);
  });
});
