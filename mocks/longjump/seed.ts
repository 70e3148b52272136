import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { KeyRandom } from '../../src/generation/key-stream.ts';
import { placeByIndex, timelineBands } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue, NewRecord, SeedData } from '../../src/store/store.ts';
import model from '../../fixtures/longjump/model.json' with { type: 'json' };

/** Records are keyed `objectName/recordId`: record ids are unique within their object. */
export const recordKey = (objectName: string, recordId: string): string => `${objectName}/${recordId}`;

/**
 * What may read a record's fields without its whole record: the console's status, title and times, and which object
 * and workflow it belongs to. LongJump has no list call; records are looked up by their key alone.
 */
export const RECORD_FIELDS = ['objectName', 'workflowName', 'currentStateId', 'date_created', 'date_modified'] as const;

/**
 * The LongJump seed: the model's users (logins), workflows (keyed by object name), and records: the hand-written ones
 * that reach every criteria branch (with the seed document's dates) first, then generated purchase orders awaiting the
 * first decision, created in the days before the anchor, in creation order.
 */
export function seedLongjump(ctx: SeedContext): SeedData {
  const logins: NewRecord[] = model.users.map((user) => ({ id: user.userName, data: { userName: user.userName, password: user.password, userId: user.id } }));
  const users: NewRecord[] = model.users.map((user) => ({ id: user.id, data: { id: user.id, fullname: user.fullname, displayValue: user.displayValue } }));
  const workflows: NewRecord[] = model.workflows.map((workflow) => ({ id: workflow.objectName, data: workflow as unknown as JsonObject }));
  return { logins, users, workflows, records: longjumpRecords(ctx, ctx.records ?? model.generated.count), sessions: [] };
}

const written: readonly JsonObject[] = model.records as unknown as JsonObject[];
const keyOf = (data: JsonObject): string => recordKey(String(data['objectName']), String(data['id']));

function longjumpRecords(ctx: SeedContext, generated: number): GeneratedCollection {
  const template = written[0];
  if (!template) throw new Error('LongJump: the model has no record');
  // Every generated purchase order awaits its first decision: created within the active hours, some in the last hour.
  const place = placeByIndex(ctx.anchor, timelineBands(model.generated.timeline, 1));
  /** A generated record's id and creation time, from its key stream (keys and record both call this). */
  const keysOf = (i: number, random: KeyRandom) => {
    const position = i - written.length;
    return { id: String(model.generated.firstId + position), created: ctx.iso(place(position, generated, random).at) };
  };
  const generatedData = (id: string, created: string): JsonObject => ({ ...template, id, date_created: created, date_modified: created });
  const fixedValues = (field: string): KeyValue => (template[field] ?? null) as KeyValue;

  return {
    kind: 'generated',
    count: written.length + generated,
    fields: RECORD_FIELDS,
    keys(i) {
      const hand = written[i];
      if (hand) return { id: keyOf(hand), values: RECORD_FIELDS.map((field) => (hand[field] ?? null) as KeyValue) };
      const { id, created } = keysOf(i, ctx.keyRandom('records', i));
      const values = RECORD_FIELDS.map((field) => (field === 'date_created' || field === 'date_modified' ? created : fixedValues(field)));
      return { id: recordKey(String(template['objectName']), id), values };
    },
    record(i) {
      const hand = written[i];
      if (hand) return { id: keyOf(hand), data: hand };
      return ctx.forRecord('records', i, (rc) => {
        const { id, created } = keysOf(i, rc.keyRandom);
        const fields = { amount: String(rc.faker.number.int(model.generated.amount)), priority: rc.faker.helpers.arrayElement(['low', 'normal', 'high']) };
        const data = { ...generatedData(id, created), fields };
        return { id: keyOf(data), data };
      });
    },
  };
}
