import { ok } from '../../src/core/result.ts';
import type { Operation } from '../../src/engine/pack.ts';
import { typedOperations } from '../../src/engine/typed-input.ts';
import type { Inputs } from './inputs.generated.ts';
import { schemaId } from './schema-ids.ts';
import { versionOf } from './workflow.ts';
import { startedWorkflow } from './workflows.ts';

/**
 * POST /api/v1/accounts/{accountId}/triggers/http_request (http_request_trigger): raises the event for every enabled
 * definition of the account whose trigger is `http_request` and that listens on the event's subaccount: a definition
 * bound to a subaccount only for `?subAccountId=` naming it, one bound to none for every event. Each starts a workflow of its latest version, with the body saved to the workflow context
 * (`data`) and the subaccount the event was raised with. 200 with no body, whether or not any definition listens.
 */
export function triggerOperation(): Operation {
  return typedOperations<Inputs>()({
    id: 'raiseHttpRequestTrigger',
    method: 'POST',
    path: '/api/v1/accounts/{accountId}/triggers/http_request',
    summary: 'Trigger workflows from an external system: starts a workflow of every enabled http_request definition of the account (http_request_trigger).',
    request: {
      params: schemaId('parameters.json#/$defs/AccountPath'),
      query: schemaId('parameters.json#/$defs/TriggerQuery'),
      body: schemaId('parameters.json#/$defs/TriggerPayload'),
    },
    responses: { 200: null },
    action: {
      kind: 'createEach',
      from: {
        collection: 'definitions',
        where: (input) =>
          ok([
            { field: 'accountId', op: 'eq', value: input.params.accountId },
            { field: 'trigger', op: 'eq', value: 'http_request' },
            { field: 'status', op: 'eq', value: 'enabled' },
          ]),
      },
      collection: 'workflows',
      build(source, input, ctx) {
        const version = versionOf(source.data);
        const subAccountId = input.query.subAccountId;
        // A definition bound to a subaccount runs only for events of that subaccount (definitionInput.subAccountId).
        if (version.subAccountId !== undefined && version.subAccountId !== subAccountId) return undefined;
        return startedWorkflow(version, ctx, { context: input.body ?? {}, subAccountId });
      },
      reply: () => ({ status: 200 }),
    },
  });
}
