import { readdirSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../../src/assemble.ts';
import { machineGraph } from '../../src/console/graph.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import { createApp } from '../../src/http/create-app.ts';
import { ROOT } from '../../src/harness/server-process.ts';

// Every pack that declares a console view is described; one without is named here, not left out silently.

const CONSOLE_IDS = allPacks.filter((pack) => pack.console).map((pack) => pack.id);
for (const pack of allPacks.filter((p) => !p.console)) console.log(`console: ${pack.id} declares no console view (mocks/${pack.id}: console)`);

/** How the console is served: no build step, nothing from the network, the admin guard and token honoured. */
function app(adminToken?: string) {
  const clock = createControlledClock('real', Date.parse('2026-11-01T00:00:00Z'));
  const { engine, admin } = testMock({ seed: 1, controlledClock: clock });
  return createApp({ engine, admin, clock, ...(adminToken ? { adminToken } : {}) });
}

describe('serving the console', () => {
  it('serves the page, its stylesheet and its TypeScript modules as JavaScript, with a strict content policy', async () => {
    const server = app();
    const page = await request(server).get('/__admin/ui').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('/__admin/ui/main.ts');
    const main = await request(server).get('/__admin/ui/main.ts').expect(200);
    expect(main.headers['content-type']).toContain('text/javascript');
    expect(main.text).toContain('from "./runs-view.ts"');
    expect(main.text).not.toMatch(/:\s*ClockState\b/);
    await request(server)
      .get('/__admin/ui/styles.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  it('serves only the console files', async () => {
    const server = app();
    for (const path of ['/__admin/ui/model.test.ts', '/__admin/ui/..%2F..%2Fmain.ts', '/__admin/ui/nope.ts', '/__admin/ui/tsconfig.json']) {
      const response = await request(server).get(path);
      expect(response.status, path).toBe(404);
    }
  });

  it('loads nothing from the network: no absolute URL in any file it serves', () => {
    const dir = `${ROOT}src/ui/`;
    for (const name of readdirSync(dir).filter((file) => !file.endsWith('.test.ts') && file !== 'tsconfig.json')) {
      expect(readFileSync(`${dir}${name}`, 'utf8'), name).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    }
  });

  it('describes every API for the console, and pauses and resumes a real clock', async () => {
    const server = app();
    const described = await request(server).get('/__admin/console').expect(200);
    expect((described.body as { apis: { id: string }[] }).apis.map((api) => api.id)).toEqual(CONSOLE_IDS);
    const paused = await request(server).post('/__admin/clock').send({ pause: true }).expect(200);
    expect(paused.body).toMatchObject({ paused: true, pausable: true });
    const resumed = await request(server).post('/__admin/clock').send({ resume: true }).expect(200);
    expect(resumed.body).toMatchObject({ paused: false });
  });

  it('honours --admin-token: refused without it, opened once with ?token=, then by the cookie it sets', async () => {
    const server = app('s3cret');
    await request(server).get('/__admin/ui').expect(401);
    await request(server).get('/__admin/ui?token=wrong').expect(401);
    const opened = await request(server).get('/__admin/ui?token=s3cret').expect(303);
    expect(opened.headers['location']).toBe('/__admin/ui');
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/wm_admin_token=s3cret; Path=\/__admin; HttpOnly; SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';
    await request(server).get('/__admin/ui').set('cookie', pair).expect(200);
    await request(server).get('/__admin/console').set('cookie', pair).expect(200);
    await request(server).get('/__admin/console').set('cookie', 'wm_admin_token=guess').expect(401);
  });

  it('reads stored records for the console: by id with their history, or a page', async () => {
    const server = app();
    const page = await request(server).get('/__admin/records?api=longjump&collection=records&limit=3').expect(200);
    expect((page.body as { records: unknown[]; total: number }).records).toHaveLength(3);
    expect((page.body as { total: number }).total).toBeGreaterThan(10);
    const one = await request(server).get('/__admin/records?api=longjump&collection=records&ids=purchase_orders%2F1381445705').expect(200);
    expect((one.body as { records: { id: string }[] }).records.map((r) => r.id)).toEqual(['purchase_orders/1381445705']);
    await request(server).get('/__admin/records?api=nope&collection=x').expect(404);
    await request(server).get('/__admin/records?api=nerm').expect(400);
    await request(server).get('/__admin/records?api=nerm&collection=sessions&session=bad%20name').expect(400);
  });

  it("counts each API's runs by state for the diagram, in the shared state or a session's", async () => {
    const server = app();
    for (const pack of allPacks) {
      const graph = machineGraph(pack);
      const response = await request(server).get(`/__admin/states?api=${pack.id}`);
      if (!graph) {
        expect(response.status, pack.id).toBe(404);
        continue;
      }
      const body = response.body as { api: string; field: string; counts: Record<string, number>; total: number };
      expect(body.field, pack.id).toBe(graph.field);
      expect(body.total, pack.id).toBeGreaterThan(0);
      expect(
        Object.values(body.counts).reduce((sum, n) => sum + n, 0),
        pack.id,
      ).toBe(body.total);
    }
    const withMachine = allPacks.find((pack) => machineGraph(pack));
    if (!withMachine) throw new Error('no API with a machine');
    // A session's copy is seeded on first use, so it starts with the seed's counts.
    const shared = await request(server).get(`/__admin/states?api=${withMachine.id}`).expect(200);
    const session = await request(server).get(`/__admin/states?api=${withMachine.id}&session=counted`).expect(200);
    expect(session.body).toEqual(shared.body);
    await request(server).get('/__admin/states?api=nope').expect(404);
    await request(server).get(`/__admin/states?api=${withMachine.id}&session=bad%20name`).expect(400);
  });
});
