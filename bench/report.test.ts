import { describe, expect, it } from 'vitest';
import type { Measurement } from './load.ts';
import { checkTargets, formatReport, ratio, shortReason, spread, type BenchReport, type DatasetResult } from './report.ts';

const measured = (requestsPerSecond: number, p99Ms = 5, failures = 0): Measurement => ({
  requestsPerSecond,
  p50Ms: 1,
  p99Ms,
  requests: requestsPerSecond * 3,
  failures,
});

interface Overrides {
  get100k?: number;
  page10k?: number;
  page100k?: number;
  rss?: number;
  peak?: number;
  start?: number;
  cold?: number;
  defaultRss?: number;
  failures?: number;
  extra?: DatasetResult[];
  sizes?: number[];
}

function report(overrides: Overrides = {}): BenchReport {
  const datasets: DatasetResult[] = [
    {
      records: 10_000,
      startMs: 600,
      rssAfterStartMb: 90,
      peakRssMb: 150,
      scenarios: { 'get-by-id': measured(7_000), 'filtered-page': measured(overrides.page10k ?? 3_000) },
    },
    {
      records: 100_000,
      startMs: overrides.start ?? 2_500,
      rssAfterStartMb: overrides.rss ?? 200,
      peakRssMb: overrides.peak ?? 290,
      scenarios: {
        'get-by-id': measured(overrides.get100k ?? 6_600, 10, overrides.failures ?? 0),
        'filtered-page': measured(overrides.page100k ?? 2_800),
      },
    },
    ...(overrides.extra ?? []),
  ];
  return {
    machine: { node: 'v20', cpus: 2, platform: 'linux-x64' },
    options: { connections: 32, durationSeconds: 3, records: datasets.map((d) => d.records) },
    baselines: {
      'get-by-id': { responseBytes: 512, bareExpress: measured(10_000), bareNode: measured(40_000) },
      'filtered-page': { responseBytes: 60_000, bareExpress: measured(6_000), bareNode: measured(16_000) },
    },
    datasets: overrides.sizes ? datasets.filter((d) => overrides.sizes?.includes(d.records)) : datasets,
    coldStartMs: overrides.cold ?? 450,
    defaultRssMb: overrides.defaultRss ?? 80,
  };
}

const verdicts = (r: BenchReport) => Object.fromEntries(checkTargets(r).map((t) => [t.target, t.verdict]));

describe('benchmark report', () => {
  it('computes ratios and spreads against the larger value', () => {
    expect(ratio(6, 10)).toBe(0.6);
    expect(ratio(5, 0)).toBe(0);
    expect(spread(80, 100)).toBeCloseTo(0.2);
    expect(spread(100, 80)).toBeCloseTo(0.2);
  });

  it('meets every goal of issue 17 when the numbers do', () => {
    expect(verdicts(report())).toEqual({
      'RSS after start < 250 MB (100000 records per API)': 'met',
      'peak RSS < 300 MB (100000 records per API)': 'met',
      'start to first 200 < 3000 ms (100000 records per API)': 'met',
      'get-by-id >= 0.65 x bare express (100000 records per API)': 'met',
      'filtered page >= 0.45 x bare express (100000 records per API)': 'met',
      'filtered page at 10000 and 100000 records within 10%': 'met',
      'cold start < 500 ms (default dataset)': 'met',
      'RSS after start < 100 MB (default dataset)': 'met',
    });
  });

  it('judges each goal on its own numbers', () => {
    const missed = verdicts(report({ get100k: 6_400, page100k: 2_600, page10k: 3_000, rss: 260, peak: 310, start: 3_100, cold: 520, defaultRss: 101 }));
    expect(Object.values(missed)).toEqual(Array(8).fill('MISSED'));
  });

  it('says a scale goal was not measured rather than judging it on another size', () => {
    const small = verdicts(report({ sizes: [10_000] }));
    expect(small['RSS after start < 250 MB (100000 records per API)']).toBe('n/a');
    expect(small['get-by-id >= 0.65 x bare express (100000 records per API)']).toBe('n/a');
    expect(small['filtered page at 10000 and 100000 records within 10%']).toBe('n/a');
    expect(small['cold start < 500 ms (default dataset)']).toBe('met');
  });

  it('reports a million-run dataset that never answered without judging it, and misses the goals of a 100k run that died', () => {
    const million: DatasetResult = {
      records: 1_000_000,
      peakRssMb: 4_200,
      scenarios: {},
      failure: 'did not start: FATAL ERROR: JavaScript heap out of memory',
    };
    const text = formatReport(report({ extra: [million] }));
    expect(text).toContain(
      '1000000 records per API: never answered, RSS after start -, peak RSS 4200 MB; stopped: did not start: FATAL ERROR: JavaScript heap out of memory',
    );
    expect(checkTargets(report({ extra: [million] })).every((t) => t.verdict === 'met')).toBe(true);

    const died = report();
    const hundred = { ...(died.datasets[1] as DatasetResult), scenarios: {}, failure: 'exited during get-by-id: Killed' };
    const verdict = verdicts({ ...died, datasets: [died.datasets[0] as DatasetResult, hundred] });
    expect(verdict['get-by-id >= 0.65 x bare express (100000 records per API)']).toBe('MISSED');
    expect(verdict['100000 records per API: the run completes']).toBe('MISSED');
    expect(verdict['RSS after start < 250 MB (100000 records per API)']).toBe('met');
  });

  it('flags a run whose responses failed, and prints one row per server with its ratios and the start figures', () => {
    const failing = report({ failures: 12 });
    expect(checkTargets(failing).find((t) => t.target.includes('every response 2xx'))?.verdict).toBe('MISSED');
    const text = formatReport(report());
    const mockRow = text.split('\n').find((line) => line.startsWith('get-by-id') && line.includes('mock') && line.includes('100000'));
    expect(mockRow?.split(/\s+/)).toEqual(['get-by-id', 'mock', '100000', '6600', '1.0', '10.0', '0.66', '0.17', '0']);
    expect(text).toContain('100000 records per API: start to first 200 2500 ms, RSS after start 200 MB, peak RSS 290 MB');
    expect(text).toContain('cold start (default dataset, process start to first 200): 450 ms');
    expect(text).toContain('RSS after start (default dataset, after its first 200): 80 MB');
  });

  it('picks the line that says why a server died out of its output', () => {
    const crash = [
      '<--- Last few GCs --->',
      '[123:0x1]  95000 ms: Mark-Compact 4000.1 (4100.2) -> 3990.0 MB',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      ' 1: 0xb8d0a3 node::Abort() [node]',
    ];
    expect(shortReason(crash.join('\n'))).toBe('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory');
    expect(shortReason('listening\nsomething else\n')).toBe('something else');
    expect(shortReason('')).toBe('no output');
  });
});
