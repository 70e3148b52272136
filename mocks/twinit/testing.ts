import { suitesTwinit } from '../../contract-tests/twinit/suites.ts';
import type { PackCall, PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { idsOf, jsonBody, list, numberParam, object } from '../../contract-tests/support/payload.ts';

// What the cross-pack tests need to know about Twinit (see contract-tests/support/pack-testing.ts).

const WORKFLOWS = '/workflowsvc/api/v1/workflows';
const DEFS = '/workflowsvc/api/v1/workflowdefs';
const BEARER = { authorization: 'Bearer testing' };
const NS: [string, string] = ['nsfilter', 'first_tchgt1VU'];

async function ids(call: PackCall, path: string): Promise<string[]> {
  const page = await call({ method: 'GET', path, query: [NS, ['_pageSize', '20']], headers: BEARER });
  if (page.status !== 200) throw new Error(`Twinit: could not list ${path} (${page.status})`);
  return idsOf(object(page.payload)['_list'], '_id');
}

export const testing: PackTesting = {
  suites: suitesTwinit,

  async context(call) {
    const [runs, defs] = [await ids(call, WORKFLOWS), await ids(call, DEFS)];
    return {
      headers: BEARER,
      query: { nsfilter: NS[1] },
      pathValues: { id: [...runs, ...defs] },
      body: { createWorkflow: { _workflowDefId: defs[0] ?? '' } },
    };
  },

  async model(call) {
    const [definitionId] = await ids(call, DEFS);
    return {
      commands: ['PAUSED', 'RESUMED', 'RETRIED', 'TERMINATED'],
      initial: 'QUEUED',
      refusedStatus: 409,
      headers: BEARER,
      create: () => ({
        method: 'POST',
        path: WORKFLOWS,
        query: [NS],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({ _workflowDefId: definitionId ?? '', _inputParams: {} }),
      }),
      idOfCreated: (response) => String(object(response.payload)['_id']),
      transition: (id, command) => ({
        method: 'PUT',
        path: `${WORKFLOWS}/${id}/status`,
        query: [NS],
        headers: { 'content-type': 'application/json' },
        body: jsonBody({ _status: command }),
      }),
      get: (id) => ({ method: 'GET', path: `${WORKFLOWS}/${id}`, query: [NS] }),
      stateOf: (payload) => String(object(payload)['_status']),
      firstPage: (limit) => ({ method: 'GET', path: WORKFLOWS, query: [NS, ['_pageSize', String(limit)], ['_offset', '0']] }),
      readPage(payload, limit, request) {
        const body = object(payload);
        const items = list(body['_list']).map((item) => ({ id: String(item['_id']), state: String(item['_status']) }));
        const offset = numberParam(request.query, '_offset');
        const total = Number(body['_total']);
        const next = { ...request, query: [NS, ['_pageSize', String(limit)], ['_offset', String(offset + limit)]] as [string, string][] };
        return { items, total, ...(offset + limit < total ? { next } : {}) };
      },
    };
  },

  seededRuns: {
    collection: 'workflows',
    created: (data) => String(data['_createdAt']),
    active: (data) => ['QUEUED', 'RUNNING', 'PAUSED'].includes(String(data['_status'])),
    example: '94bcf41e-8d05-4011-a64b-d5a5164b0155',
  },

  notApplicable: {
    bench: 'its lists page like NERM and 8x8 (offset), which their scenarios already measure',
    vendorDocument: 'Twinit publishes no OpenAPI document, only the pages excerpted in the seed',
  },
};
