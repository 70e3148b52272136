import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/**
 * A deliberately broken 8x8 provider, to prove the contract suites catch what they claim: its errors use a wrong
 * envelope, its offset paging skips one workflow at each page boundary, and it lets a terminated workflow resume.
 */
export async function startBrokenProvider(): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = express();
  app.use(express.json());
  const workflows = Array.from({ length: 120 }, (_, i) => ({
    workflowId: (0x6a000000 + i).toString(16).padStart(8, '0') + '0'.repeat(16),
    data: { accountId: 'test_account_id', triggeredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 120 - i)).toISOString() },
    definitionId: '5870442f-3ddd-4657-b74c-6e17308f5230',
    version: 1,
    status: 'Complete',
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 120 - i)).toISOString(),
    completedAt: new Date(Date.UTC(2026, 0, 1, 0, 1, 120 - i)).toISOString(),
  }));
  const base = '/api/v1/accounts/:accountId/definitions/:definitionId/workflows';
  app.get('/api/v1/accounts/:accountId/definitions', (_req, res) => {
    res.json([]);
  });
  app.get(base, (req, res) => {
    if (!/^[0-9a-f-]{36}$/.test(req.params.definitionId)) {
      res.status(400).json({ error: 'bad id' });
      return;
    }
    const limit = Number(req.query['limit'] ?? 100);
    const offset = Number(req.query['offset'] ?? 0);
    if (limit < 1 || limit > 500) {
      res.status(400).json({ error: 'bad limit' });
      return;
    }
    // The bug: every page after the first starts one item late.
    const start = offset === 0 ? 0 : offset + 1;
    const status = req.query['status'];
    const matching = workflows.filter((w) => status === undefined || w.status === status);
    res.json(matching.slice(start, start + limit));
  });
  app.post(base, (_req, res) => {
    const workflowId = `6b${'0'.repeat(21)}${workflows.length % 10}`;
    const [template] = workflows;
    if (!template) throw new Error('the broken provider needs a workflow to copy');
    workflows.unshift({ ...template, workflowId, status: 'Runnable', completedAt: null as unknown as string, startedAt: new Date().toISOString() });
    res.status(201).location(`/api/v1/accounts/test_account_id/definitions/x/workflows/${workflowId}`).end();
  });
  app.get(`${base}/:workflowId`, (req, res) => {
    const found = workflows.find((w) => w.workflowId === req.params.workflowId);
    if (found) res.json(found);
    else
      res
        .status(404)
        .json({ code: 1300, message: 'Workflow not found.', errorId: '00000000-0000-4000-8000-000000000000', timestamp: new Date().toISOString() });
  });
  app.get(`${base}/:workflowId/errors`, (_req, res) => {
    res.json([]);
  });
  app.patch(`${base}/:workflowId`, (req, res) => {
    const found = workflows.find((w) => w.workflowId === req.params.workflowId);
    const command = (req.body as { status?: string }).status;
    // The bug: any command is accepted from any state, including resume after terminate.
    if (found) found.status = command === 'suspend' ? 'Suspended' : command === 'terminate' ? 'Terminated' : 'Runnable';
    if (found && command === 'terminate') found.completedAt = new Date().toISOString();
    res.status(200).end();
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
