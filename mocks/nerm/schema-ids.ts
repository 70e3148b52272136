/** `$id` of a NERM schema file (optionally with a `#/$defs/...` fragment). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/nerm/${name}`;
