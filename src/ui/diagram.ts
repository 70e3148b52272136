import { NOTE_CHAR_WIDTH, type Layout } from './layout.ts';
import type { Tone } from './model.ts';

// A laid-out state machine as SVG markup: states as boxes coloured by tone with the number of runs in each, commands
// as solid arrows, automatic moves as dashed ones, the start dot, and notes for commands allowed from many states.
// Colours come from the stylesheet (classes only, no inline style, which the content security policy forbids).
// Pure: a string, escaped, that the page parses as HTML (the parser puts `<svg>` in its namespace).

export interface DiagramInput {
  /** Unique on the page: the arrowhead markers are named after it. */
  readonly id: string;
  readonly title: string;
  readonly layout: Layout;
  readonly initial: string;
  readonly terminal: readonly string[];
  /** State -> runs in it now; absent while unknown. */
  readonly counts?: Readonly<Record<string, number>>;
  readonly tone: (state: string) => Tone;
  readonly label: (state: string) => string;
}

export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function diagramSvg(input: DiagramInput): string {
  const { layout, id } = input;
  const e = escapeMarkup;
  const marker = (kind: string) =>
    `<marker id="${e(`arrow-${kind}-${id}`)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path class="arrow ${kind}" d="M0,0 L10,5 L0,10 z"/></marker>`;
  const edges = layout.edges
    .map(
      (edge) =>
        `<path class="edge ${edge.kind}" d="${edge.d}" marker-end="url(#${e(`arrow-${edge.kind}-${id}`)})"><title>${e(`${edge.from} → ${edge.to}: ${edge.label}`)}</title></path>`,
    )
    .join('');
  const labels = layout.edges
    .map((edge) => {
      const width = edge.label.length * NOTE_CHAR_WIDTH + 8;
      return (
        `<g class="edge-label ${edge.kind}"><rect x="${edge.labelX - width / 2}" y="${edge.labelY - 8}" width="${width}" height="16" rx="3"/>` +
        `<text x="${edge.labelX}" y="${edge.labelY + 4}" text-anchor="middle">${e(edge.label)}</text></g>`
      );
    })
    .join('');
  const nodes = layout.nodes
    .map((node) => {
      const count = input.counts?.[node.state];
      const shown = input.label(node.state);
      const classes = [
        'node',
        `tone-${input.tone(node.state)}`,
        input.terminal.includes(node.state) ? 'terminal' : '',
        node.state === input.initial ? 'initial' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const countText =
        count === undefined
          ? ''
          : `<text class="count${count === 0 ? ' none' : ''}" x="${node.x + node.width - 10}" y="${node.y + 19}" text-anchor="end">${count}</text>`;
      const notes = node.notes.map((note, index) => `<text class="note" x="${node.x + 10}" y="${node.y + 40 + index * 14}">${e(note)}</text>`).join('');
      const tip = count === undefined ? shown : `${shown}: ${count} now`;
      return (
        `<g class="${classes}" data-state="${e(node.state)}"${count === undefined ? '' : ` data-count="${count}"`}><title>${e(tip)}</title>` +
        `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="7"/>` +
        `<text class="name" x="${node.x + 10}" y="${node.y + 19}">${e(shown)}</text>` +
        `${countText}${notes}</g>`
      );
    })
    .join('');
  const first = layout.nodes.find((node) => node.state === input.initial);
  const start = first
    ? `<circle class="start" cx="${layout.start.x}" cy="${layout.start.y}" r="6"/>` +
      `<path class="edge command" d="M${layout.start.x + 6},${layout.start.y} L${first.x},${layout.start.y}" marker-end="url(#${e(`arrow-command-${id}`)})"/>`
    : '';
  return (
    `<svg class="machine" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${e(input.title)}">` +
    `<defs>${marker('command')}${marker('automatic')}</defs>` +
    `<g class="edges">${start}${edges}</g><g class="nodes">${nodes}</g><g class="labels">${labels}</g></svg>`
  );
}
