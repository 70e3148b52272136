import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used instead of when the server starts: for the heavy ones only some requests
 * need (XML for LongJump, multipart uploads for NERM), whose loading would otherwise add tens of milliseconds each to
 * every start. Synchronous, through `require`, so the code using it stays synchronous; the package must offer a
 * CommonJS entry (the type parameter is its `typeof import(...)`).
 */
export function loadLater<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
