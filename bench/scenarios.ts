import model from '../fixtures/longjump/model.json' with { type: 'json' };
import type { BodyKind } from './fixed-body.ts';

/**
 * What the benchmark asks of the mock. A scenario prepares against a running mock (ids to rotate through, a login)
 * and returns a plan: the method and headers, how each connection makes its next request, and what a response
 * tells the next one (a cursor). The same plan, pointed at a baseline, asks for a fixed body of the same size.
 */
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
  prepare(origin: string, records: number): Promise<ScenarioPlan>;
}

const BEARER = { authorization: 'Bearer bench' };
const WORKFLOWS_8X8 = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AMPERITY = { ...BEARER, 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' };

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Up to `wanted` 8x8 workflow ids from the documented definition, optionally in one status. */
async function workflowIds8x8(origin: string, wanted: number, status?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ids.length < wanted; offset += 500) {
    const query = new URLSearchParams({ limit: '500', offset: String(offset), ...(status ? { status } : {}) });
    const page = (await getJson(`${origin}${WORKFLOWS_8X8}?${query}`, BEARER)) as { workflowId: string }[];
    ids.push(...page.map((workflow) => workflow.workflowId));
    if (page.length < 500) break;
  }
  if (ids.length === 0) throw new Error(`no 8x8 workflows${status ? ` in ${status}` : ''} to benchmark`);
  return ids.slice(0, wanted);
}

/** Hands out pool items in turn across all connections, so concurrent requests go to distinct runs. */
function rotation<T>(pool: readonly T[]): () => { item: T; round: number } {
  let taken = 0;
  return () => {
    const index = taken++;
    return { item: pool[index % pool.length] as T, round: Math.floor(index / pool.length) };
  };
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'get-by-id',
    description: '8x8 GET one workflow instance by id (request and response validated)',
    async prepare(origin) {
      const next = rotation(await workflowIds8x8(origin, 5000));
      return { method: 'GET', headers: BEARER, kind: 'json', next: () => ({ path: `${WORKFLOWS_8X8}/${next().item}` }) };
    },
  },
  {
    name: 'filtered-page',
    description: 'NERM page of 100 sessions filtered by status, sorted by created_at desc, with _metadata total; statuses and offsets rotate',
    async prepare(origin) {
      const candidates = ['processing', 'completed', 'pending approval', 'approved', 'failed', 'rejected', 'new'];
      const pages: string[] = [];
      for (const status of candidates) {
        const first = (await getJson(`${origin}/nerm/api/workflow_sessions?limit=1&status=${encodeURIComponent(status)}&metadata=true`, BEARER)) as {
          _metadata?: { total?: number };
        };
        const total = first._metadata?.total ?? 0;
        // Offsets up to 1,000 deep, so pages come from all over the index, not one hot slice.
        for (let offset = 0; offset + 100 <= Math.min(total, 1000); offset += 100) {
          pages.push(`/nerm/api/workflow_sessions?limit=100&offset=${offset}&status=${encodeURIComponent(status)}&order=-created_at&metadata=true`);
        }
      }
      if (pages.length === 0) throw new Error('no NERM status has 100 sessions to page through');
      const next = rotation(pages);
      return { method: 'GET', headers: BEARER, kind: 'json', next: () => ({ path: next().item }) };
    },
  },
  {
    name: 'cursor-1000',
    description: 'Amperity: follow next_token through 1,000 runs, 100 per page (each page counts as a request)',
    async prepare() {
      const first = '/amperity/api/workflow/runs?limit=100';
      return {
        method: 'GET',
        headers: AMPERITY,
        kind: 'json',
        next: (state) => ({ path: typeof state['token'] === 'string' ? `${first}&next_token=${encodeURIComponent(state['token'])}` : first }),
        onResponse(state, status, body) {
          const pages = Number(state['pages'] ?? 0) + 1;
          const token = status === 200 ? (JSON.parse(body) as { next_token?: string }).next_token : undefined;
          const more = token !== undefined && pages < 10;
          state['token'] = more ? token : undefined;
          state['pages'] = more ? pages : 0;
        },
      };
    },
  },
  {
    name: 'transition',
    description: '8x8 PATCH suspend/resume, each request on a distinct run (suspend all, then resume all, ...)',
    async prepare(origin) {
      const next = rotation(await workflowIds8x8(origin, 20_000, 'Runnable'));
      return {
        method: 'PATCH',
        headers: { ...BEARER, 'content-type': 'application/json' },
        kind: 'json',
        next: () => {
          const { item, round } = next();
          return { path: `${WORKFLOWS_8X8}/${item}`, body: JSON.stringify({ status: round % 2 === 0 ? 'suspend' : 'resume' }) };
        },
      };
    },
  },
  {
    name: 'longjump-xml',
    description: 'LongJump GET workflowAction for a record (XML, session cookie)',
    async prepare(origin, records) {
      const login = await fetch(`${origin}/longjump/networking/rest/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: '<platform><login><userName>jsmith</userName><password>demo</password></login></platform>',
      });
      const cookie = /JSESSIONID=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
      if (!login.ok || !cookie) throw new Error(`LongJump login failed: ${login.status}`);
      const next = rotation(Array.from({ length: Math.min(records, 5000) }, (_, i) => model.generated.firstId + i));
      return {
        method: 'GET',
        headers: { cookie },
        kind: 'xml',
        next: () => ({ path: `/longjump/networking/rest/workflowAction/record/purchase_orders/${next().item}` }),
      };
    },
  },
];
