/** `$id` of an Amperity schema file (optionally with a `#/$defs/...` fragment). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/amperity/${name}`;
