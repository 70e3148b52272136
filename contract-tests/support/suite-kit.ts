import { isDeepStrictEqual } from 'node:util';
import type { ContractContext } from '../../src/contract/types.ts';

// Expectations for contract suites, each recorded as one check (`ctx.check`) with what was expected and what came,
// so a suite reads like a test and reports like the contract runner. Values compare as JSON sees them: undefined
// properties dropped, key order ignored.

const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** JSON equality. */
export function same(ctx: ContractContext, actual: unknown, expected: unknown, description: string): boolean {
  return ctx.check(isDeepStrictEqual(asJson(actual), asJson(expected)), description, clip({ expected, actual }));
}

/** `actual` has at least what `pattern` has: objects by their listed keys (recursively), everything else by JSON equality. */
export function isLike(actual: unknown, pattern: unknown): boolean {
  if (pattern instanceof RegExp) return typeof actual === 'string' && pattern.test(actual);
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return isDeepStrictEqual(asJson(actual), asJson(pattern));
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(pattern).every(([key, value]) => Object.hasOwn(actual, key) && isLike((actual as Record<string, unknown>)[key], value));
}

export function like(ctx: ContractContext, actual: unknown, pattern: unknown, description: string): boolean {
  return ctx.check(isLike(actual, pattern), description, clip({ expected: String(pattern instanceof RegExp ? pattern : JSON.stringify(pattern)), actual }));
}

/** A string matching a pattern, or equal to a string. */
export function matches(actual: unknown, pattern: string | RegExp): boolean {
  return typeof actual === 'string' && (typeof pattern === 'string' ? actual === pattern : pattern.test(actual));
}

/** A condition, with what was seen when it fails. */
export function ok(ctx: ContractContext, condition: boolean, description: string, seen?: unknown): boolean {
  return ctx.check(condition, description, seen === undefined ? undefined : clip(seen));
}

/** Keeps failure details readable: long lists and strings are cut. */
export function clip(value: unknown, max = 600): unknown {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > max ? `${text.slice(0, max)}... (${text.length} characters)` : value;
}

/** The sorted keys of an object, for "has exactly these fields". */
export const keysOf = (value: unknown): string[] => (value !== null && typeof value === 'object' ? Object.keys(value).sort() : []);

/** Waits, for checks that need the provider's clock to move on (an updated timestamp). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
