import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of GitHub Actions workflow runs can ask for: a copy of a seeded run with the
// asked-for status (in the seed's repository), with the consumer's run id.

export const providerStatesGithub: readonly ProviderStateDeclaration[] = [
  {
    name: 'a GitHub Actions run {runId} is {status}',
    collection: 'runs',
    id: '{runId}',
    match: { '/status': '{status}' },
    set: { '/id': '{runId}' },
    allowed: { status: ['requested', 'queued', 'pending', 'waiting', 'in_progress', 'completed'] },
  },
];
