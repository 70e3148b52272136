import type { JsonObject } from '../../src/core/json.ts';
import type { PackNames } from './names.ts';

// The skeleton's data files: JSON Schemas (the single source of truth for requests, responses and generated data),
// PROVENANCE.md, and the fixtures (the documents' examples, the generation settings on the shared timeline). Every
// description says what to replace it with: the vendor document and section each field comes from.

export interface SkeletonFile {
  /** Below the project root. */
  readonly path: string;
  readonly text: string;
}

export const RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'canceled'];
/** The document's example run (placeholder values until the vendor's own example replaces them). */
export const EXAMPLE_RUN = {
  id: '3f0c2a9e-6b1d-4c57-9e8a-1d2b3c4d5e6f',
  name: 'Nightly export',
  status: 'succeeded',
  created_at: '2026-01-15T09:12:44.512Z',
  started_at: '2026-01-15T09:13:02.104Z',
  finished_at: '2026-01-15T09:20:37.930Z',
};

const json = (value: JsonObject): string => `${JSON.stringify(value, null, 2)}\n`;
const TODO = 'Skeleton from npm run new-api:';

export function schemaFiles(names: PackNames): SkeletonFile[] {
  const id = (file: string) => `https://workflow-mocks.local/schemas/${names.id}/${file}`;
  const stamp = (what: string) => ({ type: 'string', format: 'date-time', description: `${what} (${TODO} name the vendor document and section).` });
  const run = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id('run.json'),
    title: `${names.title}: one run`,
    description: `One run as the vendor returns it. ${TODO} replace the fields with the vendor's own, each naming the document and section it comes from; closed (additionalProperties false) and with no null unless the vendor shows one, so the mock's self-check catches any response the vendor's schema would refuse (PROVENANCE.md).`,
    type: 'object',
    required: ['id', 'name', 'status', 'created_at'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', format: 'uuid', description: `The run's id (${TODO} name the vendor document and section).` },
      name: { type: 'string', minLength: 1, maxLength: 200, description: `What the run is of (${TODO} name the vendor document and section).` },
      status: { type: 'string', enum: RUN_STATES, description: `Where the run is (mocks/${names.id}/machine.ts moves it; ${TODO} the vendor's states).` },
      created_at: stamp('When the run was created'),
      started_at: stamp('When the run started; absent while it is queued'),
      finished_at: stamp('When the run ended; present exactly in an end state'),
    },
  };
  const list = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id('run-list.json'),
    title: `${names.title}: a page of runs`,
    description: `The list's reply, as the pack's pagination dialect writes it (offsetEnvelope: {offset, limit, total, runs}). ${TODO} the vendor's list envelope.`,
    type: 'object',
    required: ['offset', 'limit', 'total', 'runs'],
    additionalProperties: false,
    properties: {
      offset: { type: 'integer', minimum: 0, description: 'Where the page starts.' },
      limit: { type: 'integer', minimum: 1, description: 'The page size asked for.' },
      total: { type: 'integer', minimum: 0, description: 'Every run matching the filters.' },
      runs: { type: 'array', items: { $ref: 'run.json' }, description: "The page's runs, newest first." },
    },
  };
  const error = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id('error.json'),
    title: `${names.title}: error`,
    description: `Every error the mock answers, in the vendor's envelope. ${TODO} the vendor's error body and the statuses it documents.`,
    type: 'object',
    required: ['status', 'message'],
    additionalProperties: false,
    properties: {
      status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status.' },
      message: { type: 'string', minLength: 1, description: 'What went wrong.' },
    },
  };
  const parameters = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id('parameters.json'),
    title: `${names.title}: request parameters`,
    description: `Request parameters, no stricter than the vendor's request schemas (and its own examples). ${TODO} the vendor's parameters, each naming where it comes from.`,
    $defs: {
      ListQuery: {
        type: 'object',
        properties: {
          offset: { type: 'integer', minimum: 0, default: 0, description: 'Runs to skip.' },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 25, description: 'Runs per page.' },
          status: { type: 'string', enum: RUN_STATES, description: 'Only runs in this state.' },
        },
      },
      IdPath: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', minLength: 1, description: "The run's id; one no run has is a 404." } },
      },
      StartBody: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 200, description: 'What the run is of.' } },
      },
    },
  };
  return [
    { path: `schemas/${names.id}/run.json`, text: json(run) },
    { path: `schemas/${names.id}/run-list.json`, text: json(list) },
    { path: `schemas/${names.id}/error.json`, text: json(error) },
    { path: `schemas/${names.id}/parameters.json`, text: json(parameters) },
    { path: `schemas/${names.id}/PROVENANCE.md`, text: provenance(names) },
  ];
}

export function fixtureFiles(names: PackNames): SkeletonFile[] {
  const examples = {
    $comment: `The vendor documents' own examples, verbatim: the seed serves them as they are, with their own dates. ${TODO} replace the run with the document's example and name its source.`,
    source: names.vendorBaseUrl,
    run: EXAMPLE_RUN,
  };
  const generation = {
    $comment: `Settings for the seeded data (mocks/${names.id}/seed.ts). Same --seed and anchor (the clock's start), same bytes. Generated runs end at the anchor (src/generation/timeline.ts): finished ones over \`timeline.days\` before it, active ones (queued, running) up to \`activeHours\` before it, \`recentShare\` of all within its last hour. The example run keeps its own date.`,
    timeline: { days: 28, activeHours: 6, recentShare: 0.1 },
    runs: 120,
    statusWeights: { succeeded: 58, failed: 12, canceled: 8, running: 14, queued: 8 },
    durationMinutes: [2, 90],
    names: ['Nightly export', 'Customer sync', 'Invoice batch', 'Data cleanup', 'Weekly report'],
  };
  return [
    { path: `fixtures/${names.id}/examples.json`, text: json(examples) },
    { path: `fixtures/${names.id}/generation.json`, text: json(generation) },
  ];
}

function provenance(names: PackNames): string {
  return `# ${names.title} — where each schema comes from

${TODO} fill this in before the schemas are trusted. The vendor's documents are the judge (issue 15): every request
their request schemas allow is accepted, every response validates against their response schemas, and every field,
enum and bound in \`schemas/${names.id}/\` names its source in its \`description\` (or \`$comment\`).

Sources, in order of authority:

1. The vendor's OpenAPI document (where it is kept below the vendor folder, its version, the operations used).
2. Its reference pages and examples.

| Schema | Source |
| --- | --- |
| \`run.json\` | the vendor's run representation |
| \`run-list.json\` | the vendor's list envelope and its paging |
| \`error.json\` | the vendor's error body and the statuses it documents |
| \`parameters.json\` | the parameters and request bodies of each operation |

## Choices where the documents are silent

- A rule stricter than the vendor's document (a state machine refusing a move) needs the vendor's evidence, written
  here and as \`x-evidence\` on the schema.
- Absent values are left out unless the vendor shows null.
`;
}
