import { fill, h } from './dom.ts';
import { admin } from './http.ts';
import type { ApiDescription } from './model.ts';

// The request journal, newest first, filterable by API and client; requests that broke the contract stand out.

interface Entry {
  seq: number;
  at: string;
  api: string;
  operation: string | null;
  method: string;
  path: string;
  status: number;
  client: string;
  violations: { location: string; field: string; rule: string; message: string }[];
}

export function journalView(apis: ApiDescription[], root: HTMLElement): void {
  const rows = h('tbody');
  const api = h(
    'select',
    { id: 'journal-api', name: 'api' },
    h('option', { value: '' }, 'all APIs'),
    apis.map((a) => h('option', { value: a.id }, a.title)),
  );
  const client = h('input', { id: 'journal-client', name: 'client', type: 'search', placeholder: 'X-Mock-Client or User-Agent' });
  const onlyViolations = h('input', { id: 'journal-violations', type: 'checkbox' });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'toolbar',
      'aria-label': 'Journal filters',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void refresh();
      },
    },
    h('label', { for: 'journal-api' }, 'API', api),
    h('label', { for: 'journal-client' }, 'Client', client),
    h('label', { for: 'journal-violations' }, 'Only contract violations', onlyViolations),
    h('button', { type: 'submit' }, 'Apply'),
    count,
  );
  api.addEventListener('change', () => form.requestSubmit());
  onlyViolations.addEventListener('change', () => form.requestSubmit());

  fill(
    root,
    h('h2', {}, 'Request journal'),
    h(
      'section',
      { class: 'panel' },
      form,
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['#', 'At', 'API', 'Request', 'Status', 'Client', 'Contract violations'].map((title) => h('th', {}, title)),
          ),
        ),
        rows,
      ),
    ),
  );

  async function refresh(): Promise<void> {
    const query = new URLSearchParams();
    if (api.value) query.set('api', api.value);
    if (client.value.trim()) query.set('client', client.value.trim());
    const reply = await admin(`/requests?${query}`);
    const entries = ((reply.json as { requests?: Entry[] } | undefined)?.requests ?? [])
      .filter((entry) => !onlyViolations.checked || entry.violations.length > 0)
      .reverse()
      .slice(0, 300);
    count.textContent = `${entries.length} shown, ${entries.filter((entry) => entry.violations.length > 0).length} with violations`;
    fill(
      rows,
      entries.map((entry) =>
        h(
          'tr',
          { class: entry.violations.length > 0 ? 'violation' : '' },
          h('td', {}, String(entry.seq)),
          h('td', { title: entry.at }, entry.at.slice(11, 19)),
          h('td', {}, entry.api),
          h('td', {}, h('code', {}, `${entry.method} ${entry.path}`), entry.operation ? h('div', { class: 'muted' }, entry.operation) : null),
          h('td', {}, String(entry.status)),
          h('td', {}, entry.client),
          h(
            'td',
            {},
            entry.violations.length === 0
              ? ''
              : h(
                  'ul',
                  {},
                  entry.violations.map((v) => h('li', {}, `${v.location} ${v.field || '(whole)'}: ${v.message} [${v.rule}]`)),
                ),
          ),
        ),
      ),
    );
  }

  const timer = window.setInterval(() => {
    if (!root.isConnected || !rows.isConnected) return window.clearInterval(timer);
    if (document.visibilityState === 'visible') void refresh();
  }, 3000);
  void refresh();
}
