import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of GitHub Actions workflow runs can ask for: a copy of a seeded run with the
// asked-for status (in the seed's repository), with the consumer's run id.

export const providerStatesGithub: readonly ProviderStateDeclaration[] = [
  {
    name: 'a GitHub Actions run {runId} is {status}',
    collection: 'runs',
    id: '{runId}',
    match: { '/status': '{status}' },
    // The run's own links name its id too (the seed's one repository).
    defaults: { owner: 'octo-org', repo: 'hello-world' },
    set: {
      '/id': '{runId}',
      '/url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}',
      '/html_url': 'https://github.com/{owner}/{repo}/actions/runs/{runId}',
      '/jobs_url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}/jobs',
      '/logs_url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}/logs',
      '/artifacts_url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}/artifacts',
      '/cancel_url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}/cancel',
      '/rerun_url': 'https://api.github.com/repos/{owner}/{repo}/actions/runs/{runId}/rerun',
    },
    // The statuses the seed draws (a state copies a seeded record in that status).
    allowed: { status: Object.keys(settings.statusWeights) },
  },
];
