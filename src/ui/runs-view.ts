import { fill, h, toast } from './dom.ts';
import { admin, callApi, sessionQuery, type Reply } from './http.ts';
import { createView } from './create-view.ts';
import { diagramView } from './diagram-view.ts';
import {
  ago,
  field,
  listUrl,
  pageSizes,
  readPage,
  statusesOf,
  storeIdOf,
  toneOfRun,
  unwrapRun,
  type ApiDescription,
  type ListState,
  type Run,
} from './model.ts';
import { movesView } from './moves-view.ts';
import { errorBox, pretty } from './reply-view.ts';
import type { HistoryEntry } from '../state/history.ts';

// One API's page: its runs with the API's own filters, sort and paging, newest first; a run's detail as the API
// returns it, its history and the moves its state allows; a form to start a run. Refreshes itself while live without
// losing the tester's filters, page, selection or focus.

export interface View {
  refresh(): Promise<void>;
}

export function runsView(api: ApiDescription, root: HTMLElement, clockNow: () => number): View {
  const state: ListState = {
    filters: {},
    sort: api.list?.sort?.options[0]?.value ?? '',
    limit: Math.min(25, api.list?.paging.pageSize.max ?? 25),
    offset: 0,
    cursors: [],
  };
  let selected: Run | undefined;
  let format: 'json' | 'xml' = 'json';
  let busy = false;
  let lastError: Reply | undefined;

  const label = (status: string) => api.stateNames?.[status] ?? status;
  /** The run's status fields as badges, the one that moves first, all in the run's tone. */
  const badges = (run: Run) => {
    const tone = toneOfRun(api, run, label(field(run, api.fields.status)));
    return statusesOf(api, run).map(([name, value], index) =>
      h('span', { class: `badge tone-${tone}${index > 0 ? ' extra' : ''}`, 'data-status': value, 'data-field': name, title: name }, label(value)),
    );
  };
  const diagram = api.diagram ? diagramView(api, api.diagram, label) : undefined;
  const moves = movesView({
    api,
    label,
    moved: (reply, command) => afterMove(reply, command),
    signedIn: async (reply) => {
      if (!reply.ok) lastError = reply;
      await renderDetail();
    },
  });

  const rows = h('tbody');
  const pagerText = h('span', { class: 'muted', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', onclick: () => void turn(-1) }, '← Previous');
  const next = h('button', { type: 'button', onclick: () => void turn(1) }, 'Next →');
  const live = h('input', { type: 'checkbox', id: `live-${api.id}`, checked: true });
  const detail = h(
    'section',
    { class: 'panel', 'aria-label': `${api.noun} detail`, id: 'detail' },
    h('p', { class: 'muted' }, `Choose a ${api.noun} to see it.`),
  );
  const filters = filterForm();
  const creation = createView(api, async (created) => {
    await refresh();
    if (created) await select(created);
  });

  fill(
    root,
    h('h2', {}, `${api.title} — ${api.noun}s`),
    diagram?.element,
    h(
      'div',
      { class: 'layout' },
      h(
        'section',
        { class: 'panel', 'aria-label': `${api.noun}s` },
        filters,
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Id'), h('th', {}, api.fields.title), h('th', {}, 'Status'), h('th', {}, 'In this state since'))),
          rows,
        ),
        h('div', { class: 'pager' }, previous, next, pagerText),
      ),
      detail,
    ),
    creation.dialog,
  );

  function filterForm(): HTMLFormElement {
    const controls: HTMLElement[] = [];
    for (const filter of api.list?.filters ?? []) {
      const id = `filter-${api.id}-${filter.name}`;
      const input = filter.values
        ? h(
            'select',
            { id, name: filter.name, onchange: () => form.requestSubmit() },
            h('option', { value: '' }, 'any'),
            filter.values.map((value) => h('option', { value: String(value) }, label(String(value)))),
          )
        : h('input', { id, name: filter.name, type: 'search', size: 14 });
      controls.push(h('label', { for: id }, filter.name, input));
    }
    if (api.list?.sort) {
      controls.push(
        h(
          'label',
          { for: `sort-${api.id}` },
          'Sort',
          h(
            'select',
            { id: `sort-${api.id}`, name: '__sort', onchange: () => form.requestSubmit() },
            api.list.sort.options.map((option) => h('option', { value: option.value }, option.label)),
          ),
        ),
      );
    }
    controls.push(
      h(
        'label',
        { for: `limit-${api.id}` },
        'Per page',
        h(
          'select',
          { id: `limit-${api.id}`, name: '__limit', onchange: () => form.requestSubmit() },
          pageSizes(api).map((n) => h('option', { value: String(n), selected: n === state.limit }, String(n))),
        ),
      ),
    );
    const form = h(
      'form',
      {
        class: 'toolbar',
        'aria-label': 'Filters',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const data = new FormData(form);
          state.filters = {};
          for (const filter of api.list?.filters ?? []) state.filters[filter.name] = String(data.get(filter.name) ?? '');
          state.sort = String(data.get('__sort') ?? state.sort);
          state.limit = Number(data.get('__limit') ?? state.limit);
          state.offset = 0;
          state.cursors = [];
          void refresh();
        },
      },
      controls,
      api.list ? h('button', { type: 'submit' }, 'Apply') : null,
      api.create ? h('button', { type: 'button', class: 'primary', onclick: () => creation.open() }, `New ${api.noun}`) : null,
      h('label', { for: `live-${api.id}` }, 'Live', live),
    );
    return form;
  }

  async function turn(direction: 1 | -1): Promise<void> {
    if (api.list?.paging.next.kind === 'cursor') {
      if (direction === 1 && next.dataset['cursor']) state.cursors.push(next.dataset['cursor']);
      if (direction === -1) state.cursors.pop();
    } else {
      state.offset = Math.max(0, state.offset + direction * state.limit);
    }
    await refresh();
  }

  /** The page of runs: from the API's own list, or, for an API without one, from the store. */
  async function loadPage(): Promise<{ runs: Run[]; hasNext: boolean; cursor?: string; total: number | null } | Reply> {
    if (api.list) {
      const reply = await callApi(api, api.list, { url: listUrl(api, state) });
      if (!reply.ok) return reply;
      const page = readPage(api, reply.json ?? null, reply.headers, state);
      return { runs: page.runs, hasNext: page.next !== null, ...(page.next && 'cursor' in page.next ? { cursor: page.next.cursor } : {}), total: page.total };
    }
    const reply = await admin(`/records?api=${api.id}&collection=${api.collection}&offset=${state.offset}&limit=${state.limit}${sessionQuery('&')}`);
    if (!reply.ok) return reply;
    const body = reply.json as { records: { data: Run }[]; total: number };
    return { runs: body.records.map((record) => record.data), hasNext: state.offset + body.records.length < body.total, total: body.total };
  }

  /** When each run entered its state: the last move in its history, else the run's own time fields. */
  async function enteredAt(runs: Run[]): Promise<Map<string, string>> {
    const ids = runs.map((run) => storeIdOf(api, run));
    const entered = new Map<string, string>();
    if (ids.length > 0) {
      const reply = await admin(`/records?api=${api.id}&collection=${api.collection}&ids=${ids.map(encodeURIComponent).join(',')}${sessionQuery('&')}`);
      for (const record of (reply.json as { records?: { id: string; meta: { history?: HistoryEntry[] } }[] } | undefined)?.records ?? []) {
        const at = record.meta.history?.at(-1)?.at;
        if (at) entered.set(record.id, at);
      }
    }
    for (const run of runs) {
      const id = storeIdOf(api, run);
      if (!entered.has(id)) entered.set(id, api.fields.since.map((name) => field(run, name)).find((value) => value !== '') ?? '');
    }
    return entered;
  }

  async function renderList(): Promise<void> {
    const page = await loadPage();
    if ('status' in page) {
      fill(rows, h('tr', {}, h('td', { colspan: 4 }, errorBox(page))));
      return;
    }
    // The selected run as the list now shows it: its state may have moved since it was chosen.
    const chosen = selected;
    const listed = chosen && page.runs.find((run) => field(run, api.fields.id) === field(chosen, api.fields.id));
    if (chosen && listed) selected = { ...chosen, ...listed };
    const entered = await enteredAt(page.runs);
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset['runId'];
    fill(
      rows,
      page.runs.length === 0
        ? h('tr', {}, h('td', { colspan: 4, class: 'muted' }, `No ${api.noun}s match.`))
        : page.runs.map((run) => {
            const id = field(run, api.fields.id);
            const since = entered.get(storeIdOf(api, run)) ?? '';
            return h(
              'tr',
              { class: selected && field(selected, api.fields.id) === id ? 'selected' : '', 'data-run': id },
              h('td', {}, h('button', { type: 'button', class: 'link', 'data-run-id': id, onclick: () => void select(run) }, id)),
              h('td', {}, field(run, api.fields.title)),
              h('td', {}, badges(run)),
              h('td', { title: since }, since ? ago(since, clockNow()) : ''),
            );
          }),
    );
    if (focusedId) (rows.querySelector(`[data-run-id="${CSS.escape(focusedId)}"]`) as HTMLElement | null)?.focus();
    const first = api.list?.paging.next.kind === 'cursor' ? state.cursors.length * state.limit : state.offset;
    pagerText.textContent = page.runs.length === 0 ? '' : `${first + 1}–${first + page.runs.length}${page.total === null ? '' : ` of ${page.total}`}`;
    previous.disabled = api.list?.paging.next.kind === 'cursor' ? state.cursors.length === 0 : state.offset === 0;
    next.disabled = !page.hasNext;
    if (page.cursor) next.dataset['cursor'] = page.cursor;
    else delete next.dataset['cursor'];
  }

  async function select(run: Run): Promise<void> {
    selected = run;
    lastError = undefined;
    for (const row of rows.querySelectorAll('tr')) row.classList.toggle('selected', row.dataset['run'] === field(run, api.fields.id));
    await renderDetail();
  }

  async function renderDetail(): Promise<void> {
    if (!selected) return;
    const run = selected;
    const shown = await callApi(api, api.detail, {
      run,
      accept: format,
      ...(format === 'json' && api.formatParameter ? { query: { [api.formatParameter]: 'json' } } : {}),
    });
    const fresh = shown.ok && format === 'json' ? unwrapRun(api, shown.json) : undefined;
    const current = fresh && field(fresh, api.fields.id) ? { ...run, ...fresh } : run;
    selected = current;
    const status = field(current, api.fields.status);
    const history = await historyOf(current);
    const formats =
      api.produces.length > 1
        ? h(
            'div',
            { class: 'commands', role: 'group', 'aria-label': 'Format' },
            api.produces.map((kind) =>
              h(
                'button',
                {
                  type: 'button',
                  'aria-pressed': String(kind === format),
                  onclick: () => {
                    format = kind === 'xml' ? 'xml' : 'json';
                    void renderDetail();
                  },
                },
                kind.toUpperCase(),
              ),
            ),
          )
        : null;
    fill(
      detail,
      h('h3', {}, `${api.noun} ${field(current, api.fields.id)} `, badges(current)),
      formats,
      h('pre', { 'aria-label': 'As the API returns it', 'data-format': format }, pretty(shown)),
      h('h3', {}, 'Moves'),
      await moves.render(current, status),
      lastError ? h('div', { class: 'error', role: 'alert' }, h('strong', {}, `The API refused: ${lastError.status}`), h('pre', {}, pretty(lastError))) : null,
      h('h3', {}, 'History'),
      history.length === 0
        ? h('p', { class: 'muted' }, 'No moves yet.')
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', {}, 'At'), h('th', {}, 'From'), h('th', {}, 'To'), h('th', {}, 'By'))),
            h(
              'tbody',
              {},
              history.map((entry) =>
                h(
                  'tr',
                  {},
                  h('td', { title: entry.at ?? '' }, entry.at ?? ''),
                  h('td', {}, label(entry.from ?? '')),
                  h('td', {}, label(entry.to ?? '')),
                  h('td', {}, entry.command ?? ''),
                ),
              ),
            ),
          ),
    );
  }

  async function historyOf(run: Run): Promise<HistoryEntry[]> {
    const reply = await admin(`/records?api=${api.id}&collection=${api.collection}&ids=${encodeURIComponent(storeIdOf(api, run))}${sessionQuery('&')}`);
    return (reply.json as { records?: { meta: { history?: HistoryEntry[] } }[] } | undefined)?.records?.[0]?.meta.history ?? [];
  }

  async function afterMove(reply: Reply, command: string): Promise<void> {
    lastError = reply.ok ? undefined : reply;
    toast(reply.ok ? `${command}: done` : `${command}: refused (${reply.status})`);
    await refresh();
  }

  async function refresh(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      await renderList();
      await renderDetail();
      await diagram?.refresh();
    } finally {
      busy = false;
    }
  }

  // The page is gone once another one is drawn in its place: stop polling then.
  const timer = window.setInterval(() => {
    if (!rows.isConnected) return window.clearInterval(timer);
    if (live.checked && document.visibilityState === 'visible' && !creation.dialog.open) void refresh();
  }, 2000);
  window.addEventListener('console:changed', () => void (rows.isConnected && refresh()));
  void refresh();
  return { refresh };
}
