import { controlsView } from './controls-view.ts';
import { fill, h, toast } from './dom.ts';
import { admin, currentSession, useSession } from './http.ts';
import { journalView } from './journal-view.ts';
import type { ApiDescription } from './model.ts';
import { runsView } from './runs-view.ts';

// The console's entry: reads the server's description of the APIs, draws the header (session picker, clock) and
// the tabs, and shows the page the URL's hash names: `#/api/<id>`, `#/journal`, `#/controls`.

interface ClockState {
  now: string;
  mode: 'real' | 'manual';
  paused: boolean;
  pausable: boolean;
}

let clock: ClockState | undefined;
let clockReadAt = 0;

/** The mock's time now: the last reading, moved on by wall time unless the clock stands still. */
function mockNow(): number {
  if (!clock) return Date.now();
  const read = Date.parse(clock.now);
  return clock.paused ? read : read + (Date.now() - clockReadAt);
}

async function readClock(): Promise<void> {
  const reply = await admin('/clock');
  if (reply.ok) {
    clock = reply.json as unknown as ClockState;
    clockReadAt = Date.now();
  }
  drawClock();
}

function drawClock(): void {
  const root = document.getElementById('clock');
  if (!root || !clock) return;
  const step = h(
    'select',
    { id: 'advance-by', 'aria-label': 'Advance by' },
    [
      ['1 min', 60_000],
      ['10 min', 600_000],
      ['1 h', 3_600_000],
      ['6 h', 21_600_000],
      ['1 day', 86_400_000],
    ].map(([text, ms]) => h('option', { value: String(ms) }, String(text))),
  );
  const move = async (body: Record<string, unknown>) => {
    const reply = await admin('/clock', { method: 'POST', body: body as never });
    if (!reply.ok) toast(`Clock: ${(reply.json as { error?: string } | undefined)?.error ?? reply.status}`);
    else {
      const moves = (reply.json as { moves?: number }).moves ?? 0;
      toast(moves > 0 ? `Clock moved: ${moves} run moves` : 'Clock moved');
    }
    await readClock();
    window.dispatchEvent(new Event('console:changed'));
  };
  const state = clock.paused ? (clock.mode === 'manual' ? 'manual' : 'paused') : 'running';
  fill(
    root,
    h('time', { datetime: new Date(mockNow()).toISOString(), id: 'clock-now' }, new Date(mockNow()).toISOString().replace('T', ' ').slice(0, 19)),
    h('span', { class: 'muted', id: 'clock-state' }, state),
    clock.pausable && clock.mode === 'real'
      ? h('button', { type: 'button', onclick: () => void move(clock?.paused ? { resume: true } : { pause: true }) }, clock.paused ? 'Resume' : 'Pause')
      : null,
    step,
    h('button', { type: 'button', id: 'advance', onclick: () => void move({ advanceMs: Number(step.value) }) }, 'Advance'),
  );
}

function drawTabs(apis: ApiDescription[], current: string): void {
  const tabs = document.getElementById('tabs');
  if (!tabs) return;
  const link = (hash: string, text: string) => h('a', { href: hash, 'aria-current': hash === current ? 'page' : false }, text);
  fill(
    tabs,
    apis.map((api) => link(`#/api/${api.id}`, api.title)),
    link('#/journal', 'Journal'),
    link('#/controls', 'Controls'),
  );
}

async function start(): Promise<void> {
  const reply = await admin('/console');
  const main = document.getElementById('main');
  if (!main) return;
  if (!reply.ok) {
    fill(main, h('div', { class: 'error', role: 'alert' }, `The control API answered ${reply.status}: ${reply.text}`));
    return;
  }
  const apis = (reply.json as unknown as { apis: ApiDescription[] }).apis;

  const sessionForm = document.getElementById('session-form') as HTMLFormElement;
  const sessionInput = document.getElementById('session') as HTMLInputElement;
  sessionInput.value = currentSession();
  sessionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!sessionInput.checkValidity()) return void toast('A session name is letters, digits, dot, dash or underscore');
    useSession(sessionInput.value.trim());
    toast(sessionInput.value.trim() ? `Session ${sessionInput.value.trim()}` : 'Shared default session');
    show();
  });

  const show = () => {
    const hash = location.hash || `#/api/${apis[0]?.id ?? ''}`;
    drawTabs(apis, hash);
    const [, page, id] = hash.split('/');
    if (page === 'journal') journalView(apis, main);
    else if (page === 'controls') controlsView(apis, main);
    else {
      const api = apis.find((candidate) => candidate.id === id) ?? apis[0];
      if (api) runsView(api, main, mockNow);
    }
    main.focus();
  };
  window.addEventListener('hashchange', show);
  window.addEventListener('console:changed', () => void readClock());
  await readClock();
  window.setInterval(() => void readClock(), 5000);
  show();
}

void start();
