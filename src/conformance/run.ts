import { valueAtPointer } from '../core/json.ts';
import type { Json } from '../core/json.ts';
import type { ApiPack, Operation } from '../engine/pack.ts';
import { REFERENCE_DATE } from '../engine/seeding.ts';
import { deriveSeed, withSeededFaker } from '../generation/seeded-faker.ts';

import {
  classifyBody,
  classifyRefusal,
  classifyStatus,
  documentedResponse,
  isStateRefusal,
  ValueIndex,
  verdictOf,
  type Finding,
  type Refusal,
} from './classify.ts';
import type { DocMedia, DocOperation, DocResponse, OpenApiDocument } from './document.ts';
import { curlFor, requestUrl, sendWire, type WireRequest, type WireResponse } from './http.ts';
import { matchOperations } from './match.ts';
import { planRequests, type PlannedRequest } from './requests.ts';
import { documentSchemas, type DocumentSchemas } from './schemas.ts';
import { fill, resolveTargets } from './targets.ts';

// The conformance check of one pack against one vendor document: which operations each side lacks, then for
// every operation both have, the document's example requests and generated ones sent to the target, each answer
// checked against the document and classified (classify.ts). Every request of an operation check carries
// `X-Mock-Session: conformance-<n>`, so it never changes a running server's shared data (real providers ignore it),
// and `X-Mock-Client: conformance-<n>-<k>`, by which the mock's journal tells why it refused it.

export interface ConformanceTarget {
  /** The API's base URL, e.g. `http://127.0.0.1:4010/nerm`. */
  readonly baseUrl: string;
  /** The pack's console headers (lower-case) when the target is our mock; {} for anything else. */
  readonly consoleHeaders: Readonly<Record<string, string>>;
  /** The fixed path values the pack's console sends (its seeded account, repository) when the target is our mock. */
  readonly consolePathValues?: Readonly<Record<string, string>>;
  /** Why the mock refused the request sent with this client name; undefined when that cannot be known. */
  refusal(client: string): Promise<Refusal | undefined>;
  /** Gives a session fresh seeded data before its check, where the target can. */
  resetSession?(session: string): Promise<void>;
  /** Milliseconds between requests (a real provider's rate limit). */
  readonly paceMs?: number;
}

export interface ConformanceOptions {
  readonly pack: ApiPack;
  readonly document: OpenApiDocument;
  /** How the document is named in the report (its file name). */
  readonly spec: string;
  readonly target: ConformanceTarget;
  readonly params: Readonly<Record<string, string>>;
  /** Generated requests per operation. */
  readonly generated: number;
  /** The pack's verbatim examples (`fixtures/<api>/examples.json`). */
  readonly examples: Json;
  readonly seed?: number;
}

export interface RequestResult {
  readonly method: string;
  /** The document's path and operationId, and the pack's operation id. */
  readonly path: string;
  readonly operationId: string;
  readonly packOperation: string;
  readonly kind: PlannedRequest['kind'];
  readonly label: string;
  readonly status: number;
  readonly verdict: 'pass' | 'drift' | 'note';
  readonly findings: readonly Finding[];
  readonly curl: string;
}

export interface ConformanceReport {
  readonly api: string;
  readonly spec: string;
  readonly version: string;
  readonly documentOnly: readonly { readonly method: string; readonly path: string; readonly operationId?: string }[];
  readonly packOnly: readonly { readonly method: string; readonly path: string; readonly id: string }[];
  /** Operations both have for which no request could be made (a required body of a type we cannot write, no example). */
  readonly unsent: readonly { readonly method: string; readonly path: string; readonly operationId?: string }[];
  readonly results: readonly RequestResult[];
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { pack, document } = options;
  const schemas = documentSchemas(document);
  const match = matchOperations(document.operations, pack.operations);
  const examples = new ValueIndex([options.examples]);
  const results: RequestResult[] = [];
  const unsent: ConformanceReport['unsent'][number][] = [];
  let n = 0;
  for (const { document: operation, operation: packOperation } of match.matched) {
    n += 1;
    const checked = await checkOperation(options, schemas, examples, operation, packOperation, n);
    if (checked.length === 0)
      unsent.push({ method: operation.method, path: operation.fullPath, ...(operation.operationId ? { operationId: operation.operationId } : {}) });
    results.push(...checked);
  }
  return {
    api: pack.id,
    spec: options.spec,
    version: document.version,
    documentOnly: match.documentOnly.map((op) => ({ method: op.method, path: op.fullPath, ...(op.operationId ? { operationId: op.operationId } : {}) })),
    packOnly: match.packOnly.map((op) => ({ method: op.method, path: op.path, id: op.id })),
    unsent,
    results,
  };
}

async function checkOperation(
  options: ConformanceOptions,
  schemas: DocumentSchemas,
  examples: ValueIndex,
  operation: DocOperation,
  packOperation: Operation,
  n: number,
): Promise<RequestResult[]> {
  const { target } = options;
  const session = `conformance-${n}`;
  const cursor = cursorOf(packOperation);
  const plans = withSeededFaker(deriveSeed(options.seed ?? 1, `${operation.method} ${operation.fullPath}`), REFERENCE_DATE, (faker) =>
    planRequests(operation, {
      document: options.document,
      schemas,
      faker,
      generated: options.generated,
      params: options.params,
      consoleHeaders: target.consoleHeaders,
      ...(cursor ? { skipQuery: [cursor.param] } : {}),
    }),
  );
  if (plans.length === 0) return [];
  await target.resetSession?.(session);
  const base = { ...target.consoleHeaders, ...credentials(options.params), 'x-mock-session': session };
  const paced = pacer(target.paceMs ?? 0);
  // Lookups carry the headers the operation's example request sends (tenant, API version), the body aside.
  const lookupHeaders = { ...base, ...(plans[0]?.headers ?? {}), 'x-mock-client': `${session}-target` };
  const path = fill(
    operation.fullPath,
    await resolveTargets(
      operation,
      options.document,
      options.params,
      async (lookup) => {
        await paced();
        const response = await sendWire({
          method: 'GET',
          url: requestUrl(target.baseUrl, lookup, []),
          headers: { accept: 'application/json', ...lookupHeaders },
        }).catch(() => undefined);
        return { status: response?.status ?? 0, body: response?.body };
      },
      target.consolePathValues,
    ),
  );
  const results: RequestResult[] = [];
  for (let index = 0; index < plans.length; index++) {
    const plan = plans[index] as PlannedRequest;
    const client = `${session}-${index + 1}`;
    const wire: WireRequest = {
      method: operation.method,
      url: requestUrl(target.baseUrl, path, plan.query),
      headers: { accept: 'application/json', ...base, ...plan.headers, 'x-mock-client': client },
      ...(plan.body ? { body: plan.body } : {}),
    };
    await paced();
    const response = await sendWire(wire).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (response instanceof Error) {
      const findings: Finding[] = [
        {
          pointer: '',
          rule: 'network',
          message: `no answer: ${response.message}${response.cause instanceof Error ? ` (${response.cause.message})` : ''}`,
          verdict: 'drift',
        },
      ];
      results.push({ ...resultOf(operation, packOperation, plan, 0, findings), curl: curlFor(wire) });
      continue;
    }
    const token = cursor?.pointer && response.status < 300 && !plans.some((p) => p.kind === 'cursor') ? readCursor(response.body, cursor.pointer) : undefined;
    if (cursor && token !== undefined)
      plans.push({ ...plan, kind: 'cursor', label: `next page (${cursor.param} from ${plan.label})`, query: [...plan.query, [cursor.param, token]] });
    const refusal = response.status >= 400 ? await target.refusal(client) : undefined;
    const findings = judge(schemas, examples, operation, plan, wire, response, refusal);
    results.push({ ...resultOf(operation, packOperation, plan, response.status, findings), curl: curlFor(wire) });
  }
  return results;
}

function resultOf(
  operation: DocOperation,
  packOperation: Operation,
  plan: PlannedRequest,
  status: number,
  findings: readonly Finding[],
): Omit<RequestResult, 'curl'> {
  return {
    method: operation.method,
    path: operation.fullPath,
    operationId: operation.operationId ?? '',
    packOperation: packOperation.id,
    kind: plan.kind,
    label: plan.label,
    status,
    verdict: verdictOf(findings),
    findings,
  };
}

/**
 * The cursor parameter of a list the pack pages by cursor: sent only with a token the server issued, read from where
 * the dialect writes it in the body (a token in a `Link` header is not followed: the wire response keeps no headers).
 */
function cursorOf(operation: Operation): { param: string; pointer?: string } | undefined {
  const next = operation.action.kind === 'list' ? operation.action.pagination.description.next : undefined;
  if (next?.kind !== 'cursor') return undefined;
  return { param: next.param, ...(next.from.in === 'body' ? { pointer: next.from.pointer } : {}) };
}

function readCursor(body: Json | undefined, pointer: string): string | undefined {
  const value = body === undefined ? undefined : valueAtPointer(body, pointer);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `--param authorization=...` (any case) is the credential every request carries. */
function credentials(params: Readonly<Record<string, string>>): Record<string, string> {
  const entry = Object.entries(params).find(([name]) => name.toLowerCase() === 'authorization');
  return entry ? { authorization: entry[1] } : {};
}

function judge(
  schemas: DocumentSchemas,
  examples: ValueIndex,
  operation: DocOperation,
  plan: PlannedRequest,
  wire: WireRequest,
  response: WireResponse,
  refusal: Refusal | undefined,
): Finding[] {
  const sentBody = plan.body && plan.body.kind !== 'text' ? plan.body.value : undefined;
  const stateRefusal = isStateRefusal(response.status, refusal);
  const findings = [
    ...classifyRefusal(
      response.status,
      refusal,
      { query: plan.query, headers: wire.headers, ...(sentBody === undefined ? {} : { body: sentBody }) },
      response.body,
    ),
    ...classifyStatus(response.status, operation.responses, stateRefusal),
  ];
  const documented = documentedResponse(operation.responses, response.status);
  if (documented) findings.push(...checkBody(schemas, documented, response, new ValueIndex([sentBody]), examples));
  return findings;
}

function checkBody(schemas: DocumentSchemas, documented: DocResponse, response: WireResponse, echoed: ValueIndex, examples: ValueIndex): Finding[] {
  const types = Object.keys(documented.content);
  if (types.length === 0) return [];
  const media = mediaFor(documented, response);
  if (!media)
    return [
      {
        pointer: '',
        rule: 'contentType',
        message: `answered ${response.contentType || 'no content type'}; the document declares ${types.join(', ')}`,
        actual: response.contentType,
        verdict: 'drift',
      },
    ];
  if (!media.schema) return [];
  if (response.body === undefined)
    return [{ pointer: '', rule: 'content', message: `no body; the document declares a ${types.join(', ')} body`, verdict: 'drift' }];
  if (!response.json) return [{ pointer: '', rule: 'type', message: 'the body is not JSON', actual: response.body, verdict: 'drift' }];
  return classifyBody(schemas.check(media.schema, 'response', response.body), response.body, echoed, examples);
}

/** The documented media type for what came: its exact type, else a JSON type for a JSON answer, else a wildcard. */
function mediaFor(documented: DocResponse, response: WireResponse): DocMedia | undefined {
  const base = (type: string) => type.split(';')[0]?.trim().toLowerCase() ?? '';
  const entries = Object.entries(documented.content);
  const got = base(response.contentType);
  const json = (type: string) => type === 'application/json' || type.endsWith('+json');
  return (entries.find(([type]) => base(type) === got) ??
    (json(got) || response.json ? entries.find(([type]) => json(base(type))) : undefined) ??
    entries.find(([type]) => base(type) === '*/*' || base(type) === `${got.split('/')[0]}/*`))?.[1];
}

function pacer(intervalMs: number): () => Promise<void> {
  let last = 0;
  return async () => {
    const wait = last + intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    last = Date.now();
  };
}
