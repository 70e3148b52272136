import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { objectOr, text } from '../../src/engine/helpers.ts';
import type { Operation, OperationInput, RecordTarget, Replacement } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { offsetArray } from '../../src/pagination/dialects.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import type { Inputs } from './inputs.generated.ts';
import { workflowMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';

// 8x8 workflow definitions (automation_api.json, tag "Workflow Definition Management"): the record holds the latest version in `data` and older versions,
// newest first, in `meta.versions` (`meta.history` is a run's moves, src/state/history.ts). Updating adds a version; deleting removes one version or all of them and
// terminates the workflows still active on what was removed.

const DEFINITIONS = '/api/v1/accounts/{accountId}/definitions';

const operation = typedOperations<Inputs>();
type AccountPath = Inputs['listDefinitions']['params'];
type DefinitionPath = Inputs['getDefinitionVersions']['params'];
/** A create or update body (components/schemas/definitionInput). */
export type DefinitionInput = Inputs['createDefinition']['body'];

const definitionOf: RecordTarget<Reads<{ params: DefinitionPath }>> = {
  collection: 'definitions',
  id: (input) => input.params.definitionId,
  scope: (input) => [{ field: 'accountId', op: 'eq', value: input.params.accountId }],
  notFound: (input) => mockError('notFound', `Definition ${input.params.definitionId} not found.`),
};

export const olderVersions = (record: StoredRecord): JsonObject[] =>
  (Array.isArray(record.meta['versions']) ? record.meta['versions'] : []).map((version) => objectOr(version));

const definitionUrl = (input: OperationInput<Reads<{ params: AccountPath }>>, id: string) =>
  `${input.base}/api/v1/accounts/${encodeURIComponent(input.params.accountId)}/definitions/${id}`;

/**
 * A stored version from a create or update body (components/schemas/definitionInput): the path's account wins over a
 * body `accountId`; `subaccountId` (the documents' examples' spelling) stands for `subAccountId` when that is absent;
 * other unknown top-level fields are accepted and not kept; `definition` is kept exactly as sent; `status` defaults to
 * disabled (components/schemas/status). Absent or null subaccount: omitted, the definition listens on every one.
 */
export function versionFrom(body: DefinitionInput, fields: { accountId: string; id: string; version: number; createdAt: string }): JsonObject {
  const subAccountId = body.subAccountId ?? body.subaccountId;
  return {
    accountId: fields.accountId,
    id: fields.id,
    version: fields.version,
    createdAt: fields.createdAt,
    ...(typeof subAccountId === 'string' ? { subAccountId } : {}),
    trigger: body.trigger,
    status: body.status ?? 'disabled',
    definition: body.definition,
  };
}

/** get-specific-definition's limit and offset over the version history (newest first). */
function versionsPage(record: StoredRecord, input: OperationInput<Inputs['getDefinitionVersions']>): JsonObject[] {
  const offset = input.query.offset ?? 0;
  const limit = input.query.limit ?? 100;
  return [record.data, ...olderVersions(record)].slice(offset, offset + limit);
}

/** Removes `version` (or every version) from a definition: what remains, or 'remove' when nothing does. */
function withoutVersion(record: StoredRecord, version: number | undefined): Replacement | 'remove' | undefined {
  if (version === undefined) return 'remove';
  const history = olderVersions(record);
  if (record.data['version'] === version) {
    const [previous, ...older] = history;
    return previous ? { data: previous, meta: { ...record.meta, versions: older } } : 'remove';
  }
  if (!history.some((entry) => entry['version'] === version)) return undefined;
  return { data: record.data, meta: { ...record.meta, versions: history.filter((entry) => entry['version'] !== version) } };
}

export function definitionOperations(): Operation[] {
  return [
    operation({
      id: 'listDefinitions',
      method: 'GET',
      path: DEFINITIONS,
      summary: 'The latest version of each definition not deleted, newest first, paged by limit and offset (get-all-definitions).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath'), query: schemaId('parameters.json#/$defs/ListDefinitionsQuery') },
      responses: { 200: schemaId('definition-list.json') },
      action: {
        kind: 'list',
        collection: 'definitions',
        where: (input) => ok([{ field: 'accountId', op: 'eq', value: input.params.accountId }]),
        orderBy: () => ok([{ field: 'createdAt', dir: 'desc', as: 'time' }]),
        pagination: offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }),
      },
    }),
    operation({
      id: 'createDefinition',
      method: 'POST',
      path: DEFINITIONS,
      summary: 'Create a definition from a definitionInput body: 201 + Location + the stored version 1 (create-definition).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath'), body: schemaId('definition.json#/$defs/Input') },
      responses: { 201: schemaId('definition.json') },
      responseHeaders: { 201: ['location'] },
      action: {
        kind: 'create',
        collection: 'definitions',
        build(input, ctx) {
          const id = ctx.ids.uuid();
          const data = versionFrom(input.body, { accountId: input.params.accountId, id, version: 1, createdAt: ctx.now });
          return ok({ id, data, meta: { versions: [] } });
        },
        reply: (record, input) => ({ status: 201, headers: { location: definitionUrl(input, record.id) }, body: record.data }),
      },
    }),
    operation({
      id: 'getDefinitionVersions',
      method: 'GET',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: "A definition's version history, newest first, paged by limit and offset (get-specific-definition).",
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), query: schemaId('parameters.json#/$defs/DefinitionVersionsQuery') },
      responses: { 200: schemaId('definition-list.json') },
      // "If there are no definitions by the specified definition id, an empty list is returned." (get-specific-definition)
      action: { kind: 'get', ...definitionOf, view: versionsPage, absent: () => [] },
    }),
    operation({
      id: 'updateDefinition',
      method: 'PUT',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: 'Register a new version; running workflows finish on the old one (update-existing-definition).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), body: schemaId('definition.json#/$defs/Input') },
      responses: { 200: schemaId('definition.json') },
      action: {
        kind: 'update',
        ...definitionOf,
        apply(record, input, ctx) {
          const data = versionFrom(input.body, {
            accountId: text(record.data['accountId']),
            id: record.id,
            version: Number(record.data['version']) + 1,
            createdAt: ctx.now,
          });
          return ok({ data, meta: { ...record.meta, versions: [record.data, ...olderVersions(record)] } });
        },
        reply: (record) => ({ status: 200, body: record.data }),
      },
    }),
    operation({
      id: 'deleteDefinition',
      method: 'DELETE',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: 'Delete one version (?version=) or the whole definition: 202, and its active workflows are terminated (delete-definitions).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), query: schemaId('parameters.json#/$defs/DeleteDefinitionQuery') },
      responses: { 202: null },
      action: {
        kind: 'update',
        ...definitionOf,
        apply(record, input) {
          const remaining = withoutVersion(record, input.query.version);
          if (remaining === undefined) {
            return fail(mockError('notFound', `Definition ${record.id} version ${input.query.version} not found.`));
          }
          return ok(remaining);
        },
        cascade: {
          collection: 'workflows',
          where: (record, input) => [
            { field: 'data.accountId', op: 'eq', value: text(record.data['accountId']) },
            { field: 'definitionId', op: 'eq', value: record.id },
            ...(input.query.version === undefined ? [] : [{ field: 'version', op: 'eq' as const, value: input.query.version }]),
          ],
          machine: workflowMachine,
          command: 'terminate',
        },
        reply: () => ({ status: 202 }),
      },
    }),
  ];
}
