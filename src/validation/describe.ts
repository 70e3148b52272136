import type { SchemaIssue } from './registry.ts';

export type IssueLocation = 'path' | 'query' | 'header' | 'body';

const LOCATION_NOUN: Record<IssueLocation, string> = {
  path: 'path parameter',
  query: 'query parameter',
  header: 'header',
  body: 'body field',
};

/** One readable sentence per issue: "query parameter 'limit' must be <= 500". */
export function describeIssue(issue: SchemaIssue, location: IssueLocation): string {
  if (issue.vendorMessage) return issue.vendorMessage;
  const name = issue.pointer.replace(/^\//, '').replaceAll('/', '.');
  if (issue.keyword === 'required') return `${LOCATION_NOUN[location]} '${name}' is required`;
  if (issue.keyword === 'additionalProperties') return `${LOCATION_NOUN[location]} '${name}' is not allowed`;
  if (issue.keyword === 'enum') {
    const allowed = (issue.params['allowedValues'] as unknown[] | undefined)?.join(', ');
    return `${subject(location, name)} must be one of: ${allowed ?? ''}`;
  }
  return `${subject(location, name)} ${issue.message}`;
}

function subject(location: IssueLocation, name: string): string {
  if (name === '') return location === 'body' ? 'request body' : LOCATION_NOUN[location];
  return `${LOCATION_NOUN[location]} '${name}'`;
}
