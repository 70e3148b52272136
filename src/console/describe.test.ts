import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../assemble.ts';
import { describeConsole } from './describe.ts';

const { engine, admin } = testMock({ seed: 1 });
const described = describeConsole(allPacks, admin.registry, (pack) => admin.seedData(pack.id)) as { apis: Record<string, unknown>[] };

describe('the console description', () => {
  it('covers every API, with concrete calls for list, detail, commands and create', () => {
    expect(described.apis.map((api) => api['id'])).toEqual(allPacks.map((pack) => pack.id));
    for (const api of described.apis) {
      expect((api['detail'] as { method: string }).method).toBe('GET');
      expect(api['commands']).not.toBeNull();
    }
  });

  it('offers the filter values the list query schema allows', () => {
    const nerm = described.apis.find((api) => api['id'] === 'nerm') as { list: { filters: { name: string; values: string[] | null }[] } };
    const status = nerm.list.filters.find((filter) => filter.name === 'status');
    expect(status?.values).toContain('pending approval');
    expect(nerm.list.filters.find((filter) => filter.name === 'workflow_id')?.values).toBeNull();
  });

  it("describes each list's paging as its dialect does, with the largest page from the schema or the dialect", () => {
    const paging = (id: string) => (described.apis.find((api) => api['id'] === id) as { list: { paging: unknown } }).list.paging;
    expect(paging('twinit')).toEqual({
      items: '_list',
      pageSize: { param: '_pageSize', default: 10, max: 1000 },
      next: { kind: 'offset', param: '_offset' },
      total: { pointer: '/_total' },
      headers: [],
      links: [],
    });
    expect(paging('amperity')).toMatchObject({
      pageSize: { param: 'limit', default: 25, max: 1000 },
      next: { kind: 'cursor', param: 'next_token', from: { in: 'body', pointer: '/next_token' } },
      total: { pointer: '/total', flag: 'with_total' },
    });
  });

  it('offers the examples of a free-text filter that lists them', () => {
    const amperity = described.apis.find((api) => api['id'] === 'amperity') as { list: { filters: { name: string; values: string[] | null }[] } };
    expect(amperity.list.filters.find((filter) => filter.name === 'state')?.values).toContain('in progress');
    expect(amperity.list.filters.find((filter) => filter.name === 'type')?.values).toBeNull();
  });

  it('gives each machine-driven API its commands with the states they leave from', () => {
    const eight = described.apis.find((api) => api['id'] === '8x8') as { commands: { machine: { commands: Record<string, { from: string[]; to: string }> } } };
    expect(eight.commands.machine.commands['suspend']).toEqual({ from: ['Runnable'], to: 'Suspended' });
  });

  it("offers the pack's own moves when its API allows more than buttons can show (NERM: the usual next steps)", () => {
    const nerm = described.apis.find((api) => api['id'] === 'nerm') as {
      commands: { machine: { terminal: string[]; commands: Record<string, { from: string[] }> } };
    };
    expect(nerm.commands.machine.commands['approved']?.from).toEqual(['pending_approval']);
    expect(nerm.commands.machine.terminal).toEqual(['completed', 'rejected', 'failed', 'closed']);
  });

  it('sends a command through its own call when the pack declares one (one endpoint per command)', () => {
    const amperity = described.apis.find((api) => api['id'] === 'amperity') as { commands: { call: unknown; calls: Record<string, unknown> } };
    expect(amperity.commands.call).toBeNull();
    expect(amperity.commands.calls['stop']).toEqual({
      method: 'POST',
      path: '/api/workflow/runs/{id}/stop',
      params: { id: { field: 'id' } },
      query: {},
      body: null,
    });
  });

  it('sends every command through the shared call, with {command} in its body, in the one-operation form', () => {
    const eight = described.apis.find((api) => api['id'] === '8x8') as { commands: { call: { method: string; body: unknown }; calls: object } };
    expect(eight.commands.call).toMatchObject({ method: 'PATCH', body: { status: '{command}' } });
    expect(eight.commands.calls).toEqual({});
  });

  it('refuses a console with a command it cannot send, or a call for a command its machine lacks', () => {
    const base = allPacks.find((pack) => pack.id === 'amperity');
    const view = base?.console;
    if (!base || !view) throw new Error('amperity has a console');
    const describeWith = (commands: NonNullable<typeof view.commands>) =>
      describeConsole([{ ...base, console: { ...view, commands } }], admin.registry, (pack) => admin.seedData(pack.id));
    expect(() => describeWith({ kind: 'machine' })).toThrow(/no call: stop/);
    expect(() => describeWith({ kind: 'machine', calls: { restart: { operation: 'stopWorkflowRun', params: { id: { field: 'id' } } } } })).toThrow(/restart/);
    expect(() => describeWith({ kind: 'machine', operation: 'stopWorkflowRun', params: {}, body: null })).toThrow(/lacks path parameters id/);
  });

  it('passes on several status fields and the tone rules a pack declares', () => {
    const base = allPacks.find((pack) => pack.id === 'amperity');
    const view = base?.console;
    if (!base || !view) throw new Error('amperity has a console');
    const withConclusion = {
      ...view,
      fields: { ...view.fields, extraStatus: ['conclusion'] },
      tones: [{ when: { conclusion: ['failure'] }, tone: 'failed' as const }],
    };
    const [api] = (
      describeConsole([{ ...base, console: withConclusion }], admin.registry, (pack) => admin.seedData(pack.id)) as { apis: Record<string, unknown>[] }
    ).apis;
    expect(api?.['fields']).toMatchObject({ status: 'state', extraStatus: ['conclusion'] });
    expect(api?.['tones']).toEqual([{ when: { conclusion: ['failure'] }, tone: 'failed' }]);
  });

  it('tells where the vendor actions are in their list and which fields they have', () => {
    const longjump = described.apis.find((api) => api['id'] === 'longjump') as { commands: { list: { items: string; fields: object } }; diagram: unknown };
    expect(longjump.commands.list.items).toBe('platform.workflowAction');
    expect(longjump.commands.list.fields).toMatchObject({ name: 'name', available: 'available' });
    expect(longjump.diagram).toBeNull();
  });

  it('gives each API with a machine the graph its diagram is drawn from', () => {
    const twinit = described.apis.find((api) => api['id'] === 'twinit') as { diagram: { field: string; initial: string; moves: unknown[] } };
    expect(twinit.diagram).toMatchObject({ field: '_status', initial: 'QUEUED' });
    expect(twinit.diagram.moves).toContainEqual({ from: 'QUEUED', to: 'RUNNING', kind: 'automatic', label: 'after 1–2 min' });
  });

  it('makes example bodies that the create operation accepts', async () => {
    for (const api of described.apis) {
      const create = api['create'] as {
        method: string;
        path: string;
        params: Record<string, { value?: string }>;
        query: Record<string, string>;
        example: unknown;
      } | null;
      if (!create) continue;
      const path = create.path.replace(/\{(\w+)\}/g, (_, name: string) => create.params[name]?.value ?? '');
      const response = await engine.handle(String(api['id']), {
        method: create.method,
        path,
        base: `/${String(api['id'])}`,
        query: Object.entries(create.query),
        headers: { ...(api['headers'] as Record<string, string>), 'content-type': 'application/json' },
        body: new TextEncoder().encode(JSON.stringify(create.example)),
      });
      expect(response.status, `${String(api['id'])}: ${JSON.stringify(response.payload)}`).toBeLessThan(300);
    }
  });
});
