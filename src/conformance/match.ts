import type { Operation } from '../engine/pack.ts';
import type { DocOperation } from './document.ts';

// Pairs the document's operations with the pack's: same method, same path once parameter names are set aside
// (`/runs/{workflow-id}` is the pack's `/runs/{id}`). Operations the pack marks `mockOnly` are the mock's own and
// are never reported as missing from the document.

export interface OperationMatch {
  readonly matched: readonly { readonly document: DocOperation; readonly operation: Operation }[];
  /** In the document, not implemented by the pack. */
  readonly documentOnly: readonly DocOperation[];
  /** Implemented by the pack, absent from the document. */
  readonly packOnly: readonly Operation[];
}

export function normalisePath(path: string): string {
  const trimmed = path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function matchOperations(document: readonly DocOperation[], operations: readonly Operation[]): OperationMatch {
  const key = (method: string, path: string) => `${method.toUpperCase()} ${normalisePath(path)}`;
  const byKey = new Map(operations.map((operation) => [key(operation.method, operation.path), operation]));
  const matched: { document: DocOperation; operation: Operation }[] = [];
  const documentOnly: DocOperation[] = [];
  const used = new Set<Operation>();
  for (const entry of document) {
    const operation = byKey.get(key(entry.method, entry.fullPath));
    if (operation) {
      matched.push({ document: entry, operation });
      used.add(operation);
    } else documentOnly.push(entry);
  }
  return { matched, documentOnly, packOnly: operations.filter((operation) => !used.has(operation) && !operation.mockOnly) };
}
