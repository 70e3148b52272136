import { mockError } from '../../src/core/errors.ts';
import { ok } from '../../src/core/result.ts';
import { allConditions, equalIfGiven, principalId, text, timeBound } from '../../src/engine/helpers.ts';
import type { ApiPack, OperationInput, RecordTarget } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { cursorToken } from '../../src/pagination/dialects.ts';
import type { Condition } from '../../src/store/query.ts';
import type { StoredRecord } from '../../src/store/store.ts';
import type { Inputs } from './inputs.generated.ts';
import { runProgress } from './lifecycle.ts';
import { listView, overviewView, runMachine, stateFilter } from './runs.ts';
import { schemaId } from './schema-ids.ts';
import { startedRun } from './run-parts.ts';
import { seedAmperity } from './seed.ts';
import { consoleAmperity } from './console.ts';
import { providerStatesAmperity } from './provider-states.ts';

// Amperity workflow runs, API version 2024-04-01 (the vendor's OpenAPI document, control-plane-2024-04-01: paths
// /workflow/runs...; its reference pages; seed 003). Choices: schemas/amperity/PROVENANCE.md.

const RUNS = '/api/workflow/runs';
const TENANT_HEADER = 'amperity-tenant';

const operation = typedOperations<Inputs>();
/** Every operation's headers: the tenant, and the API version. */
type Tenanted = Reads<{ headers: Inputs['getWorkflowRun']['headers'] }>;

const tenantOf = (input: OperationInput<Tenanted>): string => input.headers[TENANT_HEADER];
const ownTenant = (input: OperationInput<Tenanted>): Condition[] => [{ field: 'tenant', op: 'eq', value: tenantOf(input) }];

const runOf: RecordTarget<Tenanted & Reads<{ params: Inputs['getWorkflowRun']['params'] }>> = {
  collection: 'runs',
  id: (input) => input.params.id,
  scope: ownTenant,
  notFound: (input) => mockError('notFound', `Workflow run ${input.params.id} not found.`),
};

const headers = schemaId('parameters.json#/$defs/Headers');

export const packAmperity: ApiPack = {
  console: consoleAmperity,
  providerStates: providerStatesAmperity,
  id: 'amperity',
  title: 'Amperity workflow runs',
  vendorBaseUrl: 'https://{tenant-id}.amperity.com',
  // The start page's curl examples send JSON with `--data` and no Content-Type: curl labels it a form (PROVENANCE.md).
  media: { accepts: ['json'], produces: ['json'], readAnyway: ['application/x-www-form-urlencoded'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S.*)$/i], message: 'Unauthorized: a valid Bearer token is required.' },
  // seed 003: at most 10 requests per second; a token bucket per tenant.
  rateLimit: {
    perSecond: 10,
    capacity: 10,
    key: (requestHeaders) => requestHeaders[TENANT_HEADER] ?? '',
    message: 'Too many requests: the Amperity API allows 10 requests per second.',
  },
  guard: (input) =>
    input.headers['api-version'] === undefined && input.query['api_version'] === undefined
      ? mockError('invalidRequest', 'An API version is required: send the api-version header or the api_version parameter (2024-04-01).')
      : undefined,
  errors: {
    schema: schemaId('error.json'),
    status: { illegalTransition: 409 },
    messages: {
      routeNotFound: 'Not found.',
      methodNotAllowed: 'Method {method} is not allowed on this resource.',
      malformedBody: 'The request body is not valid JSON.',
      payloadTooLarge: 'The request body is larger than 1 MiB.',
      internal: 'Internal server error.',
    },
    render: (error) => ({ status: error.status, message: error.message }),
  },
  seed: seedAmperity,
  lifecycle: {
    machine: runMachine,
    progress: runProgress,
    // States the real orchestrator reaches that the mock does not play: pausing, and stops it starts itself.
    automatic: [
      { from: 'running', to: 'paused' },
      { from: 'paused', to: 'running' },
      { from: 'running', to: 'stopping' },
      { from: 'running', to: 'canceling' },
    ],
    ordered: [['created_at', 'ended_at']],
    terminalOnly: ['ended_at'],
  },
  collections: { runs: { schema: schemaId('run.json#/$defs/Verbose') } },
  operations: [
    operation({
      id: 'listWorkflowRuns',
      method: 'GET',
      path: RUNS,
      summary: 'Runs of the tenant, newest first, with opaque next_token paging and filters (OpenAPI list-workflows).',
      request: { headers, query: schemaId('parameters.json#/$defs/ListQuery') },
      responses: { 200: schemaId('run-list.json') },
      action: {
        kind: 'list',
        collection: 'runs',
        where: (input) =>
          allConditions(
            ownTenant(input),
            stateFilter(input.query.state),
            equalIfGiven('type', input.query.type),
            timeBound('created_at', 'gte', input.query.created_from, 'created_from'),
            timeBound('created_at', 'lt', input.query.created_to, 'created_to'),
            timeBound('ended_at', 'gte', input.query.ended_from, 'ended_from'),
            timeBound('ended_at', 'lt', input.query.ended_to, 'ended_to'),
          ),
        orderBy: () => ok([{ field: 'created_at', dir: 'desc', as: 'time' }]),
        // The document bounds no limit: any integer is held within 1..1000 (PROVENANCE.md).
        pagination: cursorToken({ items: 'data', token: 'next_token', limit: 'limit', defaultLimit: 25, totalFlag: 'with_total', clamp: [1, 1000] }),
        view: (record) => listView(record.data),
      },
    }),
    operation({
      id: 'getWorkflowRun',
      method: 'GET',
      path: `${RUNS}/{id}`,
      summary: 'One run: view=overview (default) or verbose (OpenAPI get-workflow).',
      request: { headers, params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/GetQuery') },
      responses: { 200: schemaId('run.json#/$defs/View') },
      action: {
        kind: 'get',
        ...runOf,
        view: (record: StoredRecord, input) => (input.query.view === 'verbose' ? record.data : overviewView(record.data)),
      },
    }),
    operation({
      id: 'startWorkflowRun',
      method: 'POST',
      path: RUNS,
      summary: 'Start a run of a config: 201 with the run, state scheduled (OpenAPI run-workflow).',
      request: { headers, query: schemaId('parameters.json#/$defs/VersionQuery'), body: schemaId('parameters.json#/$defs/StartBody') },
      responses: { 201: schemaId('run.json#/$defs/Verbose') },
      action: {
        kind: 'create',
        collection: 'runs',
        build(input, ctx) {
          const body = input.body;
          const data = startedRun({
            configId: body.config_id,
            tenant: tenantOf(input),
            principalId: `api-key|${principalId(input.caller.credential).slice(0, 8)}`,
            now: ctx.now,
            digits: () => String(Math.floor(ctx.ids.next() * 100_000)).padStart(5, '0'),
            letters: (length) => ctx.ids.hex(length),
          });
          return ok({ id: text(data['id']), data, meta: { run_mode: body.run_mode ?? 'full', config_id: body.config_id } });
        },
        // The reference page's 201 example is the verbose representation (task_instances, versions, principal).
        reply: (record) => ({ status: 201, body: record.data }),
      },
    }),
    operation({
      id: 'stopWorkflowRun',
      method: 'POST',
      path: `${RUNS}/{id}/stop`,
      summary: 'Stop a run: 200 with the run canceled; a finished run is 409 (OpenAPI stop-workflow; info section Responses).',
      request: { headers, params: schemaId('parameters.json#/$defs/IdPath'), query: schemaId('parameters.json#/$defs/VersionQuery') },
      responses: { 200: schemaId('run.json#/$defs/Verbose') },
      action: {
        kind: 'transition',
        ...runOf,
        machine: runMachine,
        command: () => 'stop',
        refuse: (refusal, record) => mockError('illegalTransition', `Workflow run ${record.id} cannot be stopped: it is ${refusal.from}.`),
        // The reference page's 200 example carries task_instances: the verbose representation.
        reply: (record) => ({ status: 200, body: record.data }),
      },
    }),
  ],
};
