import type { Json } from '../core/json.ts';

// The request journal: every request the mock answered, with the operation it matched and every way it broke
// the API's request schemas. Clients under test are judged by it; it is bounded so a long demo cannot exhaust memory.

export interface RequestViolation {
  readonly location: 'path' | 'query' | 'header' | 'body' | 'route';
  /** The field at fault, dotted (`workflow_session.workflow_id`), or '' for the whole request. */
  readonly field: string;
  /** The JSON Schema keyword that failed (`enum`, `required`, `additionalProperties`...) or `unknownParameter`. */
  readonly rule: string;
  readonly message: string;
  readonly schemaPath?: string;
  /** The vendor's evidence for a rule stricter than its published document (`x-evidence` on the schema). */
  readonly evidence?: string;
}

export interface JournalEntry {
  readonly seq: number;
  readonly at: string;
  readonly api: string;
  /** The operation the request matched, or null for an unknown route. */
  readonly operation: string | null;
  readonly method: string;
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly status: number;
  /** `X-Mock-Client` when the caller names itself, else its User-Agent. */
  readonly client: string;
  readonly violations: readonly RequestViolation[];
  /** Why the mock refused the request, when it did: the engine's error kind (`invalidRequest`, `illegalTransition`...). */
  readonly refusal?: string;
  /** The whole exchange, kept only for a request naming its client (`X-Mock-Client`): what a pact export reads. */
  readonly exchange?: Exchange;
}

export interface Exchange {
  readonly session: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** The request body as text (UTF-8), absent without one. */
  readonly requestBody?: string;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody?: Json;
}

export interface JournalFilter {
  readonly api?: string;
  readonly client?: string;
  /** Only entries after this sequence number. */
  readonly since?: number;
}

export interface Journal {
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  entries(filter?: JournalFilter): JournalEntry[];
  clear(api?: string): void;
}

export function createJournal(capacity = 2000): Journal {
  let entries: JournalEntry[] = [];
  let seq = 0;
  const matches = (entry: JournalEntry, filter: JournalFilter) =>
    (filter.api === undefined || entry.api === filter.api) &&
    (filter.client === undefined || entry.client === filter.client) &&
    (filter.since === undefined || entry.seq > filter.since);
  return {
    record(entry) {
      const stored = { seq: ++seq, ...entry };
      entries.push(stored);
      // Trimmed in batches, so recording stays O(1) per request; readers see only the last `capacity`.
      if (entries.length >= 2 * capacity) entries = entries.slice(entries.length - capacity);
      return stored;
    },
    entries: (filter = {}) => entries.slice(-capacity).filter((entry) => matches(entry, filter)),
    clear(api) {
      entries = api === undefined ? [] : entries.filter((entry) => entry.api !== api);
    },
  };
}

/** One line per violation, naming the request, the field and the schema rule: what a failing client test prints. */
export function describeViolations(entries: readonly JournalEntry[]): string[] {
  return entries.flatMap((entry) =>
    entry.violations.map(
      (v) => `${entry.method} ${entry.path}: ${v.message} (${v.location} ${v.field || '(whole)'}, rule ${v.rule}${v.schemaPath ? ` at ${v.schemaPath}` : ''})`,
    ),
  );
}
