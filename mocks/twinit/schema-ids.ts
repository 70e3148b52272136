/** `$id` of a Twinit schema file (optionally with a `#/$defs/...` fragment). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/twinit/${name}`;
