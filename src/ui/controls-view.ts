import { fill, h, toast } from './dom.ts';
import { admin, currentSession, type Reply } from './http.ts';
import type { ApiDescription, Json } from './model.ts';

/**
 * The mock's controls: reset, export and import of the whole state, faults per API (latency, error rate) with what
 * is active, the rate limiters, and the response profile.
 */
export function controlsView(apis: ApiDescription[], root: HTMLElement): void {
  const apiOptions = (all: string) => [h('option', { value: '' }, all), ...apis.map((api) => h('option', { value: api.id }, api.title))];
  const faults = h('div', { 'aria-live': 'polite' });
  const limits = h('div');
  const report = (reply: Reply, done: string) =>
    toast(reply.ok ? done : `Refused (${reply.status}): ${(reply.json as { error?: string } | undefined)?.error ?? reply.text}`);

  const resetApi = h('select', { id: 'reset-api' }, apiOptions('every API'));
  const resetScope = h('select', { id: 'reset-scope' }, h('option', { value: 'current' }, 'this session'), h('option', { value: 'all' }, 'every session'));
  const reset = h(
    'section',
    { class: 'panel', 'aria-label': 'Reset' },
    h('h3', {}, 'Reset to the seed'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'reset-api' }, 'API', resetApi),
      h('label', { for: 'reset-scope' }, 'Sessions', resetScope),
      h(
        'button',
        {
          type: 'button',
          id: 'reset',
          onclick: async () => {
            const query = new URLSearchParams();
            if (resetApi.value) query.set('api', resetApi.value);
            if (resetScope.value === 'current') query.set('session', currentSession() || 'default');
            report(await admin(`/reset?${query}`, { method: 'POST' }), 'Reset done');
            window.dispatchEvent(new Event('console:changed'));
          },
        },
        'Reset',
      ),
    ),
  );

  const file = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' });
  const state = h(
    'section',
    { class: 'panel', 'aria-label': 'State' },
    h('h3', {}, 'State'),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        {
          type: 'button',
          id: 'export',
          onclick: async () => {
            const reply = await admin('/state');
            if (!reply.ok) return report(reply, '');
            const link = h('a', {
              href: URL.createObjectURL(new Blob([reply.text], { type: 'application/json' })),
              download: `workflow-mocks-state-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`,
            });
            document.body.append(link);
            link.click();
            link.remove();
          },
        },
        'Export to a file',
      ),
      h('label', { for: 'import-file' }, 'Import from a file', file),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            const chosen = file.files?.[0];
            if (!chosen) return toast('Choose a file first');
            let body: Json;
            try {
              body = JSON.parse(await chosen.text()) as Json;
            } catch {
              return toast('That file is not JSON');
            }
            report(await admin('/state', { method: 'PUT', body }), 'Imported');
            window.dispatchEvent(new Event('console:changed'));
          },
        },
        'Import',
      ),
    ),
  );

  const faultApi = h('select', { id: 'fault-api' }, apiOptions('every API'));
  const latency = h('input', { id: 'fault-latency', type: 'number', min: 0, max: 60000, value: '0' });
  const errorRate = h('input', { id: 'fault-rate', type: 'number', min: 0, max: 100, value: '0' });
  const errorStatus = h('input', { id: 'fault-status', type: 'number', min: 400, max: 599, value: '503' });
  const faultPanel = h(
    'section',
    { class: 'panel', 'aria-label': 'Faults' },
    h('h3', {}, 'Faults'),
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const rule: Record<string, Json> = {};
          if (faultApi.value) rule['api'] = faultApi.value;
          if (Number(latency.value) > 0) rule['latency'] = { fixedMs: Number(latency.value) };
          if (Number(errorRate.value) > 0) {
            rule['errorRate'] = Number(errorRate.value);
            rule['errorStatus'] = Number(errorStatus.value);
          }
          report(await admin('/faults', { method: 'POST', body: rule }), 'Fault added');
          await drawFaults();
        },
      },
      h('label', { for: 'fault-api' }, 'API', faultApi),
      h('label', { for: 'fault-latency' }, 'Latency (ms)', latency),
      h('label', { for: 'fault-rate' }, 'Error rate (%)', errorRate),
      h('label', { for: 'fault-status' }, 'Error status', errorStatus),
      h('button', { type: 'submit' }, 'Add fault'),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            report(await admin('/faults', { method: 'DELETE' }), 'Faults cleared');
            await drawFaults();
          },
        },
        'Clear all',
      ),
    ),
    h('h3', {}, 'Active'),
    faults,
    h('h3', {}, 'Rate limiters'),
    limits,
  );

  const profile = h('select', { id: 'profile' }, h('option', { value: 'normal' }, 'normal'), h('option', { value: 'edge' }, 'edge cases'));
  const profilePanel = h('section', { class: 'panel', 'aria-label': 'Profile' }, h('h3', {}, 'Responses'), h('label', { for: 'profile' }, 'Profile ', profile));
  profile.addEventListener('change', async () =>
    report(await admin('/profile', { method: 'PUT', body: { profile: profile.value } }), `Profile ${profile.value}`),
  );

  async function drawFaults(): Promise<void> {
    const reply = await admin('/faults');
    const body = reply.json as { faults?: Json[]; rateLimits?: Record<string, { enabled: boolean; perSecond: number } | null> } | undefined;
    const rules = body?.faults ?? [];
    fill(
      faults,
      rules.length === 0
        ? h('p', { class: 'muted' }, 'None: every request is answered normally.')
        : h(
            'ul',
            {},
            rules.map((rule) => h('li', {}, h('code', {}, JSON.stringify(rule)))),
          ),
    );
    fill(
      limits,
      h(
        'ul',
        {},
        Object.entries(body?.rateLimits ?? {}).map(([api, limit]) =>
          h(
            'li',
            {},
            `${api}: `,
            limit === null
              ? h('span', { class: 'muted' }, 'none documented')
              : h(
                  'span',
                  {},
                  `${limit.perSecond}/s, ${limit.enabled ? 'on' : 'off'} `,
                  h(
                    'button',
                    {
                      type: 'button',
                      onclick: async () => {
                        report(
                          await admin('/rate-limits', { method: 'PUT', body: { api, enabled: !limit.enabled } }),
                          `Rate limit ${limit.enabled ? 'off' : 'on'}`,
                        );
                        await drawFaults();
                      },
                    },
                    limit.enabled ? 'Turn off' : 'Turn on',
                  ),
                ),
          ),
        ),
      ),
    );
  }

  fill(root, h('h2', {}, 'Controls'), h('div', { class: 'grid' }, reset, state, faultPanel, profilePanel));
  void drawFaults();
  void admin('/profile').then((reply) => {
    profile.value = (reply.json as { profile?: string } | undefined)?.profile ?? 'normal';
  });
}
