import { mockError } from '../core/errors.ts';
import { markStored } from '../core/stored.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { PageContext } from '../pagination/dialect.ts';
import type { StateMachine } from '../state/machine.ts';
import { matchesAll, positionOf, type Condition, type ListQuery, type SortKey } from '../store/query.ts';
import { pageOf } from '../store/sorted-index.ts';
import type { ListPage, NewRecord, Store, StoredRecord } from '../store/store.ts';
import { moveRecord } from './moves.ts';
import type {
  Action,
  ActionContext,
  Cascade,
  CreateAction,
  CreateEachAction,
  GetAction,
  HeldItems,
  ListAction,
  OperationInput,
  Outcome,
  RecordTarget,
  Reply,
  TransitionAction,
  UpdateAction,
} from './pack.ts';

/** What an action may touch: one space of the store, the clock's time and id source, and page helpers. */
export interface ActionEnv {
  readonly store: Store;
  readonly space: string;
  readonly ctx: ActionContext;
  readonly pageContext: (where: readonly Condition[], orderBy: readonly SortKey[]) => Promise<PageContext>;
  /** Told of every write (or removal, with no record), so the lifecycle can plan the record's next move. */
  readonly afterWrite?: (collection: string, id: string, record: StoredRecord | undefined) => Promise<void>;
}

/** Optimistic writes retry this many times when another writer got there first, backing off a little each time. */
const MAX_ATTEMPTS = 30;

/** A short random pause before a retry, so writers racing on one record (across replicas too) fall out of step. */
function backoff(attempt: number): Promise<void> {
  return attempt === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
}

export function runAction(action: Action, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  switch (action.kind) {
    case 'list':
      return runList(action, input, env);
    case 'get':
      return runGet(action, input, env);
    case 'create':
      return runCreate(action, input, env);
    case 'createEach':
      return runCreateEach(action, input, env);
    case 'update':
      return runUpdate(action, input, env);
    case 'transition':
      return runTransition(action, input, env);
  }
}

async function runList(action: ListAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  const where = action.where(input);
  if (!where.ok) return where;
  const orderBy = action.orderBy(input);
  if (!orderBy.ok) return orderBy;
  const pageContext = await env.pageContext(where.value, orderBy.value);
  const spec = action.pagination.read(pageContext);
  if (!spec.ok) return spec;
  const query = { where: where.value, orderBy: orderBy.value, page: spec.value };
  const page = action.heldBy ? heldPage(action.heldBy, input, query) : await env.store.list(env.space, action.collection, query);
  const items = page.items.map((record) => view(action.view, record, input));
  const lastRecord = page.items.at(-1);
  const last = lastRecord ? positionOf(lastRecord, orderBy.value) : undefined;
  const reply = action.pagination.reply({ spec: spec.value, items, total: page.total, hasMore: page.hasMore, ...(last ? { last } : {}) }, pageContext);
  // The dialect owns the whole reply; a dialect that writes no header answers with none.
  return ok({ status: 200, body: reply.body, ...(Object.keys(reply.headers).length > 0 ? { headers: reply.headers } : {}) });
}

/**
 * A page of the items a record holds, each standing as a stored record (its place as the sequence number, the
 * holder's version), under the same query semantics as a store's list. The holder is one of the operation's parents.
 */
function heldPage(held: HeldItems, input: OperationInput, query: ListQuery): ListPage {
  const holder = input.parents[held.parent];
  if (!holder) throw new Error(`a held list needs the operation to require '${held.parent}'`);
  const records = held.items(holder).map(
    (data, seq): StoredRecord => ({
      id: typeof data['id'] === 'string' || typeof data['id'] === 'number' ? String(data['id']) : String(seq),
      seq,
      version: holder.version,
      data,
      meta: {},
    }),
  );
  return pageOf(records, query);
}

async function runGet(action: GetAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  const record = await findTarget(action, input, env);
  if (!record.ok) return action.absent ? ok({ status: 200, body: action.absent(input) }) : record;
  if (action.reply) return action.reply(record.value, input, env.ctx);
  return ok({ status: 200, body: view(action.view, record.value, input) });
}

async function runCreate(action: CreateAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  const built = action.build(input, env.ctx);
  if (!built.ok) return built;
  const inserted = action.replace ? await upsert(action.collection, built.value, env) : await env.store.insert(env.space, action.collection, built.value);
  if (!inserted.ok) return fail(mockError('conflict', `A record with id ${built.value.id} already exists.`));
  await env.afterWrite?.(action.collection, inserted.value.id, inserted.value);
  return ok(action.reply(inserted.value, input));
}

/** Inserts a record, or replaces the one with its id (keeping that one's meta), retrying when another writer wins. */
async function upsert(collection: string, record: NewRecord, env: ActionEnv): Promise<Result<StoredRecord, 'exists'>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    await backoff(attempt);
    const existing = await env.store.get(env.space, collection, record.id);
    if (!existing) {
      const inserted = await env.store.insert(env.space, collection, record);
      if (inserted.ok) return inserted;
      continue;
    }
    const written = await env.store.replace(env.space, collection, record.id, existing.version, {
      data: record.data,
      meta: { ...existing.meta, ...record.meta },
    });
    if (written.ok) return written;
  }
  return fail('exists');
}

async function runCreateEach(action: CreateEachAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  const where = action.from.where(input);
  if (!where.ok) return where;
  const sources = await env.store.list(env.space, action.from.collection, {
    where: where.value,
    orderBy: [],
    page: { kind: 'offset', offset: 0, limit: Number.MAX_SAFE_INTEGER },
  });
  const created: StoredRecord[] = [];
  for (const source of sources.items) {
    const built = action.build(source, input, env.ctx);
    if (!built) continue;
    const inserted = await env.store.insert(env.space, action.collection, built);
    if (!inserted.ok) return fail(mockError('conflict', `A record with id ${built.id} already exists.`));
    await env.afterWrite?.(action.collection, inserted.value.id, inserted.value);
    created.push(inserted.value);
  }
  return ok(action.reply(created, input));
}

async function runUpdate(action: UpdateAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    await backoff(attempt);
    const record = await findTarget(action, input, env);
    if (!record.ok) return record;
    const next = action.apply(record.value, input, env.ctx);
    if (!next.ok) return next;
    if (next.value === 'remove') {
      await env.store.remove(env.space, action.collection, record.value.id);
      await env.afterWrite?.(action.collection, record.value.id, undefined);
      if (action.cascade) await cascade(action.cascade, record.value, input, env);
      return ok(action.reply(record.value, input));
    }
    const written = await env.store.replace(env.space, action.collection, record.value.id, record.value.version, next.value);
    if (written.ok) {
      await env.afterWrite?.(action.collection, written.value.id, written.value);
      if (action.cascade) await cascade(action.cascade, record.value, input, env);
      return ok(action.reply(written.value, input));
    }
  }
  return fail(mockError('conflict', 'The record kept changing while it was being updated; try again.'));
}

async function runTransition(action: TransitionAction, input: OperationInput, env: ActionEnv): Promise<Outcome<Reply>> {
  const command = action.command(input);
  if (command === undefined) {
    const record = await findTarget(action, input, env);
    return record.ok ? ok(action.reply(record.value, input)) : record;
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    await backoff(attempt);
    const record = await findTarget(action, input, env);
    if (!record.ok) return record;
    const moved = await transitionRecord(action.machine, action.collection, record.value, command, env, action.patch?.(input, env.ctx), action.onMove);
    if (moved === 'stale') continue;
    if (!moved.ok) return fail(action.refuse(moved.error, record.value, input));
    return ok(action.reply(moved.value, input));
  }
  return fail(mockError('conflict', 'The record kept changing while it was being updated; try again.'));
}

/**
 * Applies a state-machine command to one stored record with compare-and-set, appending the move to the
 * record's history, then the transition's own effects (`onMove`). Returns 'stale' when another writer changed the
 * record first, so the caller re-reads.
 */
export async function transitionRecord(
  machine: StateMachine,
  collection: string,
  record: StoredRecord,
  command: string,
  env: ActionEnv,
  patch: JsonObject = {},
  onMove?: TransitionAction['onMove'],
) {
  const moved = moveRecord(machine, record, command, env.ctx.now);
  if (!moved.ok) return moved;
  const { from, to } = moved.value;
  const patched = { data: { ...moved.value.data, ...patch }, meta: moved.value.meta };
  const next = onMove ? onMove(patched, { from, to, command, at: env.ctx.now }) : patched;
  const written = await env.store.replace(env.space, collection, record.id, record.version, next);
  if (!written.ok) return 'stale' as const;
  await env.afterWrite?.(collection, written.value.id, written.value);
  return ok(written.value);
}

async function cascade(rule: Cascade, parent: StoredRecord, input: OperationInput, env: ActionEnv): Promise<void> {
  const where = rule.where(parent, input);
  const page = await env.store.list(env.space, rule.collection, { where, orderBy: [], page: { kind: 'offset', offset: 0, limit: Number.MAX_SAFE_INTEGER } });
  for (const related of page.items) {
    let current: StoredRecord | undefined = related;
    for (let attempt = 0; current && attempt < MAX_ATTEMPTS; attempt++) {
      // Records the command does not apply to (already finished) are left as they are.
      if ((await transitionRecord(rule.machine, rule.collection, current, rule.command, env)) !== 'stale') break;
      current = await env.store.get(env.space, rule.collection, related.id);
    }
  }
}

async function findTarget(target: RecordTarget, input: OperationInput, env: ActionEnv): Promise<Outcome<StoredRecord>> {
  const record = await env.store.get(env.space, target.collection, target.id(input));
  const visible = record && matchesAll(record, target.scope?.(input) ?? []);
  return visible ? ok(record) : fail(target.notFound(input));
}

/** What a view made of a stored record, by view: only for views that take the record alone (see `view`). */
type View = (record: StoredRecord, input: OperationInput) => Json;
const viewsOf = new WeakMap<StoredRecord, Map<View, Json>>();

/**
 * A record as an operation shows it. A view declared with the record as its only parameter cannot depend on the
 * request, so what it makes of a stored record is made once and kept as long as the record is: a page served again
 * reuses its items, and with them the remembered JSON bytes and validation.
 */
function view(render: View | undefined, record: StoredRecord, input: OperationInput): Json {
  if (!render) return record.data;
  if (render.length >= 2) return render(record, input);
  let made = viewsOf.get(record);
  if (!made) {
    made = new Map();
    viewsOf.set(record, made);
  }
  let shown = made.get(render);
  if (shown === undefined) {
    shown = render(record, input);
    if (typeof shown === 'object' && shown !== null) markStored(shown);
    made.set(render, shown);
  }
  return shown;
}
