import type { Measurement } from './load.ts';

/** What one `npm run bench` measured; `--json FILE` writes exactly this, so runs can be compared. */
export interface BenchReport {
  readonly machine: { readonly node: string; readonly cpus: number; readonly platform: string };
  readonly options: { readonly connections: number; readonly durationSeconds: number; readonly records: readonly number[] };
  /** Per scenario: the size of the mock's typical response and what the bare servers did returning that many bytes. */
  readonly baselines: Readonly<Record<string, { readonly responseBytes: number; readonly bareExpress: Measurement; readonly bareNode: Measurement }>>;
  readonly datasets: readonly DatasetResult[];
  readonly coldStartMs: number;
}

export interface DatasetResult {
  readonly records: number;
  /** Process start to "listening", seeding every API's default space included. */
  readonly startMs: number;
  readonly rssAfterStartMb: number;
  readonly peakRssMb: number;
  readonly scenarios: Readonly<Record<string, Measurement>>;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** How far apart two throughputs are, relative to the larger: 0 is equal, 0.2 is "within 20%". */
export function spread(a: number, b: number): number {
  const larger = Math.max(a, b);
  return larger > 0 ? Math.abs(a - b) / larger : 0;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** The table `npm run bench` prints: baselines first, then the mock per dataset size with its ratios. */
export function formatReport(report: BenchReport): string {
  const header = ['scenario', 'server', 'records', 'req/s', 'p50 ms', 'p99 ms', 'x express', 'x node', 'failed'];
  const rows: string[][] = [];
  for (const [name, baseline] of Object.entries(report.baselines)) {
    rows.push([
      name,
      `bare express (${baseline.responseBytes} B)`,
      '-',
      ...numbers(baseline.bareExpress),
      '1.00',
      fixed(ratio(baseline.bareExpress.requestsPerSecond, baseline.bareNode.requestsPerSecond), 2),
      String(baseline.bareExpress.failures),
    ]);
    rows.push([
      name,
      `bare node:http (${baseline.responseBytes} B)`,
      '-',
      ...numbers(baseline.bareNode),
      fixed(ratio(baseline.bareNode.requestsPerSecond, baseline.bareExpress.requestsPerSecond), 2),
      '1.00',
      String(baseline.bareNode.failures),
    ]);
    for (const dataset of report.datasets) {
      const mock = dataset.scenarios[name];
      if (!mock) continue;
      rows.push([
        name,
        'mock',
        String(dataset.records),
        ...numbers(mock),
        fixed(ratio(mock.requestsPerSecond, baseline.bareExpress.requestsPerSecond), 2),
        fixed(ratio(mock.requestsPerSecond, baseline.bareNode.requestsPerSecond), 2),
        String(mock.failures),
      ]);
    }
  }
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const memory = report.datasets.map(
    (d) =>
      `  ${d.records} records per API: start ${Math.round(d.startMs)} ms, RSS after start ${Math.round(d.rssAfterStartMb)} MB, peak RSS ${Math.round(d.peakRssMb)} MB`,
  );
  const targets = checkTargets(report).map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`);
  return [
    `workflow mocks benchmark: node ${report.machine.node}, ${report.machine.cpus} cores, ${report.options.connections} connections, ${report.options.durationSeconds} s per run`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'memory and start',
    ...memory,
    `  cold start (default dataset, process start to first 200): ${Math.round(report.coldStartMs)} ms`,
    '',
    'targets',
    ...targets,
  ].join('\n');
}

function numbers(m: Measurement): string[] {
  return [fixed(m.requestsPerSecond, 0), fixed(m.p50Ms, 1), fixed(m.p99Ms, 1)];
}

/** The targets, judged on this run's numbers (the largest dataset where a target is about scale). */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const largest = report.datasets.reduce<DatasetResult | undefined>((best, d) => (!best || d.records > best.records ? d : best), undefined);
  const smallest = report.datasets.reduce<DatasetResult | undefined>((best, d) => (!best || d.records < best.records ? d : best), undefined);
  const share = (scenario: string, dataset: DatasetResult | undefined) => {
    const mock = dataset?.scenarios[scenario]?.requestsPerSecond ?? 0;
    return ratio(mock, report.baselines[scenario]?.bareExpress.requestsPerSecond ?? 0);
  };
  const pct = (value: number) => `${Math.round(value * 100)}%`;
  if (largest) {
    const get = largest.scenarios['get-by-id'];
    if (get) {
      checks.push({
        target: `get-by-id >= 60% of bare express (${largest.records} records)`,
        measured: pct(share('get-by-id', largest)),
        met: share('get-by-id', largest) >= 0.6,
      });
      checks.push({ target: `get-by-id p99 < 25 ms at ${report.options.connections} connections`, measured: `${fixed(get.p99Ms, 1)} ms`, met: get.p99Ms < 25 });
    }
    if (largest.scenarios['filtered-page']) {
      checks.push({
        target: `filtered page >= 30% of bare express (${largest.records} records)`,
        measured: pct(share('filtered-page', largest)),
        met: share('filtered-page', largest) >= 0.3,
      });
    }
    checks.push({
      target: `peak RSS < 300 MB (${largest.records} records per API)`,
      measured: `${Math.round(largest.peakRssMb)} MB`,
      met: largest.peakRssMb < 300,
    });
  }
  if (largest && smallest && largest !== smallest) {
    for (const scenario of ['get-by-id', 'filtered-page']) {
      const small = smallest.scenarios[scenario]?.requestsPerSecond;
      const large = largest.scenarios[scenario]?.requestsPerSecond;
      if (small === undefined || large === undefined) continue;
      checks.push({
        target: `${scenario} at ${smallest.records} and ${largest.records} records within 20%`,
        measured: pct(spread(small, large)),
        met: spread(small, large) <= 0.2,
      });
    }
  }
  checks.push({ target: 'cold start < 1500 ms (default dataset)', measured: `${Math.round(report.coldStartMs)} ms`, met: report.coldStartMs < 1500 });
  for (const dataset of report.datasets) {
    for (const [scenario, m] of Object.entries(dataset.scenarios)) {
      if (m.failures > 0)
        checks.push({ target: `${scenario} at ${dataset.records} records: every response 2xx`, measured: `${m.failures} of ${m.requests} failed`, met: false });
    }
  }
  return checks;
}
