import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * SailPoint's own NERM files (`../shared/vendor/nerm`, or VENDOR_DIR), read where they are and never copied into the
 * project. Without them the tests that need them skip and say why; with `CI` set a missing file is a failure.
 */
const VENDOR_DIR = process.env['VENDOR_DIR'] ?? fileURLToPath(new URL('../../../shared/vendor/', import.meta.url));
export const POSTMAN = 'nerm/sailpoint-api-nerm.postman.json';
export const OPENAPI = 'nerm/deref-sailpoint-api.nerm.json';

/** Why a vendor file cannot be read here (the test skips), or undefined when it can; throws in CI. */
export function vendorMissing(file: string): string | undefined {
  if (existsSync(join(VENDOR_DIR, file))) return undefined;
  const reason = `${file} is missing in ${VENDOR_DIR} (set VENDOR_DIR)`;
  if (process.env['CI']) throw new Error(`CI is set but ${reason}`);
  console.log(`skipped: ${reason}`);
  return reason;
}

export const readVendorJson = (file: string): unknown => JSON.parse(readFileSync(join(VENDOR_DIR, file), 'utf8'));

interface PostmanItem {
  readonly name: string;
  readonly item?: readonly PostmanItem[];
  readonly request?: { readonly method: string; readonly body?: { readonly mode?: string; readonly raw?: string } };
}

/** The requests of the collection's "workflow sessions" folder by name. */
export function workflowSessionRequests(): Map<string, NonNullable<PostmanItem['request']>> {
  const collection = readVendorJson(POSTMAN) as { item: readonly PostmanItem[] };
  const folder = collection.item.find((item) => item.name === 'workflow sessions');
  if (!folder?.item) throw new Error('the Postman collection has no "workflow sessions" folder');
  return new Map(folder.item.flatMap((item) => (item.request ? [[item.name, item.request] as const] : [])));
}
