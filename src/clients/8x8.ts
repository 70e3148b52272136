import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/8x8.ts';

// A typed client for the 8x8 Automation API's workflow instances, the http_request trigger and the steps' lists,
// from openapi/8x8.json. Each call returns
// openapi-fetch's `{data, error, response}`: `data` typed by the 2xx schema, `error` by 8x8's error body.

export type WorkflowInstance = components['schemas']['WorkflowInstance'];
export type WorkflowStatus = components['schemas']['WorkflowInstanceStatus'];
export type WorkflowCommand = NonNullable<components['schemas']['ParametersWorkflowCommand']['status']>;
export type Timezone = components['schemas']['TimezoneListTimezone'];
export type DefinitionPath = operations['listWorkflowInstances']['parameters']['path'];
export type WorkflowPath = operations['getWorkflowInstance']['parameters']['path'];
export type ListWorkflowsQuery = NonNullable<operations['listWorkflowInstances']['parameters']['query']>;
export type GetWorkflowQuery = NonNullable<operations['getWorkflowInstance']['parameters']['query']>;

export interface Options8x8 {
  /** `http://127.0.0.1:4010/8x8` for the mock, `https://automation.8x8.com` for the real service. */
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: ClientOptions['fetch'];
}

const WORKFLOWS = '/api/v1/accounts/{accountId}/definitions/{definitionId}/workflows';
const WORKFLOW = `${WORKFLOWS}/{workflowId}` as const;

export function create8x8Client(options: Options8x8) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    /** The underlying openapi-fetch client, for the operations not wrapped here (definitions). */
    client,
    listWorkflows: (path: DefinitionPath, query: ListWorkflowsQuery = {}) => client.GET(WORKFLOWS, { params: { path, query } }),
    getWorkflow: (path: WorkflowPath, query: GetWorkflowQuery = {}) => client.GET(WORKFLOW, { params: { path, query } }),
    /** Starts a workflow with `payload` as its event; 8x8 answers 201 with no body, so the id comes from Location. */
    async startWorkflow(path: DefinitionPath, payload?: components['schemas']['ParametersStartPayload']) {
      const result = await client.POST(WORKFLOWS, { params: { path }, ...(payload === undefined ? {} : { body: payload }) });
      const location = result.response.headers.get('location');
      const workflowId = location ? decodeURIComponent(location.slice(location.lastIndexOf('/') + 1)) : undefined;
      return { ...result, workflowId };
    },
    sendCommand: (path: WorkflowPath, status: WorkflowCommand) => client.PATCH(WORKFLOW, { params: { path }, body: { status } }),
    /** Raises the http_request trigger: every enabled http_request definition listening on `subAccountId` starts a workflow with `data` as its context. */
    raiseTrigger: (accountId: string, data: Record<string, unknown>, subAccountId?: string) =>
      client.POST('/api/v1/accounts/{accountId}/triggers/http_request', {
        params: { path: { accountId }, query: subAccountId === undefined ? {} : { subAccountId } },
        body: data,
      }),
    listTimezones: (accountId: string, contains?: string) =>
      client.GET('/api/v1/accounts/{accountId}/steps/timezones', { params: { path: { accountId }, query: contains === undefined ? {} : { contains } } }),
    listFunctions: (accountId: string) => client.GET('/api/v1/accounts/{accountId}/steps/functions', { params: { path: { accountId } } }),
  };
}
