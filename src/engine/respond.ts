import type { Json } from '../core/json.ts';
import type { MediaKind, PlainRequest, PlainResponse } from '../core/request.ts';
import type { IdSource } from '../generation/ids.ts';
import { negotiateMedia } from '../serialization/media.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import { renderError } from './errors.ts';
import type { ApiPack, Operation, Outcome, Reply } from './pack.ts';
import { checkResponse, type ResponseViolation } from './response-check.ts';

export interface RespondDeps {
  readonly registry: SchemaRegistry;
  readonly ids: IdSource;
  readonly strictResponses: boolean;
  readonly onViolation?: ((violation: ResponseViolation) => void) | undefined;
}

/**
 * Turns an outcome into the response: errors through the pack's envelope, every body checked against the schema
 * declared for its status. A body that breaks it is a mock bug: reported, and in strict mode answered as a 500
 * naming the violation so a test cannot miss it.
 */
export function respond(
  deps: RespondDeps,
  pack: ApiPack,
  request: PlainRequest,
  operation: Operation | undefined,
  outcome: Outcome<Reply>,
  now: string,
): PlainResponse {
  const media = responseMedia(pack, request);
  let reply: Reply;
  if (outcome.ok) {
    reply = outcome.value;
  } else {
    const rendered = renderError(pack.errors, outcome.error, { errorId: deps.ids.uuid(), timestamp: now });
    reply = { status: rendered.status, body: rendered.body, headers: outcome.error.headers ?? {} };
  }
  const violation = checkResponse(deps.registry, pack, operation, reply);
  if (violation) {
    deps.onViolation?.(violation);
    if (deps.strictResponses) return { status: 500, headers: {}, payload: { mockViolation: violation as unknown as Json }, media: 'json' };
  }
  return {
    status: reply.status,
    headers: reply.headers ?? {},
    ...(reply.body === undefined ? {} : { payload: reply.body }),
    ...(reply.raw ? { raw: reply.raw } : {}),
    media,
  };
}

/** The response format: the pack's format parameter (`?alt=json`) when given, else `Accept` negotiation. */
function responseMedia(pack: ApiPack, request: PlainRequest): MediaKind {
  const parameter = pack.media.formatParameter;
  const asked = parameter ? request.query.find(([name]) => name === parameter)?.[1]?.toLowerCase() : undefined;
  if ((asked === 'json' || asked === 'xml') && pack.media.produces.includes(asked)) return asked;
  return negotiateMedia(request.headers['accept'], pack.media.produces);
}
