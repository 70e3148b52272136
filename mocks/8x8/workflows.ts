import { fillTemplate, mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { allConditions, equalIfGiven, text, timeBound } from '../../src/engine/helpers.ts';
import type { ActionContext, Operation, OperationInput, ParentLookup, RecordTarget } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { offsetArray } from '../../src/pagination/dialects.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { olderVersions } from './definitions.ts';
import type { Inputs } from './inputs.generated.ts';
import { workflowMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { objectId, runningStatus, runPath, shownLogs, stepLogs, versionOf, workflowRecord, type DefinitionVersion } from './workflow.ts';

// 8x8 workflow instances (automation_api.json, tag "Workflow Instance Management", and start-workflow-instance).

const WORKFLOWS = '/api/v1/accounts/{accountId}/definitions/{definitionId}/workflows';

const operation = typedOperations<Inputs>();
type DefinitionPath = Inputs['listWorkflowInstances']['params'];
type WorkflowPath = Inputs['getWorkflowInstance']['params'];

export const definitionOf: ParentLookup<Reads<{ params: DefinitionPath }>> = {
  name: 'definition',
  collection: 'definitions',
  id: (input) => input.params.definitionId,
  scope: (input) => [{ field: 'accountId', op: 'eq', value: input.params.accountId }],
  notFound: (input) => mockError('notFound', `Definition ${input.params.definitionId} not found.`),
};

const workflowOf: RecordTarget<Reads<{ params: WorkflowPath }>> = {
  collection: 'workflows',
  id: (input) => input.params.workflowId,
  scope: (input) => [
    { field: 'data.accountId', op: 'eq', value: input.params.accountId },
    { field: 'definitionId', op: 'eq', value: input.params.definitionId },
  ],
  notFound: (input) => mockError('notFound', `Workflow ${input.params.workflowId} not found.`),
};

const workflowUrl = (input: OperationInput<Reads<{ params: DefinitionPath }>>, workflowId: string) =>
  `${input.base}/api/v1/accounts/${encodeURIComponent(input.params.accountId)}/definitions/${input.params.definitionId}/workflows/${encodeURIComponent(workflowId)}`;

const definitionData = (input: Pick<OperationInput, 'parents'>): JsonObject => input.parents['definition']?.data ?? {};

/**
 * A new Runnable workflow of a definition version, started now: its first step running, its path through the
 * definition drawn from the runtime ids (so the same seed and requests give the same runs).
 */
export function startedWorkflow(
  version: DefinitionVersion,
  ctx: ActionContext,
  trigger: { context: JsonObject; subAccountId?: string | undefined },
): ReturnType<typeof workflowRecord> {
  const path = runPath(version.steps, (options) => options[Math.floor(ctx.ids.next() * options.length)]);
  const progress = { current: 0, currentStatus: path[0] ? runningStatus(path[0]) : ('Running' as const), startTimes: [ctx.now], endTime: null };
  return workflowRecord({
    workflowId: objectId(Date.parse(ctx.now), ctx.ids.hex(16)),
    definition: version,
    ...trigger,
    status: 'Runnable',
    triggeredAt: ctx.now,
    startedAt: ctx.now,
    completedAt: null,
    logs: stepLogs(
      path,
      progress,
      path.map(() => ctx.ids.uuid()),
    ),
    errors: [],
  });
}

export function workflowOperations(): Operation[] {
  return [
    operation({
      id: 'listWorkflowInstances',
      method: 'GET',
      path: WORKFLOWS,
      summary: 'Retrieve a list of workflow instances, newest first (get-workflow-instances).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), query: schemaId('parameters.json#/$defs/ListWorkflowsQuery') },
      responses: { 200: schemaId('workflow-instance-list.json') },
      requires: [definitionOf],
      action: {
        kind: 'list',
        collection: 'workflows',
        where: (input) =>
          allConditions(
            [
              { field: 'data.accountId', op: 'eq', value: input.params.accountId },
              { field: 'definitionId', op: 'eq', value: input.params.definitionId },
              // Without a version, the latest version's workflows (get-workflow-instances).
              { field: 'version', op: 'eq', value: input.query.version ?? definitionData(input)['version'] ?? 1 },
            ],
            equalIfGiven('status', input.query.status),
            timeBound('startedAt', 'gte', input.query.startTimeFrom, 'startTimeFrom'),
            timeBound('startedAt', 'lte', input.query.startTimeTo, 'startTimeTo'),
          ),
        orderBy: () => ok([{ field: 'startedAt', dir: 'desc', as: 'time' }]),
        pagination: offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }),
      },
    }),
    operation({
      id: 'getWorkflowInstance',
      method: 'GET',
      path: `${WORKFLOWS}/{workflowId}`,
      summary: 'Retrieve workflow instance status; ?includeLogs=true adds the logs of the steps that have run (get-instance-status).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath'), query: schemaId('parameters.json#/$defs/GetWorkflowQuery') },
      responses: { 200: schemaId('workflow-instance.json') },
      requires: [definitionOf],
      action: {
        kind: 'get',
        ...workflowOf,
        view: (record, input) => (input.query.includeLogs ? { ...record.data, logs: shownLogs(record.meta['logs']) } : record.data),
      },
    }),
    operation({
      id: 'startWorkflowInstance',
      method: 'POST',
      path: WORKFLOWS,
      summary:
        'Test a definition: start a workflow of its latest version (or ?version=) with the body as its event payload: 201 + Location, no body (start-workflow-instance).',
      request: {
        params: schemaId('parameters.json#/$defs/DefinitionPath'),
        query: schemaId('parameters.json#/$defs/StartWorkflowQuery'),
        body: schemaId('parameters.json#/$defs/StartPayload'),
      },
      responses: { 201: null },
      responseHeaders: { 201: ['location'] },
      requires: [definitionOf],
      action: {
        kind: 'create',
        collection: 'workflows',
        build(input, ctx) {
          const latest = definitionData(input);
          if (latest['status'] === 'disabled') return fail(mockError('invalidRequest', `Definition ${text(latest['id'])} is disabled.`));
          const asked = input.query.version;
          const record = input.parents['definition'] as StoredRecord;
          const data = asked === undefined ? latest : [latest, ...olderVersions(record)].find((version) => version['version'] === asked);
          if (!data) return fail(mockError('notFound', `Definition ${text(latest['id'])} version ${asked} not found.`));
          const version = versionOf(data);
          return ok(startedWorkflow(version, ctx, { context: { payload: input.body ?? {} }, subAccountId: version.subAccountId }));
        },
        reply: (record, input) => ({ status: 201, headers: { location: workflowUrl(input, record.id) } }),
      },
    }),
    operation({
      id: 'updateWorkflowInstanceStatus',
      method: 'PATCH',
      path: `${WORKFLOWS}/{workflowId}`,
      summary: 'suspend | resume | terminate a workflow instance: 200 with no body; illegal moves 400; no command changes nothing (patch-workflow-instance).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath'), body: schemaId('parameters.json#/$defs/WorkflowCommand') },
      responses: { 200: null },
      requires: [definitionOf],
      action: {
        kind: 'transition',
        ...workflowOf,
        machine: workflowMachine,
        command: (input) => input.body.status,
        refuse: (refusal, record: StoredRecord) =>
          mockError(
            'illegalTransition',
            fillTemplate('Cannot {command} workflow {id}: it is {status}.', { command: refusal.command, id: record.id, status: refusal.from }),
          ),
        reply: () => ({ status: 200 }),
      },
    }),
    operation({
      id: 'listWorkflowErrors',
      method: 'GET',
      path: `${WORKFLOWS}/{workflowId}/errors`,
      summary: 'Errors of a workflow instance, e.g. why it faulted: an array of workflowErrors (get-instance-errors).',
      request: { params: schemaId('parameters.json#/$defs/WorkflowPath') },
      responses: { 200: schemaId('workflow-error.json') },
      requires: [definitionOf],
      action: { kind: 'get', ...workflowOf, view: (record) => record.meta['errors'] ?? [] },
    }),
  ];
}
