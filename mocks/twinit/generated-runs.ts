import type { Json, JsonObject } from '../../src/core/json.ts';
import type { RecordContext, SeedContext } from '../../src/engine/pack.ts';
import { charsFrom, chance, DIGITS, intIn, isoFast, type KeyRandom, pick, uuidFrom, weightedPick } from '../../src/generation/key-stream.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { activeShareOf, placeByIndex, seededEnd, statusWeightsByBand, timelineBands } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue } from '../../src/store/store.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };
import { tasksFollowing } from './machine.ts';

// Twinit's runs generated record by record (issue 17): index 0 is the seed's example run, then the first namespace's
// runs (`--records` of them), then the second namespace's; each namespace's runs in creation order.

const MINUTE = 60_000;
const ACTIVE = ['QUEUED', 'RUNNING', 'PAUSED'];

/** Twinit timestamps carry nanoseconds (seed 002): the millisecond instant plus six more digits. */
export function nanoTimestamp(ms: number, extraDigits: string): string {
  return `${isoFast(ms).slice(0, -1)}${extraDigits.length === 6 ? extraDigits : extraDigits.padEnd(6, '0').slice(0, 6)}Z`;
}

/** A definition runs are made from: its record's data, tasks and namespaces. */
export interface RunDefinition {
  readonly data: JsonObject;
  readonly tasks: readonly JsonObject[];
  readonly namespaces: readonly string[];
}

/** What the runs are made from: the definitions of each namespace, the users, how many runs each namespace has. */
export interface RunSources {
  readonly inFirst: readonly RunDefinition[];
  readonly inSecond: readonly RunDefinition[];
  readonly users: readonly string[];
  readonly first: number;
  readonly second: number;
}

/**
 * What lists filter and sort on (listWorkflows: visibility by `_namespaces`, `_name` and `_workflowDefId` partial,
 * `_status`, the `_createdAt` window, a JSON sort over WORKFLOW_SORTABLE; the lifecycle reads `_status`).
 */
export const RUN_FIELDS: readonly (keyof RunKeyData)[] = [
  '_id',
  '_workflowDefId',
  '_name',
  '_namespaces',
  '_userType',
  '_status',
  '_timeoutSeconds',
  '_timeoutPolicy',
  '_createdAt',
  '_updatedAt',
  '_createdBy',
  '_updatedBy',
];

/** A run's fields that lists read, as its keys give them. */
interface RunKeyData {
  readonly _id: string;
  readonly _workflowDefId: string;
  readonly _name: string;
  readonly _namespaces: readonly string[];
  readonly _userType: string;
  readonly _timeoutSeconds: number | null;
  readonly _timeoutPolicy: string | null;
  readonly _status: string;
  readonly _createdAt: string;
  readonly _updatedAt: string;
  readonly _createdBy: string;
  readonly _updatedBy: string;
}

interface RunKeys {
  readonly id: string;
  readonly definition: RunDefinition;
  readonly status: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly updatedBy: string;
}

const STATUSES_BY_BAND = statusWeightsByBand(settings.statusWeights, (status) => ACTIVE.includes(status));
const activeShare = activeShareOf(STATUSES_BY_BAND);

/** The generated runs of one seed, with the example run at index 0. */
export function twinitRuns(ctx: SeedContext, sources: RunSources): GeneratedCollection {
  const place = placeByIndex(ctx.anchor, timelineBands(settings.timeline, activeShare));
  const example = examples.getResponse as unknown as JsonObject;

  /** Index `i`'s keys, drawn from its key stream in one fixed order (keys and record both call this). */
  const keysOf = (i: number, random: KeyRandom): RunKeys => {
    const inFirst = i <= sources.first;
    const [position, count] = inFirst ? [i - 1, sources.first] : [i - 1 - sources.first, sources.second];
    const { at: created, band } = place(position, count, random);
    const status = weightedPick(random, STATUSES_BY_BAND[band]);
    const definition = pick(random, inFirst ? sources.inFirst : sources.inSecond);
    const id = uuidFrom(random);
    const createdAt = nanoTimestamp(created, charsFrom(random, 6, DIGITS));
    const updated = status === 'QUEUED' ? created : seededEnd(created, intIn(random, 200, 45 * MINUTE), ctx.anchor);
    const updatedAt = nanoTimestamp(updated, charsFrom(random, 6, DIGITS));
    const createdBy = pick(random, sources.users);
    const updatedBy = chance(random, 0.8) ? createdBy : pick(random, sources.users);
    return { id, definition, status, createdAt, updatedAt, createdBy, updatedBy };
  };

  return {
    kind: 'generated',
    count: 1 + sources.first + sources.second,
    fields: RUN_FIELDS,
    keys(i) {
      if (i === 0) return { id: String(example['_id']), values: RUN_FIELDS.map((field) => example[field] as KeyValue) };
      const keys = keysOf(i, ctx.keyRandom('workflows', i));
      const values = keyData(keys);
      return { id: keys.id, values: RUN_FIELDS.map((field) => values[field]) };
    },
    record(i) {
      if (i === 0) return { id: String(example['_id']), data: example };
      return ctx.forRecord('workflows', i, (rc) => generatedRun(rc, keysOf(i, rc.keyRandom)));
    },
  };
}

/** The run's fields that its keys give. */
function keyData(keys: RunKeys): RunKeyData {
  const definition = keys.definition.data;
  const timeoutSeconds = definition['_timeoutSeconds'];
  const timeoutPolicy = definition['_timeoutPolicy'];
  return {
    _id: keys.id,
    _workflowDefId: String(definition['_id']),
    _name: String(definition['_name']),
    _namespaces: keys.definition.namespaces,
    _userType: String(definition['_userType']),
    _timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : null,
    _timeoutPolicy: typeof timeoutPolicy === 'string' ? timeoutPolicy : null,
    _status: keys.status,
    _createdAt: keys.createdAt,
    _updatedAt: keys.updatedAt,
    _createdBy: keys.createdBy,
    _updatedBy: keys.updatedBy,
  };
}

function generatedRun(rc: RecordContext, keys: RunKeys): { id: string; data: JsonObject; meta: JsonObject } {
  const f = rc.faker;
  const { definition, status } = keys;
  const done = f.number.int({ min: 0, max: definition.tasks.length - 1 });
  const tasks = definition.tasks.map(
    (task, index): JsonObject => ({
      _id: f.string.uuid(),
      _name: String(task['_name']),
      _sequenceno: Number(task['_sequenceno']),
      _type: String(task['_type']),
      _status: index < done ? 'COMPLETED' : 'QUEUED',
    }),
  );
  const output: Json =
    status === 'COMPLETED' ? { _result: f.helpers.arrayElement(['ok', 'published', 'synced']), _records: f.number.int({ min: 1, max: 5000 }) } : null;
  const k = keyData(keys);
  // The vendor's field order (seed 002's examples).
  const data: JsonObject = {
    _id: k._id,
    _workflowDefId: k._workflowDefId,
    _name: k._name,
    _namespaces: [...definition.namespaces],
    _userType: k._userType,
    _tasks: tasksFollowing(tasks, status),
    _timeoutSeconds: k._timeoutSeconds,
    _timeoutPolicy: k._timeoutPolicy,
    _status: status,
    _createdAt: k._createdAt,
    _updatedAt: k._updatedAt,
    _createdBy: k._createdBy,
    _updatedBy: k._updatedBy,
    _inputParams: inputFor(f, definition.tasks),
    _output: output,
  };
  const loopTasks = definition.tasks.some((task) => task['_type'] === 'DO_WHILE') ? loopIterations(f, definition.tasks.length, status) : [];
  return { id: keys.id, data, meta: { loopTasks } };
}

function inputFor(f: SeededFaker, tasks: readonly JsonObject[]): JsonObject {
  const input: JsonObject = {};
  for (const task of tasks) {
    if (task['_type'] === 'REST_CONNECTOR') input['_url'] = `https://api.${f.internet.domainName()}/v1/${f.word.noun()}/${f.string.alphanumeric(10)}`;
    if (task['_type'] === 'MQTT_PUBLISH') input['_topic'] = `site/${f.word.noun()}/${f.word.noun()}`;
    if (task['_type'] === 'SCRIPT_EXECUTION') input['_scriptName'] = `${f.word.verb()}_${f.word.noun()}.js`;
    if (task['_type'] === 'AI_CONVERSE') input['_prompt'] = f.lorem.sentence();
    if (task['_type'] === 'HAYSTACK') input['_siteRef'] = `@${f.string.alphanumeric(8)}`;
  }
  return input;
}

/** DO_WHILE iterations, shown only with _includeLoopOverTasks=true; numbered after the definition's own tasks. */
function loopIterations(f: SeededFaker, taskCount: number, status: string): JsonObject[] {
  const iterations = status === 'QUEUED' ? 0 : f.number.int({ min: 1, max: 4 });
  return Array.from({ length: iterations }, (_, i) => ({
    _id: f.string.uuid(),
    _name: `loop_iteration__${i + 1}`,
    _sequenceno: taskCount + i + 1,
    _type: 'SCRIPT_EXECUTION',
    _status: 'COMPLETED',
  }));
}
