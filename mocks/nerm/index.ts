import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { equalIfGiven, objectOr, text } from '../../src/engine/helpers.ts';
import { moveRecord } from '../../src/engine/moves.ts';
import { orderFromParameter } from '../../src/engine/order.ts';
import type { ActionContext, ApiPack, OperationInput, RecordTarget, Replacement } from '../../src/engine/pack.ts';
import { offsetWithMetadata } from '../../src/pagination/dialects.ts';
import type { Comparison } from '../../src/store/query.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { sessionProgress } from './lifecycle.ts';
import { sessionMachine, statusFromFilter } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seedNerm } from './seed.ts';
import { consoleNerm } from './console.ts';

/** SailPoint NERM workflow sessions (seed 000, vendor-facts 000). */
const SESSIONS = '/api/workflow_sessions';

/** Top-level fields `order` may name (seed 000: any field but attributes); created_at/updated_at compare as times. */
export const ORDERABLE: Readonly<Record<string, Comparison>> = {
  id: 'text', uid: 'text', workflow_id: 'text', requester_id: 'text', requester_type: 'text', profile_id: 'text', status: 'text',
  created_at: 'time', updated_at: 'time',
};

const sessionOf: RecordTarget = {
  collection: 'sessions',
  id: (input) => text(input.params['id']),
  notFound: (input) => mockError('notFound', `Workflow session ${text(input.params['id'])} not found`),
};

const wrapped = (record: StoredRecord) => ({ workflow_session: record.data });
const sessionFields = (input: OperationInput): JsonObject => objectOr(objectOr(input.body)['workflow_session']);

/** `?run=true`: a session still in `new` starts processing at once (vendor-facts 000). */
function runIfAsked(value: Replacement, input: OperationInput, ctx: ActionContext): Replacement {
  if (input.query['run'] !== true || value.data['status'] !== 'new') return value;
  const moved = moveRecord(sessionMachine, value, 'processing', ctx.now);
  return moved.ok ? { data: { ...moved.value.data, updated_at: ctx.now }, meta: moved.value.meta } : value;
}

export const packNerm: ApiPack = {
  console: consoleNerm,
  id: 'nerm',
  title: 'SailPoint NERM workflow sessions',
  vendorBaseUrl: 'https://{tenant}.nonemployee.com',
  media: { accepts: ['json'], produces: ['json'] },
  auth: {
    kind: 'authorization',
    // Bearer tokens, and the older `Token token=<key>` form (vendor-facts 000).
    schemes: [/^Bearer\s+(\S.*)$/i, /^Token\s+token="?([^"\s]+)"?$/i],
    message: 'Not authorized: send Authorization: Bearer <token> or Token token=<key>',
  },
  queryAliases: { 'query[limit]': 'limit', 'query[offset]': 'offset', 'query[order]': 'order' },
  errors: {
    schema: schemaId('error.json'),
    status: { illegalTransition: 400, conflict: 400 },
    messages: {
      malformedBody: 'Invalid JSON syntax. Please check your syntax and try again.',
      internal: 'Sorry something went wrong',
      routeNotFound: 'Not found',
      methodNotAllowed: 'Method {method} is not allowed on this resource',
      payloadTooLarge: 'Request body is larger than 1 MiB',
      unsupportedMediaType: 'Content-Type must be application/json',
    },
    // Rails' validation wording, as in the documented `{"workflow_id": ["can't be blank"]}`.
    fieldMessages: { required: "can't be blank", enum: 'is not included in the list', default: 'is invalid' },
    fieldKey: 'leaf',
    render: (error) => ({
      error: error.message,
      ...(error.fields ? { errors: Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [field, [...messages]])) } : {}),
    }),
  },
  seed: seedNerm,
  lifecycle: { machine: sessionMachine, progress: sessionProgress, ordered: [['created_at', 'updated_at']], monotonic: ['updated_at'] },
  collections: { sessions: { schema: schemaId('workflow-session.json') } },
  operations: [
    {
      id: 'listWorkflowSessions',
      method: 'GET',
      path: SESSIONS,
      summary: 'Get workflow sessions: filters, order, limit/offset in both forms, metadata=true for _metadata (seed 000).',
      request: { query: schemaId('parameters.json#/$defs/ListQuery') },
      responses: { 200: schemaId('workflow-session-list.json') },
      action: {
        kind: 'list',
        collection: 'sessions',
        where: (input) => ok([
          ...equalIfGiven('profile_id', input.query['profile_id']),
          ...equalIfGiven('uid', input.query['uid']),
          ...equalIfGiven('workflow_id', input.query['workflow_id']),
          ...equalIfGiven('requester_id', input.query['requester_id']),
          ...equalIfGiven('status', input.query['status'] === undefined ? undefined : statusFromFilter(text(input.query['status']))),
        ]),
        orderBy: (input) => orderFromParameter(input.query['order'] === undefined ? undefined : text(input.query['order']), ORDERABLE, [{ field: 'id', dir: 'asc' }]),
        pagination: offsetWithMetadata({ items: 'workflow_sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' }),
      },
    },
    {
      id: 'createWorkflowSession',
      method: 'POST',
      path: SESSIONS,
      summary: 'Create a workflow session (wrapped body); 200 with the wrapped session; ?run=true starts it (vendor-facts 000).',
      request: { query: schemaId('parameters.json#/$defs/RunQuery'), body: schemaId('parameters.json#/$defs/CreateBody') },
      invalidBodyMessage: 'The workflow session failed to create',
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: {
        kind: 'create',
        collection: 'sessions',
        build(input, ctx) {
          const fields = sessionFields(input);
          const id = ctx.ids.uuid();
          const data: JsonObject = {
            id,
            uid: ctx.ids.hex(32),
            workflow_id: fields['workflow_id'] ?? null,
            requester_id: fields['requester_id'] ?? null,
            requester_type: fields['requester_type'] ?? null,
            profile_id: fields['profile_id'] ?? null,
            profile_ids: fields['profile_ids'] ?? [],
            status: 'new',
            attributes: fields['attributes'] ?? {},
            created_at: ctx.now,
            updated_at: ctx.now,
          };
          return ok({ id, ...runIfAsked({ data, meta: {} }, input, ctx) });
        },
        reply: (record) => ({ status: 200, body: wrapped(record) }),
      },
    },
    {
      id: 'getWorkflowSession',
      method: 'GET',
      path: `${SESSIONS}/{id}`,
      summary: 'Get one workflow session, wrapped (vendor-facts 000).',
      request: { params: schemaId('parameters.json#/$defs/IdPath') },
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: { kind: 'get', ...sessionOf, view: wrapped },
    },
    {
      id: 'updateWorkflowSession',
      method: 'PATCH',
      path: `${SESSIONS}/{id}`,
      summary: 'Update a session: fields, attributes (merged) and status along the session machine; ?run=true (vendor-facts 000).',
      request: { params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/RunQuery'), body: schemaId('parameters.json#/$defs/UpdateBody') },
      invalidBodyMessage: 'The workflow session failed to update',
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: {
        kind: 'update',
        ...sessionOf,
        apply(record, input, ctx) {
          const { status, attributes, ...fields } = sessionFields(input);
          let next: Replacement = {
            data: { ...record.data, ...fields, attributes: { ...objectOr(record.data['attributes']), ...objectOr(attributes) }, updated_at: ctx.now },
            meta: record.meta,
          };
          if (typeof status === 'string' && status !== record.data['status']) {
            const moved = moveRecord(sessionMachine, next, status, ctx.now);
            if (!moved.ok) {
              const message = `cannot change from ${moved.error.from} to ${status}`;
              return fail(mockError('illegalTransition', 'The workflow session failed to update', { fields: { status: [message] } }));
            }
            next = moved.value;
          }
          return ok(runIfAsked(next, input, ctx));
        },
        reply: (record) => ({ status: 200, body: wrapped(record) }),
      },
    },
  ],
};
