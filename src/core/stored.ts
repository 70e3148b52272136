// Marks the values the store holds. The store never changes a value it holds (a write stores a new one), so a cache may
// remember what it made of a marked value (its JSON bytes, its validation) by identity. The mark is a hidden,
// non-enumerable symbol property: invisible to JSON, `Object.keys` and equality checks, and nearly free in memory
// (objects of one shape share the shape that carries it), unlike a WeakSet entry or a frozen copy of every shape.

const STORED = Symbol('stored');

export function markStored(value: object): void {
  if (!Object.hasOwn(value, STORED) && Object.isExtensible(value)) Object.defineProperty(value, STORED, { value: true });
}

export function isStored(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [STORED]?: boolean })[STORED] === true;
}
