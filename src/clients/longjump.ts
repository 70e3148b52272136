import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './generated/longjump.ts';

// A typed client for LongJump workflow record states, from openapi/longjump.json. LongJump answers XML unless
// asked for JSON, so every call sends `Accept: application/json`; the session cookie login sets is kept by the
// client's fetch and sent back on every later call. Each call returns openapi-fetch's `{data, error, response}`.

export type LoginResponse = components['schemas']['PlatformLoginResponse'];
export type WorkflowActions = components['schemas']['PlatformWorkflowActions'];
export type WorkflowOwners = components['schemas']['PlatformWorkflowOwners'];
export type ChangeState = components['schemas']['PlatformChangeStateBody']['platform']['workflowChangeState'];
/** `{objectName, recordId}`, e.g. `{objectName: 'purchase_orders', recordId: '1381445705'}`. */
export type RecordPath = components['schemas']['PlatformRecordPath'];

type Fetch = NonNullable<ClientOptions['fetch']>;

export interface LongjumpOptions {
  /** `http://127.0.0.1:4010/longjump` for the mock, `https://na.longjump.com` for the real service. */
  readonly baseUrl: string;
  /** The fetch under the session handling (defaults to the global one). */
  readonly fetch?: Fetch;
}

const SESSION_COOKIE = 'JSESSIONID';
const REST = '/networking/rest';

/** A fetch that remembers the JSESSIONID a response sets and sends it with every later request. */
export function sessionFetch(inner: Fetch = (request) => fetch(request)): Fetch {
  let session: string | undefined;
  return async (request) => {
    const headers = new Headers(request.headers);
    if (session !== undefined) headers.set('cookie', `${SESSION_COOKIE}=${session}`);
    const response = await inner(new Request(request, { headers }));
    for (const cookie of response.headers.getSetCookie()) {
      const value = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie)?.[1];
      if (value !== undefined) session = value;
    }
    return response;
  };
}

export function createLongjumpClient(options: LongjumpOptions) {
  // 'application/json' narrows each response to its JSON twin, the only form openapi-fetch parses.
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl,
    headers: { accept: 'application/json' },
    fetch: sessionFetch(options.fetch),
  });
  return {
    client,
    /** Logs in; the session cookie from the answer is used by every later call of this client. */
    login: (userName: string, password: string) => client.POST(`${REST}/login`, { body: { platform: { login: { userName, password } } } }),
    workflowOwners: (record: RecordPath) => client.GET(`${REST}/record/{objectName}/{recordId}/workflowOwners`, { params: { path: record } }),
    /** The actions of the record's current state, each with `available`, then `recordCount`. */
    workflowActions: (record: RecordPath) => client.GET(`${REST}/workflowAction/record/{objectName}/{recordId}`, { params: { path: record } }),
    /** Takes an action as one of the record's owners. */
    changeWorkflowState: (record: RecordPath, change: ChangeState) =>
      client.POST(`${REST}/record/{objectName}/{recordId}/operation/changeWorkflowState`, {
        params: { path: record },
        body: { platform: { workflowChangeState: change } },
      }),
  };
}
