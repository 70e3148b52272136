import { describe, expect, it } from 'vitest';
import { packTwinit } from '../../mocks/twinit/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { json as jsonOf, manualMocks, MINUTE } from '../support/manual-mock.ts';

// Twinit runs move by themselves as mocks/twinit/lifecycle.ts declares. Every test owns a manual clock: nothing moves until it says so.

const manual = manualMocks();
const AUTH = { authorization: 'Bearer t' };
const json = (res: Response) => jsonOf<JsonObject>(res);

describe('Twinit runs on the mock clock', () => {
  it("runs Twinit QUEUED -> RUNNING -> an end, tasks following, and keeps the document's run QUEUED", async () => {
    const mock = await manual({ packs: [packTwinit] });
    const base = `${mock.url('twinit')}/workflowsvc/api/v1/workflows`;
    const created = await json(
      await fetch(`${base}?nsfilter=first_tchgt1VU`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ _workflowDefId: '824beec4-4a58-4bf8-b9df-b86172a2d5d5' }),
      }),
    );
    const get = async (id: string) => json(await fetch(`${base}/${id}?nsfilter=first_tchgt1VU`, { headers: AUTH }));
    await mock.advance(2 * MINUTE);
    const running = await get(String(created['_id']));
    expect(running['_status']).toBe('RUNNING');
    expect((running['_tasks'] as { _status: string }[])[0]?._status).toBe('RUNNING');
    await mock.advance(5 * MINUTE);
    const ended = await get(String(created['_id']));
    expect(['COMPLETED', 'FAILED', 'TIMED_OUT']).toContain(ended['_status']);
    expect(Date.parse(String(ended['_updatedAt']))).toBeGreaterThan(Date.parse(String(running['_updatedAt'])));
    expect((await get('94bcf41e-8d05-4011-a64b-d5a5164b0155'))['_status']).toBe('QUEUED');
  });
});
