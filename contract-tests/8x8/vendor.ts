import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * 8x8's own OpenAPI document, read where it is (`../shared/vendor/8x8`, or $VENDOR_DIR/8x8) and never copied into
 * the project. Without it the tests that need it skip and say why; with `CI` set its absence is a failure.
 */
const VENDOR_DIR = process.env['VENDOR_DIR'] ?? fileURLToPath(new URL('../../../shared/vendor/', import.meta.url));
export const VENDOR_DOCUMENT = join(VENDOR_DIR, '8x8', 'automation_api.json');

export function vendorDocumentMissing(): string | undefined {
  if (existsSync(VENDOR_DOCUMENT)) return undefined;
  const reason = `8x8's OpenAPI document is not at ${VENDOR_DOCUMENT} (set VENDOR_DIR)`;
  if (process.env['CI']) throw new Error(`CI is set but ${reason}`);
  console.log(`${reason}: the tests that read it are skipped`);
  return reason;
}
