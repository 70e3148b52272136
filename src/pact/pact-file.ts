import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';

// Reads Pact specification v2, v3 and v4 files into one plain shape (pure). The original interaction is kept, so
// Pact's own verifier sees exactly what the consumer wrote (with provider states renamed through `--states`).

export interface PactState {
  readonly name: string;
  readonly params: Readonly<Record<string, Json>>;
}

export interface PactRequest {
  readonly method: string;
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Json;
}

export interface PactInteraction {
  readonly index: number;
  readonly description: string;
  /** Why the interaction is not HTTP (a v4 message), when it is not. */
  readonly skip?: string;
  readonly states: readonly PactState[];
  readonly request: PactRequest;
  readonly response: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body?: Json };
  readonly raw: JsonObject;
}

export interface PactDocument {
  readonly consumer: string;
  readonly provider: string;
  /** 2, 3 or 4 (the major version of the pact specification). */
  readonly spec: number;
  readonly interactions: readonly PactInteraction[];
  readonly raw: JsonObject;
}

function specVersion(pact: JsonObject): number {
  const metadata = isJsonObject(pact['metadata']) ? pact['metadata'] : {};
  const named = [metadata['pactSpecification'], metadata['pact-specification']].find(isJsonObject);
  const version = named?.['version'] ?? metadata['pactSpecificationVersion'];
  const major = Number.parseInt(String(version ?? '2'), 10);
  return Number.isFinite(major) ? major : 2;
}

const text = (value: Json | undefined, fallback = ''): string => (typeof value === 'string' ? value : fallback);

function headersOf(value: Json | undefined): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, Array.isArray(v) ? v.map(String).join(', ') : String(v)]));
}

function queryOf(value: Json | undefined): [string, string][] {
  if (typeof value === 'string') return [...new URLSearchParams(value)];
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([name, v]) => (Array.isArray(v) ? v.map((one): [string, string] => [name, String(one)]) : [[name, String(v)]]));
}

/** A v4 body is `{content, contentType, encoded}`; earlier ones are the body itself. */
function bodyOf(value: Json | undefined, spec: number): Json | undefined {
  if (spec < 4 || !isJsonObject(value) || !('content' in value)) return value ?? undefined;
  const content = value['content'];
  if (value['encoded'] === 'base64' && typeof content === 'string') return Buffer.from(content, 'base64').toString('utf8');
  return content;
}

function statesOf(interaction: JsonObject): PactState[] {
  const many = interaction['providerStates'];
  if (Array.isArray(many))
    return many.filter(isJsonObject).map((state) => ({ name: text(state['name']), params: isJsonObject(state['params']) ? state['params'] : {} }));
  const one = interaction['providerState'] ?? interaction['provider_state'];
  return typeof one === 'string' && one !== '' ? [{ name: one, params: {} }] : [];
}

export function readPact(pact: JsonObject): PactDocument {
  const spec = specVersion(pact);
  const list = Array.isArray(pact['interactions']) ? pact['interactions'] : [];
  const interactions = list.filter(isJsonObject).map((raw, index): PactInteraction => {
    const type = text(raw['type'], 'Synchronous/HTTP');
    const request = isJsonObject(raw['request']) ? raw['request'] : {};
    const response = isJsonObject(raw['response']) ? raw['response'] : {};
    const body = bodyOf(request['body'], spec);
    const expected = bodyOf(response['body'], spec);
    return {
      index,
      description: text(raw['description'], `interaction ${index + 1}`),
      ...(spec >= 4 && type !== 'Synchronous/HTTP' ? { skip: `a ${type} interaction: message pacts have no HTTP provider to replay against` } : {}),
      states: statesOf(raw),
      request: {
        method: text(request['method'], 'GET').toUpperCase(),
        path: text(request['path'], '/'),
        query: queryOf(request['query']),
        headers: headersOf(request['headers']),
        ...(body === undefined ? {} : { body }),
      },
      response: {
        status: typeof response['status'] === 'number' ? response['status'] : 200,
        headers: headersOf(response['headers']),
        ...(expected === undefined ? {} : { body: expected }),
      },
      raw,
    };
  });
  const name = (value: Json | undefined) => (isJsonObject(value) ? text(value['name']) : '');
  return { consumer: name(pact['consumer']), provider: name(pact['provider']), spec, interactions, raw: pact };
}

/** The interaction with its provider states renamed (a team's names -> the declared ones). */
export function renameStates(interaction: PactInteraction, names: Readonly<Record<string, string>>): JsonObject {
  const raw = interaction.raw;
  const rename = (name: string) => names[name] ?? name;
  if (Array.isArray(raw['providerStates']))
    return { ...raw, providerStates: raw['providerStates'].map((state) => (isJsonObject(state) ? { ...state, name: rename(text(state['name'])) } : state)) };
  if (typeof raw['providerState'] === 'string') return { ...raw, providerState: rename(raw['providerState']) };
  return raw;
}

/** A pact holding only one interaction, for Pact's verifier to replay on its own (in its own session). */
export function singleInteractionPact(document: PactDocument, interaction: JsonObject): JsonObject {
  return { ...document.raw, interactions: [interaction] };
}

/** Query pairs as a v3 pact writes them: each name with the list of its values, in order. */
export function queryMap(pairs: readonly (readonly [string, string])[]): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of pairs) query[name] = [...(query[name] ?? []), value];
  return query;
}

/** The interaction in the v3 shape the OpenAPI comparator reads (plain bodies, query as a map of lists). */
export function comparatorPact(document: PactDocument, interaction: PactInteraction): JsonObject {
  const { request, response } = interaction;
  const query = queryMap(request.query);
  return {
    consumer: { name: document.consumer },
    provider: { name: document.provider },
    metadata: { pactSpecification: { version: '3.0.0' } },
    interactions: [
      {
        description: interaction.description,
        ...(interaction.states[0] ? { providerState: interaction.states[0].name } : {}),
        request: { method: request.method, path: request.path, query, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
        response: { status: response.status, headers: response.headers, ...(response.body === undefined ? {} : { body: response.body }) },
      },
    ],
  };
}
