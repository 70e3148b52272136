import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/nerm.ts';

// A typed client for SailPoint NERM workflow sessions, from openapi/nerm.json. Each call returns openapi-fetch's
// `{data, error, response}`: `data` typed by the 2xx schema, `error` by NERM's `{error, errors?}` body.

export type WorkflowSession = components['schemas']['WorkflowSession'];
export type CreateSession = components['schemas']['ParametersCreateBody']['workflow_session'];
export type UpdateSession = components['schemas']['ParametersUpdateBody']['workflow_session'];
type ListQuery = NonNullable<operations['listWorkflowSessions']['parameters']['query']>;
/** The list's filters and paging in the flat form; `listSessions` can send the paging in the deepObject form. */
export type ListSessionsQuery = Omit<ListQuery, `query[${string}]`>;
export type RunOption = NonNullable<operations['createWorkflowSession']['parameters']['query']>;

export interface NermOptions {
  /** `http://127.0.0.1:4010/nerm` for the mock, `https://<tenant>.nonemployee.com` for the real service. */
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: ClientOptions['fetch'];
}

const SESSIONS = '/api/workflow_sessions';
const SESSION = '/api/workflow_sessions/{id}';
const UPLOAD = '/api/workflow_sessions/{id}/upload/{attribute_id}';

/** `limit`, `offset` and `order` as `query[limit]`... (the form NERM's own examples use). */
function deepObject(query: ListSessionsQuery): ListQuery {
  const { limit, offset, order, ...filters } = query;
  return {
    ...filters,
    ...(limit === undefined ? {} : { 'query[limit]': limit }),
    ...(offset === undefined ? {} : { 'query[offset]': offset }),
    ...(order === undefined ? {} : { 'query[order]': order }),
  };
}

export function createNermClient(options: NermOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    client,
    listSessions: (query: ListSessionsQuery = {}, form: 'flat' | 'deepObject' = 'flat') =>
      client.GET(SESSIONS, { params: { query: form === 'deepObject' ? deepObject(query) : query } }),
    createSession: (session: CreateSession, query: RunOption = {}) => client.POST(SESSIONS, { params: { query }, body: { workflow_session: session } }),
    getSession: (id: string) => client.GET(SESSION, { params: { path: { id } } }),
    updateSession: (id: string, changes: UpdateSession, query: RunOption = {}) =>
      client.PATCH(SESSION, { params: { path: { id }, query }, body: { workflow_session: changes } }),
    /** `{url}` of an attachment attribute value; the URL downloads the file with no credentials for a while. */
    attachmentUrl: (id: string, attributeId: string) => client.GET(UPLOAD, { params: { path: { id, attribute_id: attributeId } } }),
    /** Uploads `file` as the form field `file`, as NERM requires; answers `{url}` like attachmentUrl. */
    uploadAttachment: (id: string, attributeId: string, file: Blob, filename: string) =>
      client.POST(UPLOAD, {
        params: { path: { id, attribute_id: attributeId } },
        // The generated type says a binary string; the form part is the Blob itself, under its filename.
        body: { file: '' },
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file, filename);
          return form;
        },
      }),
  };
}
