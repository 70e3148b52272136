import { describe, expect, it } from 'vitest';
import { packNerm } from '../../mocks/nerm/index.ts';
import { createNermClient } from '../../src/clients/nerm.ts';
import { clientMock } from '../support/client-mock.ts';

// The project's typed NERM client (types generated from schemas/ through openapi/) against the mock over real HTTP,
// breaking no request schema and answered within the response schemas.

const mock = clientMock(packNerm);

describe('the typed NERM client against the mock', () => {
  it('the flat and deepObject list forms, create, get, update and an attachment', async () => {
    const api = createNermClient({ baseUrl: `${mock.current().origin}/nerm`, token: 'demo' });
    const flat = await api.listSessions({ limit: 3, offset: 1 });
    const deep = await api.listSessions({ limit: 3, offset: 1 }, 'deepObject');
    expect(deep.response.url).toContain('query[limit]=3');
    expect(deep.data?.workflow_sessions.map((s) => s.id)).toEqual(flat.data?.workflow_sessions.map((s) => s.id));
    const first = flat.data?.workflow_sessions[0];
    if (!first) throw new Error('no session listed');
    const created = await api.createSession({ workflow_id: first.workflow_id, requester_id: first.requester_id, requester_type: 'User' });
    const id = created.data?.workflow_session.id ?? '';
    expect((await api.getSession(id)).data?.workflow_session.status).toBe('new');
    expect((await api.updateSession(id, { attributes: { note: 'x' } })).data?.workflow_session.attributes).toMatchObject({ note: 'x' });
    const attribute = '1246d8b3-ac29-4015-8154-dea4434a73fa';
    const uploaded = await api.uploadAttachment(id, attribute, new Blob(['a,b\r\n'], { type: 'text/csv' }), 'ab.csv');
    expect(uploaded.response.status, JSON.stringify(uploaded.error)).toBe(200);
    const url = (await api.attachmentUrl(id, attribute)).data?.url ?? '';
    expect(await (await fetch(url)).text()).toBe('a,b\r\n');
  });
});
