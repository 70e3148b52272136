import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { ok } from '../../src/core/result.ts';
import { equalIfGiven, principalId } from '../../src/engine/helpers.ts';
import { orderFromJson } from '../../src/engine/order.ts';
import type { ActionContext, Operation, OperationInput, RecordTarget } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { offsetEnvelope } from '../../src/pagination/dialects.ts';
import type { Comparison } from '../../src/store/query.ts';
import { schemaId } from './schema-ids.ts';
import type { Inputs } from './inputs.generated.ts';
import { type Namespaced, namespacesOf, visibleThrough } from './visibility.ts';

// Twinit workflow definitions (vendor-facts 002: list with _name, _userType, paging and JSON sort; get; create; update).

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

const operation = typedOperations<Inputs>();
type IdPath = Inputs['getWorkflowDef']['params'];

const definitionOf: RecordTarget<Reads<{ params: IdPath; query: Inputs['getWorkflowDef']['query'] }>> = {
  collection: 'workflowdefs',
  id: (input) => input.params.id,
  scope: visibleThrough,
  notFound: (input) => mockError('notFound', `Workflow definition ${input.params.id} not found`),
};

/** A definition's fields from a create/update body; task numbers default to their position. */
function definitionFields(body: Inputs['createWorkflowDef']['body'], input: Namespaced): JsonObject {
  return {
    _name: body._name,
    ...(body._description === undefined ? {} : { _description: body._description }),
    _namespaces: body._namespaces ?? namespacesOf(input),
    _userType: body._userType ?? '',
    _tasks: body._tasks.map((task, index) => ({ _name: task._name, _sequenceno: task._sequenceno ?? index + 1, _type: task._type })),
    _timeoutSeconds: body._timeoutSeconds ?? null,
    _timeoutPolicy: body._timeoutPolicy ?? null,
  };
}

function audit(input: Pick<OperationInput, 'caller'>, ctx: ActionContext, created?: JsonObject): JsonObject {
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
    operation({
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
            ...(input.query._name === undefined ? [] : [{ field: '_name', op: 'contains' as const, value: input.query._name, ignoreCase: true }]),
            ...equalIfGiven('_userType', input.query._userType),
          ]),
        orderBy: (input) => orderFromJson(input.query.sort, DEF_SORTABLE, [{ field: '_name', dir: 'asc' }]),
        pagination: pageOf('_list'),
      },
    }),
    operation({
      id: 'getWorkflowDef',
      method: 'GET',
      path: `${DEFS}/{id}`,
      summary: 'One workflow definition (vendor-facts 002).',
      request: { params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/NsQuery') },
      responses: { 200: schemaId('workflowdef.json') },
      action: { kind: 'get', ...definitionOf },
    }),
    operation({
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
    }),
    operation({
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
    }),
  ];
}
