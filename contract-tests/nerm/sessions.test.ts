import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { all, AUTH, create, ENDED, EXAMPLE, examples, expectNermError, newSession, patch, schemaId, SESSIONS } from './support.ts';

describe('NERM create, get and update workflow sessions', () => {
  it('creates a session: 200 with the wrapped session in status new', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expect(session).toMatchObject({ ...newSession, status: 'new', profile_ids: [] });
    expect(session).not.toHaveProperty('profile_id');
    expect(session.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(session.created_at).toBe(session.updated_at);
  });

  it('lists and gets what it created', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expect((await all(target, { requester_id: newSession.requester_id })).map((s) => s.id)).toContain(session.id);
    expect((await target.get(`${SESSIONS}/${session.id}`).set(AUTH)).body).toEqual({ workflow_session: session });
  });

  it('starts a session at once with run=true', async () => {
    const target = targetFor('nerm');
    const session = await create(target, newSession, { run: 'true' });
    expect(session.status).toBe('processing');
  });

  it('accepts requester_type NeaccessRegistrant on create, keeps it, and answers without it as the response enum lacks it', async () => {
    const target = targetFor('nerm');
    const session = await create(target, { ...newSession, requester_type: 'NeaccessRegistrant' });
    expect(session).not.toHaveProperty('requester_type');
    expect((await target.inspect?.('nerm', 'sessions', session.id))?.meta['requester_type']).toBe('NeaccessRegistrant');
    const res = await patch(target, session.id, { requester_type: 'User' });
    expect(res.body.workflow_session.requester_type).toBe('User');
  });

  it('keeps profile_id when one is given and never answers it as null', async () => {
    const target = targetFor('nerm');
    const profileId = '33f072dd-13b4-41e1-8ea0-16f2a59b57c8';
    expect((await create(target, { ...newSession, profile_id: profileId })).profile_id).toBe(profileId);
  });

  it('accepts fields the document does not name and ignores them', async () => {
    const target = targetFor('nerm');
    const session = await create(target, { ...newSession, status: 'completed', uid: 'mine', id: 'other', colour: 'teal' });
    expect(session.status).toBe('new');
    expect(session.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(session).not.toHaveProperty('colour');
    const res = await target
      .post(SESSIONS)
      .set(AUTH)
      .send({ workflow_session: newSession, extra: { deep: [1] } });
    expect(res.status).toBe(200);
  });

  it("refuses missing required fields with the vendor's validation body", async () => {
    const target = targetFor('nerm');
    const { workflow_id: _w, ...withoutWorkflow } = newSession;
    const res = await target.post(SESSIONS).set(AUTH).send({ workflow_session: withoutWorkflow });
    expectNermError(res, 400, examples.vendorFacts.validation.error, examples.vendorFacts.validation.errors);
  });

  it('lists every missing field', async () => {
    const target = targetFor('nerm');
    const res = await target.post(SESSIONS).set(AUTH).send({ workflow_session: {} });
    expectNermError(res, 400, 'The workflow session failed to create', {
      workflow_id: ["can't be blank"],
      requester_id: ["can't be blank"],
      requester_type: ["can't be blank"],
    });
  });

  it('refuses an unwrapped body', async () => {
    const target = targetFor('nerm');
    expectNermError(await target.post(SESSIONS).set(AUTH).send(newSession), 400, 'The workflow session failed to create', {
      workflow_session: ["can't be blank"],
    });
  });

  it('refuses a requester_type outside the list and ids that are not uuids', async () => {
    const target = targetFor('nerm');
    const res = await target
      .post(SESSIONS)
      .set(AUTH)
      .send({ workflow_session: { ...newSession, requester_type: 'Robot', workflow_id: 'abc' } });
    expectNermError(res, 400, 'The workflow session failed to create', { requester_type: ['is not included in the list'], workflow_id: ['is invalid'] });
  });

  it('answers unparsable JSON with the documented message', async () => {
    const target = targetFor('nerm');
    const res = await target.post(SESSIONS).set(AUTH).set('Content-Type', 'application/json').send('{"workflow_session": {');
    expectNermError(res, 400, examples.errors.invalidJson.error);
    expect(res.body).toEqual(examples.errors.invalidJson);
  });

  it('answers an unknown id with 404', async () => {
    const target = targetFor('nerm');
    expectNermError(
      await target.get(`${SESSIONS}/00000000-0000-4000-8000-000000000000`).set(AUTH),
      404,
      'Workflow session 00000000-0000-4000-8000-000000000000 not found',
    );
    expectNermError(await patch(target, 'nope', { status: 'closed' }), 404, /not found/);
  });

  it('merges attributes on update and moves updated_at', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await patch(target, session.id, { attributes: { department: 'Legal' } });
    expect(res.status).toBe(200);
    expectSchema(schemaId('workflow-session.json#/$defs/Wrapped'), res.body);
    expect(res.body.workflow_session.attributes).toEqual({ ...newSession.attributes, department: 'Legal' });
    expect(Date.parse(res.body.workflow_session.updated_at)).toBeGreaterThan(Date.parse(session.updated_at ?? ''));
  });

  it('walks a session along new -> processing -> pending_approval -> approved -> completed', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    for (const status of ['processing', 'pending_approval', 'approved', 'completed']) {
      const res = await patch(target, session.id, { status });
      expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
      expect(res.body.workflow_session.status).toBe(status);
    }
    expect((await all(target, { status: 'completed', requester_id: newSession.requester_id })).map((s) => s.id)).toContain(session.id);
  });

  it.each([
    ['approved', [], 'an approval on a new session'],
    ['completed', [], 'completing a session that never ran'],
    ['rejected', ['processing'], 'a rejection without a pending decision'],
    ['new', ['processing'], 'going back to new'],
    ['processing', ['processing', 'failed'], 'reopening a failed session'],
    ['approved', ['processing', 'pending_approval', 'rejected'], 'overturning a rejection'],
    ['AUTH-STATUS3', ['closed'], 'a listed status no step produces'],
  ])('accepts a move to %s after %j (%s), as the document lists every status for PATCH, and records it', async (to, path) => {
    const target = targetFor('nerm');
    const session = await create(target);
    for (const status of path) expect((await patch(target, session.id, { status })).status).toBe(200);
    const res = await patch(target, session.id, { status: to });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.workflow_session.status).toBe(to);
    const history = (await target.inspect?.('nerm', 'sessions', session.id))?.meta['history'] as { from: string; to: string }[];
    expect(history.map((move) => move.to)).toEqual([...path, to]);
    expect(history.at(-1)?.from).toBe(path.at(-1) ?? 'new');
  });

  it("closes an open session with status_uid, as SecZetta's cancelSessions.rb sends it", async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    const res = await target
      .patch(`${SESSIONS}/${session.id}`)
      .set({ Authorization: 'Token token=abc', 'Content-Type': 'application/json' })
      .send(JSON.stringify({ workflow_session: { status_uid: 'closed' } }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectSchema(schemaId('workflow-session.json#/$defs/Wrapped'), res.body);
    expect(res.body.workflow_session.status).toBe('closed');
  });

  it('closes a seeded session in each open status with status_uid', async () => {
    const target = targetFor('nerm');
    const open = new Map<string, string>();
    for (const session of await all(target)) if (!ENDED.includes(session.status) && !open.has(session.status)) open.set(session.status, session.id);
    expect([...open.keys()]).toEqual(expect.arrayContaining(['new', 'processing', 'pending_approval', 'approved', 'pending_review']));
    for (const [status, id] of open) {
      const res = await patch(target, id, { status_uid: 'closed' });
      expect(res.status, `${status}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.workflow_session.status).toBe('closed');
    }
  });

  it('lets status win over status_uid when both are sent', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expect((await patch(target, session.id, { status: 'processing', status_uid: 'closed' })).body.workflow_session.status).toBe('processing');
  });

  it('refuses a status_uid outside the documented statuses', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expectNermError(await patch(target, session.id, { status_uid: 'cancelled' }), 400, 'The workflow session failed to update', {
      status_uid: ['is not included in the list'],
    });
  });

  it('treats setting the current status again as no change of state', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    const res = await patch(target, session.id, { status: 'new' });
    expect(res.status).toBe(200);
    expect(res.body.workflow_session.status).toBe('new');
  });

  it('starts a new session on update with run=true', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    const res = await patch(target, session.id, { attributes: { note: 'go' } }, { run: 'true' });
    expect(res.body.workflow_session.status).toBe('processing');
  });

  it('refuses a status outside the documented list', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expectNermError(await patch(target, session.id, { status: 'pending approval' }), 400, 'The workflow session failed to update', {
      status: ['is not included in the list'],
    });
  });

  it('ignores what an update may not write (id, uid, unknown fields) and changes nothing then', async () => {
    const target = targetFor('nerm');
    const before = (await target.get(`${SESSIONS}/${EXAMPLE.id}`).set(AUTH)).body;
    const res = await patch(target, EXAMPLE.id, { id: 'other', uid: 'mine', colour: 'teal' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before);
  });

  it('accepts a body without workflow_session, which the document does not require, as no change', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    const res = await target.patch(`${SESSIONS}/${session.id}`).set(AUTH).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workflow_session: session });
  });
});

describe('NERM authentication', () => {
  it.each([['Bearer abc'], ['Token token=abc'], ['Token token="abc"']])('accepts %s', async (header) => {
    const target = targetFor('nerm');
    expect((await target.get(SESSIONS).query({ limit: 1 }).set('Authorization', header)).status).toBe(200);
  });

  it.each([[undefined], ['Basic dXNlcg=='], ['Token abc'], ['Bearer']])('refuses %s with 401 and an error message', async (header) => {
    const target = targetFor('nerm');
    const request = target.get(SESSIONS);
    expectNermError(await (header ? request.set('Authorization', header) : request), 401, /Not authorized/);
  });

  it('answers unknown paths and methods in the NERM envelope', async () => {
    const target = targetFor('nerm');
    expectNermError(await target.get('/api/workflows').set(AUTH), 404, 'Not found');
    const res = await target.delete(`${SESSIONS}/${EXAMPLE.id}`).set(AUTH);
    expectNermError(res, 405, 'Method DELETE is not allowed on this resource');
    expect(res.headers['allow']).toBe('GET, PATCH');
  });
});
