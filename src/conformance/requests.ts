import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { SeededFaker } from '../generation/seeded-faker.ts';
import type { DocOperation, DocParameter, OpenApiDocument } from './document.ts';
import { exampleFromSchema, generateValid } from './generate.ts';
import { followObject } from './refs.ts';
import type { DocumentSchemas } from './schemas.ts';

// The requests sent for one operation (path parameters aside, see targets.ts): the document's example requests
// (each request-body example, or the parameters' examples) and requests generated from its request schemas, every
// generated value checked valid under the converted schema first.

export type PlannedBody =
  | { readonly kind: 'json'; readonly mediaType: string; readonly value: Json }
  /** An example given as text for a media type we do not generate (XML...), sent as it is. */
  | { readonly kind: 'text'; readonly mediaType: string; readonly value: string }
  | { readonly kind: 'form'; readonly mediaType: string; readonly value: JsonObject }
  /** `files` name the fields sent as a small file part. */
  | { readonly kind: 'multipart'; readonly mediaType: string; readonly value: JsonObject; readonly files: readonly string[] };

export interface PlannedRequest {
  /** `cursor`: a planned request sent again with the pagination token its answer issued (run.ts). */
  readonly kind: 'example' | 'generated' | 'cursor';
  /** What the request is: `example "definitionInput"`, `parameter examples`, `schema examples`, `generated 2`. */
  readonly label: string;
  readonly query: readonly (readonly [string, string])[];
  /** Header parameters of the document (the credentials and console headers come on top, see `baseHeaders`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: PlannedBody;
}

export interface PlanContext {
  readonly document: OpenApiDocument;
  readonly schemas: DocumentSchemas;
  readonly faker: SeededFaker;
  /** Generated requests per operation. */
  readonly generated: number;
  /** `--param NAME=VALUE`: wins for any parameter of that name (headers matched without case). */
  readonly params: Readonly<Record<string, string>>;
  /** The pack's console headers (lower-case names) when the target is our mock, else empty. */
  readonly consoleHeaders: Readonly<Record<string, string>>;
  /** Query parameters never planned: a pagination cursor is sent only with a value the server issued (run.ts). */
  readonly skipQuery?: readonly string[];
}

const GENERATED_MEDIA = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
const FILE_CONTENT = 'conformance check\n';

export function planRequests(operation: DocOperation, ctx: PlanContext): PlannedRequest[] {
  const plans: PlannedRequest[] = [];
  const seen = new Set<string>();
  const add = (plan: PlannedRequest) => {
    const key = JSON.stringify([plan.query, plan.headers, plan.body ?? null]);
    if (seen.has(key)) return;
    seen.add(key);
    plans.push(plan);
  };
  const body = operation.requestBody;
  const media = body ? generationMedia(Object.keys(body.content)) : undefined;
  const schema = media ? body?.content[media]?.schema : undefined;
  const generatedBodies = media && schema ? generateBodies(media, schema, ctx) : [];
  for (const plan of examplePlans(operation, ctx, media, schema, generatedBodies[0])) add(plan);
  if (body?.required && generatedBodies.length === 0) return plans;
  for (let index = 0; index < ctx.generated; index++) {
    const generatedBody = generatedBodies.length > 0 ? generatedBodies[index % generatedBodies.length] : undefined;
    add({
      kind: 'generated',
      label: `generated ${index + 1}`,
      ...parameterValues(operation, ctx, 'generated'),
      ...(generatedBody ? { body: generatedBody } : {}),
    });
  }
  return plans;
}

/**
 * Each request-body example with the parameters' examples; without body examples, the parameters' examples with a
 * body made of the schema's examples (else a generated one when a body is required); each further example of a
 * parameter in a request of its own.
 */
function examplePlans(
  operation: DocOperation,
  ctx: PlanContext,
  media: string | undefined,
  schema: JsonObject | undefined,
  generatedBody: PlannedBody | undefined,
): PlannedRequest[] {
  const body = operation.requestBody;
  const params = parameterValues(operation, ctx, 'example');
  const types = Object.keys(body?.content ?? {});
  const plans: PlannedRequest[] = Object.entries(body?.content ?? {}).flatMap(([type, m]) =>
    m.examples.map(
      (example): PlannedRequest => ({
        kind: 'example',
        label: `example "${example.name}"${types.length > 1 ? ` (${type})` : ''}`,
        ...params,
        body: exampleBody(type, example.value, m.schema, ctx),
      }),
    ),
  );
  if (plans.length === 0) {
    const fromSchema = media && schema ? orNothing(() => schemaExampleBody(media, schema, ctx), undefined) : undefined;
    if (fromSchema) plans.push({ kind: 'example', label: 'schema examples', ...params, body: fromSchema });
    else if (!body?.required) plans.push({ kind: 'example', label: 'parameter examples', ...params });
    else if (generatedBody) plans.push({ kind: 'example', label: 'parameter examples', ...params, body: generatedBody });
  }
  const firstBody = plans[0]?.body;
  for (const parameter of operation.parameters.filter(
    (p) => (p.in === 'query' || p.in === 'header') && p.examples.length > 1 && fixedValue(p, ctx) === undefined,
  )) {
    for (const [index, example] of parameter.examples.slice(1).entries()) {
      plans.push({
        kind: 'example',
        label: `example ${index + 2} of ${parameter.name}`,
        ...parameterValues(operation, ctx, 'example', { [parameter.name]: example }),
        ...(firstBody ? { body: firstBody } : {}),
      });
    }
  }
  return plans;
}

/** The media type requests are generated for: JSON first, then forms; none for a body we cannot write. */
export function generationMedia(types: readonly string[]): string | undefined {
  const base = (type: string) => type.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    types.find((t) => base(t) === 'application/json') ??
    types.find((t) => /^application\/[^/]+\+json$/.test(base(t))) ??
    types.find((t) => GENERATED_MEDIA.includes(base(t)))
  );
}

function bodyKind(mediaType: string): PlannedBody['kind'] {
  const base = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === 'application/x-www-form-urlencoded') return 'form';
  if (base === 'multipart/form-data') return 'multipart';
  return base === 'application/json' || base.endsWith('+json') || base === '*/*' ? 'json' : 'text';
}

/** An example as the document gives it; a form example that is not an object, or an unknown type, goes as text. */
function exampleBody(mediaType: string, value: Json, schema: JsonObject | undefined, ctx: PlanContext): PlannedBody {
  const kind = bodyKind(mediaType);
  if (kind === 'json') return { kind, mediaType, value };
  const files = kind === 'multipart' && schema ? orNothing(() => fileFields(ctx.schemas.standalone(schema, 'request')), []) : [];
  return shapeBody(mediaType, value, files) ?? { kind: 'text', mediaType, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function shapeBody(mediaType: string, value: Json, fileFields: readonly string[]): PlannedBody | undefined {
  const kind = bodyKind(mediaType);
  if (kind === 'json') return { kind, mediaType, value };
  if (!isJsonObject(value)) return undefined;
  if (kind === 'form') return { kind, mediaType, value };
  if (kind === 'multipart') {
    // A file field is always sent: an upload without its file is not a request anyone makes.
    const withFiles: JsonObject = { ...value };
    for (const name of fileFields) withFiles[name] = FILE_CONTENT;
    return { kind, mediaType, value: withFiles, files: fileFields };
  }
  return undefined;
}

/** A schema the document cannot have meant (a dangling reference) yields nothing to send; its check reports it. */
function orNothing<T>(make: () => T, nothing: T): T {
  try {
    return make();
  } catch {
    return nothing;
  }
}

function generateBodies(mediaType: string, schema: JsonObject, ctx: PlanContext): PlannedBody[] {
  return orNothing(() => generateBodiesOf(mediaType, schema, ctx), []);
}

function generateBodiesOf(mediaType: string, schema: JsonObject, ctx: PlanContext): PlannedBody[] {
  const converted = ctx.schemas.standalone(schema, 'request');
  const files = fileFields(converted);
  const values = generateValid(
    converted,
    converted,
    ctx.faker,
    Math.max(1, ctx.generated),
    (value) => ctx.schemas.check(schema, 'request', value).length === 0,
  );
  return values.flatMap((value) => shapeBody(mediaType, value, files) ?? []);
}

function schemaExampleBody(mediaType: string, schema: JsonObject, ctx: PlanContext): PlannedBody | undefined {
  const valid = (s: JsonObject, value: Json) => ctx.schemas.check(s, 'request', value).length === 0;
  const value = exampleFromSchema(schema, ctx.document.root, valid);
  if (value === undefined || !valid(schema, value)) return undefined;
  return shapeBody(mediaType, value, fileFields(ctx.schemas.standalone(schema, 'request')));
}

/** Properties of a form body that are files: `format: binary` (converted to contentMediaType) or named `file`. */
function fileFields(converted: JsonObject): string[] {
  const properties = isJsonObject(converted['properties']) ? converted['properties'] : {};
  return Object.entries(properties)
    .filter(([name, property]) => name === 'file' || (isJsonObject(property) && typeof property['contentMediaType'] === 'string'))
    .map(([name]) => name);
}

/** Query pairs and header parameters for one request. */
function parameterValues(
  operation: DocOperation,
  ctx: PlanContext,
  mode: 'example' | 'generated',
  chosen: Readonly<Record<string, Json>> = {},
): { query: [string, string][]; headers: Record<string, string> } {
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path' || parameter.in === 'cookie') continue;
    if (parameter.in === 'query' && ctx.skipQuery?.includes(parameter.name)) continue;
    const value = Object.hasOwn(chosen, parameter.name) ? chosen[parameter.name] : parameterValue(parameter, ctx, mode);
    if (value === undefined) continue;
    if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = typeof value === 'string' ? value : serializeSimple(value);
    else query.push(...serializeQuery(parameter, value));
  }
  return { query, headers };
}

function parameterValue(parameter: DocParameter, ctx: PlanContext, mode: 'example' | 'generated'): Json | undefined {
  const fixed = fixedValue(parameter, ctx);
  if (fixed !== undefined) return fixed;
  const schema = followObject(ctx.document.root, parameter.schema);
  const documented = [...parameter.examples, schema?.['default'], Array.isArray(schema?.['enum']) ? schema['enum'][0] : undefined].filter(
    (v): v is Json => v !== undefined,
  );
  if (mode === 'example') {
    if (parameter.examples.length > 0) return parameter.examples[0];
    if (!parameter.required) return undefined;
    return documented[0] ?? generateParameter(parameter, ctx);
  }
  // Headers are credentials and versions: generated requests send the required ones only.
  if (parameter.in === 'header' && !parameter.required) return undefined;
  if (parameter.in === 'header') return documented[0] ?? generateParameter(parameter, ctx);
  if (!parameter.required && !(isConstrained(schema) && ctx.faker.datatype.boolean({ probability: 0.5 }))) return undefined;
  return generateParameter(parameter, ctx) ?? documented[0];
}

function fixedValue(parameter: DocParameter, ctx: PlanContext): string | undefined {
  if (parameter.in !== 'header') return ctx.params[parameter.name];
  const name = parameter.name.toLowerCase();
  const given = Object.entries(ctx.params).find(([key]) => key.toLowerCase() === name)?.[1];
  return given ?? ctx.consoleHeaders[name];
}

/**
 * Optional query parameters are generated only when their schema says what a value means (an enum, a number, a
 * boolean, a format): a random string for an opaque cursor or a sort field is valid under the schema but no client
 * sends one; those parameters are exercised by their examples.
 */
export function isConstrained(schema: JsonObject | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  return Array.isArray(schema['enum']) || typeof schema['format'] === 'string' || types.some((t) => t === 'boolean' || t === 'integer' || t === 'number');
}

function generateParameter(parameter: DocParameter, ctx: PlanContext): Json | undefined {
  return orNothing(() => generateParameterOf(parameter, ctx), undefined);
}

function generateParameterOf(parameter: DocParameter, ctx: PlanContext): Json | undefined {
  if (!parameter.schema) return undefined;
  const converted = ctx.schemas.standalone(parameter.schema, 'request');
  const [value] = generateValid(converted, converted, ctx.faker, 1, (candidate) => {
    if (isJsonObject(candidate)) return ctx.schemas.check(parameter.schema as JsonObject, 'request', candidate).length === 0;
    const wire = Array.isArray(candidate) ? candidate.map(serializeSimple) : serializeSimple(candidate);
    return ctx.schemas.checkParameter(parameter.schema as JsonObject, wire).length === 0;
  });
  return value;
}

function serializeSimple(value: Json): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(serializeSimple).join(',');
  if (isJsonObject(value))
    return Object.entries(value)
      .flatMap(([k, v]) => [k, serializeSimple(v)])
      .join(',');
  return String(value);
}

/** OpenAPI query styles: form (explode by default), spaceDelimited, pipeDelimited, deepObject. */
export function serializeQuery(parameter: Pick<DocParameter, 'name' | 'style' | 'explode'>, value: Json): [string, string][] {
  const style = parameter.style ?? 'form';
  const explode = parameter.explode ?? style === 'form';
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => [parameter.name, serializeSimple(item)]);
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    return [[parameter.name, value.map(serializeSimple).join(separator)]];
  }
  if (isJsonObject(value)) {
    if (style === 'deepObject') return Object.entries(value).map(([key, item]) => [`${parameter.name}[${key}]`, serializeSimple(item)]);
    if (explode) return Object.entries(value).map(([key, item]) => [key, serializeSimple(item)]);
    return [[parameter.name, serializeSimple(value)]];
  }
  return [[parameter.name, serializeSimple(value)]];
}
