import { mockError } from '../../src/core/errors.ts';
import type { Json, JsonObject } from '../../src/core/json.ts';
import { ok } from '../../src/core/result.ts';
import { equalIfGiven, objectOr, principalId, text } from '../../src/engine/helpers.ts';
import { orderFromJson } from '../../src/engine/order.ts';
import type { ActionContext, Operation, OperationInput, RecordTarget } from '../../src/engine/pack.ts';
import { offsetEnvelope } from '../../src/pagination/dialects.ts';
import type { Comparison } from '../../src/store/query.ts';
import { schemaId } from './schema-ids.ts';
import { namespacesOf, visibleThrough } from './visibility.ts';

/** Twinit workflow definitions (vendor-facts 002: list with _name, _userType, paging and JSON sort; get; create; update). */
const DEFS = '/workflowsvc/api/v1/workflowdefs';

export const DEF_SORTABLE: Readonly<Record<string, Comparison>> = {
  _id: 'text',
  _name: 'text',
  _description: 'text',
  _userType: 'text',
  _timeoutSeconds: 'number',
  _timeoutPolicy: 'text',
  _createdAt: 'time',
  _updatedAt: 'time',
  _createdBy: 'text',
  _updatedBy: 'text',
};

export const pageOf = (items: string) => offsetEnvelope({ offset: '_offset', pageSize: '_pageSize', total: '_total', items, defaultLimit: 10 });

const definitionOf: RecordTarget = {
  collection: 'workflowdefs',
  id: (input) => text(input.params['id']),
  scope: visibleThrough,
  notFound: (input) => mockError('notFound', `Workflow definition ${text(input.params['id'])} not found`),
};

/** A definition's fields from a create/update body; task numbers default to their position. */
function definitionFields(body: Json | undefined, input: OperationInput): JsonObject {
  const fields = objectOr(body);
  const tasks = Array.isArray(fields['_tasks']) ? fields['_tasks'] : [];
  return {
    _name: fields['_name'] ?? '',
    ...(fields['_description'] === undefined ? {} : { _description: fields['_description'] }),
    _namespaces: fields['_namespaces'] ?? namespacesOf(input),
    _userType: fields['_userType'] ?? '',
    _tasks: tasks.map((task, index) => {
      const t = objectOr(task);
      return { _name: t['_name'] ?? '', _sequenceno: t['_sequenceno'] ?? index + 1, _type: t['_type'] ?? '' };
    }),
    _timeoutSeconds: fields['_timeoutSeconds'] ?? null,
    _timeoutPolicy: fields['_timeoutPolicy'] ?? null,
  };
}

function audit(input: OperationInput, ctx: ActionContext, created?: JsonObject): JsonObject {
  const by = principalId(input.caller.credential);
  return {
    _createdAt: created?.['_createdAt'] ?? ctx.now,
    _updatedAt: ctx.now,
    _createdBy: created?.['_createdBy'] ?? by,
    _updatedBy: by,
  };
}

export function workflowdefOperations(): Operation[] {
  return [
    {
      id: 'listWorkflowDefs',
      method: 'GET',
      path: DEFS,
      summary: 'Workflow definitions visible through nsfilter: _name (partial), _userType, paging, JSON sort (vendor-facts 002).',
      request: { query: schemaId('parameters.json#/$defs/ListDefsQuery') },
      responses: { 200: schemaId('workflowdef-page.json') },
      action: {
        kind: 'list',
        collection: 'workflowdefs',
        where: (input) =>
          ok([
            ...visibleThrough(input),
            ...(input.query['_name'] === undefined ? [] : [{ field: '_name', op: 'contains' as const, value: text(input.query['_name']), ignoreCase: true }]),
            ...equalIfGiven('_userType', input.query['_userType']),
          ]),
        orderBy: (input) =>
          orderFromJson(input.query['sort'] === undefined ? undefined : text(input.query['sort']), DEF_SORTABLE, [{ field: '_name', dir: 'asc' }]),
        pagination: pageOf('_list'),
      },
    },
    {
      id: 'getWorkflowDef',
      method: 'GET',
      path: `${DEFS}/{id}`,
      summary: 'One workflow definition (vendor-facts 002).',
      request: { params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/NsQuery') },
      responses: { 200: schemaId('workflowdef.json') },
      action: { kind: 'get', ...definitionOf },
    },
    {
      id: 'createWorkflowDef',
      method: 'POST',
      path: DEFS,
      summary: 'Create a workflow definition: 201 with it (vendor-facts 002).',
      request: { query: schemaId('parameters.json#/$defs/NsQuery'), body: schemaId('workflowdef.json#/$defs/Input') },
      responses: { 201: schemaId('workflowdef.json') },
      action: {
        kind: 'create',
        collection: 'workflowdefs',
        build(input, ctx) {
          const id = ctx.ids.uuid();
          return ok({ id, data: { _id: id, ...definitionFields(input.body, input), ...audit(input, ctx) } });
        },
        reply: (record) => ({ status: 201, body: record.data }),
      },
    },
    {
      id: 'updateWorkflowDef',
      method: 'PUT',
      path: `${DEFS}/{id}`,
      summary: 'Replace a workflow definition; runs already started keep the tasks they copied (vendor-facts 002).',
      request: {
        params: schemaId('parameters.json#/$defs/IdPath'),
        query: schemaId('parameters.json#/$defs/NsQuery'),
        body: schemaId('workflowdef.json#/$defs/Input'),
      },
      responses: { 200: schemaId('workflowdef.json') },
      action: {
        kind: 'update',
        ...definitionOf,
        apply: (record, input, ctx) =>
          ok({ data: { _id: record.id, ...definitionFields(input.body, input), ...audit(input, ctx, record.data) }, meta: record.meta }),
        reply: (record) => ({ status: 200, body: record.data }),
      },
    },
  ];
}
