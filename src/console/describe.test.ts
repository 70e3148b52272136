import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { assembleMock } from '../assemble.ts';
import { describeConsole } from './describe.ts';

const { engine } = assembleMock({ seed: 1 });
const described = describeConsole(allPacks, engine.registry, (pack) => engine.seedData(pack.id)) as { apis: Record<string, unknown>[] };

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
