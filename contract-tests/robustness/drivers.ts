import type { Json, JsonObject } from '../../src/core/json.ts';
import type { PlainRequest } from '../../src/core/request.ts';

/**
 * How the model-based tests drive each API: create a run, move it, read it, and page through the list. Each driver
 * speaks the vendor's own requests; what a move should do comes from the model, not from here.
 */
export interface PageRead {
  readonly items: readonly { readonly id: string; readonly state: string }[];
  /** The next page's request, if the API says there is one. */
  readonly next?: Request;
  /** The total the API reports, when it reports one. */
  readonly total?: number;
}

export type Request = Omit<PlainRequest, 'base' | 'headers'> & { readonly headers?: Readonly<Record<string, string>> };

export interface ModelDriver {
  readonly api: string;
  /** Commands the model picks from (a subset where the vendor has dozens). */
  readonly commands: readonly string[];
  /** The state a run is created in. */
  readonly initial: string;
  /** The status an illegal move gets. */
  readonly refusedStatus: number;
  /** A PATCH of the status a run already has is an update that changes nothing, not a move (NERM). */
  readonly currentStateIsNoMove?: boolean;
  /** Pages are keyset cursors over a newest-first list: runs created mid-traversal sort before the cursor. */
  readonly keysetNewestFirst?: boolean;
  readonly headers: Readonly<Record<string, string>>;
  create(): Request;
  idOfCreated(response: { payload: Json | undefined; headers: Readonly<Record<string, string>> }): string;
  transition(id: string, command: string): Request;
  get(id: string): Request;
  stateOf(payload: Json | undefined): string;
  firstPage(limit: number): Request;
  readPage(payload: Json | undefined, limit: number, request: Request): PageRead;
}

const json = (value: Json): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const object = (value: Json | undefined): JsonObject => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {});
const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.map(object) : []);
const param = (request: Request, name: string): number => Number(request.query.find(([key]) => key === name)?.[1] ?? 0);

const WORKFLOWS_8X8 = '/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';

export const eightByEight: ModelDriver = {
  api: '8x8',
  commands: ['suspend', 'resume', 'terminate'],
  initial: 'Runnable',
  refusedStatus: 400,
  headers: { authorization: 'Bearer model' },
  create: () => ({ method: 'POST', path: WORKFLOWS_8X8, query: [], headers: { 'content-type': 'application/json' }, body: json({ from: 'model' }) }),
  idOfCreated: (response) => (response.headers['location'] ?? '').split('/').at(-1) ?? '',
  transition: (id, command) => ({
    method: 'PATCH',
    path: `${WORKFLOWS_8X8}/${id}`,
    query: [],
    headers: { 'content-type': 'application/json' },
    body: json({ status: command }),
  }),
  get: (id) => ({ method: 'GET', path: `${WORKFLOWS_8X8}/${id}`, query: [] }),
  stateOf: (payload) => String(object(payload)['status']),
  firstPage: (limit) => ({
    method: 'GET',
    path: WORKFLOWS_8X8,
    query: [
      ['limit', String(limit)],
      ['offset', '0'],
    ],
  }),
  readPage(payload, limit, request) {
    const items = list(payload).map((item) => ({ id: String(item['workflowId']), state: String(item['status']) }));
    const offset = param(request, 'offset');
    return {
      items,
      ...(items.length === limit
        ? {
            next: {
              ...request,
              query: [
                ['limit', String(limit)],
                ['offset', String(offset + limit)],
              ],
            },
          }
        : {}),
    };
  },
};

export const nerm: ModelDriver = {
  api: 'nerm',
  commands: ['processing', 'pending_approval', 'approved', 'completed', 'rejected', 'failed', 'closed', 'new'],
  initial: 'new',
  refusedStatus: 400,
  currentStateIsNoMove: true,
  headers: { authorization: 'Bearer model' },
  create: () => ({
    method: 'POST',
    path: '/api/workflow_sessions',
    query: [],
    headers: { 'content-type': 'application/json' },
    body: json({
      workflow_session: {
        workflow_id: '6fe6ad93-3211-4ca9-a5a8-fc7e9bece4e3',
        requester_id: '5b565e11-f681-4494-8550-05b4c4776a54',
        requester_type: 'NeprofileUser',
      },
    }),
  }),
  idOfCreated: (response) => String(object(object(response.payload)['workflow_session'])['id']),
  transition: (id, command) => ({
    method: 'PATCH',
    path: `/api/workflow_sessions/${id}`,
    query: [],
    headers: { 'content-type': 'application/json' },
    body: json({ workflow_session: { status: command } }),
  }),
  get: (id) => ({ method: 'GET', path: `/api/workflow_sessions/${id}`, query: [] }),
  stateOf: (payload) => String(object(object(payload)['workflow_session'])['status']),
  firstPage: (limit) => ({
    method: 'GET',
    path: '/api/workflow_sessions',
    query: [
      ['limit', String(limit)],
      ['offset', '0'],
      ['metadata', 'true'],
    ],
  }),
  readPage(payload, limit, request) {
    const body = object(payload);
    const items = list(body['workflow_sessions']).map((item) => ({ id: String(item['id']), state: String(item['status']) }));
    const metadata = object(body['_metadata']);
    const offset = param(request, 'offset');
    // The last page has no next link (left out, never null).
    const next =
      typeof metadata['next'] !== 'string'
        ? undefined
        : {
            ...request,
            query: [
              ['limit', String(limit)],
              ['offset', String(offset + limit)],
              ['metadata', 'true'],
            ] as [string, string][],
          };
    return { items, total: Number(metadata['total']), ...(next ? { next } : {}) };
  },
};

export function twinit(definitionId: string): ModelDriver {
  const ns: [string, string] = ['nsfilter', 'first_tchgt1VU'];
  return {
    api: 'twinit',
    commands: ['PAUSED', 'RESUMED', 'RETRIED', 'TERMINATED'],
    initial: 'QUEUED',
    refusedStatus: 409,
    headers: { authorization: 'Bearer model' },
    create: () => ({
      method: 'POST',
      path: '/workflowsvc/api/v1/workflows',
      query: [ns],
      headers: { 'content-type': 'application/json' },
      body: json({ _workflowDefId: definitionId, _inputParams: {} }),
    }),
    idOfCreated: (response) => String(object(response.payload)['_id']),
    transition: (id, command) => ({
      method: 'PUT',
      path: `/workflowsvc/api/v1/workflows/${id}/status`,
      query: [ns],
      headers: { 'content-type': 'application/json' },
      body: json({ _status: command }),
    }),
    get: (id) => ({ method: 'GET', path: `/workflowsvc/api/v1/workflows/${id}`, query: [ns] }),
    stateOf: (payload) => String(object(payload)['_status']),
    firstPage: (limit) => ({ method: 'GET', path: '/workflowsvc/api/v1/workflows', query: [ns, ['_pageSize', String(limit)], ['_offset', '0']] }),
    readPage(payload, limit, request) {
      const body = object(payload);
      const items = list(body['_list']).map((item) => ({ id: String(item['_id']), state: String(item['_status']) }));
      const offset = param(request, '_offset');
      const total = Number(body['_total']);
      return {
        items,
        total,
        ...(offset + limit < total ? { next: { ...request, query: [ns, ['_pageSize', String(limit)], ['_offset', String(offset + limit)]] } } : {}),
      };
    },
  };
}

const AMPERITY_HEADERS = { authorization: 'Bearer model', 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' };

export const amperity: ModelDriver = {
  api: 'amperity',
  commands: ['stop'],
  initial: 'scheduled',
  refusedStatus: 409,
  keysetNewestFirst: true,
  headers: AMPERITY_HEADERS,
  create: () => ({
    method: 'POST',
    path: '/api/workflow/runs',
    query: [],
    headers: { 'content-type': 'application/json' },
    body: json({ config_id: 'cfg-loyalty-membership', run_mode: 'full' }),
  }),
  idOfCreated: (response) => String(object(response.payload)['id']),
  transition: (id) => ({ method: 'POST', path: `/api/workflow/runs/${id}/stop`, query: [] }),
  get: (id) => ({ method: 'GET', path: `/api/workflow/runs/${id}`, query: [] }),
  stateOf: (payload) => String(object(payload)['state']),
  firstPage: (limit) => ({
    method: 'GET',
    path: '/api/workflow/runs',
    query: [
      ['limit', String(limit)],
      ['with_total', 'true'],
    ],
  }),
  readPage(payload, limit, request) {
    const body = object(payload);
    const items = list(body['data']).map((item) => ({ id: String(item['id']), state: String(item['state']) }));
    const token = body['next_token'];
    return {
      items,
      total: Number(body['total']),
      ...(typeof token === 'string'
        ? {
            next: {
              ...request,
              query: [
                ['limit', String(limit)],
                ['with_total', 'true'],
                ['next_token', token],
              ],
            },
          }
        : {}),
    };
  },
};
