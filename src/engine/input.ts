import { mockError, type MockError } from '../core/errors.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { queryObject, type PlainRequest } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import type { RequestViolation } from '../journal/journal.ts';
import { mediaKindOf } from '../serialization/media.ts';
import { parseBody } from '../serialization/parse-body.ts';
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
export function readInput(pack: ApiPack, operation: Operation, request: PlainRequest, pathParams: Readonly<Record<string, string>>, caller: Caller, deps: InputDeps): ReadInput {
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
  const body = schemas.body ? readBody(pack, operation, request, schemas.body, deps, violations) : ok(undefined);
  if (!body.ok) return done(body);
  return done(ok({ params: params.value, query: query.value, headers: headers.value, body: body.value, parents: {}, caller, base: request.base }));
}

function readBody(pack: ApiPack, operation: Operation, request: PlainRequest, schemaId: string, deps: InputDeps, violations: RequestViolation[]): Outcome<Json | undefined> {
  let body: Json | undefined;
  if (request.body && request.body.length > 0) {
    const contentType = request.headers['content-type'];
    // A body without a Content-Type is read as the pack's first format, as lenient servers do.
    const kind = contentType ? mediaKindOf(contentType) : pack.media.accepts[0];
    const essence = contentType?.split(';')[0]?.trim().toLowerCase();
    const listed = !pack.media.contentTypes || essence === undefined || pack.media.contentTypes.includes(essence);
    if (!kind || !pack.media.accepts.includes(kind) || !listed) {
      const accepted = pack.media.accepts.map((k) => `application/${k}`).join(' or ');
      const message = `Content-Type '${contentType ?? ''}' is not supported; send ${accepted}.`;
      violations.push({ location: 'header', field: 'content-type', rule: 'contentType', message });
      return fail(mockError('unsupportedMediaType', pack.errors.messages?.unsupportedMediaType ?? message));
    }
    const parsed = parseBody(request.body, kind);
    if (!parsed.ok) {
      const message = parsed.error === 'forbiddenDeclaration'
        ? 'XML document type and entity declarations are not allowed.'
        : pack.errors.messages?.malformedBody ?? `The request body is not valid ${kind.toUpperCase()}.`;
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

/** Query parameters the operation does not define: accepted, as servers ignore them, but a client should know. */
function unknownParameters(registry: SchemaRegistry, schemaId: string | undefined, query: JsonObject, formatParameter: string | undefined): RequestViolation[] {
  const properties = schemaId ? registry.schema(schemaId)?.['properties'] : undefined;
  const known = new Set([...(typeof properties === 'object' && properties !== null ? Object.keys(properties) : []), ...(formatParameter ? [formatParameter] : [])]);
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
