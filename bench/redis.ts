import type { ServerProcess } from '../src/harness/server-process.ts';
import { startRedis } from '../contract-tests/support/redis.ts';
import { load, type LoadOptions, type Measurement } from './load.ts';
import { combine, type RedisDataset } from './redis-report.ts';
import type { Scenario } from './scenario.ts';

// The Redis half of the benchmark (`--backend redis`, issue 18): per dataset size, one in-memory mock and then two
// replicas sharing a local `redis-server` (started here on a free loopback port, emptied between sizes), the same
// scenarios, the load split across both replicas at once from the same plan (so concurrent requests still go to
// distinct runs). Plus one list request at a time, which is what "a page costs" means.

export interface RedisBenchSettings {
  readonly sizes: readonly number[];
  readonly scenarios: readonly Scenario[];
  readonly options: LoadOptions;
  readonly warmupSeconds: number;
  readonly startMock: (args: readonly string[], timeoutMs: number) => Promise<ServerProcess>;
  readonly mockArgs: (records: number) => string[];
  readonly log: (line: string) => void;
}

export async function runRedisBench(settings: RedisBenchSettings): Promise<RedisDataset[]> {
  const { options, log } = settings;
  const redis = await startRedis();
  const measureOn = async (servers: readonly ServerProcess[], scenario: Scenario, records: number): Promise<Measurement> => {
    const plan = await scenario.prepare(servers[0]?.origin ?? '', records);
    const share = { ...options, connections: Math.max(1, Math.floor(options.connections / servers.length)) };
    const run = async (seconds: number) => {
      const measured = await Promise.all(servers.map((server) => load(server.origin, plan, { ...share, durationSeconds: seconds })));
      return measured.reduce(combine);
    };
    if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
    const result = await run(options.durationSeconds);
    log(`  ${scenario.name.padEnd(16)} ${servers.length === 1 ? 'memory' : 'redis x2'} ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms} ms`);
    return result;
  };
  const datasets: RedisDataset[] = [];
  try {
    for (const records of settings.sizes) {
      const timeout = Math.max(300_000, records * 0.6);
      const memory: Record<string, Measurement> = {};
      const shared: Record<string, Measurement> = {};
      let pageLatency: Measurement | undefined;
      let failure: string | undefined;
      log(`${records} runs per API: one in-memory mock`);
      const alone = await settings.startMock(settings.mockArgs(records), timeout);
      try {
        for (const scenario of settings.scenarios) memory[scenario.name] = await measureOn([alone], scenario, records);
      } finally {
        await alone.stop();
      }
      log(`${records} runs per API: two replicas on ${redis.url}`);
      const replicas = await Promise.all([0, 1].map(() => settings.startMock([...settings.mockArgs(records), '--redis', redis.url], timeout)));
      try {
        for (const scenario of settings.scenarios) shared[scenario.name] = await measureOn(replicas, scenario, records);
        const page = settings.scenarios.find((scenario) => scenario.name === 'filtered-page');
        if (page) {
          const plan = await page.prepare(replicas[0]?.origin ?? '', records);
          pageLatency = await load(replicas[0]?.origin ?? '', plan, { connections: 1, durationSeconds: options.durationSeconds });
          log(`  filtered page on one connection: p50 ${pageLatency.p50Ms} ms`);
        }
      } catch (error) {
        failure = `failed: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        await Promise.all(replicas.map((replica) => replica.stop()));
      }
      datasets.push({ records, memory, redis: shared, ...(pageLatency ? { pageLatency } : {}), ...(failure ? { failure } : {}) });
      await flush(redis.url);
    }
  } finally {
    await redis.stop();
  }
  return datasets;
}

/** Empties Redis between sizes, so each size seeds anew. */
async function flush(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const connection = new Redis(url);
  await connection.flushall();
  await connection.quit();
}
