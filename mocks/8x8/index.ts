import { fillTemplate, mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { ok } from '../../src/core/result.ts';
import { allConditions, equalIfGiven, objectOr, text, timeBound } from '../../src/engine/helpers.ts';
import type { ApiPack, OperationInput, ParentLookup, RecordTarget } from '../../src/engine/pack.ts';
import { offsetArray } from '../../src/pagination/dialects.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { definitionOperations } from './definitions.ts';
import { workflowProgress } from './lifecycle.ts';
import { workflowMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seed8x8 } from './seed.ts';
import { objectId, stepLogs, workflowRecord } from './workflow.ts';
import { console8x8 } from './console.ts';

/** 8x8 Automation API: workflow instances and definitions (seed 001, vendor-facts 001). */
const WORKFLOWS = '/api/v1/accounts/{accountId}/definitions/{definitionId}/workflows';

const definitionOf: ParentLookup = {
  name: 'definition',
  collection: 'definitions',
  id: (input) => text(input.params['definitionId']),
  scope: (input) => [{ field: 'accountId', op: 'eq', value: text(input.params['accountId']) }],
  notFound: (input) => mockError('notFound', `Definition ${text(input.params['definitionId'])} not found.`),
};

const workflowOf: RecordTarget = {
  collection: 'workflows',
  id: (input) => text(input.params['workflowId']),
  scope: (input) => [
    { field: 'data.accountId', op: 'eq', value: text(input.params['accountId']) },
    { field: 'definitionId', op: 'eq', value: text(input.params['definitionId']) },
  ],
  notFound: (input) => mockError('notFound', `Workflow ${text(input.params['workflowId'])} not found.`),
};

const workflowUrl = (input: OperationInput, workflowId: string) =>
  `${input.base}/api/v1/accounts/${encodeURIComponent(text(input.params['accountId']))}/definitions/${text(input.params['definitionId'])}/workflows/${encodeURIComponent(workflowId)}`;

const definitionData = (input: OperationInput): JsonObject => input.parents['definition']?.data ?? {};

export const pack8x8: ApiPack = {
  console: console8x8,
  id: '8x8',
  title: '8x8 Automation API',
  vendorBaseUrl: 'https://automation.8x8.com',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S.*)$/i], message: 'Unauthorized: a valid Bearer token is required.' },
  errors: {
    schema: schemaId('error.json'),
    status: { illegalTransition: 400, conflict: 400 },
    codes: {
      invalidRequest: 1000, malformedBody: 1000, routeNotFound: 1000, methodNotAllowed: 1000, notAcceptable: 1000,
      payloadTooLarge: 1000, unsupportedMediaType: 1000, illegalTransition: 1000, conflict: 1000, rateLimited: 1000,
      unauthenticated: 1200, forbidden: 1201, notFound: 1300, internal: 2000,
    },
    messages: {
      routeNotFound: 'Resource not found.',
      methodNotAllowed: 'Method {method} is not allowed on this resource.',
      payloadTooLarge: 'Request body is larger than 1 MiB.',
      internal: 'Internal server error.',
    },
    render: (error) => ({ code: Number(error.code ?? 2000), message: error.message, errorId: error.errorId, timestamp: error.timestamp }),
  },
  seed: seed8x8,
  lifecycle: {
    machine: workflowMachine,
    progress: workflowProgress,
    ordered: [['data.triggeredAt', 'startedAt'], ['startedAt', 'completedAt']],
    terminalOnly: ['completedAt'],
  },
  collections: { workflows: { schema: schemaId('workflow-instance.json') }, definitions: { schema: schemaId('definition.json') } },
  operations: [
    {
      id: 'listWorkflowInstances',
      method: 'GET',
      path: WORKFLOWS,
      summary: 'Retrieve a list of workflow instances, newest first (seed 001).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), query: schemaId('parameters.json#/$defs/ListWorkflowsQuery') },
      responses: { 200: schemaId('workflow-instance-list.json') },
      requires: [definitionOf],
      action: {
        kind: 'list',
        collection: 'workflows',
        where: (input) =>
          allConditions(
            [
              { field: 'data.accountId', op: 'eq', value: text(input.params['accountId']) },
              { field: 'definitionId', op: 'eq', value: text(input.params['definitionId']) },
              // Without a version, the latest version's workflows (seed 001).
              { field: 'version', op: 'eq', value: input.query['version'] ?? definitionData(input)['version'] ?? 1 },
            ],
            equalIfGiven('status', input.query['status']),
            timeBound('startedAt', 'gte', input.query['startTimeFrom'], 'startTimeFrom'),
            timeBound('startedAt', 'lte', input.query['startTimeTo'], 'startTimeTo'),
          ),
        orderBy: () => ok([{ field: 'startedAt', dir: 'desc', as: 'time' }]),
        pagination: offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }),
      },
    },
    {
      id: 'getWorkflowInstance',
      method: 'GET',
      path: `${WORKFLOWS}/{workflowId}`,
      summary: 'Retrieve workflow instance status; ?includeLogs=true adds step logs (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath'), query: schemaId('parameters.json#/$defs/GetWorkflowQuery') },
      responses: { 200: schemaId('workflow-instance.json') },
      requires: [definitionOf],
      action: {
        kind: 'get',
        ...workflowOf,
        view: (record, input) => (input.query['includeLogs'] === true ? { ...record.data, logs: record.meta['logs'] ?? [] } : record.data),
      },
    },
    {
      id: 'startWorkflowInstance',
      method: 'POST',
      path: WORKFLOWS,
      summary: 'Start a workflow from the definition with the body as its event payload: 201 + Location, no body (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), body: schemaId('parameters.json#/$defs/StartPayload') },
      responses: { 201: null },
      requires: [definitionOf],
      action: {
        kind: 'create',
        collection: 'workflows',
        build(input, ctx) {
          const definition = definitionData(input);
          if (definition['status'] === 'disabled') {
            return { ok: false, error: mockError('invalidRequest', `Definition ${text(definition['id'])} is disabled.`) };
          }
          const steps = objectOr(definition['definition'])['steps'];
          const stepIds = (Array.isArray(steps) ? steps : []).map((step) => ({ id: text(objectOr(step)['id']) }));
          const workflowId = objectId(Date.parse(ctx.now), ctx.ids.hex(16));
          const version = { accountId: text(definition['accountId']), id: text(definition['id']), version: Number(definition['version']), subAccountId: (definition['subAccountId'] as string | null | undefined) ?? null, steps: stepIds };
          const progress = { current: 0, currentStatus: 'Running' as const, startTimes: [ctx.now], endTime: null };
          return ok(workflowRecord({
            workflowId, definition: version, payload: input.body ?? {}, status: 'Runnable', triggeredAt: ctx.now, startedAt: ctx.now, completedAt: null,
            logs: stepLogs(stepIds, progress, stepIds.map(() => ctx.ids.uuid())), errors: [],
          }));
        },
        reply: (record, input) => ({ status: 201, headers: { location: workflowUrl(input, record.id) } }),
      },
    },
    {
      id: 'updateWorkflowInstanceStatus',
      method: 'PATCH',
      path: `${WORKFLOWS}/{workflowId}`,
      summary: 'suspend | resume | terminate a workflow instance: 200 with no body; illegal moves 400 (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath'), body: schemaId('parameters.json#/$defs/WorkflowCommand') },
      responses: { 200: null },
      requires: [definitionOf],
      action: {
        kind: 'transition',
        ...workflowOf,
        machine: workflowMachine,
        command: (input) => text(objectOr(input.body)['status']),
        refuse: (refusal, record: StoredRecord) =>
          mockError('illegalTransition', fillTemplate('Cannot {command} workflow {id}: it is {status}.', { command: refusal.command, id: record.id, status: refusal.from })),
        reply: () => ({ status: 200 }),
      },
    },
    {
      id: 'listWorkflowErrors',
      method: 'GET',
      path: `${WORKFLOWS}/{workflowId}/errors`,
      summary: 'Errors of a workflow instance, e.g. why it faulted (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath') },
      responses: { 200: schemaId('workflow-error.json') },
      requires: [definitionOf],
      action: { kind: 'get', ...workflowOf, view: (record) => record.meta['errors'] ?? [] },
    },
    ...definitionOperations(),
  ],
};
