// The console's view of the server's description (`GET /__admin/console`): the same shapes, typed for the browser.
// Pure helpers over it: building calls, reading pages, choosing commands. No DOM here, so it is unit-tested.

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

/** A command's call: where it goes and the body it sends (`{command}` and run fields filled in), null for none. */
export type CommandCall = Call & { body: Json };

/** The state machine as a graph to draw (src/console/graph.ts). */
export interface Graph {
  field: string;
  states: string[];
  initial: string;
  terminal: string[];
  moves: { from: string; to: string; kind: 'command' | 'automatic'; label: string }[];
  fromMany: { command: string; to: string; from: string[] }[];
  accepts: { commands: number; moves: number } | null;
}

export interface ToneRule {
  when: Record<string, string[]>;
  tone: Tone;
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
  fields: { id: string; status: string; extraStatus: string[]; title: string; since: string[] };
  tones: ToneRule[];
  list:
    | (Call & {
        filters: { name: string; values: Json[] | null }[];
        sort: { param: string; options: { label: string; value: string }[] } | null;
        paging: Paging;
      })
    | null;
  detail: Call;
  commands:
    | { kind: 'machine'; call: CommandCall | null; calls: Record<string, CommandCall>; machine: Machine | null }
    | {
        kind: 'actions';
        list: Call & { items: string; fields: { name: string; title?: string; available?: string; to?: string } };
        take: Call & { body: Json };
        login: Call & { users: string[]; body: Json };
      }
    | null;
  diagram: Graph | null;
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

/**
 * How a list pages, as its pagination dialect describes itself (src/pagination/dialect.ts): where the items and the
 * total are, the page-size parameter, how to ask for another page, and the headers and `Link` relations it writes.
 */
export interface Paging {
  items: string | null;
  pageSize: { param: string; default: number; max?: number };
  next:
    | { kind: 'offset'; param: string }
    | { kind: 'page'; param: string; first: number }
    | { kind: 'cursor'; param: string; from: { in: 'body'; pointer: string } | { in: 'link'; rel: string } };
  total: { pointer: string; flag?: string } | null;
  headers: { name: string; required: boolean }[];
  links: string[];
}

/** The page sizes offered, up to the list's largest page. */
export function pageSizes(api: ApiDescription, choices: readonly number[] = [10, 25, 50, 100]): number[] {
  const max = api.list?.paging.pageSize.max;
  const allowed = choices.filter((size) => max === undefined || size <= max);
  return allowed.length > 0 ? allowed : [max ?? 1];
}

export function listUrl(api: ApiDescription, state: ListState): string {
  const list = api.list;
  if (!list) throw new Error(`${api.id} has no list call`);
  const { pageSize, next, total } = list.paging;
  const query: Record<string, string> = { [pageSize.param]: String(state.limit) };
  // Ask for the total where the dialect gives it only on request.
  if (total?.flag) query[total.flag] = 'true';
  for (const [name, value] of Object.entries(state.filters)) if (value !== '') query[name] = value;
  if (list.sort && state.sort) query[list.sort.param] = state.sort;
  const cursor = state.cursors.at(-1);
  if (next.kind === 'offset' && state.offset > 0) query[next.param] = String(state.offset);
  if (next.kind === 'page' && state.offset > 0) query[next.param] = String(next.first + Math.floor(state.offset / state.limit));
  if (next.kind === 'cursor' && cursor) query[next.param] = cursor;
  return urlOf(api, list, {}, query);
}

/**
 * A page of runs from a list response (its body and lower-case headers), and how to get the next one: the cursor where
 * the dialect hands one out (in the body or in the `Link` header's next URL); otherwise the next offset while the
 * `Link` header has a next page, or, without one, while the total (or a full page) says more remain.
 */
export function readPage(
  api: ApiDescription,
  payload: Json,
  headers: Record<string, string>,
  state: ListState,
): { runs: Run[]; next: { offset: number } | { cursor: string } | null; total: number | null } {
  const list = api.list;
  if (!list) return { runs: [], next: null, total: null };
  const paging = list.paging;
  const items = paging.items === null ? payload : atPointer(payload, pointerTo(paging.items));
  const runs = Array.isArray(items) ? items.filter((item): item is Run => item !== null && typeof item === 'object' && !Array.isArray(item)) : [];
  const counted = paging.total ? atPointer(payload, paging.total.pointer) : undefined;
  const total = typeof counted === 'number' ? counted : null;
  const links = parseLinks(headers['link']);
  const linked = (rel: string) => links.find((link) => link.rel === rel)?.url;
  if (paging.next.kind === 'cursor') {
    const from = paging.next.from;
    const url = from.in === 'link' ? linked(from.rel) : undefined;
    const token =
      from.in === 'body'
        ? atPointer(payload, from.pointer)
        : url === undefined
          ? undefined
          : new URL(url, 'http://localhost').searchParams.get(paging.next.param);
    return { runs, next: typeof token === 'string' && token !== '' ? { cursor: token } : null, total };
  }
  const more = paging.links.includes('next') ? linked('next') !== undefined : total === null ? runs.length === state.limit : state.offset + runs.length < total;
  return { runs, next: more ? { offset: state.offset + state.limit } : null, total };
}

/** The `Link` header's links (RFC 8288), as src/pagination/link-header.ts reads them; the browser cannot import it. */
export function parseLinks(header: string | undefined): { rel: string; url: string }[] {
  const links: { rel: string; url: string }[] = [];
  for (const match of (header ?? '').matchAll(/<([^>]*)>((?:\s*;\s*[^,;]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    for (const name of rel?.trim().split(/\s+/) ?? []) links.push({ rel: name, url: match[1] ?? '' });
  }
  return links;
}

const pointerTo = (key: string): string => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/** The value at a JSON pointer (`/_metadata/total`), or undefined. */
function atPointer(value: Json, pointer: string): Json | undefined {
  let current: Json | undefined = value;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
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

/** A run's tone: the first declared rule its fields all match, else what its status (as shown) says. */
export function toneOfRun(api: ApiDescription, run: Run, shown: string = field(run, api.fields.status)): Tone {
  const rule = api.tones.find((candidate) => Object.entries(candidate.when).every(([name, values]) => values.includes(field(run, name))));
  return rule?.tone ?? toneOf(commandMachine(api), shown);
}

/** The run's status fields as shown, the one that moves first: [field, value] for each that is set. */
export function statusesOf(api: ApiDescription, run: Run): [string, string][] {
  return [api.fields.status, ...api.fields.extraStatus]
    .map((name): [string, string] => [name, field(run, name)])
    .filter(([name, value]) => name === api.fields.status || value !== '');
}

function commandMachine(api: ApiDescription): Machine | null {
  return api.commands?.kind === 'machine' ? api.commands.machine : null;
}

/** The call a machine command is sent through: its own, or the one every command shares. */
export function commandCall(api: ApiDescription, command: string): CommandCall | null {
  const commands = api.commands;
  if (commands?.kind !== 'machine') return null;
  return Object.hasOwn(commands.calls, command) ? (commands.calls[command] ?? null) : commands.call;
}

export interface VendorAction {
  name: string;
  title: string;
  available: boolean;
  to: string;
}

/** The vendor's actions in a reply to the actions call, at the declared path (one object is a list of one). */
export function actionsOf(api: ApiDescription, payload: Json | undefined): VendorAction[] {
  const commands = api.commands;
  if (commands?.kind !== 'actions' || payload === undefined) return [];
  let found: Json | undefined = payload;
  for (const key of commands.list.items.split('.')) found = found !== null && typeof found === 'object' && !Array.isArray(found) ? found[key] : undefined;
  const items = Array.isArray(found) ? found : found !== null && typeof found === 'object' ? [found] : [];
  const names = commands.list.fields;
  return items
    .filter((item): item is Run => item !== null && typeof item === 'object' && !Array.isArray(item))
    .map((item) => {
      const flag = names.available === undefined ? 'true' : field(item, names.available);
      return {
        name: field(item, names.name),
        title: (names.title === undefined ? '' : field(item, names.title)) || field(item, names.name),
        available: flag === 'true' || flag === '1',
        to: names.to === undefined ? '' : field(item, names.to),
      };
    });
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

/** A run as the API returned it: the body itself, or the one object a wrapper holds (`{workflow_session: {...}}`). */
export function unwrapRun(api: ApiDescription, json: Json | undefined): Run | undefined {
  if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  if (field(json, api.fields.id)) return json;
  const values = Object.values(json);
  const only = values.length === 1 ? values[0] : undefined;
  return only !== undefined && only !== null && typeof only === 'object' && !Array.isArray(only) ? only : undefined;
}

/** The id the store keys a run by (for its history). */
export function storeIdOf(api: ApiDescription, run: Run): string {
  return fillText(api.storeId, {}, run);
}
