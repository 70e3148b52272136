import { isJsonObject, type Json, type JsonObject, valueAtPointer, escapePointerSegment } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { JournalEntry } from '../journal/journal.ts';

import { queryMap } from './pact-file.ts';
import { fill, namedParams, type ProviderStateDeclaration } from './states.ts';

// `GET /__admin/pact`: a pact (v3, or v4) of what a named client (`X-Mock-Client`) did, from the journal's kept
// exchanges. Values that echo the request (the ids it addressed, what it sent) and the run's state stay exact; every
// other value the mock made (generated ids, timestamps, seeded data) gets a type matcher. Each interaction on a
// declared record carries the provider state that reproduces it: the record in the state it had before the request.

export interface ExportQuery {
  readonly client?: string | undefined;
  readonly consumer?: string | undefined;
  readonly provider?: string | undefined;
  readonly spec?: string | undefined;
  readonly api?: string | undefined;
}

const KEPT_REQUEST_HEADERS = ['authorization', 'content-type', 'accept'];

export function exportPact(packs: readonly ApiPack[], entries: readonly JournalEntry[], query: ExportQuery): Result<JsonObject, string> {
  if (!query.client) return fail('Name the client: ?client=NAME (the X-Mock-Client it sent).');
  const spec = query.spec === undefined ? 3 : Number(query.spec);
  if (spec !== 3 && spec !== 4) return fail('spec must be 3 or 4.');
  const kept = entries.filter((entry) => entry.exchange && entry.client === query.client && (query.api === undefined || entry.api === query.api));
  const apis = [...new Set(kept.map((entry) => entry.api))];
  if (apis.length > 1) return fail(`The client ${query.client} called ${apis.join(', ')}; name one with &api=ID (a pact has one provider).`);
  const pack = packs.find((candidate) => candidate.id === apis[0]);
  const interactions = kept.map((entry, index) => interactionOf(pack, kept.slice(0, index), entry, index, spec));
  return ok({
    consumer: { name: query.consumer ?? query.client },
    provider: { name: query.provider ?? pack?.title ?? 'provider' },
    interactions,
    metadata: { pactSpecification: { version: spec === 4 ? '4.0' : '3.0.0' }, 'workflow-mocks': { api: pack?.id ?? null, client: query.client } },
  });
}

function interactionOf(pack: ApiPack | undefined, earlier: readonly JournalEntry[], entry: JournalEntry, index: number, spec: number): JsonObject {
  const exchange = entry.exchange;
  const path = pack && entry.path.startsWith(`/${pack.id}`) ? entry.path.slice(pack.id.length + 1) : entry.path;
  const headers = Object.fromEntries(KEPT_REQUEST_HEADERS.flatMap((name) => (exchange?.requestHeaders[name] ? [[name, exchange.requestHeaders[name]]] : [])));
  const sent = parsedBody(exchange?.requestBody, exchange?.requestHeaders['content-type']);
  const echoed = new Set([...path.split('/').map(decodedSegment), ...entry.query.map(([, v]) => v), ...leaves(sent)]);
  const states = pack ? statesOf(pack, earlier, entry, path) : [];
  const stateFields = new Set(pack?.providerStates?.flatMap((d) => Object.keys(d.match)) ?? []);
  const body = exchange?.responseBody;
  const rules: Record<string, Json> = {};
  if (body !== undefined) typeRules(body, '$', '', echoed, stateFields, rules);
  const contentType = exchange?.responseHeaders['content-type'];
  const request: JsonObject = {
    method: entry.method,
    path,
    ...(entry.query.length ? { query: queryMap(entry.query) } : {}),
    headers,
    ...(sent === undefined ? {} : { body: spec === 4 ? v4Body(sent, headers['content-type']) : sent }),
  };
  const response: JsonObject = {
    status: entry.status,
    ...(contentType ? { headers: { 'Content-Type': contentType } } : {}),
    ...(body === undefined ? {} : { body: spec === 4 ? v4Body(body, contentType) : body }),
    ...(Object.keys(rules).length ? { matchingRules: { body: rules } } : {}),
  };
  return {
    ...(spec === 4 ? { type: 'Synchronous/HTTP', key: `${entry.seq}` } : {}),
    description: `${index + 1}. ${entry.operation ?? 'no operation'}: ${entry.method} ${path} -> ${entry.status}`,
    ...(states.length ? { providerStates: states } : {}),
    request,
    response,
  };
}

/** A path segment as the client meant it; one that is no valid percent-encoding (the client's mistake) as it came. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function v4Body(content: Json, contentType: string | undefined): JsonObject {
  return { content, contentType: contentType ?? 'application/json', encoded: false };
}

function parsedBody(text: string | undefined, contentType: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

function leaves(value: Json | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (isJsonObject(value)) return Object.values(value).flatMap(leaves);
  return [String(value)];
}

/** A type matcher on every value the request did not say and that is not the run's state (a field the states match). */
function typeRules(
  value: Json,
  path: string,
  pointer: string,
  echoed: ReadonlySet<string>,
  stateFields: ReadonlySet<string>,
  rules: Record<string, Json>,
): void {
  if (Array.isArray(value)) {
    rules[path] = { matchers: [{ match: 'type', min: 0 }] };
    const first = value[0];
    if (first !== undefined) typeRules(first, `${path}[*]`, `${pointer}/*`, echoed, stateFields, rules);
    return;
  }
  if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const step = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
      typeRules(child, step, `${pointer}/${key}`, echoed, stateFields, rules);
    }
    return;
  }
  const field = pointer.slice(pointer.lastIndexOf('/'));
  if (value !== null && (echoed.has(String(value)) || stateFields.has(field))) return;
  rules[path] = { matchers: [{ match: 'type' }] };
}

/** The declared state of the record the request addressed, as it was before the request. */
function statesOf(pack: ApiPack, earlier: readonly JournalEntry[], entry: JournalEntry, path: string): JsonObject[] {
  const operation = pack.operations.find((candidate) => candidate.id === entry.operation);
  if (!operation) return [];
  const pathParams = namedParams(operation.path, path) ?? {};
  for (const declaration of pack.providerStates ?? []) {
    const idParams = [...declaration.id.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
    if (idParams.length === 0 || !idParams.every((param) => pathParams[param] !== undefined)) continue;
    const before = entry.method === 'GET' ? entry.exchange?.responseBody : lastBodyFor(earlier, entry, path);
    const params = stateParams(declaration, pathParams, before);
    if (!params) continue;
    const record = recordIn(declaration, before);
    const fields = record ? createdFields(earlier, entry, record) : {};
    return [{ name: declaration.name, params: Object.keys(fields).length > 0 ? { ...params, fields } : params }];
  }
  return [];
}

function lastBodyFor(earlier: readonly JournalEntry[], entry: JournalEntry, path: string): Json | undefined {
  const prefix = entry.path.slice(0, entry.path.length - path.length);
  const same = earlier.filter((e) => e.api === entry.api && e.path === `${prefix}${path}` && e.status < 300 && e.exchange?.responseBody !== undefined);
  return same.at(-1)?.exchange?.responseBody;
}

function stateParams(declaration: ProviderStateDeclaration, pathParams: Record<string, string>, body: Json | undefined): Record<string, string> | undefined {
  const params: Record<string, string> = { ...declaration.defaults, ...pathParams };
  // The record may be the body itself or wrapped in one property (`{"workflow_session": {...}}`).
  const candidates = isJsonObject(body) ? [body, ...Object.values(body).filter(isJsonObject)] : [];
  for (const [pointer, template] of Object.entries(declaration.match)) {
    const name = /^\{(\w+)\}$/.exec(template)?.[1];
    if (!name) continue;
    const found = candidates.map((candidate) => valueAtPointer(candidate, pointer)).find((value) => value !== undefined && value !== null);
    if (found !== undefined) params[name] = String(found);
  }
  const complete = [...declaration.name.matchAll(/\{(\w+)\}/g)].every((m) => params[m[1] ?? ''] !== undefined);
  return complete && fill(declaration.id, params) !== declaration.id ? params : undefined;
}

/** The record in a response body: the body itself, or the one object it wraps (`{"workflow_session": {...}}`). */
function recordIn(declaration: ProviderStateDeclaration, body: Json | undefined): JsonObject | undefined {
  if (!isJsonObject(body)) return undefined;
  const holds = (candidate: JsonObject) => Object.keys(declaration.match).some((pointer) => valueAtPointer(candidate, pointer) !== undefined);
  return [body, ...Object.values(body).filter(isJsonObject)].find(holds);
}

/**
 * What this client gave the record when it created it earlier in the run, which no seeded record has: the record's
 * objects made only of values an earlier create of this client sent (an 8x8 run's `data.payload`), by pointer. The
 * state's setup writes them into its copy (`fields`), so the read replays as the client saw it.
 */
function createdFields(earlier: readonly JournalEntry[], entry: JournalEntry, record: JsonObject): Record<string, Json> {
  const creates = earlier.filter((e) => e.api === entry.api && e.method === 'POST' && e.status < 300);
  const sent = new Set(creates.flatMap((e) => leaves(parsedBody(e.exchange?.requestBody, e.exchange?.requestHeaders['content-type']))));
  const fields: Record<string, Json> = {};
  if (sent.size === 0) return fields;
  const walk = (value: Json, pointer: string): void => {
    if (!isJsonObject(value)) return;
    const own = leaves(value);
    if (pointer !== '' && own.length > 0 && own.every((leaf) => sent.has(leaf))) {
      fields[pointer] = value;
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${escapePointerSegment(key)}`);
  };
  walk(record, '');
  return fields;
}
