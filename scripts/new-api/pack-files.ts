import { quote, type PackNames } from './names.ts';
import type { SkeletonFile } from './schema-files.ts';

// The skeleton's pack, `mocks/<id>/`: declarations and small pure functions over a `runs` collection (list, get,
// start, cancel), its seed on the shared timeline, its state machine and lifecycle, and its console view. The text is
// written as Biome formats it; contract-tests/infra/new-api.test.ts compiles, lints and runs what it makes.

export function packFiles(names: PackNames): SkeletonFile[] {
  const dir = `mocks/${names.id}`;
  return [
    { path: `${dir}/index.ts`, text: indexFile(names) },
    { path: `${dir}/schema-ids.ts`, text: schemaIdsFile(names) },
    { path: `${dir}/machine.ts`, text: MACHINE },
    { path: `${dir}/machine.test.ts`, text: MACHINE_TEST },
    { path: `${dir}/lifecycle.ts`, text: lifecycleFile(names) },
    { path: `${dir}/seed.ts`, text: seedFile(names) },
    { path: `${dir}/console.ts`, text: consoleFile(names) },
  ];
}

function indexFile({ id, pascal, title, vendorBaseUrl }: PackNames): string {
  return `import { mockError } from '../../src/core/errors.ts';
import { ok } from '../../src/core/result.ts';
import { equalIfGiven } from '../../src/engine/helpers.ts';
import type { ApiPack, RecordTarget } from '../../src/engine/pack.ts';
import { type Reads, typedOperations } from '../../src/engine/typed-input.ts';
import { offsetEnvelope } from '../../src/pagination/dialects.ts';
import { console${pascal} } from './console.ts';
import type { Inputs } from './inputs.generated.ts';
import { runProgress } from './lifecycle.ts';
import { runMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seed${pascal} } from './seed.ts';

// The ${id} pack, skeleton from npm run new-api: declarations only (no request handling; if the vendor needs a
// behaviour the engine lacks, the engine grows it). Replace the paths, schemas and rules with the vendor's, following
// the checklist in docs/architecture.md ("Adding an API pack"); choices the documents leave open go in
// schemas/${id}/PROVENANCE.md.

const RUNS = '/api/runs';
const operation = typedOperations<Inputs>();

/** The run a path names, or the vendor's 404. */
const runOf: RecordTarget<Reads<{ params: Inputs['getRun']['params'] }>> = {
  collection: 'runs',
  id: (input) => input.params.id,
  notFound: (input) => mockError('notFound', \`Run \${input.params.id} not found.\`),
};

export const pack${pascal}: ApiPack = {
  id: ${quote(id)},
  title: ${quote(title)},
  vendorBaseUrl: ${quote(vendorBaseUrl)},
  media: { accepts: ['json'], produces: ['json'] },
  // How the vendor writes times: 'seconds' for whole seconds. Every time the engine writes for this pack follows it.
  timePrecision: 'milliseconds',
  auth: { kind: 'authorization', schemes: [/^Bearer\\s+(\\S.*)$/i], message: 'A valid Bearer token is required.' },
  errors: {
    schema: schemaId('error.json'),
    messages: {
      routeNotFound: 'Not found.',
      methodNotAllowed: 'Method {method} is not allowed on this resource.',
      malformedBody: 'The request body is not valid JSON.',
      payloadTooLarge: 'The request body is too large.',
      internal: 'Internal server error.',
    },
    render: (error) => ({ status: error.status, message: error.message }),
  },
  seed: seed${pascal},
  lifecycle: {
    machine: runMachine,
    progress: runProgress,
    ordered: [
      ['created_at', 'started_at'],
      ['started_at', 'finished_at'],
      ['created_at', 'finished_at'],
    ],
    terminalOnly: ['finished_at'],
  },
  collections: { runs: { schema: schemaId('run.json') } },
  console: console${pascal},
  operations: [
    operation({
      id: 'listRuns',
      method: 'GET',
      path: RUNS,
      summary: 'Runs, newest first, paged by offset and limit, filtered by status.',
      request: { query: schemaId('parameters.json#/$defs/ListQuery') },
      responses: { 200: schemaId('run-list.json') },
      action: {
        kind: 'list',
        collection: 'runs',
        where: (input) => ok(equalIfGiven('status', input.query.status)),
        orderBy: () => ok([{ field: 'created_at', dir: 'desc', as: 'time' }]),
        pagination: offsetEnvelope({ offset: 'offset', pageSize: 'limit', total: 'total', items: 'runs', defaultLimit: 25 }),
      },
    }),
    operation({
      id: 'getRun',
      method: 'GET',
      path: \`\${RUNS}/{id}\`,
      summary: 'One run.',
      request: { params: schemaId('parameters.json#/$defs/IdPath') },
      responses: { 200: schemaId('run.json') },
      action: { kind: 'get', ...runOf },
    }),
    operation({
      id: 'startRun',
      method: 'POST',
      path: RUNS,
      summary: 'Start a run: 201 with the run, queued, and its Location.',
      request: { body: schemaId('parameters.json#/$defs/StartBody') },
      responses: { 201: schemaId('run.json') },
      responseHeaders: { 201: ['location'] },
      action: {
        kind: 'create',
        collection: 'runs',
        build: (input, ctx) => {
          const runId = ctx.ids.uuid();
          return ok({ id: runId, data: { id: runId, name: input.body.name ?? 'Run', status: 'queued', created_at: ctx.now } });
        },
        reply: (record, input) => ({ status: 201, body: record.data, headers: { location: \`\${input.base}\${RUNS}/\${record.id}\` } }),
      },
    }),
    operation({
      id: 'cancelRun',
      method: 'POST',
      path: \`\${RUNS}/{id}/cancel\`,
      summary: 'Cancel a queued or running run: 200 with the run, canceled; a run that has ended is 409.',
      request: { params: schemaId('parameters.json#/$defs/IdPath') },
      responses: { 200: schemaId('run.json') },
      action: {
        kind: 'transition',
        ...runOf,
        machine: runMachine,
        command: () => 'cancel',
        refuse: (refusal, record) => mockError('illegalTransition', \`Run \${record.id} cannot be canceled: it is \${refusal.from}.\`),
        reply: (record) => ({ status: 200, body: record.data }),
      },
    }),
  ],
};
`;
}

function schemaIdsFile({ id }: PackNames): string {
  return `/** \`$id\` of one of this pack's schema files (optionally with a \`#/$defs/...\` fragment). */
export const schemaId = (name: string): string => \`https://workflow-mocks.local/schemas/${id}/\${name}\`;
`;
}

const MACHINE = `import type { StateMachine } from '../../src/state/machine.ts';

/** The states a run ends in. */
export const ENDED = ['succeeded', 'failed', 'canceled'];

/**
 * A run's states and the commands that move them (skeleton from npm run new-api: replace with the vendor's, naming
 * where each rule comes from). A queued or running run can be canceled. Nothing leaves an end state unless a command
 * declares \`reopens\` (a rerun of a finished run). Entering a state stamps its time field.
 */
export const runMachine: StateMachine = {
  field: 'status',
  states: ['queued', 'running', 'succeeded', 'failed', 'canceled'],
  terminal: ENDED,
  commands: { cancel: { from: ['queued', 'running'], to: 'canceled' } },
  stampOnEnter: { running: ['started_at'], succeeded: ['finished_at'], failed: ['finished_at'], canceled: ['finished_at'] },
};
`;

const MACHINE_TEST = `import { describe, expect, it } from 'vitest';
import { machineProblems } from '../../src/state/machine.ts';
import { runMachine } from './machine.ts';

describe('the run machine', () => {
  it('names only its own states and leaves no end state without declaring reopens', () => {
    expect(machineProblems(runMachine)).toEqual([]);
  });
});
`;

function lifecycleFile({ id }: PackNames): string {
  return `import type { Progress } from '../../src/lifecycle/progress.ts';
import examples from '../../fixtures/${id}/examples.json' with { type: 'json' };

/**
 * How runs move by themselves on the mock clock: a queued run starts after a minute or two, a running one ends after
 * minutes, mostly succeeding (skeleton from npm run new-api: the vendor's own timings and outcomes). The document's
 * example run keeps its state.
 */
export const runProgress: Progress = {
  collection: 'runs',
  states: {
    queued: { afterMs: [60_000, 120_000], next: [{ to: 'running', weight: 1 }] },
    running: {
      afterMs: [120_000, 600_000],
      next: [
        { to: 'succeeded', weight: 85 },
        { to: 'failed', weight: 15 },
      ],
    },
  },
  fixed: [examples.run.id],
};
`;
}

function seedFile({ id, pascal }: PackNames): string {
  return `import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import { intIn, type KeyRandom, pick, uuidFrom, weightedPick } from '../../src/generation/key-stream.ts';
import { activeShareOf, placeByIndex, seededEnd, statusWeightsByBand, timelineBands } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue, SeedData } from '../../src/store/store.ts';
import examples from '../../fixtures/${id}/examples.json' with { type: 'json' };
import settings from '../../fixtures/${id}/generation.json' with { type: 'json' };
import { ENDED } from './machine.ts';

const MINUTE = 60_000;
/** What lists filter and sort on (listRuns: \`status\`, newest \`created_at\` first), and the lifecycle's state. */
const FIELDS = ['status', 'created_at'] as const;
const STATUSES_BY_BAND = statusWeightsByBand(settings.statusWeights, (status) => !ENDED.includes(status));

/**
 * The seed: the document's example run verbatim, with its own dates, then generated runs placed before the anchor
 * (fixtures/${id}/generation.json): finished ones over the weeks before it, active ones minutes to hours old, some
 * created within the last hour. Generated record by record (decision 006): run \`i\` comes from its own key stream
 * alone, so its keys cost nothing to keep and the whole run is made again when a page shows it. The same seed and
 * anchor give the same bytes.
 */
export function seed${pascal}(ctx: SeedContext): SeedData {
  const count = ctx.records ?? settings.runs;
  const place = placeByIndex(ctx.anchor, timelineBands(settings.timeline, activeShareOf(STATUSES_BY_BAND)));
  const [shortest = 1, longest = 60] = settings.durationMinutes;
  const example = examples.run as unknown as JsonObject;

  /** Generated run \`i\` (1 and up), every value drawn from its key stream in one fixed order. */
  const runAt = (i: number, random: KeyRandom): JsonObject => {
    const { at: created, band } = place(i - 1, count, random);
    const status = weightedPick(random, STATUSES_BY_BAND[band]);
    const started = Math.min(ctx.anchor, created + intIn(random, 1_000, 30_000));
    const data: JsonObject = { id: uuidFrom(random), name: pick(random, settings.names), status, created_at: ctx.iso(created) };
    if (status !== 'queued') data['started_at'] = ctx.iso(started);
    const duration = intIn(random, shortest * MINUTE, longest * MINUTE);
    if (ENDED.includes(status)) data['finished_at'] = ctx.iso(seededEnd(started, duration, ctx.anchor));
    return data;
  };
  const dataAt = (i: number): JsonObject => (i === 0 ? example : runAt(i, ctx.keyRandom('runs', i)));

  const runs: GeneratedCollection = {
    kind: 'generated',
    count: 1 + count,
    fields: FIELDS,
    keys(i) {
      const data = dataAt(i);
      return { id: String(data['id']), values: FIELDS.map((field) => (data[field] ?? null) as KeyValue) };
    },
    record(i) {
      const data = dataAt(i);
      return { id: String(data['id']), data };
    },
  };
  return { runs };
}
`;
}

function consoleFile({ pascal }: PackNames): string {
  return `import type { ConsoleView } from '../../src/engine/pack.ts';

/** How the QA console lists, shows, starts and moves this API's runs: data only, the console itself is generic. */
export const console${pascal}: ConsoleView = {
  noun: 'run',
  collection: 'runs',
  headers: { authorization: 'Bearer console' },
  list: { operation: 'listRuns', filters: ['status'] },
  fields: { id: 'id', status: 'status', title: 'name', since: ['finished_at', 'started_at', 'created_at'] },
  detail: { operation: 'getRun', params: { id: { field: 'id' } } },
  // One endpoint per command (POST .../runs/{id}/cancel, no body).
  commands: { kind: 'machine', calls: { cancel: { operation: 'cancelRun', params: { id: { field: 'id' } } } } },
  create: { operation: 'startRun', example: () => ({ name: 'Nightly export' }) },
};
`;
}
