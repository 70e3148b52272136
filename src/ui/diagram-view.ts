import { h } from './dom.ts';
import { admin, sessionQuery } from './http.ts';
import { diagramSvg } from './diagram.ts';
import { layoutGraph } from './layout.ts';
import { toneOfRun, type ApiDescription, type Graph, type Json, type Run } from './model.ts';

// An API's state machine as a diagram (`<details>`, closed until asked for): drawn from its declared machine and
// lifecycle, with the number of runs in each state now (`GET /__admin/states`), refreshed with the page while open.

export interface DiagramView {
  readonly element: HTMLElement;
  refresh(): Promise<void>;
}

export function diagramView(api: ApiDescription, graph: Graph, label: (state: string) => string): DiagramView {
  const layout = layoutGraph(graph, label);
  const picture = h('div', { class: 'diagram-picture' });
  const summary = h('span', { class: 'muted', 'aria-live': 'polite' });
  const accepts = graph.accepts
    ? h(
        'p',
        { class: 'muted' },
        `Drawn: the usual moves the console offers. The API itself accepts ${graph.accepts.commands} commands, ${graph.accepts.moves} moves in all.`,
      )
    : null;
  const element = h(
    'details',
    { class: 'panel diagram', id: `diagram-${api.id}` },
    h('summary', {}, 'State machine ', summary),
    h(
      'p',
      { class: 'legend muted' },
      h('span', { class: 'key command' }, 'command (a client sends it)'),
      h('span', { class: 'key automatic' }, 'automatic (the service moves the run)'),
      `Numbers: ${api.noun}s in each state now (${graph.field}).`,
    ),
    accepts,
    picture,
  );

  const draw = (counts: Record<string, number> | undefined) => {
    // Markup built and escaped by diagramSvg; the HTML parser gives <svg> its namespace.
    picture.innerHTML = diagramSvg({
      id: api.id,
      title: `State machine of ${api.title}`,
      layout,
      initial: graph.initial,
      terminal: graph.terminal,
      ...(counts ? { counts } : {}),
      tone: (state) => toneOfRun(api, nested(graph.field, state), label(state)),
      label,
    });
  };

  async function refresh(): Promise<void> {
    if (!(element as HTMLDetailsElement).open) return;
    const reply = await admin(`/states?api=${encodeURIComponent(api.id)}${sessionQuery('&')}`);
    const body = reply.ok ? (reply.json as { counts?: Record<string, number>; total?: number } | undefined) : undefined;
    const counts = body?.counts ? Object.fromEntries(graph.states.map((state) => [state, body.counts?.[state] ?? 0])) : undefined;
    summary.textContent = body?.total === undefined ? '' : `— ${body.total} ${api.noun}s`;
    draw(counts);
  }

  draw(undefined);
  element.addEventListener('toggle', () => void refresh());
  return { element, refresh };
}

/** A run holding only `state` at a dotted field path, for the tone rules. */
function nested(path: string, state: string): Run {
  const keys = path.split('.');
  let value: Json = state;
  for (const key of keys.slice(1).reverse()) value = { [key]: value };
  return { [keys[0] ?? path]: value };
}
