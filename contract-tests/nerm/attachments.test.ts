import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { expectSchema } from '../support/schemas.ts';
import { examples, schemaId } from './support.ts';

/**
 * Workflow-session attachments over real HTTP: the upload as a real multipart body, the URL NERM answers, and the
 * download a client makes from that URL with nothing but the URL (SecZetta's NEPAPIUtil.rb opens it with URI.open).
 */
const TOKEN = { authorization: 'Token token=attachments' };
const ATTRIBUTE = settings.attachment.attributeId;
const OTHER_ATTRIBUTE = '1246d8b3-ac29-4015-8154-dea4434a73fa';

let mock: MockServer;
let base: string;

beforeAll(async () => {
  mock = await startMockServer({ clock: 'manual' });
  base = `${mock.url('nerm')}/api/workflow_sessions`;
});

afterAll(async () => {
  await mock.stop();
});

type Session = { id: string; profile_ids: string[]; status: string };

async function sessions(headers: Record<string, string> = {}): Promise<Session[]> {
  const res = await fetch(`${base}?limit=1000`, { headers: { ...TOKEN, ...headers } });
  return ((await res.json()) as { workflow_sessions: Session[] }).workflow_sessions;
}

async function createSession(headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(base, {
    method: 'POST',
    headers: { ...TOKEN, ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      workflow_session: { workflow_id: '33f072dd-13b4-41e1-8ea0-16f2a59b57c8', requester_id: '33f072dd-13b4-41e1-8ea0-16f2a59b57c8', requester_type: 'User' },
    }),
  });
  return ((await res.json()) as { workflow_session: { id: string } }).workflow_session.id;
}

function upload(sessionId: string, attributeId: string, file: Blob, filename: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.append('file', file, filename);
  return fetch(`${base}/${sessionId}/upload/${attributeId}`, { method: 'POST', headers: { ...TOKEN, ...headers }, body: form });
}

async function urlOf(res: Response): Promise<string> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expectSchema(schemaId('attachment.json#/$defs/Url'), body);
  return (body as { url: string }).url;
}

/** What a client with only the URL gets: no Authorization, no X-Mock-Session. */
const download = (url: string) => fetch(url);

function expectNermError(status: number, body: unknown, message: RegExp | string, errors?: Record<string, string[]>): void {
  expectSchema(schemaId('error.json'), body);
  const { error, errors: fields } = body as { error: string; errors?: Record<string, string[]> };
  if (typeof message === 'string') expect(error).toBe(message);
  else expect(error).toMatch(message);
  if (errors) expect(fields).toEqual(errors);
  expect(status).toBeGreaterThanOrEqual(400);
}

describe('NERM workflow-session attachments', () => {
  it('seeds the CSV of its profiles on a batch session, fetchable before any upload', async () => {
    const batch = (await sessions()).find((s) => s.profile_ids.length > 0 && s.id !== examples.list.workflow_sessions[0]?.id) as Session;
    const url = await urlOf(await fetch(`${base}/${batch.id}/upload/${ATTRIBUTE}`, { headers: TOKEN }));
    expect(url.startsWith(`${mock.origin}/nerm/`)).toBe(true);
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv');
    const lines = (await file.text()).trim().split('\r\n');
    expect(lines[0]).toBe('profile_id,name');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(batch.profile_ids);
  });

  it('stores an uploaded CSV and answers an absolute URL that downloads the same bytes without credentials', async () => {
    const id = await createSession();
    const csv = 'profile_id,name\r\n59ed1cb6-9977-4965-9bfe-f2bcc242523e,Ada Lovelace\r\n';
    const posted = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob([csv], { type: 'text/csv' }), 'people.csv'));
    const got = await urlOf(await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN }));
    expect(new URL(posted).origin).toBe(mock.origin);
    for (const url of [posted, got]) {
      const file = await download(url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv');
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="people\.csv"/);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await file.text()).toBe(csv);
    }
    mock.assertNoViolations({ api: 'nerm' });
  });

  it('keeps binary files byte for byte', async () => {
    const id = await createSession();
    const bytes = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const url = await urlOf(
      await upload(id, OTHER_ATTRIBUTE, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'people.xlsx'),
    );
    const file = await download(url);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('puts the X-Mock-Session in the URL, so the download finds the file there and nowhere else', async () => {
    const session = { 'x-mock-session': 'attachments-qa' };
    const id = await createSession(session);
    const url = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['a,b\r\n'], { type: 'text/csv' }), 'qa.csv', session));
    expect(url).toContain('/attachments-qa/');
    expect(await (await download(url)).text()).toBe('a,b\r\n');
    const elsewhere = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN });
    expect(elsewhere.status).toBe(404);
  });

  it('replaces an earlier upload: the new URL serves the new file and the old link stops working', async () => {
    const id = await createSession();
    const first = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['one']), 'one.txt'));
    const second = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['two']), 'two.txt'));
    expect(await (await download(second)).text()).toBe('two');
    const stale = await download(first);
    expect(stale.status).toBe(403);
    expectNermError(stale.status, await stale.json(), 'The attachment link is not valid');
  });

  it('lets a link expire an hour after it was issued, and a fresh GET gives a working one', async () => {
    const id = await createSession();
    const url = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['soon gone']), 'x.txt'));
    await mock.advance(59 * 60_000);
    expect((await download(url)).status).toBe(200);
    await mock.advance(2 * 60_000);
    const expired = await download(url);
    expect(expired.status).toBe(403);
    expectNermError(expired.status, await expired.json(), /expired/);
    const fresh = await urlOf(await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN }));
    expect(await (await download(fresh)).text()).toBe('soon gone');
  });

  it('refuses a link whose signature was tampered with, or that names no attachment', async () => {
    const id = await createSession();
    const url = await urlOf(await upload(id, OTHER_ATTRIBUTE, new Blob(['x']), 'x.txt'));
    const forged = url.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
    expect((await download(forged)).status).toBe(403);
    expect((await download(url.replace(/\/[^/]+$/, '/garbage'))).status).toBe(404);
    expect((await download(url.replace(id, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it("answers 404 in NERM's body for an attribute with no attachment and for an unknown session", async () => {
    const id = await createSession();
    const none = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { headers: TOKEN });
    expect(none.status).toBe(404);
    expectNermError(none.status, await none.json(), `Workflow session ${id} has no attachment for attribute ${OTHER_ATTRIBUTE}`);
    const unknown = await upload('00000000-0000-4000-8000-000000000000', OTHER_ATTRIBUTE, new Blob(['x']), 'x.txt');
    expect(unknown.status).toBe(404);
    expectNermError(unknown.status, await unknown.json(), /Workflow session 00000000-0000-4000-8000-000000000000 not found/);
  });

  it("refuses a form without the file part with NERM's validation body", async () => {
    const id = await createSession();
    const form = new FormData();
    form.append('note', 'no file here');
    const res = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { method: 'POST', headers: TOKEN, body: form });
    expect(res.status).toBe(400);
    expectNermError(res.status, await res.json(), 'The workflow session failed to update', { file: ["can't be blank"] });
  });

  it('refuses a JSON body, as the document says the upload is a form', async () => {
    const id = await createSession();
    const res = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, {
      method: 'POST',
      headers: { ...TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'abc' }),
    });
    expect(res.status).toBe(415);
    expectNermError(res.status, await res.json(), /multipart\/form-data/);
  });

  it.each([
    ['a truncated form', 'multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'],
    ['a form without a boundary', 'multipart/form-data', '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc\r\n--XyZ--\r\n'],
  ])("answers %s with NERM's malformed-body error, never a 500", async (_what, contentType, body) => {
    const id = await createSession();
    const res = await fetch(`${base}/${id}/upload/${OTHER_ATTRIBUTE}`, { method: 'POST', headers: { ...TOKEN, 'content-type': contentType }, body });
    expect(res.status).toBe(400);
    expectNermError(res.status, await res.json(), examples.errors.invalidJson.error);
  });

  it("answers a form over the 1 MiB body limit with 413 in NERM's body", async () => {
    const id = await createSession();
    const res = await upload(id, OTHER_ATTRIBUTE, new Blob([new Uint8Array(1024 * 1024 + 1)]), 'big.bin');
    expect(res.status).toBe(413);
    expectNermError(res.status, await res.json(), 'Request body is larger than 1 MiB');
  });
});
