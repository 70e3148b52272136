import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The vendors' own documents and clients (`../shared/vendor`, or $VENDOR_DIR), read where they are and never copied
// into the project. In a clone without them the tests that need them skip and say why; in CI (`CI` set) a missing
// file is a failure.

export const VENDOR_DIR = process.env['VENDOR_DIR'] ?? fileURLToPath(new URL('../../../shared/vendor/', import.meta.url));

export const vendorPath = (file: string): string => join(VENDOR_DIR, file);

export const readVendorJson = (file: string): unknown => JSON.parse(readFileSync(vendorPath(file), 'utf8'));

/** Why the tests needing `files` (paths below the vendor folder) cannot run here, printed; undefined when they can. */
export function vendorMissing(files: readonly string[]): string | undefined {
  const missing = files.filter((file) => !existsSync(vendorPath(file)));
  if (missing.length === 0) return undefined;
  const reason = `vendor files missing in ${VENDOR_DIR}: ${missing.join(', ')} (set VENDOR_DIR)`;
  if (process.env['CI']) throw new Error(`CI is set but ${reason}`);
  console.log(`skipped: ${reason}`);
  return reason;
}
