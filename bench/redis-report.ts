import type { Measurement } from './load.ts';
import { ratio, spread, type TargetCheck } from './report.ts';

// `npm run bench -- --backend redis` (issue 18): the same scenarios against two replicas sharing one local Redis,
// with the load split across both, next to one in-memory mock measured in the same run.

export interface RedisDataset {
  readonly records: number;
  /** Per scenario: one in-memory mock, and the two replicas together (requests summed, latencies the worse of the two). */
  readonly memory: Readonly<Record<string, Measurement>>;
  readonly redis: Readonly<Record<string, Measurement>>;
  /** A filtered page of 100 on one connection against one replica: what one list request costs. */
  readonly pageLatency?: Measurement;
  readonly failure?: string;
}

export const REDIS_GOALS = {
  scale: 100_000,
  small: 10_000,
  pageP50Ms: 5,
  getByIdShare: 0.4,
  sizeSpread: 0.2,
} as const;

/** Two replicas' measurements taken at the same time, as one. */
export function combine(a: Measurement, b: Measurement): Measurement {
  return {
    requestsPerSecond: a.requestsPerSecond + b.requestsPerSecond,
    p50Ms: Math.max(a.p50Ms, b.p50Ms),
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    requests: a.requests + b.requests,
    failures: a.failures + b.failures,
  };
}

export function checkRedisTargets(datasets: readonly RedisDataset[]): TargetCheck[] {
  const at = datasets.find((d) => d.records === REDIS_GOALS.scale);
  const small = datasets.find((d) => d.records === REDIS_GOALS.small);
  const checks: TargetCheck[] = [];
  const judge = (target: string, measured: string | undefined, met: boolean | undefined) =>
    checks.push({ target, measured: measured ?? 'not measured', verdict: met === undefined ? 'n/a' : met ? 'met' : 'MISSED' });
  const p50 = at?.pageLatency?.p50Ms;
  judge(
    `list page p50 < ${REDIS_GOALS.pageP50Ms} ms, one connection (${REDIS_GOALS.scale} per API)`,
    p50 === undefined ? undefined : `${p50} ms`,
    p50 === undefined ? undefined : p50 < REDIS_GOALS.pageP50Ms,
  );
  const memory = at?.memory['get-by-id']?.requestsPerSecond;
  const redis = at?.redis['get-by-id']?.requestsPerSecond;
  const share = memory && redis !== undefined ? ratio(redis, memory) : undefined;
  judge(
    `get-by-id >= ${REDIS_GOALS.getByIdShare} x memory (${REDIS_GOALS.scale} per API)`,
    share?.toFixed(2),
    share === undefined ? undefined : share >= REDIS_GOALS.getByIdShare,
  );
  const spreads = Object.keys(at?.redis ?? {}).flatMap((name) => {
    const large = at?.redis[name]?.requestsPerSecond;
    const little = small?.redis[name]?.requestsPerSecond;
    return large !== undefined && little !== undefined ? [{ name, apart: spread(large, little) }] : [];
  });
  const worst = spreads.sort((x, y) => y.apart - x.apart)[0];
  judge(
    `every scenario at ${REDIS_GOALS.small} and ${REDIS_GOALS.scale} within ${REDIS_GOALS.sizeSpread * 100}%`,
    worst ? `${worst.name} ${Math.round(worst.apart * 100)}% apart (the widest)` : undefined,
    worst ? worst.apart <= REDIS_GOALS.sizeSpread : undefined,
  );
  return checks;
}

export function formatRedisReport(datasets: readonly RedisDataset[], header: string): string {
  const lines = [header, '', 'scenario          records  memory req/s  redis req/s  x memory  p50 ms mem/redis  p99 ms redis  failed'];
  lines.push('----------------  -------  ------------  -----------  --------  -----------------  ------------  ------');
  for (const dataset of datasets) {
    for (const [name, redis] of Object.entries(dataset.redis)) {
      const memory = dataset.memory[name];
      lines.push(
        [
          name.padEnd(16),
          String(dataset.records).padStart(7),
          String(Math.round(memory?.requestsPerSecond ?? 0)).padStart(12),
          String(Math.round(redis.requestsPerSecond)).padStart(11),
          ratio(redis.requestsPerSecond, memory?.requestsPerSecond ?? 0)
            .toFixed(2)
            .padStart(8),
          `${memory?.p50Ms ?? '-'} / ${redis.p50Ms}`.padStart(17),
          String(redis.p99Ms).padStart(12),
          String(redis.failures).padStart(6),
        ].join('  '),
      );
    }
    if (dataset.pageLatency)
      lines.push(`  ${dataset.records} per API, filtered page on one connection: p50 ${dataset.pageLatency.p50Ms} ms, p99 ${dataset.pageLatency.p99Ms} ms`);
    if (dataset.failure) lines.push(`  ${dataset.records} per API: ${dataset.failure}`);
  }
  lines.push('', 'targets (issue 18)');
  for (const check of checkRedisTargets(datasets)) lines.push(`  ${check.verdict.padEnd(6)}  ${check.target}: ${check.measured}`);
  return lines.join('\n');
}
