import { interleave } from './interleave.ts';

/**
 * Where seeded run `i` sits, from `i` alone (issue 17: a generated collection's `keys(i)` must not depend on the runs
 * before it): its repository, its workflow and that workflow's run number, its status and conclusion, and how long
 * before the anchor it was created, such that index order is creation order. The spread is the one the seed drew run by
 * run before (a status and conclusion by weight, a workflow among those that fit them, a time in the window of its
 * status), kept as a mixture of age bands, one per (repository, workflow, status, conclusion, window):
 *
 * - The bands' breakpoints cut time into segments in which every band's density is constant, and the indexes into
 *   regions of the same mass, oldest first. Run `i` of region `k` sits at quantile `(i + u) / count` inside segment `k`.
 * - Repositories share out the indexes evenly (their run counts are exact), and each repository's runs in a region share
 *   out its workflows evenly in proportion to what the bands put there (`interleave.ts`): a workflow's run number is
 *   its first one plus the runs it had in earlier regions plus its rank in this one, arithmetic on `i`.
 * - The status and conclusion are drawn from the bands of that repository and workflow in that segment, by density.
 *
 * Within a segment a run's time, workflow and status are then drawn as the bands say; only the repositories keep one
 * share throughout.
 */
export interface PlacementWorkflow {
  readonly weight: number;
  readonly firstRunNumber: number;
  readonly events: readonly string[];
  /** Whether one of its jobs waits on a deployment environment (a run can be `waiting` only then). */
  readonly environment: boolean;
  /** Its usual longest run, minutes: a running run is younger. */
  readonly longestMinutes: number;
}

export interface PlacementSettings {
  readonly repositories: readonly { readonly count: number; readonly workflows: readonly PlacementWorkflow[] }[];
  readonly statusWeights: Readonly<Record<string, number>>;
  readonly conclusionWeights: Readonly<Record<string, number>>;
  /** [youngest, oldest] minutes before the anchor an active run of each status was created. */
  readonly activeAgeMinutes: Readonly<Record<string, readonly number[]>>;
  /** Finished runs go back `days`; `recentShare` of them were created within the last hour. */
  readonly timeline: { readonly days: number; readonly recentShare: number };
}

export interface Placed {
  readonly repo: number;
  readonly workflow: number;
  readonly runNumber: number;
  readonly status: string;
  readonly conclusion: string | null;
  /** How long before the anchor it was created, ms, in whole seconds (at least a minute). */
  readonly ageMs: number;
}

export interface Placement {
  readonly count: number;
  /** Run `i`, drawing two numbers from `random`. */
  place(i: number, random: () => number): Placed;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Band {
  readonly repo: number;
  readonly workflow: number;
  readonly status: string;
  readonly conclusion: string | null;
  readonly weight: number;
  /** Youngest and oldest age, ms. */
  readonly youngest: number;
  readonly oldest: number;
}

interface Outcome {
  readonly status: string;
  readonly conclusion: string | null;
  readonly weight: number;
}

/** `offsetRandom` starts each region's workflow pattern somewhere of the seed's choosing. */
export function createPlacement(settings: PlacementSettings, offsetRandom: () => number): Placement {
  const counts = settings.repositories.map((repo) => repo.count);
  const count = counts.reduce((sum, n) => sum + n, 0);
  const bands = bandsOf(settings, count);
  // Ages from the oldest to the youngest: segment k spans [edges[k + 1], edges[k]].
  const edges = [...new Set(bands.flatMap((band) => [band.youngest, band.oldest]))].sort((a, b) => b - a);
  const segments = edges.slice(1).map((youngest, k) => {
    const oldest = edges[k] ?? youngest;
    const covering = bands.filter((band) => band.youngest <= youngest && band.oldest >= oldest);
    const density = (band: Band) => band.weight / (band.oldest - band.youngest);
    const mass = covering.reduce((sum, band) => sum + density(band), 0) * (oldest - youngest);
    return { oldest, youngest, covering, density, mass };
  });
  const total = segments.reduce((sum, segment) => sum + segment.mass, 0);
  const cumulative: number[] = [0];
  for (const segment of segments) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + segment.mass / total);
  // Region k holds the indexes whose quantile falls in segment k.
  const starts = cumulative.map((share, k) => (k === segments.length ? count : Math.min(count, Math.ceil(share * count))));
  const repos = interleave(counts);

  const regions = settings.repositories.map((repo, r) => {
    if (repo.count === 0) return [];
    const before = repo.workflows.map(() => 0);
    return segments.map((segment, k) => {
      const own = segment.covering.filter((band) => band.repo === r);
      // A segment none of the repository's bands covers (a setting without finished runs) takes its bands anywhere.
      const chosen = own.length > 0 ? own : bands.filter((band) => band.repo === r);
      const weightOf = (band: Band) => (own.length > 0 ? segment.density(band) : band.weight);
      const outcomes = repo.workflows.map((_, w) => merged(chosen.filter((band) => band.workflow === w).map((band) => ({ ...band, weight: weightOf(band) }))));
      const workflows = interleave(
        outcomes.map((list) => list.reduce((sum, outcome) => sum + outcome.weight, 0)),
        Math.floor(offsetRandom() * 1000),
      );
      const first = repos.countBefore(starts[k] ?? 0, r);
      const size = repos.countBefore(starts[k + 1] ?? 0, r) - first;
      const region = { first, workflows, outcomes, runsBefore: [...before] };
      for (const w of before.keys()) before[w] = (before[w] ?? 0) + workflows.countBefore(size, w);
      return region;
    });
  });

  const regionOf = (i: number): number => {
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? count) <= i) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  return {
    count,
    place(i, random) {
      const u = random();
      const roll = random();
      const { which: repo, rank } = repos.at(i);
      const k = regionOf(i);
      const region = regions[repo]?.[k];
      const segment = segments[k];
      const workflows = settings.repositories[repo]?.workflows;
      if (!region || !segment || !workflows) throw new Error(`placement: no region for run ${i}`);
      const { which: workflow, rank: inRegion } = region.workflows.at(rank - region.first);
      const runNumber = (workflows[workflow]?.firstRunNumber ?? 1) + (region.runsBefore[workflow] ?? 0) + inRegion;
      const low = cumulative[k] ?? 0;
      const high = cumulative[k + 1] ?? 1;
      const within = Math.min(1, Math.max(0, ((i + u) / count - low) / (high - low)));
      const ageMs = Math.ceil((segment.oldest - within * (segment.oldest - segment.youngest)) / SECOND) * SECOND;
      const { status, conclusion } = drawn(region.outcomes[workflow] ?? [], roll);
      return { repo, workflow, runNumber, status, conclusion, ageMs };
    },
  };
}

/**
 * The bands, weighted as the seed drew runs one by one: a status by weight (and a conclusion, once completed), then a
 * workflow among those that fit both (`waiting` needs a deployment environment, `action_required` a pull-request
 * event; with none, `queued` and `failure` instead), by weight. A completed run falls in the last hour with
 * `recentShare`, else over the days before it; an active one within its status's minutes, a running one within its
 * workflow's usual length too.
 */
function bandsOf(settings: PlacementSettings, count: number): Band[] {
  const shares = (weights: Readonly<Record<string, number>>) => {
    const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
    return Object.entries(weights).map(([value, weight]) => ({ value, share: weight / sum }));
  };
  const { days, recentShare } = settings.timeline;
  const bands: Band[] = [];
  for (const [r, repo] of settings.repositories.entries()) {
    const repoShare = repo.count / count;
    for (const { value: drawnStatus, share: statusShare } of shares(settings.statusWeights)) {
      const conclusions = drawnStatus === 'completed' ? shares(settings.conclusionWeights) : [{ value: null, share: 1 }];
      for (const { value: drawnConclusion, share: conclusionShare } of conclusions) {
        const fits = (workflow: PlacementWorkflow) =>
          (drawnStatus !== 'waiting' || workflow.environment) && (drawnConclusion !== 'action_required' || workflow.events.includes('pull_request'));
        const anyFits = repo.workflows.some(fits);
        const status = anyFits || drawnStatus !== 'waiting' ? drawnStatus : 'queued';
        const conclusion = anyFits || drawnConclusion !== 'action_required' ? drawnConclusion : 'failure';
        const candidates = [...repo.workflows.entries()].filter(([, workflow]) => !anyFits || fits(workflow));
        const weightSum = candidates.reduce((sum, [, workflow]) => sum + workflow.weight, 0);
        for (const [w, workflow] of candidates) {
          const weight = (repoShare * statusShare * conclusionShare * workflow.weight) / weightSum;
          const band = { repo: r, workflow: w, status, conclusion };
          if (status === 'completed') {
            bands.push({ ...band, weight: weight * recentShare, youngest: MINUTE, oldest: HOUR });
            bands.push({ ...band, weight: weight * (1 - recentShare), youngest: HOUR, oldest: days * DAY });
            continue;
          }
          const [youngest = 1, oldest = 10] = settings.activeAgeMinutes[status] ?? [];
          const upTo = status === 'in_progress' ? Math.max(youngest, Math.min(oldest, workflow.longestMinutes)) : oldest;
          bands.push({ ...band, weight, youngest: youngest * MINUTE, oldest: Math.max(upTo, youngest + 1) * MINUTE });
        }
      }
    }
  }
  return bands.filter((band) => band.weight > 0);
}

/** The bands' outcomes, one per status and conclusion, their weights added. */
function merged(bands: readonly Outcome[]): Outcome[] {
  const byOutcome = new Map<string, Outcome>();
  for (const band of bands) {
    const key = `${band.status}/${band.conclusion ?? ''}`;
    const seen = byOutcome.get(key);
    byOutcome.set(key, { status: band.status, conclusion: band.conclusion, weight: (seen?.weight ?? 0) + band.weight });
  }
  return [...byOutcome.values()];
}

function drawn(outcomes: readonly Outcome[], roll: number): { status: string; conclusion: string | null } {
  const sum = outcomes.reduce((total, outcome) => total + outcome.weight, 0);
  let left = roll * sum;
  for (const outcome of outcomes) {
    left -= outcome.weight;
    if (left < 0) return outcome;
  }
  const last = outcomes[outcomes.length - 1];
  if (!last) throw new Error('placement: a workflow with no outcome');
  return last;
}
