import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { cloneJson, type JsonObject } from '../core/json.ts';
import { createOwnCheck } from './own-check.ts';
import { schemaAt } from './schema-at.ts';
import { numberIssues } from './strict-numbers.ts';

// The one place schemas are compiled. Three ajv instances share the same schemas (each compiles a schema on first
// use): `strict` checks what arrives (bodies, providers' responses) exactly; `coercing` reads parameters (which
// arrive as strings) into their schema types and fills documented defaults, the way openapi-backend keeps a separate
// coercing instance for query strings; `own` checks the mock's own responses with ajv-formats' fast format checks.
// Nothing is compiled before it is used: `has` and `schema` read the documents themselves (ajv's getSchema would
// compile), and only `strict` checks the documents against the meta-schema as they are added (unless told not to).

export interface SchemaIssue {
  /** JSON pointer into the checked value, e.g. `/limit` or `/definition/name`. */
  readonly pointer: string;
  readonly keyword: string;
  /** ajv's wording: "must be <= 500". */
  readonly message: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The offending value, when there is one. */
  readonly actual?: unknown;
  /** The schema object holding the failing keyword, for reports. */
  readonly fragment?: unknown;
  /** The vendor's message for this failure, declared on the failing schema with `x-error`. */
  readonly vendorMessage?: string;
  /** The vendor's error code for this failure, declared with `x-error`. */
  readonly vendorCode?: number | string;
  /**
   * Why the failing rule may be stricter than the vendor's published document: the vendor's evidence, declared with
   * `x-evidence` on the schema holding the rule. The conformance check reports such a refusal as a note, not drift.
   */
  readonly evidence?: string;
}

export interface SchemaRegistry {
  has(id: string): boolean;
  /** The raw schema document or fragment (`id#/$defs/Name`), for generators and reports. */
  schema(id: string): JsonObject | undefined;
  /** Validates without changing `data`. */
  check(id: string, data: unknown): SchemaIssue[];
  /**
   * Validates what the mock itself produced. Same schemas and keywords; date, time and date-time formats are checked
   * for their shape, not their calendar: the mock writes dates with `toISOString`, so the full check (2.5x the cost
   * of a 100-item page) would find nothing more there.
   */
  checkOwn(id: string, data: unknown, itemsKey?: string | null): SchemaIssue[];
  /** Coerces parameter strings to the schema's types and applies defaults, on a copy. */
  coerce(id: string, data: JsonObject): { readonly value: JsonObject; readonly issues: SchemaIssue[] };
}

/** Annotations our schemas carry for the mock; they have no validation meaning. */
export const ANNOTATION_KEYWORDS = ['x-faker', 'x-error', 'x-source', 'x-evidence'] as const;

export interface RegistryOptions {
  /** Report every issue of a body or response (default) rather than only the first. */
  readonly allErrors?: boolean;
  /**
   * Check every document against the JSON Schema meta-schema as it is added (default). The server skips it (compiling
   * the meta-schema is a fifth of its start-up); `src/files/schemas.test.ts` checks the project's own schemas.
   */
  readonly checkDocuments?: boolean;
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object or the plugin itself.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv2020, options: { mode: 'fast' | 'full' }) => void;

export function createSchemaRegistry(schemas: readonly JsonObject[], options: RegistryOptions = {}): SchemaRegistry {
  const strict = newAjv({ allErrors: options.allErrors ?? true, validateSchema: options.checkDocuments ?? true }, 'full');
  const coercing = newAjv({ allErrors: false, coerceTypes: true, useDefaults: true, validateSchema: false }, 'full');
  const own = newAjv({ allErrors: options.allErrors ?? true, validateSchema: false }, 'fast');
  const documents = new Map<string, JsonObject>();
  for (const schema of schemas) {
    documents.set(String(schema['$id']).replace(/#$/, ''), schema);
    strict.addSchema(schema);
    coercing.addSchema(schema);
    own.addSchema(schema);
  }

  const lookup = (ajv: Ajv2020, id: string): ValidateFunction => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`Unknown schema ${id}`);
    return validate;
  };
  const ownCheck = createOwnCheck((id) => own.getSchema(id));
  /** The schema at `id` as ajv's getSchema gives it, read from the documents without compiling; ajv does the rest. */
  const rawById = new Map<string, JsonObject | undefined>();
  const raw = (id: string): JsonObject | undefined => {
    // Every request asks for its operation's schemas by id; the documents never change once added.
    if (rawById.has(id)) return rawById.get(id);
    const found = read(id);
    rawById.set(id, found);
    return found;
  };
  const read = (id: string): JsonObject | undefined => {
    const found = schemaAt(documents, id, (key) => strict.RULES.all[key] !== undefined);
    if (found !== undefined) return found;
    try {
      return strict.getSchema(id)?.schema as JsonObject | undefined;
    } catch {
      return undefined;
    }
  };

  return {
    has: (id) => raw(id) !== undefined,
    schema: (id) => raw(id) ?? (lookup(strict, id).schema as JsonObject),
    check(id, data) {
      const validate = lookup(strict, id);
      return validate(data) ? [] : toIssues(validate.errors);
    },
    checkOwn(id, data, itemsKey) {
      if (ownCheck.valid(id, data, itemsKey)) return [];
      // Invalid: validate whole, so the issues point into the body exactly as sent.
      const validate = lookup(own, id);
      return validate(data) ? [] : toIssues(validate.errors);
    },
    coerce(id, data) {
      const validate = lookup(coercing, id);
      const value = cloneJson(data);
      const issues = validate(value) ? [] : toIssues(validate.errors);
      return { value, issues: [...issues, ...numberIssues(data, value)] };
    },
  };
}

function newAjv(extra: { allErrors: boolean; coerceTypes?: boolean; useDefaults?: boolean; validateSchema?: boolean }, formats: 'fast' | 'full'): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, ...extra });
  addFormats(ajv, { mode: formats });
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  return ajv;
}

function toIssues(errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((error) => {
    const vendor = vendorErrorOf(error);
    const evidence = asRecord(error.parentSchema)?.['x-evidence'];
    const pointer =
      error.keyword === 'required' || error.keyword === 'additionalProperties'
        ? `${error.instancePath}/${String(error.params['missingProperty'] ?? error.params['additionalProperty'] ?? '')}`
        : error.instancePath;
    return {
      pointer,
      keyword: error.keyword,
      message: error.message ?? 'is invalid',
      schemaPath: error.schemaPath,
      params: error.params,
      ...(error.keyword === 'required' ? {} : { actual: error.data }),
      ...(error.parentSchema === undefined ? {} : { fragment: error.parentSchema }),
      ...(vendor?.message ? { vendorMessage: vendor.message } : {}),
      ...(vendor?.code !== undefined ? { vendorCode: vendor.code } : {}),
      ...(typeof evidence === 'string' ? { evidence } : {}),
    };
  });
}

/**
 * `x-error: {message, code}` on a property's schema names the vendor's error for that property. A missing
 * required property is reported on its parent, so its own schema is looked up under the parent's properties.
 */
function vendorErrorOf(error: ErrorObject): { message?: string; code?: number | string } | undefined {
  const parent = asRecord(error.parentSchema);
  const missing = error.keyword === 'required' ? error.params['missingProperty'] : undefined;
  const owner = typeof missing === 'string' ? asRecord(asRecord(parent?.['properties'])?.[missing]) : parent;
  const declared = asRecord(owner?.['x-error']);
  if (!declared) return undefined;
  const { message, code } = declared;
  return {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof code === 'number' || typeof code === 'string' ? { code } : {}),
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
