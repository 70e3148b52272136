import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { login, offered } from './support.ts';

/** Next states named in seed 004 for the three action1 actions of state 38c8725a...: amount <= 100, > 500, and 100 < amount <= 500. */
const AT_MOST_100 = '0a324a8eea444adc861f8a0d42f384bd';
const OVER_500 = '90e2323956e24c0a8e475fce4ae19ca8';
const FROM_101_TO_500 = '517071981f5d4708ab1739d320804210';

describe('LongJump available actions and the same-name rules', () => {
  it("lists all three action1 with available 0 when the amount is empty (the seed's response)", async () => {
    const target = targetFor('longjump');
    expect(await offered(target, await login(target, 'jsmith'), 'purchase_orders', '1381445705')).toEqual([
      ['action1', AT_MOST_100, '0'],
      ['action1', OVER_500, '0'],
      ['action1', FROM_101_TO_500, '0'],
    ]);
  });

  it.each([
    ['1381445706', '99', AT_MOST_100],
    ['1381445707', '100', AT_MOST_100],
    ['1381445708', '101', FROM_101_TO_500],
    ['1381445709', '499', FROM_101_TO_500],
    ['1381445710', '500', FROM_101_TO_500],
    ['1381445711', '501', OVER_500],
  ])('record %s (amount %s) is offered only the one eligible action1, available', async (recordId, _amount, next) => {
    const target = targetFor('longjump');
    expect(await offered(target, await login(target, 'jdoe'), 'purchase_orders', recordId)).toEqual([['action1', next, '1']]);
  });

  it('offers a user who is not an owner every same-name action, none available', async () => {
    const target = targetFor('longjump');
    expect(await offered(target, await login(target, 'msmith'), 'purchase_orders', '1381445706')).toEqual([
      ['action1', AT_MOST_100, '0'],
      ['action1', OVER_500, '0'],
      ['action1', FROM_101_TO_500, '0'],
    ]);
  });

  it('lists every eligible action of a shared name, all available, beside other names', async () => {
    const target = targetFor('longjump');
    const rows = await offered(target, await login(target, 'jdoe'), 'expense_reports', '2002');
    expect(rows.map(([name, , available]) => [name, available])).toEqual([
      ['submit', '1'],
      ['submit', '1'],
      ['withdraw', '1'],
    ]);
  });

  it('lists both submits unavailable when neither fits, and a unique unavailable action alone', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jdoe');
    expect((await offered(target, cookie, 'expense_reports', '2003')).map(([n, , a]) => [n, a])).toEqual([
      ['submit', '0'],
      ['submit', '0'],
      ['withdraw', '1'],
    ]);
    expect((await offered(target, cookie, 'expense_reports', '2006')).map(([n, , a]) => [n, a])).toEqual([
      ['submit', '0'],
      ['submit', '0'],
      ['withdraw', '0'],
    ]);
  });

  it('evaluates bracketed or/and rows: hardware, or software under 2000', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jdoe');
    expect((await offered(target, cookie, 'expense_reports', '2001')).map(([n, , a]) => [n, a])).toEqual([
      ['submit', '1'],
      ['withdraw', '1'],
    ]);
  });

  it('uses customCriteria over the rows: amount < 50 || category != hardware', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    expect((await offered(target, cookie, 'expense_reports', '2004')).map(([n, , a]) => [n, a])).toEqual([
      ['pay', '0'],
      ['return', '1'],
    ]);
    expect((await offered(target, cookie, 'expense_reports', '2005')).map(([n, , a]) => [n, a])).toEqual([
      ['pay', '1'],
      ['return', '0'],
    ]);
  });

  it('offers only the eligible one of two same-name approvals (rows vs. customCriteria)', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    expect((await offered(target, cookie, 'purchase_orders', '1381445713')).map(([n, , a]) => [n, a])).toEqual([
      ['approve', '1'],
      ['reject', '1'],
    ]);
    const big = await offered(target, cookie, 'purchase_orders', '1381445714');
    expect(big.map(([n, , a]) => [n, a])).toEqual([
      ['approve', '1'],
      ['reject', '1'],
    ]);
    expect(big[0]?.[1]).toBe('7d3b2e4a1f0c4d9bae8f6a5b4c3d2eaa');
  });

  it('counts the actions it lists in recordCount', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jdoe');
    const res = await target.get('/networking/rest/workflowAction/record/purchase_orders/1381445715').set('Cookie', cookie).set('Accept', 'application/json');
    expect(res.body.platform.recordCount).toBe('1');
  });
});
