/**
 * The console's view of the server's description (`GET /__admin/console`): the same shapes, typed for the browser.
 * Pure helpers over it: building calls, reading pages, choosing commands. No DOM here, so it is unit-tested.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ConsoleValue = { value: string } | { field: string };

export interface Call {
  method: string;
  path: string;
  params: Record<string, ConsoleValue>;
  query: Record<string, string>;
}

export interface Machine {
  states: string[];
  terminal: string[];
  commands: Record<string, { from: string[]; to: string }>;
}

export interface ApiDescription {
  id: string;
  title: string;
  noun: string;
  collection: string;
  storeId: string;
  headers: Record<string, string>;
  produces: string[];
  formatParameter: string | null;
  fields: { id: string; status: string; title: string; since: string[] };
  list:
    | (Call & {
        filters: { name: string; values: Json[] | null }[];
        sort: { param: string; options: { label: string; value: string }[] } | null;
        itemsKey: string | null;
        limitParam: string;
        paging: { kind: 'offset'; param: string } | { kind: 'cursor'; param: string; responseKey: string };
      })
    | null;
  detail: Call;
  commands:
    | (Call & { kind: 'machine'; body: Json; machine: Machine | null })
    | { kind: 'actions'; list: Call; take: Call & { body: Json }; login: Call & { users: string[]; body: Json } }
    | null;
  create: (Call & { example: Json }) | null;
  stateNames: Record<string, string> | null;
}

export type Run = Record<string, Json>;

/** A dotted field of a run (`data.accountId`), as text; '' when absent. */
export function field(run: Run, path: string): string {
  let current: Json | undefined = run;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return '';
    current = current[key];
  }
  return current === undefined || current === null ? '' : typeof current === 'object' ? JSON.stringify(current) : String(current);
}

/** `{name}` placeholders in a text, from the given values first, then from the run's fields. */
export function fillText(text: string, values: Record<string, string>, run: Run = {}): string {
  return text.replace(/\{([\w.]+)\}/g, (_, name: string) => values[name] ?? field(run, name));
}

/** A body template with its placeholders filled, in every string of it. */
export function fillBody(template: Json, values: Record<string, string>, run: Run = {}): Json {
  if (typeof template === 'string') return fillText(template, values, run);
  if (Array.isArray(template)) return template.map((item) => fillBody(item, values, run));
  if (template !== null && typeof template === 'object')
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillBody(value, values, run)]));
  return template;
}

/** The URL of a call below the API's mount, for a run (path parameters from its fields) and extra query values. */
export function urlOf(api: ApiDescription, call: Call, run: Run = {}, extraQuery: Record<string, string> = {}): string {
  const path = call.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const source = call.params[name];
    const value = source === undefined ? '' : 'value' in source ? source.value : field(run, source.field);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams({ ...call.query, ...extraQuery });
  const search = query.toString();
  return `/${api.id}${path}${search ? `?${search}` : ''}`;
}

/** Where the list is: filters that are set, the sort, and the page (an offset, or the cursor tokens followed so far). */
export interface ListState {
  filters: Record<string, string>;
  sort: string;
  limit: number;
  offset: number;
  cursors: string[];
}

export function listUrl(api: ApiDescription, state: ListState): string {
  const list = api.list;
  if (!list) throw new Error(`${api.id} has no list call`);
  const query: Record<string, string> = { [list.limitParam]: String(state.limit) };
  for (const [name, value] of Object.entries(state.filters)) if (value !== '') query[name] = value;
  if (list.sort && state.sort) query[list.sort.param] = state.sort;
  const cursor = state.cursors.at(-1);
  if (list.paging.kind === 'offset' && state.offset > 0) query[list.paging.param] = String(state.offset);
  if (list.paging.kind === 'cursor' && cursor) query[list.paging.param] = cursor;
  return urlOf(api, list, {}, query);
}

/** A page of runs from a list response, and how to get the next one. */
export function readPage(
  api: ApiDescription,
  payload: Json,
  state: ListState,
): { runs: Run[]; next: { offset: number } | { cursor: string } | null; total: number | null } {
  const list = api.list;
  if (!list) return { runs: [], next: null, total: null };
  const body = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload : {};
  const items = list.itemsKey === null ? payload : body[list.itemsKey];
  const runs = Array.isArray(items) ? items.filter((item): item is Run => item !== null && typeof item === 'object' && !Array.isArray(item)) : [];
  const total = totalOf(body);
  if (list.paging.kind === 'cursor') {
    const token = body[list.paging.responseKey];
    return { runs, next: typeof token === 'string' ? { cursor: token } : null, total };
  }
  const more = total === null ? runs.length === state.limit : state.offset + runs.length < total;
  return { runs, next: more ? { offset: state.offset + state.limit } : null, total };
}

function totalOf(body: Record<string, Json>): number | null {
  for (const candidate of [body['total'], body['_total'], (body['_metadata'] as Record<string, Json> | undefined)?.['total']]) {
    if (typeof candidate === 'number') return candidate;
  }
  return null;
}

/** The commands the machine allows from a state: exactly these are offered. */
export function allowedCommands(machine: Machine | null, state: string): string[] {
  if (!machine) return [];
  return Object.entries(machine.commands)
    .filter(([, rule]) => rule.from.includes(state))
    .map(([name]) => name);
}

/** How a state is shown: finished well, finished badly, waiting on someone, or moving. */
export type Tone = 'done' | 'failed' | 'waiting' | 'active';

const FAILED = /fail|terminat|reject|cancel|stop|timed_out|error|closed|disabled/i;
const WAITING = /pend|paus|suspend|wait|queue|sched|review|new|submitted|request/i;

export function toneOf(machine: Machine | null, state: string): Tone {
  if (FAILED.test(state)) return 'failed';
  if (machine?.terminal.includes(state) || /complete|succeed|approved|fulfilled|done/i.test(state)) return 'done';
  if (WAITING.test(state)) return 'waiting';
  return 'active';
}

/** "3 min ago", "in 2 h": how long ago an ISO time was, by the mock's clock; the date itself past a month. */
export function ago(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((now - at) / 1000);
  const magnitude = Math.abs(seconds);
  if (magnitude >= 30 * 86_400) return new Date(at).toISOString().slice(0, 10);
  const [value, unit] =
    magnitude < 60
      ? [magnitude, 's']
      : magnitude < 3600
        ? [Math.floor(magnitude / 60), 'min']
        : magnitude < 86_400
          ? [Math.floor(magnitude / 3600), 'h']
          : [Math.floor(magnitude / 86_400), 'd'];
  return seconds >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** The id the store keys a run by (for its history). */
export function storeIdOf(api: ApiDescription, run: Run): string {
  return fillText(api.storeId, {}, run);
}
