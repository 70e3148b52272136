import { afterEach, describe, expect, it } from 'vitest';
import { pack8x8 } from '../../mocks/8x8/index.ts';
import { checkerRules } from '../../src/lifecycle/progress.ts';
import { checkLifecycle } from '../../src/state/lifecycle-check.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import type { JsonObject } from '../../src/core/json.ts';

// 8x8 workflows move by themselves as mocks/8x8/lifecycle.ts declares. Every test owns a manual clock: nothing moves until it says so.

const WORKFLOWS = '/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';
const AUTH = { authorization: 'Bearer t' };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function manual(seed = 1): Promise<MockServer> {
  const mock = await startMockServer({ clock: 'manual', rateLimits: false, seed, packs: [pack8x8] });
  servers.push(mock);
  return mock;
}

async function json(res: Response): Promise<JsonObject> {
  return (await res.json()) as JsonObject;
}

async function start8x8(mock: MockServer): Promise<string> {
  const res = await fetch(`${mock.url('8x8')}${WORKFLOWS}`, { method: 'POST', headers: AUTH });
  return (res.headers.get('location') ?? '').split('/').at(-1) ?? '';
}

const get8x8 = async (mock: MockServer, id: string) => json(await fetch(`${mock.url('8x8')}${WORKFLOWS}/${id}?includeLogs=true`, { headers: AUTH }));

describe('8x8 workflows run by themselves on the mock clock', () => {
  it('stays Runnable for the declared minute and ends within the declared four', async () => {
    const mock = await manual();
    const id = await start8x8(mock);
    const started = Date.parse(String((await get8x8(mock, id))['startedAt']));
    await mock.advance(59 * SECOND);
    expect((await get8x8(mock, id))['status']).toBe('Runnable');
    await mock.advance(4 * MINUTE - 59 * SECOND);
    const ended = await get8x8(mock, id);
    expect(['Complete', 'Terminated']).toContain(ended['status']);
    const completedAt = Date.parse(String(ended['completedAt']));
    expect(completedAt).toBeGreaterThanOrEqual(started + MINUTE);
    expect(completedAt).toBeLessThanOrEqual(started + 4 * MINUTE);
  });

  it('ends most runs Complete and the rest Terminated with an entry in /errors, as declared', async () => {
    const mock = await manual();
    const ids = await Promise.all(Array.from({ length: 40 }, () => start8x8(mock)));
    await mock.advance(5 * MINUTE);
    const ends = await Promise.all(ids.map((id) => get8x8(mock, id)));
    const terminated = ends.filter((w) => w['status'] === 'Terminated');
    expect(ends.every((w) => w['status'] === 'Complete' || w['status'] === 'Terminated')).toBe(true);
    expect(terminated.length).toBeGreaterThan(0);
    expect(terminated.length).toBeLessThan(20);
    for (const workflow of terminated) {
      const errors = (await json(await fetch(`${mock.url('8x8')}${WORKFLOWS}/${workflow['workflowId']}/errors`, { headers: AUTH }))) as unknown as {
        errorTime: string;
      }[];
      expect(errors).toHaveLength(1);
      expect(errors[0]?.errorTime).toBe(workflow['completedAt']);
    }
    const complete = ends.find((w) => w['status'] === 'Complete');
    expect(((complete?.['logs'] ?? []) as { status: string }[]).every((log) => log.status === 'Complete')).toBe(true);
  });

  it('plays out the same way for the same seed', async () => {
    const outcome = async (seed: number) => {
      const mock = await manual(seed);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(await start8x8(mock));
      await mock.advance(10 * MINUTE);
      return Promise.all(
        ids.map(async (id) => {
          const w = await get8x8(mock, id);
          return [w['status'], w['completedAt']];
        }),
      );
    };
    expect(await outcome(5)).toEqual(await outcome(5));
  });

  it('does not move a suspended run, and plans it again when resumed', async () => {
    const mock = await manual();
    const id = await start8x8(mock);
    await fetch(`${mock.url('8x8')}${WORKFLOWS}/${id}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspend' }),
    });
    await mock.advance(60 * MINUTE);
    expect((await get8x8(mock, id))['status']).toBe('Suspended');
    await fetch(`${mock.url('8x8')}${WORKFLOWS}/${id}`, {
      method: 'PATCH',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resume' }),
    });
    await mock.advance(30 * SECOND);
    expect((await get8x8(mock, id))['status']).toBe('Runnable');
    await mock.advance(5 * MINUTE);
    expect(['Complete', 'Terminated']).toContain((await get8x8(mock, id))['status']);
  });

  it('produces runs the lifecycle checker accepts', async () => {
    const mock = await manual();
    const id = await start8x8(mock);
    const seen = [await get8x8(mock, id)];
    for (let i = 0; i < 6; i++) {
      await mock.advance(MINUTE);
      seen.push(await get8x8(mock, id));
    }
    if (!pack8x8.lifecycle) throw new Error('8x8 declares its lifecycle');
    expect(checkLifecycle(checkerRules(pack8x8.lifecycle), seen)).toEqual([]);
  });

  it("moves the seeded running workflows too, but never the document's examples", async () => {
    const mock = await manual();
    const runnable = async () =>
      (await json(await fetch(`${mock.url('8x8')}${WORKFLOWS}?status=Runnable&limit=500`, { headers: AUTH }))) as unknown as unknown[];
    expect((await runnable()).length).toBeGreaterThan(0);
    const example = await get8x8(mock, '60dbe307fe55d99fc083db61');
    await mock.advance(24 * 60 * MINUTE);
    expect(await runnable()).toEqual([]);
    expect(await get8x8(mock, '60dbe307fe55d99fc083db61')).toEqual(example);
  });

  it('runs the workflows the http_request trigger starts like any other', async () => {
    const mock = await manual();
    const headers = { ...AUTH, 'content-type': 'application/json' };
    const definitions = `${mock.url('8x8')}/api/v1/accounts/test_account_id/definitions`;
    const steps = [
      { id: 'notify', stepType: 'SMS', inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.user.contact}}', text: '{{data.event}}' } },
    ];
    const created = await fetch(definitions, {
      method: 'POST',
      headers,
      body: JSON.stringify({ trigger: 'http_request', status: 'enabled', definition: { name: 'Lifecycle', steps } }),
    });
    const id = ((await created.json()) as { id: string }).id;
    await fetch(`${mock.url('8x8')}/api/v1/accounts/test_account_id/triggers/http_request`, { method: 'POST', headers, body: JSON.stringify({ event: 'go' }) });
    const list = async () =>
      (await (await fetch(`${definitions}/${id}/workflows`, { headers: AUTH })).json()) as { status: string; completedAt: string | null }[];
    expect((await list()).map((w) => w.status)).toEqual(['Runnable']);
    await mock.advance(10 * MINUTE);
    const [ended] = await list();
    expect(['Complete', 'Terminated']).toContain(ended?.status);
    expect(ended?.completedAt).not.toBeNull();
  });

  it('stamps every write with the mock clock', async () => {
    const mock = await manual();
    await mock.clock.set(Date.parse('2027-03-04T05:06:07.000Z'));
    const id = await start8x8(mock);
    expect((await get8x8(mock, id))['startedAt']).toBe('2027-03-04T05:06:07.000Z');
  });
});
