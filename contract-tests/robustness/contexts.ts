import model from '../../fixtures/longjump/model.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import type { Json, JsonObject } from '../../src/core/json.ts';
import type { PlainRequest } from '../../src/core/request.ts';
import type { Engine } from '../../src/engine/engine.ts';

/**
 * What a valid request to each API needs beyond its schemas: credentials, the ids that exist (so valid requests can
 * succeed), and values that make a request meaningful rather than merely well-formed (a namespace that holds runs, a
 * tenant that exists). Gathered from the running mock, never hard-coded beyond the seed's documented names.
 */
export interface PackContext {
  readonly headers: Readonly<Record<string, string>>;
  /** Existing values per path parameter name. */
  readonly pathValues: Readonly<Record<string, readonly string[]>>;
  /** Query values that replace generated ones in valid requests. */
  readonly query: Readonly<Record<string, string>>;
  /** Per operation id, body fields that replace generated ones (references to records that exist, real credentials). */
  readonly body?: Readonly<Record<string, JsonObject>>;
}

const BEARER = { authorization: 'Bearer robustness' };

async function call(
  engine: Engine,
  api: string,
  method: string,
  path: string,
  query: [string, string][] = [],
  headers: Record<string, string> = BEARER,
  body?: Json,
): Promise<{ status: number; payload: Json | undefined; headers: Record<string, string> }> {
  const request: PlainRequest = {
    method,
    path,
    base: `/${api}`,
    query,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: new TextEncoder().encode(JSON.stringify(body)) }),
  };
  const response = await engine.handle(api, request);
  return { status: response.status, payload: response.payload, headers: { ...response.headers } };
}

const idsOf = (items: Json | undefined, key: string): string[] =>
  (Array.isArray(items) ? items : []).map((item) => String((item as JsonObject)[key])).slice(0, 20);

export async function packContexts(engine: Engine): Promise<Record<string, PackContext>> {
  const definition = '5870442f-3ddd-4657-b74c-6e17308f5230';
  const workflows = await call(engine, '8x8', 'GET', `/api/v1/accounts/test_account_id/definitions/${definition}/workflows`, [['limit', '50']]);
  const sessions = await call(engine, 'nerm', 'GET', '/api/workflow_sessions', [['limit', '20']]);
  const twinitRuns = await call(engine, 'twinit', 'GET', '/workflowsvc/api/v1/workflows', [
    ['nsfilter', 'first_tchgt1VU'],
    ['_pageSize', '20'],
  ]);
  const twinitDefs = await call(engine, 'twinit', 'GET', '/workflowsvc/api/v1/workflowdefs', [
    ['nsfilter', 'first_tchgt1VU'],
    ['_pageSize', '20'],
  ]);
  const amperity = { ...BEARER, 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' };
  const runs = await call(engine, 'amperity', 'GET', '/api/workflow/runs', [['limit', '20']], amperity);
  const login = await call(engine, 'longjump', 'POST', '/networking/rest/login', [], {}, { platform: { login: { userName: 'jsmith', password: 'demo' } } });
  const cookie = /JSESSIONID=[^;]+/.exec(login.headers['set-cookie'] ?? '')?.[0];
  if (workflows.status !== 200 || sessions.status !== 200 || twinitRuns.status !== 200 || runs.status !== 200 || !cookie) {
    throw new Error('could not gather the ids the robustness tests need');
  }
  // Seeded batch sessions carry an attachment: their download tokens let valid download requests succeed. They come
  // from sessions past the ids the other operations use, so a generated upload never replaces (and unsigns) them.
  const sessionIds = idsOf(sessions.payload && (sessions.payload as JsonObject)['workflow_sessions'], 'id');
  const later = await call(engine, 'nerm', 'GET', '/api/workflow_sessions', [
    ['limit', '20'],
    ['offset', '20'],
  ]);
  const attachmentTokens: string[] = [];
  for (const id of idsOf(later.payload && (later.payload as JsonObject)['workflow_sessions'], 'id')) {
    const found = await call(engine, 'nerm', 'GET', `/api/workflow_sessions/${id}/upload/${settings.attachment.attributeId}`);
    if (found.status === 200)
      attachmentTokens.push(
        String((found.payload as JsonObject)['url'])
          .split('/')
          .at(-1) ?? '',
      );
  }
  if (attachmentTokens.length === 0) throw new Error('no seeded NERM attachment among the first sessions');
  const twinitIds = [...idsOf((twinitRuns.payload as JsonObject)['_list'], '_id'), ...idsOf((twinitDefs.payload as JsonObject)['_list'], '_id')];
  return {
    '8x8': {
      headers: BEARER,
      query: {},
      pathValues: { accountId: ['test_account_id'], definitionId: [definition], workflowId: idsOf(workflows.payload, 'workflowId') },
    },
    nerm: {
      headers: BEARER,
      query: {},
      pathValues: { id: sessionIds, attribute_id: [settings.attachment.attributeId], session: ['default'], token: attachmentTokens },
    },
    twinit: {
      headers: BEARER,
      query: { nsfilter: 'first_tchgt1VU' },
      pathValues: { id: twinitIds },
      body: { createWorkflow: { _workflowDefId: idsOf((twinitDefs.payload as JsonObject)['_list'], '_id')[0] ?? '' } },
    },
    amperity: { headers: amperity, query: {}, pathValues: { id: idsOf((runs.payload as JsonObject)['data'], 'id') } },
    longjump: {
      headers: { cookie },
      query: {},
      pathValues: { objectName: ['purchase_orders'], recordId: model.records.filter((r) => r.objectName === 'purchase_orders').map((r) => r.id) },
      body: {
        login: { platform: { login: { userName: 'jsmith', password: 'demo' } } },
        changeWorkflowState: { platform: { workflowChangeState: { workflowIdOrName: 'workflow1', actionName: 'action1' } } },
      },
    },
  };
}
