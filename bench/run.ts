import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { startScript, startServer, MAIN, SERVER_NODE_FLAGS, type ServerProcess } from '../src/harness/server-process.ts';
import { baselinePlan, load, typicalResponseBytes, type LoadOptions, type Measurement } from './load.ts';
import { formatReport, type BenchReport, type DatasetResult } from './report.ts';
import { scenarios, unbenched, type Scenario } from './scenarios.ts';

const USAGE = `Usage: npm run bench -- [options]

  --connections N   concurrent keep-alive connections (default 32)
  --duration S      seconds per measured run (default 3)
  --warmup S        seconds of unmeasured load before each run (default 1)
  --records LIST    dataset sizes, runs per API (default 10000,100000)
  --scenario LIST   only these scenarios (default all: ${scenarios.map((s) => s.name).join(', ')})
  --json FILE       also write the results as JSON, to compare runs
  --cpu-prof DIR    profile the mock (node --cpu-prof) and write .cpuprofile files to DIR
  --help            show this text`;

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    records: { type: 'string', default: '10000,100000' },
    scenario: { type: 'string' },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (text: string, name: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const options: LoadOptions = { connections: positive(values.connections, 'connections'), durationSeconds: positive(values.duration, 'duration') };
const warmupSeconds = Number(values.warmup);
const sizes = values.records.split(',').map((size) => positive(size.trim(), 'records'));
const chosen = values.scenario ? values.scenario.split(',').map((name) => name.trim()) : scenarios.map((s) => s.name);
const unknown = chosen.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const selected = scenarios.filter((s) => chosen.includes(s.name));
for (const line of unbenched) process.stderr.write(`no scenario for ${line}\n`);
const profileFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];

/** In-memory, rate limits off, no faults, a frozen clock so no run moves under the benchmark's feet. */
const mockArgs = (records: number) => ['--port', '0', '--records', String(records), '--rate-limit', 'off', '--clock', 'manual'];

const log = (line: string) => process.stderr.write(`${line}\n`);

async function measure(origin: string, scenario: Scenario, plan: Parameters<typeof load>[1]): Promise<Measurement> {
  if (warmupSeconds > 0) await load(origin, plan, { ...options, durationSeconds: warmupSeconds });
  const result = await load(origin, plan, options);
  log(`  ${scenario.name.padEnd(14)} ${origin.padEnd(24)} ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms`);
  return result;
}

function memoryMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function coldStartMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const server = await startServer([]);
    const response = await fetch(`${server.origin}/nerm/api/workflow_sessions?limit=1`, { headers: { authorization: 'Bearer bench' } });
    if (response.status !== 200) throw new Error(`cold start: first request answered ${response.status}`);
    times.push(performance.now() - started);
    await server.stop();
  }
  times.sort((a, b) => a - b);
  return times[1] ?? times[0] ?? 0;
}

const servers: ServerProcess[] = [];
const stopAll = () => Promise.all(servers.map((server) => server.stop()));
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

try {
  const bareExpress = await startScript('bench/baseline-express.ts', []);
  const bareNode = await startScript('bench/baseline-node.ts', []);
  servers.push(bareExpress, bareNode);
  const baselines: Record<string, BenchReport['baselines'][string]> = {};
  const datasets: DatasetResult[] = [];

  for (const records of sizes) {
    log(`mock with ${records} runs per API: starting`);
    const started = performance.now();
    const mock = await startScript(MAIN, mockArgs(records), {
      timeoutMs: 300_000,
      nodeOptions: [...SERVER_NODE_FLAGS, ...profileFlags],
      discardLogAfterStart: true,
    });
    const startMs = performance.now() - started;
    const rssAfterStartMb = memoryMb(mock.child.pid, 'VmRSS');
    log(`  started in ${Math.round(startMs)} ms, RSS ${Math.round(rssAfterStartMb)} MB`);
    const results: Record<string, Measurement> = {};
    for (const scenario of selected) {
      const plan = await scenario.prepare(mock.origin, records);
      if (!baselines[scenario.name]) {
        const responseBytes = await typicalResponseBytes(mock.origin, plan);
        const fixedPlan = baselinePlan(plan, responseBytes);
        baselines[scenario.name] = {
          responseBytes,
          bareExpress: await measure(bareExpress.origin, scenario, fixedPlan),
          bareNode: await measure(bareNode.origin, scenario, fixedPlan),
        };
      }
      results[scenario.name] = await measure(mock.origin, scenario, plan);
    }
    datasets.push({ records, startMs, rssAfterStartMb, peakRssMb: memoryMb(mock.child.pid, 'VmHWM'), scenarios: results });
    await mock.stop();
  }
  await stopAll();
  log('cold start with the default dataset');
  const report: BenchReport = {
    machine: { node: process.version, cpus: availableParallelism(), platform: `${process.platform}-${process.arch}` },
    options: { ...options, records: sizes },
    baselines,
    datasets,
    coldStartMs: await coldStartMs(),
  };
  console.log(formatReport(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  await stopAll();
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
}
