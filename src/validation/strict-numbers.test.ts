import { describe, expect, it } from 'vitest';
import { numberIssues } from './strict-numbers.ts';

describe('numbers read from text', () => {
  it('accepts plain decimals a double holds exactly', () => {
    expect(numberIssues({ a: '10', b: '-3', c: '2.5', d: '1e3', e: '9007199254740991' }, { a: 10, b: -3, c: 2.5, d: 1000, e: 9007199254740991 })).toEqual([]);
  });

  it('refuses what Number() would take but the real APIs do not', () => {
    const raw = { hex: '0x10', huge: '1e309', long: '99999999999999999999', padded: ' 7', unsafe: '9007199254740993', list: ['1', '0b1'] };
    const coerced = { hex: 16, huge: Infinity, long: 1e20, padded: 7, unsafe: 9007199254740992, list: [1, 1] };
    expect(numberIssues(raw, coerced).map((issue) => issue.pointer)).toEqual(['/hex', '/huge', '/long', '/padded', '/unsafe', '/list/1']);
  });

  it('leaves values that were not read from text alone', () => {
    expect(numberIssues({ n: 5, s: 'abc' }, { n: 5, s: 'abc' })).toEqual([]);
  });
});
