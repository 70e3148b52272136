import { describe, expect, it } from 'vitest';
import type { Measurement } from './load.ts';
import { checkRedisTargets, combine, formatRedisReport, type RedisDataset } from './redis-report.ts';

const m = (requestsPerSecond: number, p50Ms = 5, p99Ms = 20, failures = 0): Measurement => ({
  requestsPerSecond,
  p50Ms,
  p99Ms,
  requests: requestsPerSecond * 3,
  failures,
});

const dataset = (records: number, redisGet: number, page: number, p50: number): RedisDataset => ({
  records,
  memory: { 'get-by-id': m(5000), 'filtered-page': m(2000) },
  redis: { 'get-by-id': m(redisGet), 'filtered-page': m(page) },
  pageLatency: m(400, p50, p50 * 2),
});

const verdicts = (datasets: RedisDataset[]) => Object.fromEntries(checkRedisTargets(datasets).map((check) => [check.target.split(' ')[0], check.verdict]));

describe('the Redis bench report', () => {
  it('sums two replicas measured together and keeps the worse latency', () => {
    expect(combine(m(100, 3, 10, 1), m(50, 7, 30, 2))).toEqual({ requestsPerSecond: 150, p50Ms: 7, p99Ms: 30, requests: 450, failures: 3 });
  });

  it('meets every goal when the page is fast, get-by-id keeps 40% and sizes agree', () => {
    expect(verdicts([dataset(10_000, 2100, 900, 2), dataset(100_000, 2000, 850, 3)])).toEqual({ list: 'met', 'get-by-id': 'met', every: 'met' });
  });

  it('misses each goal on its own figure', () => {
    expect(verdicts([dataset(10_000, 2100, 900, 2), dataset(100_000, 1900, 600, 5)])).toEqual({ list: 'MISSED', 'get-by-id': 'MISSED', every: 'MISSED' });
  });

  it('judges nothing on a size that was not run', () => {
    expect(verdicts([dataset(10_000, 2100, 900, 2)])).toEqual({ list: 'n/a', 'get-by-id': 'n/a', every: 'n/a' });
  });

  it('prints a row per scenario and size with the ratio to memory', () => {
    const text = formatRedisReport([dataset(100_000, 2000, 850, 3)], 'header');
    expect(text).toMatch(/get-by-id\s+100000\s+5000\s+2000\s+0\.40/);
    expect(text).toContain('100000 per API, filtered page on one connection: p50 3 ms');
  });
});
