/** `$id` of a GitHub schema file (optionally with a `#/$defs/...` fragment). */
export const schemaId = (name: string): string => `https://workflow-mocks.local/schemas/github/${name}`;
