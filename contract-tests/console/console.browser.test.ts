import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { ROOT, startServer, type ServerProcess } from '../../src/harness/server-process.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';

// The QA console in a real browser (headless Debian chromium through playwright-core) against a real server process
// with a manual clock: filter a list, start a run, take a command and see list and detail change, see a refused
// command's vendor error, advance the clock and see a run finish, switch sessions and see isolation, drive LongJump's
// actions, use it from the keyboard. A screenshot of each API page is kept in test-artifacts/console/.

const skipReason = browserUnavailable();
if (skipReason) console.log(skipReason);
const ARTIFACTS = `${ROOT}test-artifacts/console`;
for (const pack of allPacks.filter((p) => !p.console)) console.log(`console pages: ${pack.id} declares no console view, so it has no page`);

describe.skipIf(skipReason !== undefined)('the QA console in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer(['--clock', 'manual']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(server.origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
        errors.push(`left the server: ${request.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    expect(errors).toEqual([]);
  });

  // A fresh page each time: the same URL with another hash would keep the last test's filters.
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.origin}/__admin/ui${hash}`);
    await page.locator('tbody tr').first().waitFor();
  };
  const detailStatus = () => page.locator('#detail h3 .badge').first();
  const rowStatus = (id: string) => page.locator(`tbody tr[data-run="${id}"] .badge`);

  it('shows each API page with its runs, and keeps a screenshot of it', async () => {
    for (const api of allPacks.filter((pack) => pack.console).map((pack) => pack.id)) {
      await open(`#/api/${api}`);
      await expect.poll(() => page.locator('tbody tr[data-run]').count()).toBeGreaterThan(5);
      await page.screenshot({ path: `${ARTIFACTS}/${api}.png`, fullPage: true });
    }
    console.log(`console screenshots: ${ARTIFACTS}`);
  });

  it('filters a list with the API own filter', async () => {
    await open('#/api/8x8');
    await page.selectOption('#filter-8x8-status', 'Suspended');
    await expect.poll(async () => new Set(await page.locator('tbody .badge').allTextContents())).toEqual(new Set(['Suspended']));
  });

  it("pages through each API's list the way its dialect pages (offset, page number, cursor), and back", async () => {
    for (const api of allPacks.filter((pack) => pack.console).map((pack) => pack.id)) {
      await open(`#/api/${api}`);
      const pager = page.locator('.pager span');
      await expect.poll(() => pager.textContent(), { message: api }).toMatch(/^1–\d+/);
      if ((await page.locator('tbody tr[data-run]').count()) < 25) {
        await expect(page.locator('.pager button').nth(1).isDisabled(), `${api}: a short first page is the last`).resolves.toBe(true);
        continue;
      }
      await page.locator('.pager button').nth(1).click();
      await expect.poll(() => pager.textContent(), { message: api }).toMatch(/^26–\d+( of \d+)?$/);
      await expect(page.locator('.pager button').first().isDisabled(), api).resolves.toBe(false);
      await page.locator('.pager button').first().click();
      await expect.poll(() => pager.textContent(), { message: api }).toMatch(/^1–25( of \d+)?$/);
    }
  });

  it('starts a run, takes a command, and shows the change in the list, the detail and the history', async () => {
    await open('#/api/8x8');
    await page.getByRole('button', { name: 'New workflow instance' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => detailStatus().textContent()).toBe('Runnable');
    const id = (await page.locator('#detail h3').first().textContent())?.match(/[0-9a-f]{24}/)?.[0] ?? '';
    expect(id).not.toBe('');
    await expect.poll(async () => page.locator('tbody tr').first().getAttribute('data-run')).toBe(id);
    await expect(page.locator('#detail [data-command]').allTextContents()).resolves.toEqual(['suspend', 'terminate']);
    await page.click('#detail [data-command="suspend"]');
    await expect.poll(async () => detailStatus().textContent()).toBe('Suspended');
    await expect.poll(async () => rowStatus(id).textContent()).toBe('Suspended');
    await expect.poll(async () => page.locator('#detail table tbody tr').count()).toBe(1);
    await expect(page.locator('#detail table tbody tr td').nth(3).textContent()).resolves.toBe('suspend');
    await expect(page.locator('#detail [data-command]').allTextContents()).resolves.toEqual(['resume', 'terminate']);
  });

  it('shows the vendor error when a command is refused (the run moved behind the console back)', async () => {
    await page.uncheck('#live-8x8');
    const id = await page.locator('tbody tr.selected').getAttribute('data-run');
    const moved = await fetch(`${server.origin}/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows/${id}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'terminate' }),
    });
    expect(moved.status).toBe(200);
    await page.click('#detail [data-command="resume"]');
    const alert = page.locator('#detail [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('400');
    expect(await alert.textContent()).toContain('"code": 1000');
    await expect.poll(async () => detailStatus().textContent()).toBe('Terminated');
    await expect(page.locator('#detail [data-command]').count()).resolves.toBe(0);
  });

  it('advances the clock and shows a run finish', async () => {
    await open('#/api/amperity');
    await page.getByRole('button', { name: 'New workflow run' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => detailStatus().textContent()).toBe('scheduled');
    await page.selectOption('#advance-by', String(86_400_000));
    await page.click('#advance');
    await expect.poll(async () => detailStatus().textContent(), { timeout: 10_000 }).toMatch(/^(succeeded|failed)$/);
    await expect.poll(async () => page.locator('#detail table tbody tr').count()).toBeGreaterThan(1);
  });

  it("draws an API's state machine with the runs now in each state, commands apart from automatic moves", async () => {
    await open('#/api/8x8');
    await page.locator('#diagram-8x8 summary').click();
    const runnable = page.locator('#diagram-8x8 g.node[data-state="Runnable"]');
    await expect.poll(() => runnable.getAttribute('data-count')).toMatch(/^\d+$/);
    const counts = await page.locator('#diagram-8x8 g.node').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-count'))));
    const total = Number((await page.locator('#diagram-8x8 summary').textContent())?.match(/(\d+) workflow instances/)?.[1]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(total);
    expect(await page.locator('#diagram-8x8 path.edge.command').count()).toBeGreaterThan(0);
    expect(await page.locator('#diagram-8x8 path.edge.automatic').count()).toBeGreaterThan(0);
    expect(await page.locator('#diagram-8x8 g.node.initial').getAttribute('data-state')).toBe('Runnable');
    await page.locator('#diagram-8x8').screenshot({ path: `${ARTIFACTS}/8x8-diagram.png` });
  });

  it('sends a command through its own endpoint (Amperity stop), and the diagram counts the move', async () => {
    await open('#/api/amperity');
    await page.locator('#diagram-amperity summary').click();
    const canceled = page.locator('#diagram-amperity g.node[data-state="canceled"]');
    await expect.poll(() => canceled.getAttribute('data-count')).toMatch(/^\d+$/);
    const before = Number(await canceled.getAttribute('data-count'));
    await page.getByRole('button', { name: 'New workflow run' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => detailStatus().textContent()).toBe('scheduled');
    const stop = page.locator('#detail [data-command="stop"]');
    expect(await stop.getAttribute('title')).toBe('POST /api/workflow/runs/{id}/stop');
    const sent = page.waitForRequest((request) => request.method() === 'POST' && /\/amperity\/api\/workflow\/runs\/[^/]+\/stop$/.test(request.url()));
    await stop.click();
    expect((await sent).postData()).toBeNull();
    await expect.poll(async () => detailStatus().textContent()).toBe('canceled');
    await expect.poll(async () => Number(await canceled.getAttribute('data-count'))).toBe(before + 1);
    await page.locator('#diagram-amperity').screenshot({ path: `${ARTIFACTS}/amperity-diagram.png` });
  });

  it('keeps sessions apart', async () => {
    await open('#/api/nerm');
    await page.fill('#session', 'qa-isolated');
    await page.getByRole('button', { name: 'Use' }).click();
    await page.locator('tbody tr[data-run]').first().waitFor();
    await page.getByRole('button', { name: 'New workflow session' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => detailStatus().textContent()).toBe('new');
    const id = (await page.locator('#detail h3').first().textContent())?.match(/[0-9a-f-]{36}/)?.[0] ?? '';
    const inSession = await fetch(`${server.origin}/nerm/api/workflow_sessions/${id}`, {
      headers: { authorization: 'Bearer t', 'x-mock-session': 'qa-isolated' },
    });
    const inDefault = await fetch(`${server.origin}/nerm/api/workflow_sessions/${id}`, { headers: { authorization: 'Bearer t' } });
    expect([inSession.status, inDefault.status]).toEqual([200, 404]);
    await page.fill('#session', '');
    await page.getByRole('button', { name: 'Use' }).click();
    await page.locator('tbody tr[data-run]').first().waitFor();
    await page.selectOption('#sort-nerm', '-created_at');
    await expect.poll(async () => page.locator(`tbody tr[data-run="${id}"]`).count()).toBe(0);
  });

  it('drives LongJump actions for the signed-in user, with their available flag', async () => {
    await open('#/api/longjump');
    await page.locator('tbody button[data-run-id="1381445712"]').click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const actions = page.locator('#detail [role="group"][aria-label="Actions"] button');
    await expect.poll(() => actions.count()).toBeGreaterThan(0);
    const enabled = page.locator('#detail [role="group"][aria-label="Actions"] button:not([disabled])');
    const before = await detailStatus().textContent();
    await enabled.first().click();
    await expect.poll(async () => detailStatus().textContent()).not.toBe(before);
  });

  it('can be used from the keyboard', async () => {
    await open('#/api/twinit');
    const first = page.locator('tbody button[data-run-id]').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.locator('#detail pre').waitFor();
    expect(await page.locator('#detail h3').first().textContent()).toContain((await first.textContent()) ?? 'missing');
  });

  it('lists requests in the journal and highlights contract violations', async () => {
    await fetch(`${server.origin}/nerm/api/workflow_sessions?limit=abc`, { headers: { authorization: 'Bearer t', 'x-mock-client': 'broken-client' } });
    await page.goto(`${server.origin}/__admin/ui#/journal`);
    await page.fill('#journal-client', 'broken-client');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('tbody tr.violation').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody tr.violation').first().textContent()).toContain('limit');
    await page.screenshot({ path: `${ARTIFACTS}/journal.png`, fullPage: true });
  });

  it('sets faults from the controls and shows what is active', async () => {
    await page.goto(`${server.origin}/__admin/ui#/controls`);
    await page.selectOption('#fault-api', 'nerm');
    await page.fill('#fault-latency', '5');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect
      .poll(async () => (await page.locator('[aria-label="Faults"] li code').allTextContents()).join())
      .toContain('"api":"nerm","latency":{"fixedMs":5}');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(async () => page.locator('[aria-label="Faults"] li code').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/controls.png`, fullPage: true });
  });
});
