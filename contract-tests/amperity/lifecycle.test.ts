import { describe, expect, it } from 'vitest';
import { packAmperity } from '../../mocks/amperity/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { json as jsonOf, manualMocks, MINUTE, SECOND } from '../support/manual-mock.ts';

// Amperity runs move by themselves as mocks/amperity/lifecycle.ts declares. Every test owns a manual clock: nothing moves until it says so.

const manual = manualMocks();
const AUTH = { authorization: 'Bearer t' };
const json = (res: Response) => jsonOf<JsonObject>(res);

describe('Amperity runs on the mock clock', () => {
  it('runs Amperity scheduled -> started -> in progress -> running -> an end, failures with an error object', async () => {
    const mock = await manual({ packs: [packAmperity] });
    const headers = { ...AUTH, 'amperity-tenant': 'lifecycle', 'api-version': '2024-04-01', 'content-type': 'application/json' };
    const base = `${mock.url('amperity')}/api/workflow/runs`;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(String((await json(await fetch(base, { method: 'POST', headers, body: JSON.stringify({ config_id: 'cfg-stitch-refresh' }) })))['id']));
    const states = async () => Promise.all(ids.map(async (id) => json(await fetch(`${base}/${id}?view=verbose`, { headers }))));
    await mock.advance(59 * SECOND);
    expect((await states()).every((run) => run['state'] === 'scheduled')).toBe(true);
    await mock.advance(32 * SECOND);
    expect((await states()).some((run) => run['state'] === 'scheduled')).toBe(false);
    await mock.advance(30 * MINUTE);
    const ended = await states();
    expect(ended.every((run) => ['succeeded', 'failed'].includes(String(run['state'])))).toBe(true);
    expect(ended.every((run) => run['ended_at'] !== null)).toBe(true);
    const failed = ended.filter((run) => run['state'] === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((run) => typeof (run['error'] as JsonObject | undefined)?.['message'] === 'string')).toBe(true);
    expect(
      ended.filter((run) => run['state'] === 'succeeded').every((run) => (run['task_instances'] as { state: string }[]).every((t) => t.state === 'succeeded')),
    ).toBe(true);
  });
});
