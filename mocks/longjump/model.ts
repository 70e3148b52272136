import type { Json, JsonObject } from '../../src/core/json.ts';
import { customMet } from '../../src/criteria/custom.ts';
import { rowsMet, type CriteriaRow } from '../../src/criteria/rows.ts';

// The LongJump workflow model (vendor-facts 004): a workflow belongs to an object; each record is in exactly one
// state; actions move a record from its current state to a next state; a state's decision-makers are the record's
// owners, and only owners act. Everything here is pure: trees in, trees out.

export interface Person {
  readonly id: string;
  readonly fullname: string;
}

export interface Reference {
  readonly id: string;
  readonly displayValue: string;
}

export interface State {
  readonly id: string;
  readonly name: string;
  readonly decisionMakers: readonly Person[];
  /** The acting owner may name the next owner (`userChoiceOwner`) among the decision-makers. */
  readonly ownerChoice?: boolean;
}

export interface CriteriaFields {
  readonly join_operator: string;
  readonly pre_bracket: string;
  readonly post_bracket: string;
  readonly column: string;
  readonly operator: string;
  readonly value: string;
}

export interface Action {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly currentStateId: string;
  readonly nextStateId: string;
  readonly notifyRecordOwner: string;
  readonly additionalUserToNotify: readonly Reference[];
  readonly customCriteria: string;
  readonly criteria: readonly CriteriaFields[];
  readonly date_created: string;
  readonly date_modified: string;
  readonly created_id: Reference;
  readonly modified_id: Reference;
}

export interface Workflow {
  readonly id: string;
  readonly name: string;
  readonly objectName: string;
  readonly object_id: string;
  readonly states: readonly State[];
  readonly actions: readonly Action[];
}

export interface RecordData {
  readonly id: string;
  readonly objectName: string;
  readonly object_id: string;
  readonly workflowName: string;
  readonly currentStateId: string;
  readonly owners: readonly Person[];
  readonly fields: Readonly<Record<string, string>>;
  readonly date_created: string;
  readonly date_modified: string;
  readonly created_id: Reference;
  readonly modified_id: Reference;
}

export const asWorkflow = (data: JsonObject): Workflow => data as unknown as Workflow;
export const asRecord = (data: JsonObject): RecordData => data as unknown as RecordData;

/** Whether the record meets the action's criteria: customCriteria when present, else the rows. Unreadable criteria are not met. */
export function criteriaMet(action: Action, record: RecordData): boolean {
  const outcome = action.customCriteria.trim() !== '' ? customMet(action.customCriteria, record.fields) : rowsMet(action.criteria.map(toRow), record.fields);
  return outcome.ok && outcome.value;
}

function toRow(fields: CriteriaFields): CriteriaRow {
  return {
    join: fields.join_operator,
    preBracket: fields.pre_bracket,
    postBracket: fields.post_bracket,
    column: fields.column,
    operator: fields.operator,
    value: fields.value,
  };
}

export const isOwner = (record: RecordData, userId: string | undefined): boolean => record.owners.some((owner) => owner.id === userId);

export interface Offered {
  readonly action: Action;
  readonly available: boolean;
}

/**
 * The actions of the record's current state as the seed's rules list them: an eligible action (criteria met and the
 * user an owner) is available; among actions sharing a name, if any is eligible only the eligible ones are listed,
 * otherwise all of them are, unavailable. Declaration order is kept.
 */
export function offeredActions(workflow: Workflow, record: RecordData, userId: string | undefined): Offered[] {
  const mayAct = isOwner(record, userId);
  const candidates = workflow.actions
    .filter((action) => action.currentStateId === record.currentStateId)
    .map((action) => ({ action, available: mayAct && criteriaMet(action, record) }));
  const namesWithEligible = new Set(candidates.filter((c) => c.available).map((c) => c.action.name));
  return candidates.filter((c) => c.available || !namesWithEligible.has(c.action.name));
}

export type MoveRefusal = 'notOwner' | 'unavailable' | 'unknownOwnerChoice';

/** Takes the first available action named `actionName`: the next state, and its decision-makers as the new owners. */
export function takeAction(
  workflow: Workflow,
  record: RecordData,
  userId: string | undefined,
  actionName: string,
  userChoiceOwner: string | undefined,
): { ok: true; action: Action; next: State; owners: readonly Person[] } | { ok: false; reason: MoveRefusal } {
  if (!isOwner(record, userId)) return { ok: false, reason: 'notOwner' };
  const offered = offeredActions(workflow, record, userId).find((o) => o.available && o.action.name === actionName);
  const next = offered && workflow.states.find((state) => state.id === offered.action.nextStateId);
  if (!offered || !next) return { ok: false, reason: 'unavailable' };
  if (!next.ownerChoice || !userChoiceOwner) return { ok: true, action: offered.action, next, owners: next.decisionMakers };
  const chosen = next.decisionMakers.find((person) => person.fullname === userChoiceOwner || person.id === userChoiceOwner);
  return chosen ? { ok: true, action: offered.action, next, owners: [chosen] } : { ok: false, reason: 'unknownOwnerChoice' };
}

/** A lookup element as the platform writes it: the id as text with type, uri and displayValue attributes. */
export function lookupTree(reference: Reference): JsonObject {
  return { '@type': '', '@uri': `https://{domain}/networking/rest/user/${reference.id}`, '@displayValue': reference.displayValue, '#text': reference.id };
}

/** One <workflowAction> in the seed's element order. */
export function actionTree(offered: Offered, record: RecordData): JsonObject {
  const { action } = offered;
  const tree: JsonObject = {
    date_created: action.date_created,
    date_modified: action.date_modified,
    created_id: lookupTree(action.created_id),
    modified_id: lookupTree(action.modified_id),
    object_id: record.object_id,
    record_id: record.id,
    id: action.id,
    name: action.name,
    title: action.title,
    currentStateId: action.currentStateId,
    nextStateId: action.nextStateId,
    notifyRecordOwner: action.notifyRecordOwner,
  };
  if (action.additionalUserToNotify.length > 0) tree['additionalUserToNotify'] = action.additionalUserToNotify.map(lookupTree);
  tree['customCriteria'] = action.customCriteria;
  tree['actionCriteria'] = criteriaTree(action.criteria);
  tree['available'] = offered.available ? '1' : '0';
  return tree;
}

function criteriaTree(rows: readonly CriteriaFields[]): JsonObject {
  const tree: JsonObject = {};
  for (let n = 1; n <= 5; n++) {
    const row = rows[n - 1];
    for (const key of ['join_operator', 'pre_bracket', 'post_bracket', 'column', 'operator', 'value'] as const) tree[`criteria_${n}_${key}`] = row?.[key] ?? '';
  }
  return tree;
}

export const successMessage = (): JsonObject => ({ code: '0', description: 'Success' });

export function platform(body: JsonObject): Json {
  return { platform: body };
}
