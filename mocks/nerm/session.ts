import type { Json, JsonObject } from '../../src/core/json.ts';
import { objectOr } from '../../src/engine/helpers.ts';
import sessionSchema from '../../schemas/nerm/workflow-session.json' with { type: 'json' };
import type { Inputs } from './inputs.generated.ts';

/**
 * How create and update bodies become a session, as pure functions. Only the fields the NERM OpenAPI document lets a
 * client write are taken (WorkflowSession-2/-3); anything else a body carries is accepted and ignored, as its schemas
 * allow other properties. Absent values stay absent: a session without a profile has no `profile_id`, never null.
 */
const WRITABLE = ['workflow_id', 'requester_id', 'profile_id', 'profile_ids'] as const;
/** requester_type values a response may carry (WorkflowSession.requester_type); NeaccessRegistrant is not one. */
const ANSWERED_TYPES: readonly string[] = sessionSchema.$defs.RequesterType.enum;

/** The `workflow_session` object of an update body; a create body's is one too, with more of it required. */
export type SessionFields = NonNullable<Inputs['updateWorkflowSession']['body']['workflow_session']>;

/** The status an update asks for: `status`, or `status_uid` as SecZetta's cancelSessions.rb sends it. */
export function askedStatus(fields: SessionFields): string | undefined {
  return fields.status ?? fields.status_uid;
}

export interface SessionValue {
  readonly data: JsonObject;
  readonly meta: JsonObject;
}

/**
 * A session with the writable fields of `fields` laid over it, attributes merged. A requester_type that responses
 * cannot carry (NeaccessRegistrant) is kept in meta and left out of the session as answered (PROVENANCE.md).
 */
export function withFields(session: SessionValue, fields: SessionFields): SessionValue {
  const data: JsonObject = { ...session.data };
  const meta: JsonObject = { ...session.meta };
  for (const name of WRITABLE) {
    const value = fields[name];
    if (value !== undefined) data[name] = value;
  }
  if (fields.attributes !== undefined) data['attributes'] = { ...objectOr(session.data['attributes']), ...fields.attributes };
  const type = fields.requester_type;
  if (type !== undefined) {
    delete data['requester_type'];
    delete meta['requester_type'];
    if (ANSWERED_TYPES.includes(type)) data['requester_type'] = type;
    else meta['requester_type'] = type;
  }
  return { data: ordered(data), meta };
}

/** A new session in `new`, from a validated create body. */
export function newSession(fields: SessionFields, ids: { readonly id: string; readonly uid: string }, now: string): SessionValue {
  const blank: JsonObject = { id: ids.id, uid: ids.uid, profile_ids: [], status: 'new', attributes: {}, created_at: now, updated_at: now };
  return withFields({ data: blank, meta: {} }, fields);
}

/** Whether two session values differ in anything but updated_at (Rails moves updated_at only on a real change). */
export function changed(before: JsonObject, after: JsonObject): boolean {
  const { updated_at: _a, ...left } = before;
  const { updated_at: _b, ...right } = after;
  return JSON.stringify(canonical(left)) !== JSON.stringify(canonical(right));
}

const FIELD_ORDER = [
  'id',
  'uid',
  'workflow_id',
  'requester_id',
  'requester_type',
  'profile_id',
  'profile_ids',
  'status',
  'attributes',
  'created_at',
  'updated_at',
];

/** The document's field order, so a session reads the same however it was built. */
function ordered(data: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const name of FIELD_ORDER) if (data[name] !== undefined) out[name] = data[name] as Json;
  return out;
}

function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key] as Json)]),
  );
}
