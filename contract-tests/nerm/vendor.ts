import { readVendorJson } from '../support/vendor.ts';

// SailPoint's own NERM files, below the vendor folder (see contract-tests/support/vendor.ts).

export const POSTMAN = 'nerm/sailpoint-api-nerm.postman.json';
export const OPENAPI = 'nerm/deref-sailpoint-api.nerm.json';

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
