import type { JsonObject } from '../../src/core/json.ts';
import { nodeId } from './node-id.ts';

/**
 * The accounts and repositories a run embeds (GitHub OpenAPI: components/schemas/simple-user, minimal-repository),
 * with GitHub's hypermedia URLs. Pure builders over the generation settings; no randomness.
 */
export const API = 'https://api.github.com';
export const WEB = 'https://github.com';

export type AccountType = 'User' | 'Bot' | 'Organization';

export interface Account {
  readonly login: string;
  readonly id: number;
  readonly type: AccountType;
  /** A bot's GitHub App slug: its page is `https://github.com/apps/<app>`. */
  readonly app?: string;
}

const NODE_PREFIX: Readonly<Record<AccountType, string>> = { User: 'U', Bot: 'BOT', Organization: 'O' };

/**
 * Built objects by key, shared by every run that embeds them: records are never changed in place (the store keeps new
 * values), so 10,000 runs of one repository hold its repository object once, not 20,000 copies.
 */
function shared<K>(build: (key: K) => JsonObject, keyOf: (key: K) => string): (key: K) => JsonObject {
  const made = new Map<string, JsonObject>();
  return (key) => {
    const name = keyOf(key);
    let value = made.get(name);
    if (!value) {
      value = build(key);
      made.set(name, value);
    }
    return value;
  };
}

/** A simple-user object: every property the vendor's schema requires, plus `user_view_type`. */
export const simpleUser = shared(userObject, (account) => `${account.type}/${account.login}/${account.id}/${account.app ?? ''}`);

function userObject(account: Account): JsonObject {
  const api = `${API}/users/${encodeURIComponent(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(NODE_PREFIX[account.type], [0, account.id]),
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: account.app ? `${WEB}/apps/${account.app}` : `${WEB}/${account.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/**
 * The Git identity GitHub gives an account's web commits: `<id>+<login>@users.noreply.github.com`. A bot's login
 * loses its `[bot]`: brackets make the address fail the `email` format the document gives commit emails.
 */
export const noreplyEmail = (account: Account): string => `${account.id}+${account.login.replace(/\[bot\]$/, '')}@users.noreply.github.com`;

export interface RepositorySpec {
  readonly owner: Account;
  readonly name: string;
  readonly id: number;
  readonly description: string | null;
}

export const fullName = (repo: RepositorySpec): string => `${repo.owner.login}/${repo.name}`;
export const repoApi = (repo: RepositorySpec): string => `${API}/repos/${fullName(repo)}`;
export const repoWeb = (repo: RepositorySpec): string => `${WEB}/${fullName(repo)}`;
export const repoNodeId = (repo: RepositorySpec): string => nodeId('R', [0, repo.id]);

/** A minimal-repository object: every property the vendor's schema requires, plus git_url and ssh_url. */
export const minimalRepository = shared(repositoryObject, (repo) => JSON.stringify([repo.id, repo.name, repo.owner.login, repo.description]));

function repositoryObject(repo: RepositorySpec): JsonObject {
  const api = repoApi(repo);
  const name = fullName(repo);
  return {
    id: repo.id,
    node_id: repoNodeId(repo),
    name: repo.name,
    full_name: name,
    private: false,
    owner: simpleUser(repo.owner),
    html_url: repoWeb(repo),
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    git_url: `git://github.com/${name}.git`,
    ssh_url: `git@github.com:${name}.git`,
  };
}

export interface RunUrls {
  readonly url: string;
  readonly html_url: string;
  readonly jobs_url: string;
  readonly logs_url: string;
  readonly check_suite_url: string;
  readonly artifacts_url: string;
  readonly cancel_url: string;
  readonly rerun_url: string;
  readonly workflow_url: string;
}

/** The URLs a workflow run carries (GitHub OpenAPI: components/schemas/workflow-run url ... workflow_url). */
export function runUrls(repo: RepositorySpec, runId: number, checkSuiteId: number, workflowId: number): RunUrls {
  const run = `${repoApi(repo)}/actions/runs/${runId}`;
  return {
    url: run,
    html_url: `${repoWeb(repo)}/actions/runs/${runId}`,
    jobs_url: `${run}/jobs`,
    logs_url: `${run}/logs`,
    check_suite_url: `${repoApi(repo)}/check-suites/${checkSuiteId}`,
    artifacts_url: `${run}/artifacts`,
    cancel_url: `${run}/cancel`,
    rerun_url: `${run}/rerun`,
    workflow_url: `${repoApi(repo)}/actions/workflows/${workflowId}`,
  };
}

/** `previous_attempt_url` of attempt `attempt` (null for the first). */
export const previousAttemptUrl = (runUrl: string, attempt: number): string | null => (attempt > 1 ? `${runUrl}/attempts/${attempt - 1}` : null);
