import { describe, expect, it } from 'vitest';
import { diagramSvg, escapeMarkup } from './diagram.ts';
import { layoutGraph } from './layout.ts';
import type { Graph } from './model.ts';

const graph: Graph = {
  field: 'status',
  states: ['queued', 'running', '<done>'],
  initial: 'queued',
  terminal: ['<done>'],
  moves: [
    { from: 'queued', to: 'running', kind: 'automatic', label: 'after 1–2 min' },
    { from: 'running', to: '<done>', kind: 'command', label: 'finish & "close"' },
  ],
  fromMany: [],
  accepts: null,
};
const svg = (counts?: Record<string, number>) =>
  diagramSvg({
    id: 'demo',
    title: 'Demo "machine"',
    layout: layoutGraph(graph),
    initial: graph.initial,
    terminal: graph.terminal,
    ...(counts ? { counts } : {}),
    tone: (state) => (state === '<done>' ? 'done' : 'active'),
    label: (state) => state,
  });

describe('the diagram as SVG', () => {
  it('escapes every name and label', () => {
    const markup = svg();
    expect(markup).not.toContain('<done>');
    expect(markup).toContain('data-state="&#60;done&#62;"');
    expect(markup).toContain('finish &#38; &#34;close&#34;');
    expect(markup).toContain('aria-label="Demo &#34;machine&#34;"');
    expect(escapeMarkup(`<a href='x'>`)).toBe('&#60;a href=&#39;x&#39;&#62;');
  });

  it('shows the number of runs in each state when known', () => {
    expect(svg()).not.toContain('data-count');
    const markup = svg({ queued: 3, running: 0, '<done>': 12 });
    expect(markup).toContain('data-state="queued" data-count="3"');
    expect(markup).toMatch(/<text class="count none"[^>]*>0<\/text>/);
    expect(markup).toContain('<title>&#60;done&#62;: 12 now</title>');
  });

  it('tells commands from automatic moves, and marks the initial and end states and their tone', () => {
    const markup = svg();
    expect(markup).toContain('class="edge automatic"');
    expect(markup).toContain('class="edge command"');
    expect(markup).toContain('marker-end="url(#arrow-automatic-demo)"');
    expect(markup).toContain('class="node tone-active initial" data-state="queued"');
    expect(markup).toContain('class="node tone-done terminal" data-state="&#60;done&#62;"');
    expect(markup).not.toMatch(/style=/);
  });
});
