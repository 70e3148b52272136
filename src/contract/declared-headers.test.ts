import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../core/result.ts';
import type { ApiPack } from '../engine/pack.ts';
import { createSchemaRegistry } from '../validation/registry.ts';
import { runContracts } from './run.ts';

// A target whose create answers 201 with a Location only when asked to (`?located=1`).

const ERROR = 'https://test.local/error.json';
const pack: ApiPack = {
  id: 'located',
  title: 'Located',
  vendorBaseUrl: 'https://located.example',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'none' },
  errors: { schema: ERROR, render: (e) => ({ error: e.message }) },
  seed: () => ({}),
  operations: [
    {
      id: 'start',
      method: 'POST',
      path: '/runs',
      summary: 'start',
      responses: { 201: null },
      responseHeaders: { 201: ['location'] },
      action: { kind: 'create', collection: 'runs', build: () => ok({ id: 'r', data: {} }), reply: () => ({ status: 201, headers: { location: '/runs/r' } }) },
    },
  ],
};

describe('contract runner and declared headers', () => {
  const server = createServer((req, res) => {
    if (req.url?.includes('located=1')) res.setHeader('location', '/runs/r');
    res.statusCode = req.method === 'POST' ? 201 : 404;
    res.end();
  });
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails a reply that leaves out a header its operation declares, and passes one that carries it', async () => {
    const report = await runContracts({
      suites: [
        {
          api: 'located',
          name: 'starts',
          writes: false,
          async run(ctx) {
            await ctx.call('start', { query: { located: 1 } }, { status: 201 });
            await ctx.call('start', {}, { status: 201 });
          },
        },
      ],
      packs: [pack],
      registry: createSchemaRegistry([{ $id: ERROR, type: 'object' }]),
      target: { baseUrl: () => baseUrl, external: true },
      allowWrites: false,
      undocumented: 'fail',
      params: {},
      pace: false,
    });
    expect(report.results.map((result) => [result.ok, result.problems.map((problem) => problem.message)])).toEqual([
      [true, []],
      [false, ['header Location is declared for status 201 but missing']],
    ]);
  });
});
