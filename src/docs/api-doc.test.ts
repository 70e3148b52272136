import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { schemaRegistry } from '../assemble.ts';
import type { MachineGraph } from '../console/graph.ts';
import type { ApiPack } from '../engine/pack.ts';
import { apiDoc } from './api-doc.ts';
import { mermaidStateDiagram } from './mermaid.ts';

const registry = schemaRegistry();
const DOCS = new URL('../../docs/apis/', import.meta.url);

describe.each(allPacks.map((pack): [string, ApiPack] => [pack.id, pack]))('docs/apis/%s.md', (apiId, pack) => {
  const page = apiDoc(pack, registry);

  it(`is what docs/apis/${apiId}.md holds (run npm run docs)`, () => {
    const committed = readFileSync(new URL(`${apiId}.md`, DOCS), 'utf8');
    expect(committed === page, `docs/apis/${apiId}.md is stale: run npm run docs`).toBe(true);
  });

  it('lists every operation with its method and path', () => {
    for (const op of pack.operations) expect(page).toContain(`| ${op.method} | \`${op.path}\` |`);
  });

  it('draws the machine as a Mermaid state diagram when the pack declares one', () => {
    const machine = pack.lifecycle?.machine;
    if (!machine) return void expect(page).not.toContain('```mermaid');
    expect(page).toContain('```mermaid\nstateDiagram-v2\n');
    expect(page).toMatch(/\[\*\] --> \S+/);
  });
});

describe('the API pages', () => {
  it('are exactly one per pack', () => {
    expect(readdirSync(DOCS).sort()).toEqual(allPacks.map((pack) => `${pack.id}.md`).sort());
  });
});

describe('Mermaid state diagrams', () => {
  const graph: MachineGraph = {
    field: 'status',
    states: ['queued', 'in progress', 'end', 'done'],
    initial: 'queued',
    terminal: ['done'],
    moves: [
      { from: 'queued', to: 'in progress', kind: 'automatic', label: 'after 1–2 min' },
      { from: 'in progress', to: 'queued', kind: 'command', label: 'rerun: now' },
    ],
    fromMany: [{ command: 'cancel', to: 'done', from: ['queued', 'in progress', 'end', 'x'] }],
    accepts: null,
  };
  const text = mermaidStateDiagram(graph);

  it('names a state that is no plain word, or a Mermaid keyword, by an id and keeps its name as the label', () => {
    expect(text).toContain('state "in progress" as s_in_progress');
    expect(text).toContain('state "end" as s_end');
    expect(text).not.toContain('state "queued"');
  });

  it('starts at the initial state, ends the end states, and tells automatic moves from commands', () => {
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '  [*] --> queued',
        '  done --> [*]',
        '  queued --> s_in_progress : (auto) after 1–2 min',
        '  s_in_progress --> queued : rerun  now',
        '  done : ← cancel, from 4 states',
      ]),
    );
  });
});
