import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import type { NewRecord, SeedData } from '../../src/store/store.ts';
import { seededStart } from '../../src/generation/timeline.ts';
import model from '../../fixtures/longjump/model.json' with { type: 'json' };

/** Records are keyed `objectName/recordId`: record ids are unique within their object. */
export const recordKey = (objectName: string, recordId: string): string => `${objectName}/${recordId}`;

/**
 * The LongJump seed: the model's users (logins), workflows (keyed by object name), the hand-written records that
 * reach every criteria branch (with the seed document's dates), and generated purchase orders awaiting the first
 * decision, created in the days before the anchor.
 */
export function seedLongjump(ctx: SeedContext): SeedData {
  const f = ctx.faker;
  const logins: NewRecord[] = model.users.map((user) => ({ id: user.userName, data: { userName: user.userName, password: user.password, userId: user.id } }));
  const users: NewRecord[] = model.users.map((user) => ({ id: user.id, data: { id: user.id, fullname: user.fullname, displayValue: user.displayValue } }));
  const workflows: NewRecord[] = model.workflows.map((workflow) => ({ id: workflow.objectName, data: workflow as unknown as JsonObject }));
  const records: NewRecord[] = model.records.map((record) => ({ id: recordKey(record.objectName, record.id), data: record as unknown as JsonObject }));
  const template = model.records[0];
  const count = ctx.records ?? model.generated.count;
  for (let i = 0; i < count && template; i++) {
    const id = String(model.generated.firstId + i);
    const created = ctx.iso(seededStart(f, { anchor: ctx.anchor, ...model.generated.timeline }, true));
    const fields = { amount: String(f.number.int(model.generated.amount)), priority: f.helpers.arrayElement(['low', 'normal', 'high']) };
    records.push({
      id: recordKey(template.objectName, id),
      data: { ...(template as unknown as JsonObject), id, fields, date_created: created, date_modified: created },
    });
  }
  return { logins, users, workflows, records, sessions: [] };
}
