import { suitesAmperity } from '../../contract-tests/amperity/suites.ts';
import type { PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { idsOf, jsonBody, list, object } from '../../contract-tests/support/payload.ts';

// What the cross-pack tests, the bench and the soak need to know about Amperity (see contract-tests/support/pack-testing.ts).

const RUNS = '/api/workflow/runs';
const HEADERS = { authorization: 'Bearer testing', 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' };

export const testing: PackTesting = {
  suites: suitesAmperity,

  async context(call) {
    const runs = await call({ method: 'GET', path: RUNS, query: [['limit', '20']], headers: HEADERS });
    if (runs.status !== 200) throw new Error(`Amperity: could not list runs (${runs.status})`);
    return { headers: HEADERS, query: {}, pathValues: { id: idsOf(object(runs.payload)['data'], 'id') } };
  },

  async model() {
    return {
      commands: ['stop'],
      initial: 'scheduled',
      refusedStatus: 409,
      keysetNewestFirst: true,
      headers: HEADERS,
      create: () => ({
        method: 'POST',
        path: RUNS,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({ config_id: 'cfg-loyalty-membership', run_mode: 'full' }),
      }),
      idOfCreated: (response) => String(object(response.payload)['id']),
      transition: (id) => ({ method: 'POST', path: `${RUNS}/${id}/stop`, query: [] }),
      get: (id) => ({ method: 'GET', path: `${RUNS}/${id}`, query: [] }),
      stateOf: (payload) => String(object(payload)['state']),
      firstPage: (limit) => ({
        method: 'GET',
        path: RUNS,
        query: [
          ['limit', String(limit)],
          ['with_total', 'true'],
        ],
      }),
      readPage(payload, limit, request) {
        const body = object(payload);
        const items = list(body['data']).map((item) => ({ id: String(item['id']), state: String(item['state']) }));
        const token = body['next_token'];
        const next = (cursor: string) => ({
          ...request,
          query: [
            ['limit', String(limit)],
            ['with_total', 'true'],
            ['next_token', cursor],
          ] as [string, string][],
        });
        return { items, total: Number(body['total']), ...(typeof token === 'string' ? { next: next(token) } : {}) };
      },
    };
  },

  bench: [
    {
      name: 'cursor-1000',
      description: 'Amperity: follow next_token through 1,000 runs, 100 per page (each page counts as a request)',
      async prepare() {
        const first = `/amperity${RUNS}?limit=100`;
        return {
          method: 'GET',
          headers: HEADERS,
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
  ],

  seededRuns: {
    collection: 'runs',
    created: (data) => String(data['created_at']),
    active: (data) => !['stopped', 'succeeded', 'failed', 'canceled'].includes(String(data['state'])),
    example: 'wf-20240603-12345-MNabc',
  },

  vendorDocument: 'amperity/control-plane-2024-04-01-openapi.json',
};
