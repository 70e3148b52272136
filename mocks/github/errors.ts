import { mockError, type MockError } from '../../src/core/errors.ts';
import type { ErrorEnvelope } from '../../src/engine/pack.ts';
import { schemaId } from './schema-ids.ts';

/**
 * GitHub's error bodies (GitHub OpenAPI: components/schemas/basic-error, validation-error): `{message,
 * documentation_url, status}`, plus `errors` on a 422. `documentation_url` is the docs.github.com page of the
 * operation that refused (each operation's `externalDocs.url` in the description), carried in the error's `code`;
 * errors the engine raises before an operation's own rules (credentials, validation, an unknown path) point at the
 * REST API's front page, as GitHub's do for an unknown path. Choices: schemas/github/PROVENANCE.md.
 */
export const DOCS = {
  root: 'https://docs.github.com/rest',
  listRuns: 'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository',
  listWorkflowRuns: 'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow',
  getRun: 'https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run',
  cancel: 'https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run',
  rerun: 'https://docs.github.com/rest/actions/workflow-runs#re-run-a-workflow',
  jobs: 'https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run',
} as const;

/** GitHub's 404 for a repository or run the caller cannot see, pointing at the operation's page. */
export const notFound = (docs: string): MockError => mockError('notFound', 'Not Found', { code: docs });

export const errorsGithub: ErrorEnvelope = {
  schema: schemaId('error.json'),
  // components/responses/validation_failed and conflict; a body that is not JSON is GitHub's 400.
  status: { invalidRequest: 422, illegalTransition: 409, conflict: 409 },
  messages: {
    notFound: 'Not Found',
    routeNotFound: 'Not Found',
    unauthenticated: 'Requires authentication',
    forbidden: 'Forbidden',
    malformedBody: 'Problems parsing JSON',
    payloadTooLarge: 'The request body is too large.',
    unsupportedMediaType: 'Unsupported Media Type',
    internal: 'Server Error',
  },
  render: (error) => ({
    message: error.message,
    documentation_url: typeof error.code === 'string' ? error.code : DOCS.root,
    status: String(error.status),
    ...(error.status === 422 && error.fields
      ? { errors: Object.entries(error.fields).flatMap(([field, messages]) => messages.map((message) => ({ field, code: 'invalid', message }))) }
      : {}),
  }),
};
