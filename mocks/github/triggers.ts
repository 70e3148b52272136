import type { JsonObject } from '../../src/core/json.ts';
import type { SeededFaker } from '../../src/generation/seeded-faker.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { type Account, noreplyEmail, type RepositorySpec, repoApi } from './accounts.ts';

/**
 * What the event that started a seeded run decides (GitHub OpenAPI: components/schemas/workflow-run event, actor,
 * head_branch, display_title, head_commit, pull_requests): who pushed, which branch or tag, the commit, the pull
 * request. A push runs on a branch with the head commit's first line as its title (a merge on the default branch is
 * committed by GitHub); a pull request on its head branch with the PR's title (Dependabot's bumps among them); a
 * schedule on the default branch as whoever last edited the workflow; a manual dispatch as its workflow's name; a
 * release on its tag.
 */
export interface RepoSeed {
  readonly spec: RepositorySpec;
  readonly defaultBranch: string;
  readonly branches: readonly { readonly value: string; readonly weight: number }[];
  readonly tags: readonly string[];
}

export interface Trigger {
  readonly actor: Account;
  readonly headBranch: string;
  readonly displayTitle: string;
  readonly message: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly committer: { readonly name: string; readonly email: string };
  /** How long before the run the head commit was made. */
  readonly commitAgeMs: number;
  readonly pullRequest?: { readonly number: number; readonly branch: string };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GITHUB_COMMITTER = { name: 'GitHub', email: 'noreply@github.com' };

export const people: readonly (Account & { readonly name: string })[] = settings.people.map((person) => ({ ...person, type: 'User' }));
const dependabot: Account = { ...settings.bots.dependabot, type: 'Bot' };

const identity = (person: { readonly name: string } & Account) => ({ name: person.name, email: noreplyEmail(person) });

export function trigger(f: SeededFaker, repo: RepoSeed, workflow: { readonly name: string; readonly index: number }, event: string): Trigger {
  const person = f.helpers.arrayElement(people);
  const message = f.helpers.arrayElement(settings.messages);
  const seconds = (min: number, max: number) => f.number.int({ min: min / 1000, max: max / 1000 }) * 1000;
  const own = { actor: person, author: identity(person), committer: identity(person) };
  const features = repo.branches.filter((branch) => branch.value !== repo.defaultBranch).map((branch) => branch.value);
  switch (event) {
    case 'push': {
      const branch = f.helpers.weightedArrayElement(repo.branches);
      if (branch === repo.defaultBranch && f.datatype.boolean({ probability: settings.mergeShare })) {
        const number = f.number.int({ min: settings.ids.pullRequest[0] ?? 1, max: settings.ids.pullRequest[1] ?? 500 });
        const from = f.helpers.arrayElement(features.length > 0 ? features : ['patch-1']);
        const merge = `Merge pull request #${number} from ${repo.spec.owner.login}/${from}`;
        return {
          ...own,
          committer: GITHUB_COMMITTER,
          headBranch: branch,
          displayTitle: merge,
          message: `${merge}\n\n${message}`,
          commitAgeMs: seconds(20_000, 10 * MINUTE),
        };
      }
      return { ...own, headBranch: branch, displayTitle: message, message, commitAgeMs: seconds(20_000, 2 * HOUR) };
    }
    case 'pull_request': {
      const number = f.number.int({ min: settings.ids.pullRequest[0] ?? 1, max: settings.ids.pullRequest[1] ?? 500 });
      if (f.datatype.boolean({ probability: settings.dependabot.share })) {
        const bump = f.helpers.arrayElement(settings.dependabot.bumps);
        const title = `Bump ${bump.package} from ${bump.from} to ${bump.to}`;
        const branch = `dependabot/${bump.ecosystem}/${bump.package}-${bump.to}`;
        const bot = { name: dependabot.login, email: noreplyEmail(dependabot) };
        return {
          actor: dependabot,
          author: bot,
          committer: GITHUB_COMMITTER,
          headBranch: branch,
          displayTitle: title,
          message: title,
          commitAgeMs: seconds(20_000, 5 * MINUTE),
          pullRequest: { number, branch },
        };
      }
      const branch = f.helpers.arrayElement(features.length > 0 ? features : [`patch-${number}`]);
      return { ...own, headBranch: branch, displayTitle: message, message, commitAgeMs: seconds(20_000, 3 * HOUR), pullRequest: { number, branch } };
    }
    case 'release': {
      const tag = f.helpers.arrayElement(repo.tags.length > 0 ? repo.tags : ['v1.0.0']);
      return { ...own, headBranch: tag, displayTitle: tag, message, commitAgeMs: seconds(10 * MINUTE, 2 * 24 * HOUR) };
    }
    case 'schedule': {
      // A scheduled run's actor is whoever last changed the workflow file: one maintainer per workflow.
      const maintainer = people[workflow.index % people.length] ?? person;
      return { ...own, actor: maintainer, headBranch: repo.defaultBranch, displayTitle: workflow.name, message, commitAgeMs: seconds(HOUR, 5 * 24 * HOUR) };
    }
    default: {
      const branch = f.datatype.boolean({ probability: 0.8 }) ? repo.defaultBranch : f.helpers.weightedArrayElement(repo.branches);
      return { ...own, headBranch: branch, displayTitle: workflow.name, message, commitAgeMs: seconds(10 * MINUTE, 3 * 24 * HOUR) };
    }
  }
}

/** The run's pull_requests entry for a pull_request run (components/schemas/pull-request-minimal). */
export function pullRequestOf(repo: RepoSeed, pull: { readonly number: number; readonly branch: string }, headSha: string, baseSha: string): JsonObject {
  const api = repoApi(repo.spec);
  const repoRef = { id: repo.spec.id, url: api, name: repo.spec.name };
  return {
    url: `${api}/pulls/${pull.number}`,
    id: settings.ids.pullRequestIdBase + repo.spec.id + pull.number,
    number: pull.number,
    head: { ref: pull.branch, sha: headSha, repo: repoRef },
    base: { ref: repo.defaultBranch, sha: baseSha, repo: repoRef },
  };
}
