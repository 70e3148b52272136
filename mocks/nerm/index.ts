import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { equalIfGiven, text } from '../../src/engine/helpers.ts';
import { moveRecord } from '../../src/engine/moves.ts';
import { orderFromParameter } from '../../src/engine/order.ts';
import type { ActionContext, ApiPack, ParentLookup, RecordTarget, Replacement } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { offsetWithMetadata } from '../../src/pagination/dialects.ts';
import type { Comparison, SortKey } from '../../src/store/query.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import { attachmentId, DOWNLOAD_PATH, downloadHeaders, downloadUrl, linkProblem, readToken } from './attachments.ts';
import { consoleNerm } from './console.ts';
import { providerStatesNerm } from './provider-states.ts';
import type { Inputs } from './inputs.generated.ts';
import { sessionProgress } from './lifecycle.ts';
import { sessionMachine, statusFromFilter } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seedNerm } from './seed.ts';
import { askedStatus, changed, newSession, withFields } from './session.ts';

// SailPoint NERM workflow sessions (NERM OpenAPI document, seed 000, vendor-facts 000).

const SESSIONS = '/api/workflow_sessions';
const UPLOAD = `${SESSIONS}/{id}/upload/{attribute_id}`;

/** Top-level fields `order` may name (seed 000: not attributes); created_at/updated_at compare as times. */
export const ORDERABLE: Readonly<Record<string, Comparison>> = {
  id: 'text',
  uid: 'text',
  workflow_id: 'text',
  requester_id: 'text',
  requester_type: 'text',
  profile_id: 'text',
  status: 'text',
  created_at: 'time',
  updated_at: 'time',
};
const DEFAULT_ORDER: readonly SortKey[] = [{ field: 'id', dir: 'asc' }];

/**
 * The document lets `order` be any string: the keys the mock can sort by are used in turn, any other (an attribute,
 * an unknown field, a form it cannot read) is ignored, and with none left the documented default, id, applies.
 */
export function sessionOrder(value: string | undefined): SortKey[] {
  const keys = (value ?? '').split(',').flatMap((part) => {
    const read = orderFromParameter(part, ORDERABLE, []);
    return read.ok ? read.value : [];
  });
  return keys.length > 0 ? keys : [...DEFAULT_ORDER];
}

const operation = typedOperations<Inputs>();
type IdPath = Inputs['getWorkflowSession']['params'];

const sessionOf: RecordTarget<Reads<{ params: IdPath }>> = {
  collection: 'sessions',
  id: (input) => input.params.id,
  notFound: (input) => mockError('notFound', `Workflow session ${input.params.id} not found`),
};
const sessionExists: ParentLookup<Reads<{ params: IdPath }>> = { name: 'session', ...sessionOf };

const wrapped = (record: StoredRecord) => ({ workflow_session: record.data });

/** `?run=true`: a session still in `new` starts processing at once (NERM OpenAPI parameters.run). */
function runIfAsked(value: Replacement, run: boolean, ctx: ActionContext): Replacement {
  if (!run || value.data['status'] !== 'new') return value;
  const moved = moveRecord(sessionMachine, value, 'processing', ctx.now);
  return moved.ok ? { data: moved.value.data, meta: moved.value.meta } : value;
}

export const packNerm: ApiPack = {
  console: consoleNerm,
  providerStates: providerStatesNerm,
  id: 'nerm',
  title: 'SailPoint NERM workflow sessions',
  vendorBaseUrl: 'https://{tenant}.nonemployee.com',
  media: { accepts: ['json'], produces: ['json'] },
  auth: {
    kind: 'authorization',
    // Bearer tokens (SailPoint's Postman collection), and `Token token=<key>` (SecZetta's scripts, vendor-facts 000).
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
  collections: { sessions: { schema: schemaId('workflow-session.json') }, attachments: { schema: schemaId('attachment.json') } },
  operations: [
    operation({
      id: 'listWorkflowSessions',
      method: 'GET',
      path: SESSIONS,
      summary: 'Get workflow sessions: filters, order, limit/offset in both forms, metadata=true for _metadata (NERM OpenAPI getWorkflowSessions).',
      request: { query: schemaId('parameters.json#/$defs/ListQuery') },
      responses: { 200: schemaId('workflow-session-list.json') },
      action: {
        kind: 'list',
        collection: 'sessions',
        where: (input) =>
          ok([
            ...equalIfGiven('profile_id', input.query.profile_id),
            ...equalIfGiven('uid', input.query.uid),
            ...equalIfGiven('workflow_id', input.query.workflow_id),
            ...equalIfGiven('requester_id', input.query.requester_id),
            ...equalIfGiven('status', input.query.status === undefined ? undefined : statusFromFilter(input.query.status)),
          ]),
        orderBy: (input) => ok(sessionOrder(input.query.order)),
        pagination: offsetWithMetadata({ items: 'workflow_sessions', offset: 'offset', limit: 'limit', defaultLimit: 100, flag: 'metadata' }),
      },
    }),
    operation({
      id: 'createWorkflowSession',
      method: 'POST',
      path: SESSIONS,
      summary: 'Create a workflow session (wrapped body); 200 with the wrapped session; ?run=true starts it (NERM OpenAPI submitWorkflowSession).',
      request: { query: schemaId('parameters.json#/$defs/RunQuery'), body: schemaId('parameters.json#/$defs/CreateBody') },
      invalidBodyMessage: 'The workflow session failed to create',
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: {
        kind: 'create',
        collection: 'sessions',
        build(input, ctx) {
          const id = ctx.ids.uuid();
          const created = newSession(input.body.workflow_session, { id, uid: ctx.ids.hex(32) }, ctx.now);
          return ok({ id, ...runIfAsked(created, input.query.run, ctx) });
        },
        reply: (record) => ({ status: 200, body: wrapped(record) }),
      },
    }),
    operation({
      id: 'getWorkflowSession',
      method: 'GET',
      path: `${SESSIONS}/{id}`,
      summary: 'Find a workflow session by id, wrapped (NERM OpenAPI getWorkflowSession).',
      request: { params: schemaId('parameters.json#/$defs/IdPath') },
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: { kind: 'get', ...sessionOf, view: wrapped },
    }),
    operation({
      id: 'updateWorkflowSession',
      method: 'PATCH',
      path: `${SESSIONS}/{id}`,
      summary: 'Update a session: fields, attributes (merged), status (or status_uid) to any listed status; ?run=true (NERM OpenAPI patchWorkflowSession).',
      request: {
        params: schemaId('parameters.json#/$defs/IdPath'),
        query: schemaId('parameters.json#/$defs/RunQuery'),
        body: schemaId('parameters.json#/$defs/UpdateBody'),
      },
      invalidBodyMessage: 'The workflow session failed to update',
      responses: { 200: schemaId('workflow-session.json#/$defs/Wrapped') },
      action: {
        kind: 'update',
        ...sessionOf,
        apply(record, input, ctx) {
          const fields = input.body.workflow_session ?? {};
          const edited = withFields(record, fields);
          let next: Replacement = changed(record.data, edited.data)
            ? { data: { ...edited.data, updated_at: ctx.now }, meta: edited.meta }
            : { data: record.data, meta: edited.meta };
          const status = askedStatus(fields);
          if (status !== undefined && status !== record.data['status']) {
            const moved = moveRecord(sessionMachine, next, status, ctx.now);
            if (!moved.ok)
              return fail(
                mockError('illegalTransition', 'The workflow session failed to update', {
                  fields: { status: [`cannot change from ${moved.error.from} to ${status}`] },
                }),
              );
            next = { data: moved.value.data, meta: moved.value.meta };
          }
          return ok(runIfAsked(next, input.query.run, ctx));
        },
        reply: (record) => ({ status: 200, body: wrapped(record) }),
      },
    }),
    operation({
      id: 'getWorkflowSessionUpload',
      method: 'GET',
      path: UPLOAD,
      summary:
        "The URL of a session's attachment attribute value: {url}, downloadable without credentials for an hour (NERM OpenAPI getWorkflowSessionUpload).",
      request: { params: schemaId('parameters.json#/$defs/UploadPath') },
      requires: [sessionExists],
      responses: { 200: schemaId('attachment.json#/$defs/Url') },
      action: {
        kind: 'get',
        collection: 'attachments',
        id: (input) => attachmentId(input.params.id, input.params.attribute_id),
        notFound: (input) => mockError('notFound', `Workflow session ${input.params.id} has no attachment for attribute ${input.params.attribute_id}`),
        reply: (record, input, ctx) => ok({ status: 200, body: { url: downloadUrl(input, record.data, Date.parse(ctx.now)) } }),
      },
    }),
    operation({
      id: 'submitWorkflowSessionUpload',
      method: 'POST',
      path: UPLOAD,
      summary: "Upload a session's attachment attribute value as the multipart form field `file`; answers {url} (NERM OpenAPI submitWorkflowSessionUpload).",
      accepts: ['multipart'],
      request: { params: schemaId('parameters.json#/$defs/UploadPath'), body: schemaId('parameters.json#/$defs/UploadBody') },
      invalidBodyMessage: 'The workflow session failed to update',
      requires: [sessionExists],
      responses: { 200: schemaId('attachment.json#/$defs/Url') },
      action: {
        kind: 'create',
        collection: 'attachments',
        replace: true,
        build(input, ctx) {
          const { file } = input.body;
          const sessionId = input.params.id;
          const attributeId = input.params.attribute_id;
          const data: JsonObject = {
            session_id: sessionId,
            attribute_id: attributeId,
            filename: file.filename || 'file',
            content_type: file.contentType || 'application/octet-stream',
            size: file.size,
            content: file.content,
            uploaded_at: ctx.now,
            key: ctx.ids.hex(32),
          };
          return ok({ id: attachmentId(sessionId, attributeId), data });
        },
        reply: (record, input) => ({ status: 200, body: { url: downloadUrl(input, record.data, Date.parse(text(record.data['uploaded_at']))) } }),
      },
    }),
    operation({
      id: 'downloadWorkflowSessionAttachment',
      method: 'GET',
      path: DOWNLOAD_PATH,
      summary: "The mock's own download link behind an attachment URL: the file's bytes in its content type, no credentials needed while the link is valid.",
      public: true,
      mockOnly: true,
      sessionParam: 'session',
      request: { params: schemaId('parameters.json#/$defs/DownloadPath') },
      responses: { 200: null },
      action: {
        kind: 'get',
        collection: 'attachments',
        id: (input) => {
          const link = readToken(input.params.token);
          return link ? attachmentId(link.sessionId, link.attributeId) : '';
        },
        notFound: () => mockError('notFound', 'No such attachment: the link is not valid, or the attachment is gone'),
        reply(record, input, ctx) {
          const link = readToken(input.params.token);
          const problem = link ? linkProblem(link, record.data, input.session, Date.parse(ctx.now)) : 'forged';
          if (problem === 'expired') return fail(mockError('forbidden', 'The attachment link has expired; ask for its URL again'));
          if (problem === 'forged') return fail(mockError('forbidden', 'The attachment link is not valid'));
          const bytes = new Uint8Array(Buffer.from(text(record.data['content']), 'base64'));
          return ok({ status: 200, raw: { bytes, contentType: text(record.data['content_type']) }, headers: downloadHeaders(text(record.data['filename'])) });
        },
      },
    }),
  ],
};
