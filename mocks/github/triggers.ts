import type { JsonObject } from '../../src/core/json.ts';
import { chance, intIn, type KeyRandom, pick, weightedPick } from '../../src/generation/key-stream.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { type Account, noreplyEmail, type RepositorySpec, repoApi } from './accounts.ts';

/**
 * What the event that started a seeded run decides (GitHub OpenAPI: components/schemas/workflow-run event, actor,
 * head_branch, display_title, head_commit, pull_requests): who pushed, which branch or tag, the commit, the pull
 * request. A push runs on a branch with the head commit's first line as its title (a merge on the default branch is
 * committed by GitHub); a pull request on its head branch with the PR's title (Dependabot's bumps among them); a
 * schedule on the default branch as whoever last edited the workflow; a manual dispatch as its workflow's name; a
 * release on its tag. Drawn from a run's key stream (`SeedContext.keyRandom`): the actor and branch are list filters.
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

type Person = Account & { readonly name: string };
type Identity = { readonly name: string; readonly email: string };

export const people: readonly Person[] = settings.people.map((person) => ({ ...person, type: 'User' }));
const dependabot: Account = { ...settings.bots.dependabot, type: 'Bot' };
const DEPENDABOT_IDENTITY: Identity = { name: dependabot.login, email: noreplyEmail(dependabot) };

// Made once: `keys(i)` draws a trigger for every seeded run, so a draw builds as little as it can.
const identities = new Map<Person, Identity>(people.map((person) => [person, { name: person.name, email: noreplyEmail(person) }]));
const bumps = settings.dependabot.bumps.map((bump) => ({
  title: `Bump ${bump.package} from ${bump.from} to ${bump.to}`,
  branch: `dependabot/${bump.ecosystem}/${bump.package}-${bump.to}`,
}));
const featureBranches = new WeakMap<RepoSeed, readonly string[]>();
const featuresOf = (repo: RepoSeed): readonly string[] => {
  let features = featureBranches.get(repo);
  if (!features) {
    features = repo.branches.filter((branch) => branch.value !== repo.defaultBranch).map((branch) => branch.value);
    featureBranches.set(repo, features);
  }
  return features;
};

const orElse = (list: readonly string[], fallback: string): readonly string[] => (list.length > 0 ? list : [fallback]);
const seconds = (random: KeyRandom, min: number, max: number): number => intIn(random, min / 1000, max / 1000) * 1000;
const pullNumber = (random: KeyRandom): number => intIn(random, settings.ids.pullRequest[0] ?? 1, settings.ids.pullRequest[1] ?? 500);

export function trigger(random: KeyRandom, repo: RepoSeed, workflow: { readonly name: string; readonly index: number }, event: string): Trigger {
  const person = pick(random, people);
  const message = pick(random, settings.messages);
  const own = identities.get(person) ?? { name: person.name, email: noreplyEmail(person) };
  switch (event) {
    case 'push': {
      const branch = weightedPick(random, repo.branches);
      if (branch === repo.defaultBranch && chance(random, settings.mergeShare)) {
        const number = pullNumber(random);
        const merge = `Merge pull request #${number} from ${repo.spec.owner.login}/${pick(random, orElse(featuresOf(repo), 'patch-1'))}`;
        const commitAgeMs = seconds(random, 20_000, 10 * MINUTE);
        return {
          actor: person,
          author: own,
          committer: GITHUB_COMMITTER,
          headBranch: branch,
          displayTitle: merge,
          message: `${merge}\n\n${message}`,
          commitAgeMs,
        };
      }
      return { actor: person, author: own, committer: own, headBranch: branch, displayTitle: message, message, commitAgeMs: seconds(random, 20_000, 2 * HOUR) };
    }
    case 'pull_request': {
      const number = pullNumber(random);
      if (chance(random, settings.dependabot.share)) {
        const bump = pick(random, bumps);
        const commitAgeMs = seconds(random, 20_000, 5 * MINUTE);
        const pullRequest = { number, branch: bump.branch };
        const bot = DEPENDABOT_IDENTITY;
        return {
          actor: dependabot,
          author: bot,
          committer: GITHUB_COMMITTER,
          headBranch: bump.branch,
          displayTitle: bump.title,
          message: bump.title,
          commitAgeMs,
          pullRequest,
        };
      }
      const branch = pick(random, orElse(featuresOf(repo), `patch-${number}`));
      const commitAgeMs = seconds(random, 20_000, 3 * HOUR);
      return { actor: person, author: own, committer: own, headBranch: branch, displayTitle: message, message, commitAgeMs, pullRequest: { number, branch } };
    }
    case 'release': {
      const tag = pick(random, repo.tags.length > 0 ? repo.tags : ['v1.0.0']);
      return {
        actor: person,
        author: own,
        committer: own,
        headBranch: tag,
        displayTitle: tag,
        message,
        commitAgeMs: seconds(random, 10 * MINUTE, 2 * 24 * HOUR),
      };
    }
    case 'schedule': {
      // A scheduled run's actor is whoever last changed the workflow file: one maintainer per workflow.
      const maintainer = people[workflow.index % people.length] ?? person;
      const commitAgeMs = seconds(random, HOUR, 5 * 24 * HOUR);
      return { actor: maintainer, author: own, committer: own, headBranch: repo.defaultBranch, displayTitle: workflow.name, message, commitAgeMs };
    }
    default: {
      const branch = chance(random, 0.8) ? repo.defaultBranch : weightedPick(random, repo.branches);
      const commitAgeMs = seconds(random, 10 * MINUTE, 3 * 24 * HOUR);
      return { actor: person, author: own, committer: own, headBranch: branch, displayTitle: workflow.name, message, commitAgeMs };
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
