/** `$id` of a LongJump schema (a `#/$defs/...` fragment of platform.json). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/longjump/platform.json#/$defs/${name}`;
