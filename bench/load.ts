import autocannon from 'autocannon';
import type { ConnectionState, ScenarioPlan } from './scenario.ts';

export interface LoadOptions {
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface Measurement {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses outside 2xx plus connection errors: any of these makes the numbers suspect, and the report says so. */
  readonly failures: number;
}

/** Loads `origin` with the plan on keep-alive connections (autocannon) and summarises what it measured. */
export async function load(origin: string, plan: ScenarioPlan, options: LoadOptions): Promise<Measurement> {
  const result = await autocannon({
    url: origin,
    connections: options.connections,
    duration: options.durationSeconds,
    method: plan.method,
    headers: plan.headers,
    requests: [
      {
        setupRequest: (request, context) => {
          const { path, body } = plan.next(context as ConnectionState);
          return { ...request, path, ...(body === undefined ? {} : { body }) };
        },
        ...(plan.onResponse
          ? { onResponse: (status: number, body: string, context: object) => plan.onResponse?.(context as ConnectionState, status, body) }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

/** The same traffic shape against a baseline: same method, headers and request bodies, a fixed reply of `bytes`. */
export function baselinePlan(plan: ScenarioPlan, bytes: number): ScenarioPlan {
  const path = `/fixed/${bytes}/${plan.kind}`;
  return {
    method: plan.method,
    headers: plan.headers,
    kind: plan.kind,
    next: (state) => ({ ...plan.next(state), path }),
  };
}

/** The size of the mock's typical response for the plan: the median of a few real requests. */
export async function typicalResponseBytes(origin: string, plan: ScenarioPlan, samples = 5): Promise<number> {
  const sizes: number[] = [];
  const state: ConnectionState = {};
  for (let i = 0; i < samples; i++) {
    const { path, body } = plan.next(state);
    const response = await fetch(`${origin}${path}`, { method: plan.method, headers: plan.headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${plan.method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    plan.onResponse?.(state, response.status, text);
    sizes.push(Buffer.byteLength(text));
  }
  sizes.sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 0;
}
