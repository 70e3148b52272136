import { mockError, type MockError } from '../core/errors.ts';
import type { Json, JsonObject } from '../core/json.ts';
import { queryObject, type PlainRequest } from '../core/request.ts';
import { fail, ok } from '../core/result.ts';
import { mediaKindOf } from '../serialization/media.ts';
import { parseBody, type BodyParser } from '../serialization/parse-body.ts';
import { describeIssue, type IssueLocation } from '../validation/describe.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';
import type { ApiPack, Caller, Operation, OperationInput, Outcome } from './pack.ts';

/** Everything about a request an action may read, checked against the operation's request schemas. */
export function readInput(
  pack: ApiPack,
  operation: Operation,
  request: PlainRequest,
  pathParams: Readonly<Record<string, string>>,
  caller: Caller,
  deps: { readonly registry: SchemaRegistry; readonly bodyParsers: Partial<Record<'json' | 'xml', BodyParser>> },
): Outcome<OperationInput> {
  const schemas = operation.request ?? {};
  const params = coerced(deps.registry, schemas.params, { ...pathParams }, 'path');
  if (!params.ok) return params;
  const query = coerced(deps.registry, schemas.query, queryObject(request.query, pack.queryAliases), 'query');
  if (!query.ok) return query;
  const headers = coerced(deps.registry, schemas.headers, { ...request.headers }, 'header');
  if (!headers.ok) return headers;
  const body = schemas.body ? readBody(pack, request, schemas.body, deps) : ok(undefined);
  if (!body.ok) return body;
  return ok({ params: params.value, query: query.value, headers: headers.value, body: body.value, parents: {}, caller, base: request.base });
}

function coerced(registry: SchemaRegistry, schemaId: string | undefined, raw: JsonObject, location: IssueLocation): Outcome<JsonObject> {
  if (!schemaId) return ok(raw);
  const { value, issues } = registry.coerce(schemaId, raw);
  return issues.length === 0 ? ok(value) : fail(invalid(issues, location));
}

function readBody(
  pack: ApiPack,
  request: PlainRequest,
  schemaId: string,
  deps: { readonly registry: SchemaRegistry; readonly bodyParsers: Partial<Record<'json' | 'xml', BodyParser>> },
): Outcome<Json | undefined> {
  let body: Json | undefined;
  if (request.body && request.body.length > 0) {
    const contentType = request.headers['content-type'];
    // A body without a Content-Type is read as the pack's first format, as lenient servers do.
    const kind = contentType ? mediaKindOf(contentType) : pack.media.accepts[0];
    if (!kind || !pack.media.accepts.includes(kind)) {
      return fail(mockError('unsupportedMediaType', `Content-Type '${contentType ?? ''}' is not supported; send ${pack.media.accepts.map((k) => `application/${k}`).join(' or ')}.`));
    }
    const parsed = parseBody(request.body, kind, deps.bodyParsers);
    if (!parsed.ok) return fail(mockError('malformedBody', `The request body is not valid ${kind.toUpperCase()}.`));
    body = parsed.value;
  }
  const issues = deps.registry.check(schemaId, body ?? null);
  return issues.length === 0 ? ok(body) : fail(invalid(issues, 'body'));
}

/** A validation failure as the engine's error: the first issue as the message, every issue by field. */
export function invalid(issues: readonly SchemaIssue[], location: IssueLocation): MockError {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.pointer.replace(/^\//, '').replaceAll('/', '.') || location;
    byField.set(field, [...(byField.get(field) ?? []), describeIssue(issue, location)]);
  }
  const [first] = issues;
  // fromEntries defines own properties, so a field named "__proto__" stays a field.
  const code = first?.vendorCode;
  return mockError('invalidRequest', first ? describeIssue(first, location) : 'The request is invalid.', {
    fields: Object.fromEntries(byField),
    ...(code === undefined ? {} : { code }),
  });
}
