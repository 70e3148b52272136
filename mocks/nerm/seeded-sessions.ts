import type { JsonObject } from '../../src/core/json.ts';
import type { SeedContext } from '../../src/engine/pack.ts';
import { hexFrom, intIn, isoFast, type KeyRandom, pick, uuidFrom, weightedPick } from '../../src/generation/key-stream.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import { activeShareOf, placeByIndex, seededEnd, statusWeightsByBand, timelineBands } from '../../src/generation/timeline.ts';
import type { GeneratedCollection, KeyValue } from '../../src/store/store.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { ENDED } from './machine.ts';

// NERM's workflow sessions, generated record by record (issue 17): index 0 is the seed document's example session, then
// the generated ones in creation order. Everything lists sort and filter on (SESSION_FIELDS) comes from `keys(i)`,
// drawn from the record's key stream alone; the attributes come from the record's own faker.

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/**
 * What the session operations read in `data`: the list's filters (`profile_id`, `uid`, `workflow_id`,
 * `requester_id`, `status`, as the console offers them too) and every key `order` may name (ORDERABLE in index.ts:
 * `id` is the default order); the lifecycle machine's `status`. A session without a profile has no `profile_id`: its
 * key is null.
 */
export const SESSION_FIELDS = ['id', 'uid', 'workflow_id', 'requester_id', 'requester_type', 'profile_id', 'status', 'created_at', 'updated_at'] as const;

export type Kind = 'create' | 'update' | 'batch';

export interface Workflow {
  readonly id: string;
  readonly kind: Kind;
}

export interface Profile {
  readonly id: string;
  readonly name: string;
}

/** What sessions are made from: the seed's workflows, requesters, profiles and contributors (made once per seed). */
export interface SessionSources {
  readonly workflows: readonly Workflow[];
  readonly requesters: readonly { readonly id: string; readonly type: string }[];
  readonly profiles: readonly Profile[];
  readonly contributors: readonly string[];
  /** How many generated sessions. */
  readonly count: number;
}

/** A generated session's keys and what else its key stream decides (its kind and batch profiles). */
export interface SessionDraw {
  readonly id: string;
  readonly uid: string;
  readonly workflow: Workflow;
  readonly requester: { readonly id: string; readonly type: string };
  readonly profileId?: string;
  readonly batch: readonly Profile[];
  readonly status: string;
  readonly created: number;
  readonly updated: number;
}

const STATUSES_BY_BAND = statusWeightsByBand(settings.statusWeights, (status) => !ENDED.includes(status));
const OPEN_SHARE = activeShareOf(STATUSES_BY_BAND);
const EXAMPLES = examples.list.workflow_sessions as unknown as JsonObject[];

/** The sessions collection and the draw of generated session `position` (0-based after the examples). */
export function seededSessions(ctx: SeedContext, sources: SessionSources): { sessions: GeneratedCollection; draw: (position: number) => SessionDraw } {
  const place = placeByIndex(ctx.anchor, timelineBands(settings.timeline, OPEN_SHARE));

  /** Every key of session `position`, from `random` in one fixed order (keys, record and attachments call this). */
  const drawFrom = (random: KeyRandom, position: number): SessionDraw => {
    const workflow = pick(random, sources.workflows);
    const { at: created, band } = place(position, sources.count, random);
    const status = weightedPick(random, STATUSES_BY_BAND[band]);
    const open = !ENDED.includes(status);
    const updated = status === 'new' ? created : open ? intIn(random, created, ctx.anchor) : seededEnd(created, intIn(random, 5 * MINUTE, 6 * DAY), ctx.anchor);
    const requester = pick(random, sources.requesters);
    const profileId = workflow.kind === 'update' ? pick(random, sources.profiles).id : undefined;
    const batch = workflow.kind === 'batch' ? distinct(random, sources.profiles, intIn(random, 2, 5)) : [];
    const id = uuidFrom(random);
    const uid = hexFrom(random, 32);
    return { id, uid, workflow, requester, ...(profileId === undefined ? {} : { profileId }), batch, status, created, updated };
  };
  const draw = (position: number) => drawFrom(ctx.keyRandom('sessions', EXAMPLES.length + position), position);

  const sessions: GeneratedCollection = {
    kind: 'generated',
    count: EXAMPLES.length + sources.count,
    fields: SESSION_FIELDS,
    keys(i) {
      const example = EXAMPLES[i];
      if (example) return { id: String(example['id']), values: SESSION_FIELDS.map((field) => keyOf(example[field])) };
      const d = draw(i - EXAMPLES.length);
      const values: KeyValue[] = [
        d.id,
        d.uid,
        d.workflow.id,
        d.requester.id,
        d.requester.type,
        d.profileId ?? null,
        d.status,
        isoFast(d.created),
        isoFast(d.updated),
      ];
      return { id: d.id, values };
    },
    record(i) {
      const example = EXAMPLES[i];
      if (example) return { id: String(example['id']), data: example };
      return ctx.forRecord('sessions', i, (rc) => {
        const d = drawFrom(rc.keyRandom, i - EXAMPLES.length);
        const data: JsonObject = {
          id: d.id,
          uid: d.uid,
          workflow_id: d.workflow.id,
          requester_id: d.requester.id,
          requester_type: d.requester.type,
          // Omitted, not null, when the session has none (NERM OpenAPI: a uuid string).
          ...(d.profileId === undefined ? {} : { profile_id: d.profileId }),
          profile_ids: d.batch.map((p) => p.id),
          status: d.status,
          attributes: attributesFor(rc.faker, d.workflow.kind, sources, d.created),
          created_at: isoFast(d.created),
          updated_at: isoFast(d.updated),
        };
        return { id: d.id, data };
      });
    },
  };
  return { sessions, draw };
}

const keyOf = (value: unknown): KeyValue => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null);

/** `count` different items, in the order drawn. */
function distinct<T>(random: KeyRandom, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].map((index) => items[index] as T);
}

/**
 * Attributes of the document's kinds: text, a date as MM/DD/YYYY, profile and contributor selects, comma-joined
 * multiples.
 */
function attributesFor(f: SeededFaker, kind: Kind, sources: SessionSources, createdMs: number): JsonObject {
  const startDate = new Date(createdMs + f.number.int({ min: 3, max: 45 }) * DAY);
  const attributes: JsonObject = {
    job_title: f.person.jobTitle(),
    start_date: `${String(startDate.getUTCMonth() + 1).padStart(2, '0')}/${String(startDate.getUTCDate()).padStart(2, '0')}/${startDate.getUTCFullYear()}`,
    department: f.helpers.arrayElement(settings.departments),
    manager: f.helpers.arrayElement(sources.contributors),
  };
  if (kind !== 'update') attributes['work_locations'] = f.helpers.arrayElements(settings.locations, { min: 1, max: 3 }).join(',');
  if (kind === 'batch')
    attributes['sponsor_profiles'] = f.helpers
      .arrayElements(
        sources.profiles.map((p) => p.name),
        { min: 2, max: 4 },
      )
      .join(',');
  attributes['approvers'] = f.helpers.arrayElements(sources.contributors, { min: 1, max: 3 }).join(',');
  return attributes;
}
