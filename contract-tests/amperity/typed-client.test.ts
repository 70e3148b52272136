import { describe, expect, it } from 'vitest';
import { packAmperity } from '../../mocks/amperity/index.ts';
import { createAmperityClient } from '../../src/clients/amperity.ts';
import { clientMock } from '../support/client-mock.ts';

// The project's typed Amperity client (types generated from schemas/ through openapi/) against the mock over real HTTP,
// breaking no request schema and answered within the response schemas.

const mock = clientMock(packAmperity);

describe('the typed Amperity client against the mock', () => {
  it('every page through next_token, get, start and stop', async () => {
    const api = createAmperityClient({ baseUrl: `${mock.current().origin}/amperity`, token: 'demo', tenant: 'socktown' });
    const total = (await api.listRuns({ limit: 1, with_total: true })).data?.total;
    const ids: string[] = [];
    for await (const run of api.runs({ limit: 100 })) ids.push(run.id);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await api.getRun('wf-20240603-12345-MNabc', 'verbose')).response.status).toBe(200);
    const started = await api.startRun({ config_id: 'cfg-1' });
    expect(started.data?.state).toBe('scheduled');
    expect((await api.stopRun(started.data?.id ?? '')).data?.state).toBe('canceled');
  });
});
