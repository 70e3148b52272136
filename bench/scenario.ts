import type { BodyKind } from './fixed-body.ts';

// What the benchmark asks of the mock. A scenario prepares against a running mock (ids to rotate through, a login)
// and returns a plan: the method and headers, how each connection makes its next request, and what a response
// tells the next one (a cursor). The same plan, pointed at a baseline, asks for a fixed body of the same size.
// Each pack declares its own scenarios (`bench` in `mocks/<id>/testing.ts`); `scenarios.ts` gathers them.

export interface ConnectionState {
  [key: string]: unknown;
}

export interface ScenarioPlan {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  readonly headers: Record<string, string>;
  readonly kind: BodyKind;
  next(state: ConnectionState): { path: string; body?: string };
  onResponse?(state: ConnectionState, status: number, body: string): void;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** The plan holds a login session that resetting its API would end, so the soak leaves that API's data alone. */
  readonly holdsSession?: boolean;
  prepare(origin: string, records: number): Promise<ScenarioPlan>;
}

export async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Hands out pool items in turn across all connections, so concurrent requests go to distinct runs.

export function rotation<T>(pool: readonly T[]): () => { item: T; round: number } {
  let taken = 0;
  return () => {
    const index = taken++;
    return { item: pool[index % pool.length] as T, round: Math.floor(index / pool.length) };
  };
}
