import { describe, expect, it } from 'vitest';
import { createIdSource } from '../generation/ids.ts';
import { createFaultBook } from './faults.ts';

const target = { api: 'acme', operation: 'listWorkflowInstances', path: '/api/v1/accounts/a/definitions/d/workflows' };
const random = () => {
  const ids = createIdSource(3);
  return () => ids.next();
};

describe('fault book', () => {
  it('passes requests no rule matches', () => {
    const book = createFaultBook([
      { api: 'globex', errorRate: 100 },
      { operation: 'other', latency: { fixedMs: 50 } },
      { path: '/nope', drop: { count: 1 } },
    ]);
    expect(book.decide(target, random())).toEqual({ latencyMs: 0, action: { kind: 'pass' } });
  });

  it('forces a status for exactly the next N matching requests', () => {
    const book = createFaultBook([{ api: 'acme', forceStatus: { status: 503, count: 2 } }]);
    const next = random();
    expect([1, 2, 3].map(() => book.decide(target, next).action)).toEqual([{ kind: 'error', status: 503 }, { kind: 'error', status: 503 }, { kind: 'pass' }]);
    expect(book.list()[0]?.remaining.forced).toBe(0);
  });

  it('drops a counted number of connections', () => {
    const book = createFaultBook([{ drop: { count: 1 } }]);
    const next = random();
    expect(book.decide(target, next).action).toEqual({ kind: 'drop' });
    expect(book.decide(target, next).action).toEqual({ kind: 'pass' });
  });

  it('fails about the given share of requests', () => {
    const book = createFaultBook([{ errorRate: 20, errorStatus: 502 }]);
    const next = random();
    const failed = Array.from({ length: 2000 }, () => book.decide(target, next).action).filter((a) => a.kind === 'error').length;
    expect(failed).toBeGreaterThan(2000 * 0.2 - 3 * Math.sqrt(2000 * 0.2 * 0.8));
    expect(failed).toBeLessThan(2000 * 0.2 + 3 * Math.sqrt(2000 * 0.2 * 0.8));
  });

  it('draws latency from fixed, uniform and lognormal rules', () => {
    const next = random();
    expect(createFaultBook([{ latency: { fixedMs: 40 } }]).decide(target, next).latencyMs).toBe(40);
    const uniform = Array.from({ length: 500 }, () => createFaultBook([{ latency: { uniformMs: [10, 20] } }]).decide(target, next).latencyMs);
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(20);
    const book = createFaultBook([{ latency: { lognormal: { medianMs: 100, sigma: 0.5 } } }]);
    const samples = Array.from({ length: 2001 }, () => book.decide(target, next).latencyMs).sort((a, b) => a - b);
    expect(samples[1000]).toBeGreaterThan(85);
    expect(samples[1000]).toBeLessThan(115);
  });

  it('repeats its decisions for the same seed', () => {
    const run = () => {
      const book = createFaultBook([{ errorRate: 50 }]);
      const next = random();
      return Array.from({ length: 50 }, () => book.decide(target, next).action.kind);
    };
    expect(run()).toEqual(run());
  });
});
