import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { headersFor, listPage, RUNS } from './support.ts';

// Amperity under the mock's own settings, which the contract suites cannot choose: the vendor's rate limit switched
// on (the suites run without it), and a dataset larger than one page can hold.

describe('Amperity rate limit', () => {
  it('answers a burst of 30 requests in a second with 429s and Retry-After, then serves again', async () => {
    const target = targetFor('amperity');
    const headers = headersFor('burst-tenant');
    const statuses: number[] = [];
    let limited: { status: number; headers: Record<string, string>; body: unknown } | undefined;
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const res = await target.get(RUNS).query({ limit: 1 }).set(headers);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect(limited?.body).toEqual({ status: 429, message: 'Too many requests: the Amperity API allows 10 requests per second.' });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await target.get(RUNS).query({ limit: 1 }).set(headers)).status).toBe(200);
  });

  it('counts each tenant separately', async () => {
    const target = targetFor('amperity');
    for (let i = 0; i < 12; i++) await target.get(RUNS).query({ limit: 1 }).set(headersFor('noisy-tenant'));
    expect((await target.get(RUNS).query({ limit: 1 }).set(headersFor('quiet-tenant'))).status).toBe(200);
  });
});

describe('Amperity with more runs than a page holds', () => {
  it('holds a huge limit to pages of 1000', async () => {
    const big = targetFor('amperity', { rateLimits: false, records: 1200 });
    const page = await listPage(big, { limit: 2 ** 40 });
    expect(page.data).toHaveLength(1000);
    expect((await listPage(big, { limit: 2 ** 40, next_token: page.next_token ?? '' })).data).toHaveLength(201);
  });
});
