import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { buildServer } from '../scripts/build-server.ts';
import { startScript, START, SERVER_NODE_FLAGS, type ServerProcess } from '../src/harness/server-process.ts';
import { baselinePlan, load, typicalResponseBytes, type LoadOptions, type Measurement } from './load.ts';
import { runRedisBench } from './redis.ts';
import { formatRedisReport } from './redis-report.ts';
import { formatReport, shortReason, type BenchReport, type DatasetResult } from './report.ts';
import { scenarios, unbenched, type Scenario } from './scenarios.ts';

const USAGE = `Usage: npm run bench -- [options]

  --connections N   concurrent keep-alive connections (default 32)
  --duration S      seconds per measured run (default 3)
  --warmup S        seconds of unmeasured load before each run (default 1)
  --records LIST    dataset sizes, runs per API (default 10000,100000; e.g. 1000000 to see how far it gets)
  --scenario LIST   only these scenarios (default all: ${scenarios.map((s) => s.name).join(', ')})
  --json FILE       also write the results as JSON, to compare runs
  --cpu-prof DIR    profile the mock (node --cpu-prof) and write .cpuprofile files to DIR
  --backend redis   the same scenarios against two replicas sharing a local redis-server, next to one in-memory
                    mock (ratios to it), plus one list request at a time; needs redis-server on PATH
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
    backend: { type: 'string', default: 'memory' },
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
/** The mock runs as `npm start` runs it: the server bundle through its launcher. */
const startMock = (args: readonly string[], timeoutMs = 30_000, onSpawn?: (child: ChildProcess) => void) =>
  startScript(START, args, { timeoutMs, nodeOptions: [...SERVER_NODE_FLAGS, ...profileFlags], discardLogAfterStart: true, ...(onSpawn ? { onSpawn } : {}) });

const log = (line: string) => process.stderr.write(`${line}\n`);

async function measure(origin: string, scenario: Scenario, plan: Parameters<typeof load>[1]): Promise<Measurement> {
  if (warmupSeconds > 0) await load(origin, plan, { ...options, durationSeconds: warmupSeconds });
  const result = await load(origin, plan, options);
  log(`  ${scenario.name.padEnd(14)} ${origin.padEnd(24)} ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms`);
  return result;
}

function memoryMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return undefined;
  }
}

/** The first 200 a client gets: the request the cold start has always timed. */
async function firstOk(origin: string): Promise<void> {
  const response = await fetch(`${origin}/nerm/api/workflow_sessions?limit=1`, { headers: { authorization: 'Bearer bench' } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`first request answered ${response.status}`);
}

/** Process start to first 200 with the default dataset (median of five starts), and its RSS then. */
async function coldStart(): Promise<{ ms: number; rssMb: number }> {
  const runs: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const server = await startMock(['--port', '0']);
    await firstOk(server.origin);
    runs.push({ ms: performance.now() - started, rssMb: memoryMb(server.child.pid, 'VmRSS') ?? 0 });
    await server.stop();
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)] ?? { ms: 0, rssMb: 0 };
}

const servers: ServerProcess[] = [];
const stopAll = () => Promise.all(servers.map((server) => server.stop()));
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
const baselines: Record<string, BenchReport['baselines'][string]> = {};

/**
 * One dataset size: start the mock, time it to its first 200, then every scenario. Never throws: a mock that does not
 * start (a heap limit at a million runs per API) or dies under load is reported with why and how far it got.
 */
async function runDataset(records: number, bareExpress: ServerProcess, bareNode: ServerProcess): Promise<DatasetResult> {
  log(`mock with ${records} runs per API: starting`);
  const started = performance.now();
  // Sampled from the spawn on, so a process that dies (at a heap limit, say) still leaves its peak behind.
  let pid: number | undefined;
  let peakSampled = 0;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, memoryMb(pid, 'VmRSS') ?? 0);
  }, 250);
  let mock: ServerProcess;
  try {
    // Generous: a start that is slow is a figure to report, not a reason to give up.
    mock = await startMock(mockArgs(records), Math.max(300_000, records * 0.6), (child) => {
      pid = child.pid;
    });
  } catch (error) {
    clearInterval(sampler);
    const seconds = Math.round((performance.now() - started) / 1000);
    const failure = `did not start (${seconds} s): ${shortReason(error instanceof Error ? error.message : String(error))}`;
    log(`  ${failure}`);
    return { records, ...(peakSampled > 0 ? { peakRssMb: peakSampled } : {}), scenarios: {}, failure };
  }
  const results: Record<string, Measurement> = {};
  let startMs: number | undefined;
  let rssAfterStartMb: number | undefined;
  let failure: string | undefined;
  let stage = 'the first request';
  try {
    await firstOk(mock.origin);
    startMs = performance.now() - started;
    rssAfterStartMb = memoryMb(mock.child.pid, 'VmRSS');
    log(`  first 200 after ${Math.round(startMs)} ms, RSS ${Math.round(rssAfterStartMb ?? 0)} MB`);
    for (const scenario of selected) {
      stage = scenario.name;
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
      if (mock.child.exitCode !== null || mock.child.signalCode !== null) throw new Error(`the mock exited (${mock.child.signalCode ?? mock.child.exitCode})`);
    }
  } catch (error) {
    const exited = mock.child.exitCode !== null || mock.child.signalCode !== null;
    const reason = exited ? shortReason(mock.output()) || 'exited' : shortReason(error instanceof Error ? error.message : String(error));
    failure = `${exited ? 'exited' : 'failed'} during ${stage}: ${reason}`;
    log(`  ${failure}`);
  }
  clearInterval(sampler);
  const peakRssMb = memoryMb(mock.child.pid, 'VmHWM') ?? (peakSampled || undefined);
  await mock.stop();
  return {
    records,
    ...(startMs === undefined ? {} : { startMs }),
    ...(rssAfterStartMb === undefined ? {} : { rssAfterStartMb }),
    ...(peakRssMb === undefined ? {} : { peakRssMb }),
    scenarios: results,
    ...(failure ? { failure } : {}),
  };
}

if (values.backend !== 'memory' && values.backend !== 'redis') {
  console.error(`--backend must be memory or redis, got "${values.backend}"\n\n${USAGE}`);
  process.exit(2);
}

if (values.backend === 'redis') {
  const built = await buildServer();
  log(`server bundle dist/${built.entry} built in ${built.ms} ms`);
  const datasets = await runRedisBench({ sizes, scenarios: selected, options, warmupSeconds, startMock, mockArgs, log });
  const header = `workflow mocks benchmark, Redis backend: node ${process.version}, ${availableParallelism()} cores, ${options.connections} connections, ${options.durationSeconds} s per run`;
  console.log(formatRedisReport(datasets, header));
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ backend: 'redis', options: { ...options, records: sizes }, datasets }, null, 2)}\n`);
  process.exit(0);
}

try {
  // Built now, so no start below pays for a build (the launcher finds it fresh).
  const built = await buildServer();
  log(`server bundle dist/${built.entry} built in ${built.ms} ms`);
  const bareExpress = await startScript('bench/baseline-express.ts', []);
  const bareNode = await startScript('bench/baseline-node.ts', []);
  servers.push(bareExpress, bareNode);
  const datasets: DatasetResult[] = [];
  for (const records of sizes) datasets.push(await runDataset(records, bareExpress, bareNode));
  await stopAll();
  log('cold start with the default dataset');
  const cold = await coldStart();
  const report: BenchReport = {
    machine: { node: process.version, cpus: availableParallelism(), platform: `${process.platform}-${process.arch}` },
    options: { ...options, records: sizes },
    baselines,
    datasets,
    coldStartMs: cold.ms,
    defaultRssMb: cold.rssMb,
  };
  console.log(formatReport(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  await stopAll();
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
}
