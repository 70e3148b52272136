import { getJson, rotation } from '../../bench/scenario.ts';
import { suites8x8 } from '../../contract-tests/8x8/suites.ts';
import type { PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { idsOf, jsonBody, list, numberParam, object } from '../../contract-tests/support/payload.ts';

// What the cross-pack tests, the bench and the soak need to know about 8x8 (see contract-tests/support/pack-testing.ts).

const ACCOUNT = 'test_account_id';
const DEFINITION = '5870442f-3ddd-4657-b74c-6e17308f5230';
const WORKFLOWS = `/api/v1/accounts/${ACCOUNT}/definitions/${DEFINITION}/workflows`;
const BEARER = { authorization: 'Bearer testing' };

// Up to `wanted` workflow ids from the documented definition, optionally in one status.

async function workflowIds(origin: string, wanted: number, status?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ids.length < wanted; offset += 500) {
    const query = new URLSearchParams({ limit: '500', offset: String(offset), ...(status ? { status } : {}) });
    const page = (await getJson(`${origin}/8x8${WORKFLOWS}?${query}`, BEARER)) as { workflowId: string }[];
    ids.push(...page.map((workflow) => workflow.workflowId));
    if (page.length < 500) break;
  }
  if (ids.length === 0) throw new Error(`no 8x8 workflows${status ? ` in ${status}` : ''} to benchmark`);
  return ids.slice(0, wanted);
}

export const testing: PackTesting = {
  suites: suites8x8,

  async context(call) {
    const workflows = await call({ method: 'GET', path: WORKFLOWS, query: [['limit', '50']], headers: BEARER });
    if (workflows.status !== 200) throw new Error(`8x8: could not list workflows (${workflows.status})`);
    return {
      headers: BEARER,
      query: {},
      pathValues: { accountId: [ACCOUNT], definitionId: [DEFINITION], workflowId: idsOf(workflows.payload, 'workflowId') },
    };
  },

  async model() {
    return {
      commands: ['suspend', 'resume', 'terminate'],
      initial: 'Runnable',
      refusedStatus: 400,
      headers: BEARER,
      create: () => ({ method: 'POST', path: WORKFLOWS, query: [], headers: { 'content-type': 'application/json' }, body: jsonBody({ from: 'model' }) }),
      idOfCreated: (response) => (response.headers['location'] ?? '').split('/').at(-1) ?? '',
      transition: (id, command) => ({
        method: 'PATCH',
        path: `${WORKFLOWS}/${id}`,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({ status: command }),
      }),
      get: (id) => ({ method: 'GET', path: `${WORKFLOWS}/${id}`, query: [] }),
      stateOf: (payload) => String(object(payload)['status']),
      firstPage: (limit) => ({
        method: 'GET',
        path: WORKFLOWS,
        query: [
          ['limit', String(limit)],
          ['offset', '0'],
        ],
      }),
      readPage(payload, limit, request) {
        const items = list(payload).map((item) => ({ id: String(item['workflowId']), state: String(item['status']) }));
        const offset = numberParam(request.query, 'offset');
        const next = {
          ...request,
          query: [
            ['limit', String(limit)],
            ['offset', String(offset + limit)],
          ] as [string, string][],
        };
        return { items, ...(items.length === limit ? { next } : {}) };
      },
    };
  },

  bench: [
    {
      name: 'get-by-id',
      description: '8x8 GET one workflow instance by id (request and response validated)',
      async prepare(origin) {
        const next = rotation(await workflowIds(origin, 5000));
        return { method: 'GET', headers: BEARER, kind: 'json', next: () => ({ path: `/8x8${WORKFLOWS}/${next().item}` }) };
      },
    },
    {
      name: 'transition',
      description: '8x8 PATCH suspend/resume, each request on a distinct run (suspend all, then resume all, ...)',
      async prepare(origin) {
        const next = rotation(await workflowIds(origin, 20_000, 'Runnable'));
        return {
          method: 'PATCH',
          headers: { ...BEARER, 'content-type': 'application/json' },
          kind: 'json',
          next: () => {
            const { item, round } = next();
            return { path: `/8x8${WORKFLOWS}/${item}`, body: JSON.stringify({ status: round % 2 === 0 ? 'suspend' : 'resume' }) };
          },
        };
      },
    },
  ],

  seededRuns: {
    collection: 'workflows',
    created: (data) => String(data['startedAt']),
    active: (data) => ['Runnable', 'Suspended'].includes(String(data['status'])),
    example: '60dbe307fe55d99fc083db61',
    generated: (id) => id !== '60dbe307fe55d99fc083db62',
  },

  vendorDocument: '8x8/automation_api.json',
};
