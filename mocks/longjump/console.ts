import { seededRecords } from '../../src/store/store.ts';
import type { JsonObject } from '../../src/core/json.ts';
import type { ConsoleView } from '../../src/engine/pack.ts';
import model from '../../fixtures/longjump/model.json' with { type: 'json' };

const record = { objectName: { field: 'objectName' }, recordId: { field: 'id' } };

/**
 * LongJump has no list call, so the console lists the stored records; a record's moves are the vendor's actions for
 * the signed-in user (seed 004), each with its `available` flag, taken through changeWorkflowState.
 */
export const consoleLongjump: ConsoleView = {
  noun: 'record',
  collection: 'records',
  storeId: '{objectName}/{id}',
  headers: {},
  fields: { id: 'id', status: 'currentStateId', title: 'objectName', since: ['date_modified', 'date_created'] },
  detail: { operation: 'listAvailableActions', params: record },
  commands: {
    kind: 'actions',
    list: {
      operation: 'listAvailableActions',
      params: record,
      query: { alt: 'json' },
      items: 'platform.workflowAction',
      fields: { name: 'name', title: 'title', available: 'available', to: 'nextStateId' },
    },
    take: {
      operation: 'changeWorkflowState',
      params: record,
      body: { platform: { workflowChangeState: { workflowIdOrName: '{workflowName}', actionName: '{command}', comment: 'from the QA console' } } },
    },
    login: { operation: 'login', users: model.users.map((user) => user.userName), body: { platform: { login: { userName: '{user}', password: 'demo' } } } },
  },
  stateNames: (seed) =>
    Object.fromEntries(
      seededRecords(seed['workflows']).flatMap((workflow) =>
        ((workflow.data['states'] ?? []) as JsonObject[]).map((state) => [String(state['id']), String(state['name'])]),
      ),
    ),
};
