import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAmperityClient } from '../../src/clients/amperity.ts';
import { edgeVariants } from '../../src/engine/edge.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { pack8x8 } from '../../mocks/8x8/index.ts';

// The mock runs in strict mode here: an edge case that broke its schema would come back as a 500.

const LIST_8X8 = '/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
// biome-ignore lint/suspicious/noExplicitAny: response bodies here are checked by expect, not by the type system
type Loose = Record<string, any>;
const read = async (res: Response): Promise<Loose> => (await res.json()) as Loose;
const AMPERITY = { authorization: 'Bearer t', 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' };

describe('client robustness profile', () => {
  let mock: MockServer;
  const get = (api: string, path: string, headers: Record<string, string>) => fetch(`${mock.url(api)}${path}`, { headers });

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false });
  });
  afterAll(() => mock.stop());

  it('answers an empty page on request, valid and marked', async () => {
    const res = await get('8x8', LIST_8X8, { authorization: 'Bearer t', 'x-mock-edge': 'empty-page' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-edge')).toBe('empty-page');
    expect(await read(res)).toEqual([]);
    const nerm = await get('nerm', '/api/workflow_sessions?metadata=true', { authorization: 'Bearer t', 'x-mock-edge': 'empty-page' });
    const page = await read(nerm);
    expect(page).toMatchObject({ workflow_sessions: [], _metadata: { offset: 0 } });
    expect(page['_metadata']).not.toHaveProperty('next');
  });

  it('answers a page of the largest size the schema allows', async () => {
    const res = await get('amperity', '/api/workflow/runs', { ...AMPERITY, 'x-mock-edge': 'max-page' });
    expect((await read(res))['data']).toHaveLength(261);
    const twinit = await get('twinit', '/workflowsvc/api/v1/workflows?nsfilter=first_tchgt1VU', { authorization: 'Bearer t', 'x-mock-edge': 'max-page' });
    expect(await read(twinit)).toMatchObject({ _pageSize: 1000 });
  });

  it('answers the last page of a cursor: no next_token', async () => {
    const res = await get('amperity', '/api/workflow/runs?limit=5', { ...AMPERITY, 'x-mock-edge': 'last-page' });
    const body = await read(res);
    expect(body['data']).toHaveLength(5);
    expect(body).not.toHaveProperty('next_token');
  });

  it('leaves out every optional field, or nulls every nullable one', async () => {
    const one = `${LIST_8X8}/60dbe307fe55d99fc083db61`;
    const sparse = await read(await get('8x8', one, { authorization: 'Bearer t', 'x-mock-edge': 'sparse' }));
    expect(sparse['data']).toEqual({ accountId: 'test_account_id', triggeredAt: '2021-06-30T03:20:39.3857479Z' });
    const nulls = await read(await get('8x8', one, { authorization: 'Bearer t', 'x-mock-edge': 'nulls' }));
    expect(nulls['completedAt']).toBeNull();
    // NERM's document makes nothing nullable: its nulls variant is the session as it is.
    const session = await read(
      await get('nerm', '/api/workflow_sessions/db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e', { authorization: 'Bearer t', 'x-mock-edge': 'nulls' }),
    );
    expect(session['workflow_session'].profile_id).toBe('db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e');
    expect(JSON.stringify(session)).not.toContain('null');
  });

  it("answers each documented error in the vendor's envelope, and 429 with Retry-After", async () => {
    const notFound = await get('8x8', LIST_8X8, { authorization: 'Bearer t', 'x-mock-edge': 'error:notFound' });
    expect(notFound.status).toBe(404);
    expect(await read(notFound)).toMatchObject({ code: 1300 });
    const unauthenticated = await get('amperity', '/api/workflow/runs', { ...AMPERITY, 'x-mock-edge': 'error:unauthenticated' });
    expect(unauthenticated.status).toBe(401);
    expect(await read(unauthenticated)).toEqual({ status: 401, message: 'Simulated unauthenticated error (edge-case profile).' });
    const limited = await get('nerm', '/api/workflow_sessions', { authorization: 'Bearer t', 'x-mock-edge': 'rate-limited' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    const xml = await get('longjump', '/networking/rest/workflowAction/record/purchase_orders/1381445705', { 'x-mock-edge': 'error:internal' });
    expect(xml.status).toBe(500);
    expect(await xml.text()).toContain('<code>-1</code>');
  });

  it('rotates through every variant of an operation under X-Mock-Profile: edge', async () => {
    const list = pack8x8.operations.find((o) => o.id === 'listWorkflowInstances');
    if (!list) throw new Error('8x8 lists workflow instances');
    const variants = edgeVariants(list);
    const seen: string[] = [];
    for (let i = 0; i < variants.length + 1; i++) {
      const res = await get('8x8', LIST_8X8, { authorization: 'Bearer t', 'x-mock-profile': 'edge', 'x-mock-client': 'rotation-test' });
      expect(res.status).toBeLessThan(501);
      seen.push(res.headers.get('x-mock-edge') ?? '');
    }
    expect(seen).toEqual([...variants, variants[0]]);
  });

  it('switches the whole server to the profile through the control API', async () => {
    const put = (profile: string) =>
      fetch(`${mock.origin}/__admin/profile`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile }) });
    expect((await put('edge')).status).toBe(200);
    expect((await get('8x8', LIST_8X8, { authorization: 'Bearer t' })).headers.get('x-mock-edge')).not.toBeNull();
    expect((await put('normal')).status).toBe(200);
    expect((await get('8x8', LIST_8X8, { authorization: 'Bearer t' })).headers.get('x-mock-edge')).toBeNull();
    expect((await put('sideways')).status).toBe(400);
  });

  it('shows a client that copes: the typed Amperity iterator ends cleanly on an empty last page', async () => {
    const client = createAmperityClient({
      baseUrl: mock.url('amperity'),
      token: 't',
      tenant: 'socktown',
      fetch: (input: Request) => {
        input.headers.set('x-mock-edge', 'empty-page');
        return fetch(input);
      },
    });
    const seen: string[] = [];
    for await (const run of client.runs({ limit: 10 })) seen.push(run.id);
    expect(seen).toEqual([]);
  });
});
