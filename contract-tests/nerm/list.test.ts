import { beforeAll, describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { all, AUTH, create, EXAMPLE, examples, expectNermError, followNext, list, SESSIONS, type Session } from './support.ts';

describe('NERM list workflow sessions', () => {
  let target: Target;
  let everything: Session[];

  beforeAll(async () => {
    target = targetFor('nerm');
    everything = await all(target);
  });

  it("holds the seed document's example session verbatim plus at least 250 generated ones", () => {
    expect(everything).toContainEqual(EXAMPLE);
    expect(everything.length).toBeGreaterThanOrEqual(251);
  });

  it('returns 100 sessions without metadata by default', async () => {
    const body = await list(target);
    expect(body.workflow_sessions).toHaveLength(100);
    expect(body._metadata).toBeUndefined();
  });

  it('orders by id by default, the documented default', () => {
    const ids = everything.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('reads the deepObject and the flat forms alike', async () => {
    const deep = await list(target, 'query[limit]=7&query[offset]=20&query[order]=-created_at');
    const flat = await list(target, { limit: 7, offset: 20, order: '-created_at' });
    expect(deep.workflow_sessions).toHaveLength(7);
    expect(deep).toEqual(flat);
  });

  it('lets the flat form win when both are sent', async () => {
    const body = await list(target, 'limit=3&query[limit]=9');
    expect(body.workflow_sessions).toHaveLength(3);
  });

  it.each([
    ['-created_at', (a: Session, b: Session) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '')],
    ['created_at desc', (a: Session, b: Session) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '')],
    ['updated_at', (a: Session, b: Session) => Date.parse(a.updated_at ?? '') - Date.parse(b.updated_at ?? '')],
    ['workflow_id', (a: Session, b: Session) => a.workflow_id.localeCompare(b.workflow_id)],
  ])('orders by %s', async (order, compare) => {
    const sessions = (await all(target, { order })).filter((s) => s.created_at !== undefined);
    const sorted = [...sessions].sort(compare);
    const key = (s: Session) => (order.includes('workflow') ? s.workflow_id : order.includes('updated') ? s.updated_at : s.created_at);
    expect(sessions.map(key)).toEqual(sorted.map(key));
  });

  it('orders by several keys', async () => {
    const sessions = await all(target, { order: 'status,-created_at' });
    for (let i = 1; i < sessions.length; i++) {
      const [a, b] = [sessions[i - 1] as Session, sessions[i] as Session];
      expect(a.status <= b.status).toBe(true);
      if (a.status === b.status && a.created_at && b.created_at) expect(Date.parse(a.created_at)).toBeGreaterThanOrEqual(Date.parse(b.created_at));
    }
  });

  it.each([['attributes'], ['job_title'], ['nope'], ['-id desc'], ['id;1'], ['x'.repeat(5000)]])(
    'accepts order=%s, which it cannot sort by, and keeps the default id order',
    async (order) => {
      const body = await list(target, { order, limit: 1000 });
      expect(body.workflow_sessions.map((s) => s.id)).toEqual(everything.map((s) => s.id));
    },
  );

  it('sorts by the keys it can read and skips the others', async () => {
    const mixed = await list(target, { order: 'nope,-created_at,attributes', limit: 1000 });
    const plain = await list(target, { order: '-created_at', limit: 1000 });
    expect(mixed).toEqual(plain);
  });

  it.each([1, 10, 99, 1000])('follows _metadata.next with limit %i through every session exactly once', async (limit) => {
    const pages = await followNext(target, { limit });
    const ids = pages.flatMap((page) => page.workflow_sessions.map((s) => s.id));
    expect(ids).toEqual(everything.map((s) => s.id));
    expect(pages[0]?._metadata).not.toHaveProperty('previous');
    expect(pages.at(-1)?._metadata).not.toHaveProperty('next');
    expect(pages.every((page) => page._metadata?.total === everything.length)).toBe(true);
  });

  it('leaves out next and previous at the ends instead of sending null', async () => {
    const first = await list(target, { limit: 10, metadata: true });
    expect(Object.keys(first._metadata ?? {}).sort()).toEqual(['limit', 'next', 'offset', 'total']);
    const last = await list(target, { limit: 10, offset: everything.length - 5, metadata: true });
    expect(Object.keys(last._metadata ?? {}).sort()).toEqual(['limit', 'offset', 'previous', 'total']);
    const single = await list(target, { limit: 1000, metadata: true });
    expect(single._metadata).toEqual({ limit: 1000, offset: 0, total: everything.length });
    const beyond = await list(target, { limit: 10, offset: everything.length + 50, metadata: true });
    expect(beyond.workflow_sessions).toEqual([]);
    expect(beyond._metadata?.previous).toMatch(/offset=\d+/);
    expect(beyond._metadata).not.toHaveProperty('next');
  });

  it('answers no profile_id: null anywhere, and uuids for those it answers', () => {
    expect(everything.filter((s) => 'profile_id' in s && typeof s.profile_id !== 'string')).toEqual([]);
    expect(everything.some((s) => !('profile_id' in s))).toBe(true);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(everything.filter((s) => s.profile_id !== undefined && !uuid.test(s.profile_id))).toEqual([]);
  });

  it('keeps filters and the order in the links, and previous links walk back', async () => {
    const pages = await followNext(target, { status: 'completed', order: '-created_at', limit: 20 });
    const completed = pages.flatMap((page) => page.workflow_sessions);
    expect(completed.every((s) => s.status === 'completed')).toBe(true);
    expect(completed.length).toBe(everything.filter((s) => s.status === 'completed').length);
    const second = pages[1]?._metadata;
    expect(second?.next).toMatch(/status=completed/);
    expect(second?.next).toMatch(/order=-created_at/);
    const back = await list(target, (second?.previous ?? '').replace(/^\/nerm\/api\/workflow_sessions\?/, ''));
    expect(back).toEqual(pages[0]);
  });

  it('writes links that point at this mock, where the list is mounted', async () => {
    const body = await list(target, { limit: 5, metadata: true });
    expect(body._metadata?.next).toMatch(/^\/nerm\/api\/workflow_sessions\?/);
  });

  it('reports the limit and offset in use and the total across pages', async () => {
    const body = await list(target, { limit: 10, offset: 30, metadata: true });
    expect(body._metadata).toMatchObject({ limit: 10, offset: 30, total: everything.length });
    expect(body._metadata?.next).toMatch(/offset=40/);
    expect(body._metadata?.previous).toMatch(/offset=20/);
  });

  it('counts creates in the total read with limit=1&metadata=true', async () => {
    const own = targetFor('nerm');
    const before = (await list(own, { limit: 1, metadata: true }))._metadata?.total ?? 0;
    for (let i = 0; i < 3; i++) await create(own);
    expect((await list(own, { limit: 1, metadata: true }))._metadata?.total).toBe(before + 3);
  });

  it.each([['workflow_id'], ['requester_id'], ['profile_id'], ['uid']] as const)('narrows by %s to exactly the matching sessions', async (field) => {
    const sample = everything.find((s) => s[field] && s.id !== EXAMPLE.id) as Session;
    const value = sample[field] as string;
    const filtered = await all(target, { [field]: value });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((s) => s.id)).toEqual(everything.filter((s) => s[field] === value).map((s) => s.id));
  });

  it.each([['some_workflow_session_123'], ['a'], ['a'.repeat(31)], ['naïve uid with spaces']])(
    'accepts uid=%s, any string as the document says, and matches exactly',
    async (uid) => {
      const body = await list(target, { uid, metadata: true });
      expect(body.workflow_sessions).toEqual([]);
      expect(body._metadata?.total).toBe(0);
    },
  );

  it("accepts the example's 36-character uid as well as 32-character ones", async () => {
    expect((await all(target, { uid: EXAMPLE.uid })).map((s) => s.id)).toEqual([EXAMPLE.id]);
    const generated = everything.find((s) => s.uid.length === 32) as Session;
    expect((await all(target, { uid: generated.uid })).map((s) => s.id)).toEqual([generated.id]);
  });

  it.each([
    ['pending approval', 'pending_approval'],
    ['completed', 'completed'],
    ['waiting on workflow', 'waiting_on_workflow'],
  ])('maps the status filter %j to %s in responses', async (filter, wire) => {
    const filtered = await all(target, { status: filter });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((s) => s.id)).toEqual(everything.filter((s) => s.status === wire).map((s) => s.id));
  });

  it('accepts a documented filter value that no session can carry and returns nothing', async () => {
    expect(await all(target, { status: 'closing' })).toEqual([]);
  });

  it.each([
    ['status', 'pending_approval'],
    ['status', 'finished'],
    ['profile_id', 'not-a-uuid'],
    ['limit', '0'],
    ['limit', '2147483648'],
    ['limit', 'many'],
    ['offset', '-5'],
    ['metadata', 'sometimes'],
  ])('refuses %s=%s with 400 and an error for the field', async (name, value) => {
    const res = await target
      .get(SESSIONS)
      .query({ [name]: value })
      .set(AUTH);
    expectNermError(res, 400, new RegExp(name));
    expect(Object.keys(res.body.errors)).toEqual([name]);
  });

  it.each([[1001], [5000], [2147483647]])('accepts limit=%i, above the old cap, and serves every session on one page', async (limit) => {
    const body = await list(target, { limit, metadata: true });
    expect(body.workflow_sessions.map((s) => s.id)).toEqual(everything.map((s) => s.id));
    expect(body._metadata).toEqual({ limit, offset: 0, total: everything.length });
  });

  it("accepts offset=0 with limit=100, the page SecZetta's NEPAPIUtil.rb asks for first", async () => {
    const body = await list(target, 'offset=0&limit=100');
    expect(body.workflow_sessions.map((s) => s.id)).toEqual(everything.slice(0, 100).map((s) => s.id));
  });

  it('combines filters', async () => {
    const sample = everything.find((s) => s.status === 'completed' && s.id !== EXAMPLE.id) as Session;
    const filtered = await all(target, { status: 'completed', workflow_id: sample.workflow_id });
    expect(filtered.map((s) => s.id)).toEqual(everything.filter((s) => s.status === 'completed' && s.workflow_id === sample.workflow_id).map((s) => s.id));
  });

  it('gets the documented example by id, wrapped', async () => {
    const res = await target.get(`${SESSIONS}/${EXAMPLE.id}`).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workflow_session: EXAMPLE });
  });

  it("keeps the example list's envelope shape", async () => {
    const body = await list(target, { limit: 50, offset: 100, metadata: true });
    expect(Object.keys(body)).toEqual(Object.keys(examples.list));
    expect(Object.keys(body._metadata ?? {})).toEqual(Object.keys(examples.list._metadata));
  });
});
