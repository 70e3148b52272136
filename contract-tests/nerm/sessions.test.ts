import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { all, AUTH, create, EXAMPLE, examples, expectNermError, newSession, patch, schemaId, SESSIONS } from './support.ts';

describe('NERM create, get and update workflow sessions', () => {
  it('creates a session: 200 with the wrapped session in status new', async () => {
    const target = targetFor('nerm');
    const session = await create(target);
    expect(session).toMatchObject({ ...newSession, status: 'new', profile_id: null, profile_ids: [] });
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

  it('accepts requester_type NeaccessRegistrant on create', async () => {
    const target = targetFor('nerm');
    expect((await create(target, { ...newSession, requester_type: 'NeaccessRegistrant' })).requester_type).toBe('NeaccessRegistrant');
  });

  it('refuses missing required fields with the vendor\'s validation body', async () => {
    const target = targetFor('nerm');
    const { workflow_id: _w, ...withoutWorkflow } = newSession;
    const res = await target.post(SESSIONS).set(AUTH).send({ workflow_session: withoutWorkflow });
    expectNermError(res, 400, examples.vendorFacts.validation.error, examples.vendorFacts.validation.errors);
  });

  it('lists every missing field', async () => {
    const target = targetFor('nerm');
    const res = await target.post(SESSIONS).set(AUTH).send({ workflow_session: {} });
    expectNermError(res, 400, 'The workflow session failed to create', {
      workflow_id: ["can't be blank"], requester_id: ["can't be blank"], requester_type: ["can't be blank"],
    });
  });

  it('refuses an unwrapped body', async () => {
    const target = targetFor('nerm');
    expectNermError(await target.post(SESSIONS).set(AUTH).send(newSession), 400, 'The workflow session failed to create', { workflow_session: ["can't be blank"] });
  });

  it('refuses a requester_type outside the list and ids that are not uuids', async () => {
    const target = targetFor('nerm');
    const res = await target.post(SESSIONS).set(AUTH).send({ workflow_session: { ...newSession, requester_type: 'Robot', workflow_id: 'abc' } });
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
    expectNermError(await target.get(`${SESSIONS}/00000000-0000-4000-8000-000000000000`).set(AUTH), 404, 'Workflow session 00000000-0000-4000-8000-000000000000 not found');
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
    ['approved', ['processing'], 'an approval that nobody waited for'],
    ['rejected', ['processing'], 'a rejection without a pending decision'],
    ['completed', [], 'completing a session that never ran'],
    ['new', ['processing'], 'going back to new'],
    ['processing', ['processing', 'failed'], 'leaving an end state'],
    ['approved', ['processing', 'pending_approval', 'rejected'], 'overturning a rejection'],
  ])('refuses a move to %s after %j (%s) and changes nothing', async (to, path) => {
    const target = targetFor('nerm');
    const session = await create(target);
    for (const status of path) expect((await patch(target, session.id, { status })).status).toBe(200);
    const before = (await target.get(`${SESSIONS}/${session.id}`).set(AUTH)).body;
    const res = await patch(target, session.id, { status: to });
    expectNermError(res, 400, 'The workflow session failed to update', { status: [`cannot change from ${path.at(-1) ?? 'new'} to ${to}`] });
    expect((await target.get(`${SESSIONS}/${session.id}`).set(AUTH)).body).toEqual(before);
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
    expectNermError(await patch(target, session.id, { status: 'pending approval' }), 400, 'The workflow session failed to update', { status: ['is not included in the list'] });
  });

  it('does not let an update change the id', async () => {
    const target = targetFor('nerm');
    expectNermError(await patch(target, EXAMPLE.id, { id: 'other' }), 400, 'The workflow session failed to update', { id: ['is invalid'] });
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
