import { mockError, type MockError } from '../core/errors.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { queryObject, type BodyKind, type PlainRequest } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import type { RequestViolation } from '../journal/journal.ts';
import { BODY_MEDIA_TYPE, bodyKindOf } from '../serialization/media.ts';
import { parseBody } from '../serialization/parse-body.ts';
import { parseMultipart } from '../serialization/parse-multipart.ts';
import { describeIssue, type IssueLocation } from '../validation/describe.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack, Caller, ErrorEnvelope, Operation, OperationInput, Outcome } from './pack.ts';

export interface InputDeps {
  readonly registry: SchemaRegistry;
}

/** The validated input, or why it is refused, and every way the request broke its schemas (for the journal). */
export interface ReadInput {
  readonly input: Outcome<OperationInput>;
  readonly violations: readonly RequestViolation[];
}

/** Everything about a request an action may read, checked against the operation's request schemas. */
export async function readInput(
  pack: ApiPack,
  operation: Operation,
  request: PlainRequest,
  pathParams: Readonly<Record<string, string>>,
  caller: Caller,
  session: string,
  deps: InputDeps,
): Promise<ReadInput> {
  const schemas = operation.request ?? {};
  const violations: RequestViolation[] = [];
  const check = (schemaId: string | undefined, raw: JsonObject, location: IssueLocation): Outcome<JsonObject> => {
    if (!schemaId) return ok(raw);
    const { value, issues } = deps.registry.coerce(schemaId, raw);
    if (issues.length === 0) return ok(value);
    violations.push(...toViolations(issues, location));
    return fail(invalid(pack.errors, issues, location));
  };
  const rawQuery = queryObject(request.query, pack.queryAliases);
  violations.push(...unknownParameters(deps.registry, schemas.query, rawQuery, pack.media.formatParameter));
  const done = (input: Outcome<OperationInput>): ReadInput => ({ input, violations });
  const params = check(schemas.params, { ...pathParams }, 'path');
  if (!params.ok) return done(params);
  const query = check(schemas.query, rawQuery, 'query');
  if (!query.ok) return done(query);
  const headers = check(schemas.headers, { ...request.headers }, 'header');
  if (!headers.ok) return done(headers);
  const body = schemas.body ? await readBody(pack, operation, request, schemas.body, deps, violations) : ok(undefined);
  if (!body.ok) return done(body);
  const input = { params: params.value, query: query.value, headers: headers.value, body: body.value, parents: {}, caller, base: request.base };
  return done(ok({ ...input, origin: originOf(request.headers['host']), session }));
}

async function readBody(
  pack: ApiPack,
  operation: Operation,
  request: PlainRequest,
  schemaId: string,
  deps: InputDeps,
  violations: RequestViolation[],
): Promise<Outcome<Json | undefined>> {
  let body: Json | undefined;
  if (request.body && request.body.length > 0) {
    const contentType = request.headers['content-type'];
    const accepts = operation.accepts ?? pack.media.accepts;
    const essence = contentType?.split(';')[0]?.trim().toLowerCase();
    // A body without a Content-Type, or with one the pack reads anyway, is read as the operation's first format.
    const lenient = essence !== undefined && (pack.media.readAnyway ?? []).includes(essence);
    const kind = contentType && !lenient ? bodyKindOf(contentType) : accepts[0];
    const listed = operation.accepts !== undefined || !pack.media.contentTypes || essence === undefined || pack.media.contentTypes.includes(essence);
    if (!kind || !accepts.includes(kind) || !listed) {
      const accepted = accepts.map((k) => BODY_MEDIA_TYPE[k]).join(' or ');
      const message = `Content-Type '${contentType ?? ''}' is not supported; send ${accepted}.`;
      violations.push({ location: 'header', field: 'content-type', rule: 'contentType', message });
      // The pack's wording names its usual format; an operation that reads another says its own.
      const vendorMessage = operation.accepts ? undefined : pack.errors.messages?.unsupportedMediaType;
      return fail(mockError('unsupportedMediaType', vendorMessage ?? message));
    }
    const parsed = kind === 'multipart' ? await parseMultipart(request.body, contentType ?? '') : parseBody(request.body, kind);
    if (!parsed.ok) {
      const message = parsed.error === 'forbiddenDeclaration' ? 'XML document type and entity declarations are not allowed.' : malformedMessage(pack, kind);
      violations.push({ location: 'body', field: '', rule: parsed.error, message });
      return fail(mockError('malformedBody', message));
    }
    body = parsed.value;
  }
  const issues = deps.registry.check(schemaId, body ?? null);
  if (issues.length === 0) return ok(body);
  violations.push(...toViolations(issues, 'body'));
  const error = invalid(pack.errors, issues, 'body');
  return fail(operation.invalidBodyMessage ? { ...error, message: operation.invalidBodyMessage } : error);
}

function malformedMessage(pack: ApiPack, kind: BodyKind): string {
  return (
    pack.errors.messages?.malformedBody ??
    (kind === 'multipart' ? 'The request body is not a valid multipart/form-data form.' : `The request body is not valid ${kind.toUpperCase()}.`)
  );
}

/**
 * `http://host[:port]` from a Host header, for absolute links back to this server. A header that is not a plain host
 * and port (no Host at all, or one with a path or credentials in it) gives the loopback name instead.
 */
export function originOf(host: string | undefined): string {
  const fallback = 'http://localhost';
  if (!host || /[\s/?#@\\]/.test(host)) return fallback;
  try {
    return `http://${new URL(`http://${host}`).host}`;
  } catch {
    return fallback;
  }
}

/** Query parameters the operation does not define: accepted, as servers ignore them, but a client should know. */
function unknownParameters(registry: SchemaRegistry, schemaId: string | undefined, query: JsonObject, formatParameter: string | undefined): RequestViolation[] {
  const properties = schemaId ? registry.schema(schemaId)?.['properties'] : undefined;
  const known = new Set([
    ...(typeof properties === 'object' && properties !== null ? Object.keys(properties) : []),
    ...(formatParameter ? [formatParameter] : []),
  ]);
  return Object.keys(query)
    .filter((name) => !known.has(name))
    .map((name) => ({ location: 'query', field: name, rule: 'unknownParameter', message: `query parameter '${name}' is not defined for this operation` }));
}

function toViolations(issues: readonly SchemaIssue[], location: IssueLocation): RequestViolation[] {
  // The journal speaks schema language whatever the vendor's wording, so the vendor message is left out.
  return issues.map(({ vendorMessage: _vendor, ...issue }) => ({
    location,
    field: issue.pointer.replace(/^\//, '').replaceAll('/', '.'),
    rule: issue.keyword,
    message: describeIssue(issue, location),
    schemaPath: issue.schemaPath,
    ...(issue.evidence ? { evidence: issue.evidence } : {}),
  }));
}

/**
 * A validation failure as the engine's error: the first issue as the message and every issue by field, in the
 * vendor's wording when the envelope declares it (`fieldMessages`, e.g. Rails' "can't be blank").
 */
export function invalid(envelope: ErrorEnvelope, issues: readonly SchemaIssue[], location: IssueLocation): MockError {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const path = issue.pointer.replace(/^\//, '').split('/');
    const field = (envelope.fieldKey === 'leaf' ? path.at(-1) : path.join('.')) || location;
    const message = issue.vendorMessage ?? envelope.fieldMessages?.[issue.keyword] ?? envelope.fieldMessages?.['default'] ?? describeIssue(issue, location);
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  const [first] = issues;
  const code = first?.vendorCode;
  // fromEntries defines own properties, so a field named "__proto__" stays a field.
  return mockError('invalidRequest', first ? describeIssue(first, location) : 'The request is invalid.', {
    fields: Object.fromEntries(byField),
    ...(code === undefined ? {} : { code }),
  });
}
