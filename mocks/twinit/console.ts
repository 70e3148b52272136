import { seededRecords } from '../../src/store/store.ts';
import type { JsonObject } from '../../src/core/json.ts';
import type { ConsoleView } from '../../src/engine/pack.ts';
import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };

/** The console looks through the first seeded namespace (a run is visible only through one of its namespaces). */
const namespace = { nsfilter: settings.namespace };

export const consoleTwinit: ConsoleView = {
  noun: 'workflow',
  collection: 'workflows',
  headers: { authorization: 'Bearer console' },
  list: {
    operation: 'listWorkflows',
    query: namespace,
    filters: ['_status', '_name', '_defId'],
    sort: {
      param: 'sort',
      options: [
        { label: 'newest first', value: '{"_createdAt":-1}' },
        { label: 'recently updated', value: '{"_updatedAt":-1}' },
        { label: 'name', value: '{"_name":1}' },
        { label: 'oldest first', value: '{"_createdAt":1}' },
      ],
    },
  },
  fields: { id: '_id', status: '_status', title: '_name', since: ['_updatedAt', '_createdAt'] },
  detail: { operation: 'getWorkflow', params: { id: { field: '_id' } }, query: namespace },
  commands: { kind: 'machine', operation: 'updateWorkflowStatus', params: { id: { field: '_id' } }, query: namespace, body: { _status: '{command}' } },
  create: {
    operation: 'createWorkflow',
    query: namespace,
    example: (seed) => ({
      _workflowDefId: String(
        (
          seededRecords(seed['workflowdefs']).find((def) => ((def.data['_namespaces'] ?? []) as string[]).includes(namespace.nsfilter))?.data as
            | JsonObject
            | undefined
        )?.['_id'] ?? '',
      ),
      _inputParams: {},
    }),
  },
};
