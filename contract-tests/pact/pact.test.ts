import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { pactTarget } from '../../src/pact/target.ts';
import { verifyPacts, type InteractionVerdict } from '../../src/pact/verify.ts';

// `--pact` end to end: hand-written consumer pacts (v2, v3, v4) against the schemas and the stateful mock, planted
// errors each caught for the right reason, and a pact exported from a client's run verifying green.

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimits: false });
});
afterAll(async () => {
  await mock.stop();
});

const pactOf = (name: string) => JSON.parse(readFileSync(new URL(`./pacts/${name}`, import.meta.url), 'utf8')) as JsonObject;

function verify(files: { name: string; pact: JsonObject }[], stateNames: Record<string, string> = {}): Promise<InteractionVerdict[]> {
  return verifyPacts({
    files,
    stateNames,
    declarations: allPacks.flatMap((pack) => pack.providerStates ?? []),
    target: pactTarget({
      apis: allPacks.map((pack) => pack.id),
      baseUrl: (api) => mock.url(api),
      origin: mock.origin,
      openApi: (api) => JSON.parse(readFileSync(new URL(`../../openapi/${api}.json`, import.meta.url), 'utf8')) as JsonObject,
    }),
  });
}

const byDescription = (verdicts: InteractionVerdict[], description: string) => verdicts.find((v) => v.description === description);

it('verifies consumer pacts of v2, v3 and v4 green', async () => {
  const verdicts = await verify(['8x8-v2.json', 'nerm-v3.json', 'nerm-v4.json'].map((name) => ({ name, pact: pactOf(name) })));
  expect(verdicts.filter((v) => v.outcome !== 'skipped').map((v) => [v.description, v.outcome])).toEqual([
    ['reads a running workflow instance', 'pass'],
    ['suspends a running workflow instance', 'pass'],
    ['reads a session pending approval', 'pass'],
    ['reads a failed session', 'pass'],
  ]);
});

it('verifies consumer pacts for Amperity (v3), Twinit (v2) and LongJump (v3) green', async () => {
  const verdicts = await verify(['amperity-v3.json', 'twinit-v2.json', 'longjump-v3.json'].map((name) => ({ name, pact: pactOf(name) })));
  expect(verdicts.map((v) => [v.description, v.outcome, v.reasons])).toEqual([
    ['reads a failed workflow run', 'pass', []],
    ['stops a running workflow run', 'pass', []],
    ['reads a paused workflow', 'pass', []],
    ['resumes a paused workflow', 'pass', []],
    ['logs in as a seeded user', 'pass', []],
    ['is refused with a wrong password', 'pass', []],
    ['reads the workflow owners of a record awaiting its first decision', 'pass', []],
    ['is refused without a session', 'pass', []],
  ]);
});

it('verifies a GitHub Actions consumer pact (v4) green', async () => {
  const verdicts = await verify([{ name: 'github-v4.json', pact: pactOf('github-v4.json') }]);
  expect(verdicts.map((v) => [v.description, v.outcome, v.reasons])).toEqual([
    ['reads a run in progress', 'pass', []],
    ['cancels a run in progress', 'pass', []],
  ]);
});

it('skips a v4 message interaction with the reason', async () => {
  const verdicts = await verify([{ name: 'nerm-v4.json', pact: pactOf('nerm-v4.json') }]);
  expect(byDescription(verdicts, 'a session-finished event')?.outcome).toBe('skipped');
  expect(byDescription(verdicts, 'a session-finished event')?.reasons[0]?.message).toMatch(/message pacts/);
});

it('catches each planted error with its reason', async () => {
  const verdicts = await verify([{ name: 'planted', pact: pactOf('8x8-planted-v2.json') }]);
  const misspelt = byDescription(verdicts, 'misspelt field');
  expect(misspelt?.outcome).toBe('fail');
  expect(misspelt?.reasons.some((r) => r.half === 'schema' && r.message.includes('statuss'))).toBe(true);
  expect(misspelt?.curl).toMatch(/^curl .*X-Mock-Session: pact-/);
  const status = byDescription(verdicts, 'wrong status');
  expect(status?.reasons.some((r) => r.half === 'behaviour' && r.expected === 201 && r.actual === 200)).toBe(true);
  const query = byDescription(verdicts, 'query the vendor lacks');
  expect(query?.reasons.some((r) => r.message.startsWith('request.query.unknown') && r.pointer === '/request/query/verbose')).toBe(true);
  const resume = byDescription(verdicts, 'resume a terminated workflow');
  expect(resume?.outcome).toBe('vendor-differs');
  expect(resume?.reasons).toEqual([expect.objectContaining({ half: 'behaviour', expected: 200, actual: 400 })]);
  const unknown = byDescription(verdicts, 'unknown state');
  expect(unknown?.outcome).toBe('fail');
  expect(unknown?.reasons[0]?.message).toMatch(
    /Unknown provider state "the moon is full"\. Known states: .*an 8x8 workflow instance \{workflowId\} is \{status\}/,
  );
});

it('maps a team state name onto a declared one with --states', async () => {
  const pact = pactOf('8x8-planted-v2.json');
  const interactions = (pact['interactions'] as JsonObject[]).filter((i) => i['description'] === 'unknown state');
  const verdicts = await verify([{ name: 'mapped', pact: { ...pact, interactions } }], {
    'the moon is full': 'an 8x8 workflow instance 7d3f6a52b1c04e8f9a1b2c44 is Complete',
  });
  expect(verdicts[0]?.outcome).toBe('pass');
});

it('exports a pact of a named client run that verifies green', async () => {
  const base = `${mock.url('8x8')}/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows`;
  const headers = { authorization: 'Bearer client', 'x-mock-client': 'export-test', 'x-mock-session': 'export-run', 'content-type': 'application/json' };
  // Created in a session of its own, so the list below finds a seeded instance.
  const created = await fetch(base, { method: 'POST', headers: { ...headers, 'x-mock-session': 'export-create' }, body: JSON.stringify({ orderId: '42' }) });
  expect(created.status).toBe(201);
  // A seeded Runnable instance: read, then suspended (its state before the move is what the read showed).
  const runnable = (await (await fetch(`${base}?status=Runnable&limit=1`, { headers })).json()) as { workflowId: string }[];
  const id = runnable[0]?.workflowId ?? '';
  expect((await fetch(`${base}/${id}`, { headers })).status).toBe(200);
  expect((await fetch(`${base}/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'suspend' }) })).status).toBe(200);
  for (const spec of ['3', '4']) {
    const answer = await fetch(`${mock.origin}/__admin/pact?client=export-test&consumer=shop&provider=8x8&spec=${spec}`);
    expect(answer.status).toBe(200);
    const pact = (await answer.json()) as JsonObject;
    expect(pact['interactions']).toHaveLength(4);
    const verdicts = await verify([{ name: `export-v${spec}`, pact }]);
    expect(verdicts.map((v) => [v.description, v.outcome, v.reasons])).toEqual(verdicts.map((v) => [v.description, 'pass', []]));
  }
});

it('exports the run of a client that creates a run, reads it and suspends it, and it verifies green', async () => {
  const base = `${mock.url('8x8')}/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows`;
  const headers = { authorization: 'Bearer client', 'x-mock-client': 'own-run', 'x-mock-session': 'own-run', 'content-type': 'application/json' };
  const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ orderId: '42', lines: 3 }) });
  const id = (created.headers.get('location') ?? '').split('/').at(-1);
  const read = (await (await fetch(`${base}/${id}`, { headers })).json()) as { data: { payload: JsonObject } };
  expect(read.data.payload).toEqual({ orderId: '42', lines: 3 });
  expect((await fetch(`${base}/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'suspend' }) })).status).toBe(200);
  const pact = (await (await fetch(`${mock.origin}/__admin/pact?client=own-run&consumer=shop&provider=8x8`)).json()) as JsonObject;
  const [, reading] = pact['interactions'] as JsonObject[];
  // The read's state carries what the client gave the run, which no seeded run has.
  expect(JSON.stringify(reading?.['providerStates'])).toContain('"fields":{"/data/payload":{"orderId":"42","lines":3}}');
  const verdicts = await verify([{ name: 'own-run', pact }]);
  expect(verdicts.map((v) => [v.outcome, v.reasons])).toEqual([
    ['pass', []],
    ['pass', []],
    ['pass', []],
  ]);
});

it('refuses an unknown provider state on the setup call and lists the known ones', async () => {
  const answer = await fetch(`${mock.origin}/__admin/provider-states`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-session': 'states-test' },
    body: JSON.stringify({ consumer: 'c', state: 'no such state', params: {}, action: 'setup' }),
  });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { error: string }).error).toMatch(/Known states: .*a Twinit workflow \{id\} is \{status\}/);
});
