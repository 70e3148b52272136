import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/twinit.ts';

// A typed client for the Twinit workflow service, from openapi/twinit.json. Every Twinit call needs `nsfilter`:
// the client sends the one it was made with unless a call names another. Each call returns openapi-fetch's
// `{data, error, response}`: `data` typed by the 2xx schema, `error` by the Conductor-style error body.

export type Workflow = components['schemas']['Workflow'];
export type WorkflowPage = components['schemas']['WorkflowPage'];
export type CreateWorkflow = components['schemas']['ParametersCreateWorkflowBody'];
export type StatusCommand = components['schemas']['ParametersStatusBody']['_status'];
/** A query with the namespace filter optional, as the client supplies it. */
type WithNamespace<Q extends { nsfilter: string }> = Omit<Q, 'nsfilter'> & { nsfilter?: string };
export type ListWorkflowsQuery = WithNamespace<operations['listWorkflows']['parameters']['query']>;
export type GetWorkflowQuery = WithNamespace<operations['getWorkflow']['parameters']['query']>;

export interface TwinitOptions {
  /** `http://127.0.0.1:4010/twinit` for the mock, `https://api.invicara.com` for the real service. */
  readonly baseUrl: string;
  readonly token: string;
  /** The namespaces every call reads, comma-separated (seeded: `first_tchgt1VU`). */
  readonly nsfilter: string;
  readonly fetch?: ClientOptions['fetch'];
}

const WORKFLOWS = '/workflowsvc/api/v1/workflows';

export function createTwinitClient(options: TwinitOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const scoped = <Q extends { nsfilter?: string }>(query: Q) => ({ ...query, nsfilter: query.nsfilter ?? options.nsfilter });
  return {
    client,
    listWorkflows: (query: ListWorkflowsQuery = {}) => client.GET(WORKFLOWS, { params: { query: scoped(query) } }),
    getWorkflow: (id: string, query: GetWorkflowQuery = {}) => client.GET(`${WORKFLOWS}/{id}`, { params: { path: { id }, query: scoped(query) } }),
    /** Runs a definition: 201 with the QUEUED run. */
    createWorkflow: (body: CreateWorkflow, nsfilter?: string) => client.POST(WORKFLOWS, { params: { query: scoped({ nsfilter }) }, body }),
    /** PAUSED | RESUMED | RETRIED | TERMINATED; an illegal move is a 409. */
    setStatus: (id: string, status: StatusCommand, nsfilter?: string) =>
      client.PUT(`${WORKFLOWS}/{id}/status`, { params: { path: { id }, query: scoped({ nsfilter }) }, body: { _status: status } }),
  };
}
