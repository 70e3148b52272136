import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The vendors' own files (`../shared/vendor`, or VENDOR_DIR). They are read where they are and never copied into
 * the project. In a clone without them the real-client tests skip and say why; in CI (`CI` set) a missing folder
 * is a failure.
 */
export const VENDOR_DIR = process.env['VENDOR_DIR'] ?? fileURLToPath(new URL('../../../shared/vendor/', import.meta.url));

/** Why the tests needing `files` (paths below the vendor folder) cannot run here, or undefined when they can. */
export function vendorUnavailable(files: readonly string[]): string | undefined {
  const missing = files.filter((file) => !existsSync(join(VENDOR_DIR, file)));
  if (missing.length === 0) return undefined;
  const reason = `vendor files missing in ${VENDOR_DIR}: ${missing.join(', ')} (set VENDOR_DIR)`;
  if (process.env['CI']) throw new Error(`CI is set but ${reason}`);
  return `${reason}: real-client tests skipped`;
}

export const vendorPath = (file: string): string => join(VENDOR_DIR, file);
