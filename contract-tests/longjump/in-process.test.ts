import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { change, changeBody, login } from './support.ts';

// What only the in-process mock shows about LongJump records (the vendor's behaviour is in suites.ts): who moved a
// record and when, as stored.

const PO = 'purchase_orders';

describe('LongJump records inside the mock', () => {
  it('records who moved the record and when', async () => {
    const target = targetFor('longjump');
    const john = await login(target, 'jsmith');
    const before = Date.now();
    expect((await change(target, john, PO, '1381445706', changeBody('action1'))).status).toBe(200);
    const stored = await target.inspect?.('longjump', 'records', `${PO}/1381445706`);
    if (!stored) return; // an external target has no store to look into
    expect(stored.data['modified_id']).toEqual({ id: '123qwe456rty', displayValue: 'Smith;;John' });
    expect(Date.parse(String(stored.data['date_modified']))).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stored.meta['history']).toMatchObject([
      { from: '38c8725a13e04ec08796f1b0791da071', to: '0a324a8eea444adc861f8a0d42f384bd', command: 'action1', who: '123qwe456rty' },
    ]);
    // LongJump writes whole seconds, in the record and its history alike.
    expect([stored.data['date_modified'], (stored.meta['history'] as { at: string }[])[0]?.at]).toEqual([
      expect.stringMatching(/T\d\d:\d\d:\d\dZ$/),
      stored.data['date_modified'],
    ]);
  });
});
