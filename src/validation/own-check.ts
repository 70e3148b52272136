import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonObject } from '../core/json.ts';
import { isStored } from '../core/stored.ts';

// Whether a response the mock produced is valid, remembering by identity the stored values (see `markStored`) already
// found valid against a schema: a record served a thousand times is validated once per version. A page is checked as
// its envelope plus each item, so the remembered items are skipped; when the page schema cannot be split that way
// (the items array carries its own constraints, or is reached through a `$ref`), the whole body is validated.

export interface OwnCheck {
  /** `itemsKey`: where a page keeps its items (`null`: the body is the array); absent for anything but a page. */
  valid(id: string, data: unknown, itemsKey?: string | null): boolean;
}

/** Keywords an items array may carry and still be checked item by item: none of them constrains the array itself. */
const PLAIN_ARRAY_KEYWORDS = new Set(['type', 'items', 'description', 'title', '$comment', 'examples']);

export function createOwnCheck(validatorOf: (id: string) => ValidateFunction | undefined): OwnCheck {
  const seen = new Map<string, WeakSet<object>>();
  const splits = new Map<string, string | null>();

  const isRemembered = (id: string, value: unknown) => typeof value === 'object' && value !== null && seen.get(id)?.has(value) === true;
  const remember = (id: string, value: unknown) => {
    if (!isStored(value)) return;
    const storedValue = value as object;
    let values = seen.get(id);
    if (!values) {
      values = new WeakSet();
      seen.set(id, values);
    }
    values.add(storedValue);
  };
  const validWhole = (id: string, data: unknown): boolean => {
    if (isRemembered(id, data)) return true;
    const validate = validatorOf(id);
    if (!validate?.(data)) return false;
    remember(id, data);
    return true;
  };
  /** The schema id of one item of the page, or null when the page must be validated whole. */
  const itemSchemaOf = (id: string, itemsKey: string | null): string | null => {
    const key = `${id}\u0000${itemsKey}`;
    if (!splits.has(key)) {
      const arrayPointer = itemsKey === null ? '' : `/properties/${itemsKey.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const arrayId = withPointer(id, arrayPointer);
      const arraySchema = safely(() => validatorOf(arrayId)?.schema) as JsonObject | undefined;
      const plain =
        typeof arraySchema === 'object' && arraySchema !== null && Object.keys(arraySchema).every((k) => PLAIN_ARRAY_KEYWORDS.has(k) || k.startsWith('x-'));
      const itemId = withPointer(id, `${arrayPointer}/items`);
      splits.set(key, plain && arraySchema['items'] !== undefined && safely(() => validatorOf(itemId)) ? itemId : null);
    }
    return splits.get(key) ?? null;
  };

  return {
    valid(id, data, itemsKey) {
      if (itemsKey === undefined) return validWhole(id, data);
      const items = itemsKey === null ? data : typeof data === 'object' && data !== null ? (data as JsonObject)[itemsKey] : undefined;
      const itemId = itemSchemaOf(id, itemsKey);
      if (!Array.isArray(items) || itemId === null) return validWhole(id, data);
      const envelope = itemsKey === null ? [] : { ...(data as JsonObject), [itemsKey]: [] };
      if (!validatorOf(id)?.(envelope)) return false;
      return items.every((item) => validWhole(itemId, item));
    },
  };
}

function withPointer(id: string, pointer: string): string {
  return id.includes('#') ? `${id}${pointer}` : `${id}#${pointer}`;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
