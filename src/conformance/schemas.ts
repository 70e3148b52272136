import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { isJsonObject, type Json, type JsonObject, escapePointerSegment } from '../core/json.ts';
import { convertSchema, type Direction } from './convert.ts';
import type { OpenApiDocument } from './document.ts';
import { followRef, RefError, resolvePointer } from './refs.ts';

// A document's schemas as standalone JSON Schemas (the converted schema plus, under `$defs`, every schema it
// references, keyed by its pointer in the document, so cycles stay references), and a dedicated ajv 2020 instance
// to check values against them. Not strict: the vendor's documents carry keywords we do not control.

export interface SchemaFailure {
  /** Where ajv failed, in the checked value. */
  readonly instancePath: string;
  /** The same, pointing at the missing or extra property for `required` / `additionalProperties`. */
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly schemaPath: string;
  /** The value at instancePath. */
  readonly data?: unknown;
}

export interface DocumentSchemas {
  standalone(schema: JsonObject, direction: Direction): JsonObject;
  check(schema: JsonObject, direction: Direction, value: unknown): SchemaFailure[];
  /** A parameter as it travels (text, or a list of texts), read into its schema's types the way the mock's coercing ajv does. */
  checkParameter(schema: JsonObject, wire: string | readonly string[]): SchemaFailure[];
}

/** The keyword of the one failure reported for a schema ajv cannot compile. */
export const UNUSABLE = 'unusableSchema';

// ajv-formats is CommonJS; under NodeNext its default import is the module object or the plugin itself.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv2020, options: { mode: 'fast' | 'full' }) => void;

function newAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    logger: false,
    ...(coerce ? { coerceTypes: 'array' as const } : {}),
  });
  addFormats(ajv, { mode: 'full' });
  return ajv;
}

export function documentSchemas(document: OpenApiDocument): DocumentSchemas {
  const plain = newAjv(false);
  const coercing = newAjv(true);
  const built = { request: new WeakMap<JsonObject, JsonObject>(), response: new WeakMap<JsonObject, JsonObject>() };
  const compiled = new WeakMap<JsonObject, ValidateFunction>();
  const parameterWrappers = new WeakMap<JsonObject, JsonObject>();
  const standalone = (schema: JsonObject, direction: Direction): JsonObject => {
    const cached = built[direction].get(schema);
    if (cached) return cached;
    const made = buildStandalone(document, schema, direction);
    built[direction].set(schema, made);
    return made;
  };
  const validator = (ajv: Ajv2020, schema: JsonObject): ValidateFunction => {
    const cached = compiled.get(schema);
    if (cached) return cached;
    const validate = ajv.compile(schema);
    compiled.set(schema, validate);
    return validate;
  };
  return {
    standalone,
    check(schema, direction, value) {
      let validate: ValidateFunction;
      try {
        validate = validator(plain, standalone(schema, direction));
      } catch (error) {
        // A schema the document cannot have meant (a broken pattern, a dangling reference): say so, do not stop.
        return [
          {
            instancePath: '',
            pointer: '',
            keyword: UNUSABLE,
            message: `the document's schema cannot be used: ${error instanceof Error ? error.message : String(error)}`,
            params: {},
            schemaPath: '',
          },
        ];
      }
      return validate(value) ? [] : failures(validate.errors);
    },
    checkParameter(schema, wire) {
      let wrapper = parameterWrappers.get(schema);
      if (!wrapper) {
        const { $defs, ...rest } = standalone(schema, 'request');
        // ajv coerces a value in place inside its parent, so the parameter is checked as a property.
        wrapper = { type: 'object', properties: { value: rest }, ...(isJsonObject($defs) ? { $defs } : {}) };
        parameterWrappers.set(schema, wrapper);
      }
      const validate = validator(coercing, wrapper);
      const holder = { value: typeof wire === 'string' ? wire : [...wire] };
      const strip = (path: string) => path.replace(/^\/value/, '');
      return validate(holder) ? [] : failures(validate.errors).map((f) => ({ ...f, instancePath: strip(f.instancePath), pointer: strip(f.pointer) }));
    },
  };
}

export function buildStandalone(document: OpenApiDocument, schema: JsonObject, direction: Direction): JsonObject {
  const defs: JsonObject = {};
  const queue: string[] = [];
  const keys = new Set<string>();
  const rewriteRef = (ref: string): string => {
    if (!ref.startsWith('#/')) throw new RefError(`$ref ${ref} is not an internal reference`);
    const key = decodeURIComponent(ref.slice(2));
    if (!keys.has(key)) {
      keys.add(key);
      queue.push(ref);
    }
    return `#/$defs/${encodeURIComponent(escapePointerSegment(key))}`;
  };
  const options = { version: document.version, direction, rewriteRef, resolve: (value: Json) => followRef(document.root, value) };
  const root = convertSchema(schema, options);
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    const target = resolvePointer(document.root, ref);
    if (target === undefined) throw new RefError(`$ref ${ref} points at nothing in the document`);
    defs[decodeURIComponent(ref.slice(2))] = convertSchema(target, options);
  }
  const base: JsonObject = isJsonObject(root) ? root : { allOf: [root] };
  if (Object.keys(defs).length === 0) return base;
  return { ...base, $defs: { ...(isJsonObject(base['$defs']) ? base['$defs'] : {}), ...defs } };
}

function failures(errors: ErrorObject[] | null | undefined): SchemaFailure[] {
  return (errors ?? []).map((error) => {
    const extra =
      error.keyword === 'required'
        ? error.params['missingProperty']
        : error.keyword === 'additionalProperties'
          ? error.params['additionalProperty']
          : undefined;
    return {
      instancePath: error.instancePath,
      pointer: typeof extra === 'string' ? `${error.instancePath}/${escapePointerSegment(extra)}` : error.instancePath,
      keyword: error.keyword,
      message: error.message ?? 'is invalid',
      params: error.params,
      schemaPath: error.schemaPath,
      ...(error.keyword === 'required' ? {} : { data: error.data }),
    };
  });
}
