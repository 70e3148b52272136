import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { ok } from '../../src/core/result.ts';
import { allConditions, equalIfGiven, objectOr, principalId } from '../../src/engine/helpers.ts';
import { orderFromJson } from '../../src/engine/order.ts';
import type { ApiPack, OperationInput, RecordTarget, TransitionAction } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import type { Comparison } from '../../src/store/query.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import type { Inputs } from './inputs.generated.ts';
import { runProgress } from './lifecycle.ts';
import { runMachine, tasksFollowing } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seedTwinit } from './seed.ts';
import { createdWindow, visibleThrough } from './visibility.ts';
import { pageOf, workflowdefOperations } from './workflowdefs.ts';
import { consoleTwinit } from './console.ts';
import { providerStatesTwinit } from './provider-states.ts';

// Twinit (Invicara) workflow service v5.1: workflow runs and definitions (seed 002, vendor-facts 002).

const WORKFLOWS = '/workflowsvc/api/v1/workflows';

export const WORKFLOW_SORTABLE: Readonly<Record<string, Comparison>> = {
  _id: 'text',
  _workflowDefId: 'text',
  _name: 'text',
  _userType: 'text',
  _status: 'text',
  _timeoutSeconds: 'number',
  _timeoutPolicy: 'text',
  _createdAt: 'time',
  _updatedAt: 'time',
  _createdBy: 'text',
  _updatedBy: 'text',
};

const operation = typedOperations<Inputs>();
type IdPath = Inputs['getWorkflow']['params'];
type NsQuery = Inputs['getWorkflowDef']['query'];

const workflowOf: RecordTarget<Reads<{ params: IdPath; query: NsQuery }>> = {
  collection: 'workflows',
  id: (input) => input.params.id,
  scope: visibleThrough,
  notFound: (input) => mockError('notFound', `Workflow ${input.params.id} not found`),
};

/** With _includeLoopOverTasks=true, the DO_WHILE iterations join the run's tasks (seed 002). */
function workflowView(record: StoredRecord, input: OperationInput<Inputs['getWorkflow']>): JsonObject {
  const loopTasks = record.meta['loopTasks'];
  if (!input.query._includeLoopOverTasks || !Array.isArray(loopTasks) || loopTasks.length === 0) return record.data;
  const tasks = Array.isArray(record.data['_tasks']) ? record.data['_tasks'] : [];
  return { ...record.data, _tasks: [...tasks, ...loopTasks] };
}

/** PUT .../{id}/status, and the same at the seed's unslashed spelling `workflows{workflowId}/status`. */
const statusUpdate: TransitionAction<Inputs['updateWorkflowStatus']> = {
  kind: 'transition',
  ...workflowOf,
  machine: runMachine,
  command: (input) => input.body._status,
  patch: (input) => ({ _updatedBy: principalId(input.caller.credential) }),
  refuse: (refusal, record) => mockError('illegalTransition', `Cannot apply ${refusal.command} to workflow ${record.id}: it is ${refusal.from}`),
  reply: (record) => ({ status: 200, body: record.data }),
};

const statusRequest = {
  params: schemaId('parameters.json#/$defs/IdPath'),
  query: schemaId('parameters.json#/$defs/NsQuery'),
  body: schemaId('parameters.json#/$defs/StatusBody'),
};

export const packTwinit: ApiPack = {
  console: consoleTwinit,
  providerStates: providerStatesTwinit,
  id: 'twinit',
  title: 'Twinit workflow service',
  vendorBaseUrl: 'https://api.invicara.com',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S.*)$/i], message: 'Unauthorized: a valid Bearer token is required' },
  queryAliases: { _pagesize: '_pageSize', enddate: 'endDate' },
  errors: {
    schema: schemaId('error.json'),
    codes: {
      invalidRequest: 'INVALID_INPUT',
      malformedBody: 'INVALID_INPUT',
      unsupportedMediaType: 'INVALID_INPUT',
      payloadTooLarge: 'INVALID_INPUT',
      methodNotAllowed: 'INVALID_INPUT',
      notAcceptable: 'INVALID_INPUT',
      rateLimited: 'BACKEND_ERROR',
      unauthenticated: 'UNAUTHORIZED',
      forbidden: 'UNAUTHORIZED',
      notFound: 'NOT_FOUND',
      routeNotFound: 'NOT_FOUND',
      illegalTransition: 'CONFLICT',
      conflict: 'CONFLICT',
      internal: 'INTERNAL_ERROR',
    },
    messages: {
      routeNotFound: 'No such resource',
      methodNotAllowed: 'Method {method} is not allowed on this resource',
      malformedBody: 'Request body is not valid JSON',
      payloadTooLarge: 'Request body is larger than 1 MiB',
      internal: 'Internal server error',
    },
    render: (error) => ({
      status: error.status,
      code: String(error.code ?? 'INTERNAL_ERROR'),
      message: error.message,
      instance: 'twinit-mock',
      retryable: error.status >= 500,
      ...(error.fields ? { validationErrors: Object.entries(error.fields).flatMap(([path, messages]) => messages.map((message) => ({ path, message }))) } : {}),
    }),
  },
  seed: seedTwinit,
  lifecycle: {
    machine: runMachine,
    progress: runProgress,
    ordered: [['_createdAt', '_updatedAt']],
    monotonic: ['_updatedAt'],
  },
  collections: { workflows: { schema: schemaId('workflow.json') }, workflowdefs: { schema: schemaId('workflowdef.json') } },
  operations: [
    operation({
      id: 'listWorkflows',
      method: 'GET',
      path: WORKFLOWS,
      summary: 'Get list of workflows: nsfilter, paging, _name/_defId partial, _status, startDate/endDate, JSON sort (seed 002).',
      request: { query: schemaId('parameters.json#/$defs/ListWorkflowsQuery') },
      responses: { 200: schemaId('workflow-page.json') },
      action: {
        kind: 'list',
        collection: 'workflows',
        where: (input) =>
          allConditions(
            visibleThrough(input),
            input.query._name === undefined ? [] : [{ field: '_name', op: 'contains', value: input.query._name, ignoreCase: true }],
            input.query._defId === undefined ? [] : [{ field: '_workflowDefId', op: 'contains', value: input.query._defId, ignoreCase: true }],
            equalIfGiven('_status', input.query._status),
            createdWindow(input),
          ),
        orderBy: (input) => orderFromJson(input.query.sort, WORKFLOW_SORTABLE, [{ field: '_createdAt', dir: 'desc', as: 'time' }]),
        pagination: pageOf('_list'),
      },
    }),
    operation({
      id: 'getWorkflow',
      method: 'GET',
      path: `${WORKFLOWS}/{id}`,
      summary: 'Get workflow by id; _includeLoopOverTasks adds DO_WHILE iterations (seed 002).',
      request: { params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/GetWorkflowQuery') },
      responses: { 200: schemaId('workflow.json') },
      action: { kind: 'get', ...workflowOf, view: workflowView },
    }),
    operation({
      id: 'createWorkflow',
      method: 'POST',
      path: WORKFLOWS,
      summary: 'Create (run) a workflow from a definition: 201, QUEUED, tasks from the definition (seed 002).',
      request: { query: schemaId('parameters.json#/$defs/NsQuery'), body: schemaId('parameters.json#/$defs/CreateWorkflowBody') },
      responses: { 201: schemaId('workflow.json') },
      requires: [
        {
          name: 'definition',
          collection: 'workflowdefs',
          id: (input) => input.body._workflowDefId,
          scope: visibleThrough,
          notFound: (input) => mockError('notFound', `Workflow definition ${input.body._workflowDefId} not found`),
        },
      ],
      action: {
        kind: 'create',
        collection: 'workflows',
        build(input, ctx) {
          const definition = input.parents['definition']?.data ?? {};
          const by = principalId(input.caller.credential);
          const defTasks = Array.isArray(definition['_tasks']) ? definition['_tasks'] : [];
          const tasks = defTasks.map((task) => ({ _id: ctx.ids.uuid(), ...objectOr(task), _status: 'QUEUED' }));
          const id = ctx.ids.uuid();
          return ok({
            id,
            data: {
              _id: id,
              _workflowDefId: definition['_id'] ?? '',
              _name: definition['_name'] ?? '',
              _namespaces: definition['_namespaces'] ?? [],
              _userType: definition['_userType'] ?? '',
              _tasks: tasksFollowing(tasks, 'QUEUED'),
              _timeoutSeconds: definition['_timeoutSeconds'] ?? null,
              _timeoutPolicy: definition['_timeoutPolicy'] ?? null,
              _status: 'QUEUED',
              _createdAt: ctx.now,
              _updatedAt: ctx.now,
              _createdBy: by,
              _updatedBy: by,
              _inputParams: input.body._inputParams ?? {},
              _output: null,
            },
            meta: { loopTasks: [] },
          });
        },
        reply: (record) => ({ status: 201, body: record.data }),
      },
    }),
    operation({
      id: 'updateWorkflowStatus',
      method: 'PUT',
      path: `${WORKFLOWS}/{id}/status`,
      summary: 'Update workflow run status: PAUSED | RESUMED | RETRIED | TERMINATED; illegal moves 409 (seed 002).',
      request: statusRequest,
      responses: { 200: schemaId('workflow.json') },
      action: statusUpdate,
    }),
    operation({
      id: 'updateWorkflowStatusUnslashed',
      method: 'PUT',
      path: '/workflowsvc/api/v1/workflows{id}/status',
      summary: "The same, at the seed's path spelling without the slash (vendor-facts 002: accept both).",
      request: statusRequest,
      responses: { 200: schemaId('workflow.json') },
      action: statusUpdate,
    }),
    ...workflowdefOperations(),
  ],
};
