import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The vendors' OpenAPI documents, read where they are (`../shared/vendor`, or $VENDOR_DIR) and never copied into the
 * project. Without them the conformance tests skip and say why; with `CI` set their absence is a failure.
 */
export const VENDOR_DIR = process.env['VENDOR_DIR'] ?? fileURLToPath(new URL('../../../shared/vendor/', import.meta.url));

export const vendorPath = (file: string): string => join(VENDOR_DIR, file);

export function vendorFilesMissing(files: readonly string[]): string | undefined {
  const missing = files.filter((file) => !existsSync(vendorPath(file)));
  if (missing.length === 0) return undefined;
  const reason = `vendor documents missing in ${VENDOR_DIR}: ${missing.join(', ')} (set VENDOR_DIR)`;
  if (process.env['CI']) throw new Error(`CI is set but ${reason}`);
  console.log(`${reason}: the conformance tests against them are skipped`);
  return reason;
}
