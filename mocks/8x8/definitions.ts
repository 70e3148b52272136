import { mockError } from '../../src/core/errors.ts';
import type { Json, JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { objectOr, text } from '../../src/engine/helpers.ts';
import type { Operation, OperationInput, RecordTarget, Replacement } from '../../src/engine/pack.ts';
import { offsetArray } from '../../src/pagination/dialects.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { workflowMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';

/**
 * 8x8 workflow definitions (vendor-facts 001): the record holds the latest version in `data` and older versions,
 * newest first, in `meta.history`. Updating adds a version; deleting removes one version or all of them and
 * terminates the workflows still active on what was removed.
 */
const DEFINITIONS = '/api/v1/accounts/{accountId}/definitions';

const definitionOf: RecordTarget = {
  collection: 'definitions',
  id: (input) => text(input.params['definitionId']),
  scope: (input) => [{ field: 'accountId', op: 'eq', value: text(input.params['accountId']) }],
  notFound: (input) => mockError('notFound', `Definition ${text(input.params['definitionId'])} not found.`),
};

const historyOf = (record: StoredRecord): JsonObject[] =>
  (Array.isArray(record.meta['history']) ? record.meta['history'] : []).map((version) => objectOr(version));

const definitionUrl = (input: OperationInput, id: string) => `${input.base}/api/v1/accounts/${encodeURIComponent(text(input.params['accountId']))}/definitions/${id}`;

function versionFrom(body: Json | undefined, fields: { accountId: string; id: string; version: number; createdAt: string }): JsonObject {
  const input = objectOr(body);
  return {
    accountId: fields.accountId,
    id: fields.id,
    version: fields.version,
    createdAt: fields.createdAt,
    subAccountId: (input['subAccountId'] as string | null | undefined) ?? null,
    trigger: input['trigger'] ?? null,
    // The create reference defaults a new definition to disabled.
    status: input['status'] ?? 'disabled',
    definition: input['definition'] ?? null,
  };
}

/** Removes `version` (or every version) from a definition: what remains, or 'remove' when nothing does. */
function withoutVersion(record: StoredRecord, version: Json | undefined): Replacement | 'remove' | undefined {
  if (version === undefined) return 'remove';
  const history = historyOf(record);
  if (record.data['version'] === version) {
    const [previous, ...older] = history;
    return previous ? { data: previous, meta: { ...record.meta, history: older } } : 'remove';
  }
  if (!history.some((entry) => entry['version'] === version)) return undefined;
  return { data: record.data, meta: { ...record.meta, history: history.filter((entry) => entry['version'] !== version) } };
}

export function definitionOperations(): Operation[] {
  return [
    {
      id: 'listDefinitions',
      method: 'GET',
      path: DEFINITIONS,
      summary: 'The latest version of each definition not deleted, newest first (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath'), query: schemaId('parameters.json#/$defs/ListDefinitionsQuery') },
      responses: { 200: schemaId('definition-list.json') },
      action: {
        kind: 'list',
        collection: 'definitions',
        where: (input) => ok([{ field: 'accountId', op: 'eq', value: text(input.params['accountId']) }]),
        orderBy: () => ok([{ field: 'createdAt', dir: 'desc', as: 'time' }]),
        pagination: offsetArray({ offset: 'offset', limit: 'limit', defaultLimit: 100 }),
      },
    },
    {
      id: 'createDefinition',
      method: 'POST',
      path: DEFINITIONS,
      summary: 'Create a definition: 201 + Location + body (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath'), body: schemaId('definition.json#/$defs/Input') },
      responses: { 201: schemaId('definition.json') },
      action: {
        kind: 'create',
        collection: 'definitions',
        build(input, ctx) {
          const id = ctx.ids.uuid();
          const data = versionFrom(input.body, { accountId: text(input.params['accountId']), id, version: 1, createdAt: ctx.now });
          return ok({ id, data, meta: { history: [] } });
        },
        reply: (record, input) => ({ status: 201, headers: { location: definitionUrl(input, record.id) }, body: record.data }),
      },
    },
    {
      id: 'getDefinitionVersions',
      method: 'GET',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: "A definition's version history, newest first (vendor-facts 001).",
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath') },
      responses: { 200: schemaId('definition-list.json') },
      action: { kind: 'get', ...definitionOf, view: (record) => [record.data, ...historyOf(record)] },
    },
    {
      id: 'updateDefinition',
      method: 'PUT',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: 'Register a new version; running workflows finish on the old one (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), body: schemaId('definition.json#/$defs/Input') },
      responses: { 200: schemaId('definition.json') },
      action: {
        kind: 'update',
        ...definitionOf,
        apply(record, input, ctx) {
          const data = versionFrom(input.body, { accountId: text(record.data['accountId']), id: record.id, version: Number(record.data['version']) + 1, createdAt: ctx.now });
          return ok({ data, meta: { ...record.meta, history: [record.data, ...historyOf(record)] } });
        },
        reply: (record) => ({ status: 200, body: record.data }),
      },
    },
    {
      id: 'deleteDefinition',
      method: 'DELETE',
      path: `${DEFINITIONS}/{definitionId}`,
      summary: 'Delete one version (?version=) or the whole definition: 202, and its active workflows are terminated (vendor-facts 001).',
      request: { params: schemaId('parameters.json#/$defs/DefinitionPath'), query: schemaId('parameters.json#/$defs/DeleteDefinitionQuery') },
      responses: { 202: null },
      action: {
        kind: 'update',
        ...definitionOf,
        apply(record, input) {
          const remaining = withoutVersion(record, input.query['version']);
          if (remaining === undefined) {
            return fail(mockError('notFound', `Definition ${record.id} version ${text(input.query['version'])} not found.`));
          }
          return ok(remaining);
        },
        cascade: {
          collection: 'workflows',
          where: (record, input) => [
            { field: 'data.accountId', op: 'eq', value: text(record.data['accountId']) },
            { field: 'definitionId', op: 'eq', value: record.id },
            ...(input.query['version'] === undefined ? [] : [{ field: 'version', op: 'eq' as const, value: input.query['version'] }]),
          ],
          machine: workflowMachine,
          command: 'terminate',
        },
        reply: () => ({ status: 202 }),
      },
    },
  ];
}
