/** `$id` of an 8x8 schema file (optionally with a `#/$defs/...` fragment). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/8x8/${name}`;
