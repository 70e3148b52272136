import { mockError } from '../../src/core/errors.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { fail, ok } from '../../src/core/result.ts';
import { text } from '../../src/engine/helpers.ts';
import type { ApiPack, OperationInput, ParentLookup, RecordTarget } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { withMove } from '../../src/state/history.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import type { Inputs } from './inputs.generated.ts';
import { actionTree, asRecord, asWorkflow, offeredActions, platform, successMessage, takeAction } from './model.ts';
import { schemaId } from './schema-ids.ts';
import { recordKey, seedLongjump } from './seed.ts';
import { consoleLongjump } from './console.ts';
import { providerStatesLongjump } from './provider-states.ts';

// LongJump / AgileApps REST workflow resources (seed 004, vendor-facts 004). XML first; the same trees as JSON.

const REST = '/networking/rest';
const SESSION_COOKIE = 'JSESSIONID';

const operation = typedOperations<Inputs>();
type RecordPath = Inputs['workflowOwners']['params'];

const workflowOf: ParentLookup<Reads<{ params: RecordPath }>> = {
  name: 'workflow',
  collection: 'workflows',
  id: (input) => input.params.objectName,
  notFound: (input) => mockError('notFound', `Invalid object name: ${input.params.objectName}`),
};

const actingUser: ParentLookup<Reads<Record<never, never>>> = {
  name: 'user',
  collection: 'users',
  id: (input) => input.caller.principal ?? '',
  notFound: () => mockError('unauthenticated', 'User not logged in'),
};

const recordOf: RecordTarget<Reads<{ params: RecordPath }>> = {
  collection: 'records',
  id: (input) => recordKey(input.params.objectName, input.params.recordId),
  notFound: (input) => mockError('notFound', `Invalid record id: ${input.params.recordId}`),
};

const workflowIn = (input: Pick<OperationInput, 'parents'>) => asWorkflow(input.parents['workflow']?.data ?? {});

function actionsView(record: StoredRecord, input: Pick<OperationInput, 'parents' | 'caller'>) {
  const data = asRecord(record.data);
  const offered = offeredActions(workflowIn(input), data, input.caller.principal);
  const body: JsonObject = {};
  if (offered.length > 0) body['workflowAction'] = offered.map((o) => actionTree(o, data));
  body['message'] = successMessage();
  body['recordCount'] = String(offered.length);
  return platform(body);
}

export const packLongjump: ApiPack = {
  console: consoleLongjump,
  providerStates: providerStatesLongjump,
  id: 'longjump',
  title: 'LongJump workflow record states',
  vendorBaseUrl: 'https://na.longjump.com',
  media: {
    accepts: ['xml', 'json'],
    produces: ['xml', 'json'],
    contentTypes: ['application/xml', 'application/json'],
    formatParameter: 'alt',
    // The elements the seed's replies repeat (seed 004): a list of one is still a list.
    xmlArrays: ['workflowAction', 'owners', 'additionalUserToNotify'],
  },
  // The seed's dates are whole seconds (seed 004: `2010-11-12T13:14:15Z`).
  timePrecision: 'seconds',
  auth: { kind: 'session', cookies: [SESSION_COOKIE, 'sessionId'], collection: 'sessions', message: 'User not logged in' },
  errors: {
    schema: schemaId('Error'),
    // vendor-facts 004 documents HTTP 200, 201, 400, 404, 405 and 415 only; other failures use 400.
    status: { unauthenticated: 400, forbidden: 400, illegalTransition: 400, conflict: 400, payloadTooLarge: 400, rateLimited: 400, notAcceptable: 400 },
    codes: {
      unauthenticated: -101,
      forbidden: -850,
      notFound: -200,
      routeNotFound: -300,
      illegalTransition: -300,
      invalidRequest: -1,
      malformedBody: -1,
      methodNotAllowed: -1,
      unsupportedMediaType: -1,
      payloadTooLarge: -1,
      conflict: -1,
      rateLimited: -1,
      notAcceptable: -1,
      internal: -1,
    },
    messages: {
      routeNotFound: 'Resource does not exist',
      methodNotAllowed: 'Method {method} is not allowed on this resource',
      unsupportedMediaType: 'Content-Type must be application/xml or application/json',
      malformedBody: 'The request body is not well-formed XML or JSON',
      payloadTooLarge: 'The request body is larger than 1 MiB',
      internal: 'Internal error',
    },
    render: (error) => platform({ message: { code: String(error.code ?? -1), description: error.message } }),
  },
  seed: seedLongjump,
  // What fixtures and Pact provider states may load (checked against the mock's own stored forms).
  collections: { records: { schema: schemaId('StoredRecord') }, sessions: { schema: schemaId('Session') } },
  operations: [
    operation({
      id: 'login',
      method: 'POST',
      path: `${REST}/login`,
      summary: 'Log in with userName and password (XML or JSON); returns sessionId and sets the session cookie (vendor-facts 004).',
      public: true,
      request: { body: schemaId('LoginBody') },
      responses: { 200: schemaId('LoginResponse') },
      responseHeaders: { 200: ['set-cookie'] },
      requires: [
        {
          name: 'login',
          collection: 'logins',
          id: (input) => input.body.platform.login.userName,
          notFound: () => mockError('unauthenticated', 'Invalid user name or password'),
        },
      ],
      action: {
        kind: 'create',
        collection: 'sessions',
        build(input, ctx) {
          const login = input.parents['login']?.data ?? {};
          if (login['password'] !== input.body.platform.login.password) return fail(mockError('unauthenticated', 'Invalid user name or password'));
          const sessionId = ctx.ids.hex(32);
          return ok({ id: sessionId, data: { sessionId, userId: login['userId'] ?? '', userName: login['userName'] ?? '', createdAt: ctx.now } });
        },
        reply: (record) => ({
          status: 200,
          headers: { 'set-cookie': `${SESSION_COOKIE}=${record.id}; Path=/; HttpOnly; SameSite=Lax` },
          body: platform({
            login: { userId: text(record.data['userId']), userName: text(record.data['userName']), sessionId: record.id },
            message: successMessage(),
          }),
        }),
      },
    }),
    operation({
      id: 'workflowOwners',
      method: 'GET',
      path: `${REST}/record/{objectName}/{recordId}/workflowOwners`,
      summary: "Identify the record's current workflow owners (seed 004).",
      request: { params: schemaId('RecordPath') },
      responses: { 200: schemaId('WorkflowOwners') },
      requires: [workflowOf],
      action: {
        kind: 'get',
        ...recordOf,
        view: (record) => {
          const owners = asRecord(record.data).owners.map((owner) => ({ id: owner.id, fullname: owner.fullname }));
          // An empty element is '' in the tree: XML cannot tell an empty list from an empty element.
          return platform({ record: { availableWFOwners: owners.length > 0 ? { owners } : '' }, message: successMessage() });
        },
      },
    }),
    operation({
      id: 'listAvailableActions',
      method: 'GET',
      path: `${REST}/workflowAction/record/{objectName}/{recordId}`,
      summary: "The actions of the record's current state with `available`, by the seed's same-name rules, then recordCount (seed 004).",
      request: { params: schemaId('RecordPath') },
      responses: { 200: schemaId('WorkflowActions') },
      requires: [workflowOf],
      action: { kind: 'get', ...recordOf, view: actionsView },
    }),
    operation({
      id: 'changeWorkflowState',
      method: 'POST',
      path: `${REST}/record/{objectName}/{recordId}/operation/changeWorkflowState`,
      summary: 'Take an available action as an owner: the record moves to the next state and its owners change (seed 004).',
      request: { params: schemaId('RecordPath'), body: schemaId('ChangeStateBody') },
      responses: { 200: schemaId('MessageOnly') },
      requires: [workflowOf, actingUser],
      action: {
        kind: 'update',
        ...recordOf,
        apply(record, input, ctx) {
          const workflow = workflowIn(input);
          const change = input.body.platform.workflowChangeState;
          const named = change.workflowIdOrName;
          if (named !== workflow.id && named !== workflow.name) {
            return fail(mockError('notFound', `Invalid workflow id or name: ${named}`));
          }
          const data = asRecord(record.data);
          const actionName = change.actionName;
          const choice = change.userChoiceOwner;
          const taken = takeAction(workflow, data, input.caller.principal, actionName, choice || undefined);
          if (!taken.ok) {
            if (taken.reason === 'notOwner')
              return fail(mockError('forbidden', 'Insufficient permission: only a workflow owner of the record may change its state'));
            if (taken.reason === 'unknownOwnerChoice')
              return fail(mockError('notFound', `Invalid userChoiceOwner: ${choice ?? ''} is not a decision-maker of the next state`));
            return fail(mockError('illegalTransition', `Action ${actionName} is not available from the record's current state`));
          }
          const user = input.parents['user']?.data ?? {};
          const modifiedBy = { id: text(user['id']), displayValue: text(user['displayValue']) };
          const comment = change.comment ?? '';
          return ok({
            data: {
              ...record.data,
              currentStateId: taken.next.id,
              owners: taken.owners.map((p) => ({ ...p })),
              date_modified: ctx.now,
              modified_id: modifiedBy,
            },
            meta: withMove(record.meta, {
              from: data.currentStateId,
              to: taken.next.id,
              command: taken.action.name,
              who: modifiedBy.id,
              ...(comment ? { comment } : {}),
              at: ctx.now,
            }),
          });
        },
        reply: () => ({ status: 200, body: platform({ message: successMessage() }) }),
      },
    }),
  ],
};
