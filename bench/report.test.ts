import { describe, expect, it } from 'vitest';
import type { Measurement } from './load.ts';
import { checkTargets, formatReport, ratio, spread, type BenchReport } from './report.ts';

const measured = (requestsPerSecond: number, p99Ms = 5, failures = 0): Measurement => ({
  requestsPerSecond,
  p50Ms: 1,
  p99Ms,
  requests: requestsPerSecond * 3,
  failures,
});

function report(
  overrides: { get100k?: number; page10k?: number; page100k?: number; rss?: number; cold?: number; p99?: number; failures?: number } = {},
): BenchReport {
  return {
    machine: { node: 'v20', cpus: 2, platform: 'linux-x64' },
    options: { connections: 32, durationSeconds: 3, records: [10_000, 100_000] },
    baselines: {
      'get-by-id': { responseBytes: 512, bareExpress: measured(10_000), bareNode: measured(40_000) },
      'filtered-page': { responseBytes: 60_000, bareExpress: measured(8_000), bareNode: measured(16_000) },
    },
    datasets: [
      {
        records: 10_000,
        startMs: 2000,
        rssAfterStartMb: 250,
        peakRssMb: 280,
        scenarios: { 'get-by-id': measured(7_000), 'filtered-page': measured(overrides.page10k ?? 3_000) },
      },
      {
        records: 100_000,
        startMs: 9000,
        rssAfterStartMb: 280,
        peakRssMb: overrides.rss ?? 290,
        scenarios: {
          'get-by-id': measured(overrides.get100k ?? 6_500, overrides.p99 ?? 10, overrides.failures ?? 0),
          'filtered-page': measured(overrides.page100k ?? 2_800),
        },
      },
    ],
    coldStartMs: overrides.cold ?? 900,
  };
}

const verdicts = (r: BenchReport) => Object.fromEntries(checkTargets(r).map((t) => [t.target, t.met]));

describe('benchmark report', () => {
  it('computes ratios and spreads against the larger value', () => {
    expect(ratio(6, 10)).toBe(0.6);
    expect(ratio(5, 0)).toBe(0);
    expect(spread(80, 100)).toBeCloseTo(0.2);
    expect(spread(100, 80)).toBeCloseTo(0.2);
  });

  it('meets every target when the numbers do', () => {
    expect(Object.values(verdicts(report())).every(Boolean)).toBe(true);
  });

  it('judges each target on its own numbers', () => {
    const missed = verdicts(report({ get100k: 5_000, page100k: 2_000, rss: 350, cold: 1600, p99: 30 }));
    expect(missed['get-by-id >= 60% of bare express (100000 records)']).toBe(false);
    expect(missed['get-by-id p99 < 25 ms at 32 connections']).toBe(false);
    expect(missed['filtered page >= 30% of bare express (100000 records)']).toBe(false);
    expect(missed['peak RSS < 300 MB (100000 records per API)']).toBe(false);
    expect(missed['filtered-page at 10000 and 100000 records within 20%']).toBe(false);
    expect(missed['cold start < 1500 ms (default dataset)']).toBe(false);
  });

  it('flags a run whose responses failed, and prints one row per server with its ratios', () => {
    const failing = report({ failures: 12 });
    expect(checkTargets(failing).find((t) => t.target.includes('every response 2xx'))?.met).toBe(false);
    const text = formatReport(report());
    const mockRow = text.split('\n').find((line) => line.startsWith('get-by-id') && line.includes('mock') && line.includes('100000'));
    expect(mockRow?.split(/\s+/)).toEqual(['get-by-id', 'mock', '100000', '6500', '1.0', '10.0', '0.65', '0.16', '0']);
    expect(text).toContain('cold start (default dataset, process start to first 200): 900 ms');
  });
});
