import { describe, expect, it } from 'vitest';
import { packNerm } from '../../mocks/nerm/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { json as jsonOf, manualMocks, MINUTE } from '../support/manual-mock.ts';

// A NERM session started with run=true moves by itself as mocks/nerm/lifecycle.ts declares. Every test owns a manual clock: nothing moves until it says so.

const manual = manualMocks();
const AUTH = { authorization: 'Bearer t' };
const json = (res: Response) => jsonOf<JsonObject>(res);

describe('NERM sessions on the mock clock', () => {
  it('runs a NERM session started with run=true to its end', async () => {
    const mock = await manual({ packs: [packNerm] });
    const base = `${mock.url('nerm')}/api/workflow_sessions`;
    const created = await json(
      await fetch(`${base}?run=true`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({
          workflow_session: {
            workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
            requester_type: 'User',
          },
        }),
      }),
    );
    const id = String((created['workflow_session'] as JsonObject)['id']);
    const status = async () => ((await json(await fetch(`${base}/${id}`, { headers: AUTH })))['workflow_session'] as JsonObject)['status'];
    expect(await status()).toBe('processing');
    await mock.advance(2 * MINUTE);
    expect(await status()).toBe('pending_approval');
    await mock.advance(60 * MINUTE);
    expect(['completed', 'rejected']).toContain(await status());
  });
});
