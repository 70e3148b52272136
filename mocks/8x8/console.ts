import type { ConsoleView } from '../../src/engine/pack.ts';
import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };

/** The console shows the documented definition's workflow instances (seed 001). */
const workflow = { accountId: { value: settings.accountId }, definitionId: { value: settings.documentedDefinition.id } };

export const console8x8: ConsoleView = {
  noun: 'workflow instance',
  collection: 'workflows',
  headers: { authorization: 'Bearer console' },
  list: { operation: 'listWorkflowInstances', params: workflow, filters: ['status', 'version', 'startTimeFrom', 'startTimeTo'] },
  fields: { id: 'workflowId', status: 'status', title: 'version', since: ['completedAt', 'startedAt'] },
  detail: { operation: 'getWorkflowInstance', params: { ...workflow, workflowId: { field: 'workflowId' } }, query: { includeLogs: 'true' } },
  commands: {
    kind: 'machine',
    operation: 'updateWorkflowInstanceStatus',
    params: { ...workflow, workflowId: { field: 'workflowId' } },
    body: { status: '{command}' },
  },
  create: { operation: 'startWorkflowInstance', params: workflow, example: () => ({ orderId: '65215088', event: 'order.shipped', amount: 605 }) },
};
