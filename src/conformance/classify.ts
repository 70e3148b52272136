import { isJsonObject, type Json, valueAtPointer, escapePointerSegment } from '../core/json.ts';
import type { RequestViolation } from '../journal/journal.ts';
import type { DocResponse } from './document.ts';

import { UNUSABLE, type SchemaFailure } from './schemas.ts';

// What each request's outcome means (docs/decisions/004). Drift counts for the exit code: a response that breaks
// the document's schema for its status, a status the operation does not document, a request the mock refuses for
// a request reason. Notes are reported with their reason and are not drift: the document's own fault
// (`ambiguous-oneOf`), the mock storing what it was given (`echo`), the documents' verbatim examples served as they
// are (`document-example`), a refusal by the mock's stateful rules (`refused-by-state`), a refusal by a request rule
// stricter than the document that names the vendor's evidence (`x-evidence` on the mock's schema:
// `stricter-with-evidence`), a schema of the document that cannot be compiled, so nothing can be judged by it
// (`unusable-schema`).

export type NoteReason = 'ambiguous-oneOf' | 'echo' | 'document-example' | 'refused-by-state' | 'stricter-with-evidence' | 'unusable-schema';
export type Verdict = 'drift' | NoteReason;

export interface Finding {
  /** JSON pointer: into the response body, or `/query/limit`, `/body/...`, `/header/...` for a refused request. */
  readonly pointer: string;
  /** The JSON Schema keyword, `status`, or the mock's refusal kind. */
  readonly rule: string;
  readonly message: string;
  readonly actual?: unknown;
  readonly verdict: Verdict;
}

/** The engine's error kinds that are its stateful rules (each pack's PROVENANCE.md holds the vendor's evidence). */
export const STATE_REFUSALS: ReadonlySet<string> = new Set(['illegalTransition', 'conflict', 'notFound']);

/** Why the mock refused a request, from its journal; `kind` undefined when unknown (no journal: a real provider). */
export interface Refusal {
  readonly kind?: string;
  readonly violations: readonly RequestViolation[];
}

/** What was sent, to show the value a refusal names. */
export interface SentRequest {
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Json;
}

export function isStateRefusal(status: number, refusal: Refusal | undefined): boolean {
  return status >= 400 && status < 500 && refusal?.kind !== undefined && STATE_REFUSALS.has(refusal.kind);
}

/** A 4xx or 5xx answer to a request the document allows: a note for the mock's state rules, drift otherwise. */
export function classifyRefusal(status: number, refusal: Refusal | undefined, sent: SentRequest, responseBody: Json | undefined): Finding[] {
  if (status < 400) return [];
  if (isStateRefusal(status, refusal)) {
    return [
      {
        pointer: '',
        rule: refusal?.kind ?? 'refused',
        message: `refused by the mock's state rules with ${status}`,
        actual: responseBody,
        verdict: 'refused-by-state',
      },
    ];
  }
  const violations = status < 500 ? (refusal?.violations ?? []) : [];
  if (violations.length === 0) {
    const why = refusal?.kind ?? (status >= 500 ? 'serverError' : 'refused');
    return [
      {
        pointer: '',
        rule: why,
        message: `a request the document allows was answered ${status}${refusal?.kind ? ` (${refusal.kind})` : ''}`,
        actual: responseBody,
        verdict: 'drift',
      },
    ];
  }
  // Evidence counts only when every rule the request broke has it: one rule without evidence is drift.
  const evidenced = violations.every((violation) => violation.evidence !== undefined);
  return violations.map((violation) => {
    const pointer = violationPointer(violation);
    const because = evidenced ? ` (stricter than the document; evidence: ${violation.evidence ?? ''})` : '';
    return {
      pointer,
      rule: violation.rule,
      message: `refused with ${status}: ${violation.message}${because}`,
      actual: sentValue(sent, violation),
      verdict: evidenced ? ('stricter-with-evidence' as const) : ('drift' as const),
    };
  });
}

function violationPointer(violation: RequestViolation): string {
  const segments = violation.field === '' ? [] : violation.field.split('.');
  return `/${violation.location}${segments.map((s) => `/${escapePointerSegment(s)}`).join('')}`;
}

function sentValue(sent: SentRequest, violation: RequestViolation): unknown {
  if (violation.location === 'body')
    return sent.body === undefined
      ? undefined
      : valueAtPointer(sent.body, violation.field === '' ? '' : `/${violation.field.split('.').map(escapePointerSegment).join('/')}`);
  if (violation.location === 'query') {
    const values = sent.query.filter(([name]) => name === violation.field).map(([, value]) => value);
    return values.length > 1 ? values : values[0];
  }
  if (violation.location === 'header') return sent.headers[violation.field.toLowerCase()];
  return undefined;
}

/** The document's response for a status: exact, then its range (`4XX`), then `default`. */
export function documentedResponse(responses: Readonly<Record<string, DocResponse>>, status: number): DocResponse | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses['default'];
}

export function classifyStatus(status: number, responses: Readonly<Record<string, DocResponse>>, stateRefusal: boolean): Finding[] {
  if (documentedResponse(responses, status)) return [];
  // The status of a stateful refusal rests on the same evidence as the refusal itself.
  return [
    {
      pointer: '',
      rule: 'status',
      message: `status ${status} is not documented for this operation (documented: ${Object.keys(responses).join(', ') || 'none'})`,
      actual: status,
      verdict: stateRefusal ? 'refused-by-state' : 'drift',
    },
  ];
}

/**
 * Each schema failure of a response body: `ambiguous-oneOf` when more than one branch passed; `echo` when the
 * offending value or one of its ancestors is something the request sent; `document-example` when it is one of
 * the pack's verbatim examples; drift otherwise.
 */
export function classifyBody(failures: readonly SchemaFailure[], body: Json | undefined, echoed: ValueIndex, examples: ValueIndex): Finding[] {
  return failures.map((failure) => {
    const base = { pointer: failure.pointer, rule: failure.keyword, message: failure.message, ...(failure.data === undefined ? {} : { actual: failure.data }) };
    if (failure.keyword === UNUSABLE) return { ...base, verdict: 'unusable-schema' as const };
    if (failure.keyword === 'oneOf' && Array.isArray(failure.params['passingSchemas'])) return { ...base, verdict: 'ambiguous-oneOf' as const };
    const chain = ancestors(body, failure.instancePath);
    if (chain.some((value) => echoed.has(value))) return { ...base, verdict: 'echo' as const };
    if (chain.some((value) => examples.has(value))) return { ...base, verdict: 'document-example' as const };
    return { ...base, verdict: 'drift' as const };
  });
}

/** The value at a pointer and every value above it, nearest first. */
export function ancestors(body: Json | undefined, pointer: string): Json[] {
  if (body === undefined) return [];
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  const chain: Json[] = [];
  for (let length = segments.length; length >= 0; length--) {
    const value = valueAtPointer(body, length === 0 ? '' : `/${segments.slice(0, length).join('/')}`);
    if (value !== undefined) chain.push(value);
  }
  return chain;
}

export function verdictOf(findings: readonly Finding[]): 'pass' | 'drift' | 'note' {
  if (findings.some((finding) => finding.verdict === 'drift')) return 'drift';
  return findings.length > 0 ? 'note' : 'pass';
}

/**
 * Every value inside some JSON documents that is distinctive enough to recognise elsewhere: objects and arrays
 * that are not empty, strings of 8 characters or more. Numbers, booleans, short strings and empty containers would
 * match by coincidence.
 */
export class ValueIndex {
  private readonly keys = new Set<string>();

  constructor(sources: readonly (Json | undefined)[]) {
    for (const source of sources) if (source !== undefined) this.collect(source);
  }

  has(value: Json): boolean {
    return distinctive(value) && this.keys.has(canonical(value));
  }

  private collect(value: Json): void {
    if (distinctive(value)) this.keys.add(canonical(value));
    const children = Array.isArray(value) ? value : isJsonObject(value) ? Object.values(value) : [];
    for (const child of children) this.collect(child);
  }
}

function distinctive(value: Json): boolean {
  if (typeof value === 'string') return value.length >= 8;
  if (Array.isArray(value)) return value.length > 0;
  return isJsonObject(value) && Object.keys(value).length > 0;
}

/** JSON text with object keys sorted, so equal values give equal text. */
export function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key] as Json)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
