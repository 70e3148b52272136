import { isJsonObject } from '../core/json.ts';
import type { ApiPack } from '../engine/pack.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import type { JournalEntry } from './journal.ts';

// Which operations, query parameters and documented response codes of each API a client exercised, from the
// journal of its run: what it touched and what it never did.

export interface OperationCoverage {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly calls: number;
  readonly statusesSeen: readonly number[];
  readonly documentedStatusesMissed: readonly number[];
  readonly parametersUsed: readonly string[];
  readonly parametersMissed: readonly string[];
}

export interface ApiCoverage {
  readonly api: string;
  readonly operations: readonly OperationCoverage[];
  readonly untouched: readonly string[];
}

export function coverageOf(packs: readonly ApiPack[], registry: SchemaRegistry, entries: readonly JournalEntry[]): ApiCoverage[] {
  return packs.map((pack) => {
    // Mock-only operations (a download link's target) are not the vendor's API a client is measured against.
    const operations = pack.operations
      .filter((operation) => !operation.mockOnly)
      .map((operation): OperationCoverage => {
        const calls = entries.filter((entry) => entry.api === pack.id && entry.operation === operation.id);
        const seen = [...new Set(calls.map((call) => call.status))].sort((a, b) => a - b);
        const declared = Object.keys(operation.responses).map(Number);
        const aliases = pack.queryAliases ?? {};
        const used = new Set(calls.flatMap((call) => call.query.map(([name]) => aliases[name] ?? name)));
        const properties = operation.request?.query ? registry.schema(operation.request.query)?.['properties'] : undefined;
        const parameters = isJsonObject(properties) ? Object.keys(properties) : [];
        return {
          operation: operation.id,
          method: operation.method,
          path: operation.path,
          calls: calls.length,
          statusesSeen: seen,
          documentedStatusesMissed: declared.filter((status) => !seen.includes(status)),
          parametersUsed: parameters.filter((name) => used.has(name)),
          parametersMissed: parameters.filter((name) => !used.has(name)),
        };
      });
    return { api: pack.id, operations, untouched: operations.filter((o) => o.calls === 0).map((o) => o.operation) };
  });
}

/** A plain-text summary, one line per operation. */
export function formatCoverage(coverage: readonly ApiCoverage[]): string {
  const lines: string[] = [];
  for (const api of coverage) {
    const touched = api.operations.length - api.untouched.length;
    lines.push(`${api.api}: ${touched}/${api.operations.length} operations exercised`);
    for (const op of api.operations) {
      if (op.calls === 0) {
        lines.push(`  never  ${op.method} ${op.path} (${op.operation})`);
        continue;
      }
      const missed = op.parametersMissed.length ? `; parameters never used: ${op.parametersMissed.join(', ')}` : '';
      const statuses = op.documentedStatusesMissed.length ? `; documented statuses never seen: ${op.documentedStatusesMissed.join(', ')}` : '';
      lines.push(`  ${String(op.calls).padStart(5)}  ${op.method} ${op.path} (${op.operation}) statuses ${op.statusesSeen.join(', ')}${missed}${statuses}`);
    }
  }
  return lines.join('\n');
}
