const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Where seeded runs sit in time so the data looks live: the timeline ends at the anchor (the clock's start, see
 * `SeedContext.anchor`); finished runs are spread over the weeks before it, active ones started minutes to hours before
 * it, and a share of all runs were created within the last hour, so "runs since an hour ago" finds some.
 */
export interface Timeline {
  readonly anchor: number;
  /** How far back finished runs go. */
  readonly days: number;
  /** The longest an active run has been going. */
  readonly activeHours: number;
  /** Share (0..1) of runs created within the hour before the anchor. */
  readonly recentShare: number;
}

/** A finished run's end: `durationMs` after its start, but never after the anchor (nothing seeded lies in the future). */
export function seededEnd(start: number, durationMs: number, anchor: number): number {
  return Math.min(anchor, start + durationMs);
}

/**
 * A share of a collection's runs and the ages (ms before the anchor) they were created at, uniformly: the recent
 * runs within the last hour, the active ones within their hours, the finished ones over the weeks. `value` says
 * what the band is (which states its runs may be in).
 */
export interface AgeBand<T> {
  readonly weight: number;
  /** Youngest and oldest age, ms before the anchor. */
  readonly ages: readonly [number, number];
  readonly value: T;
}

/** Where run `index` of `count` sits in time, and the band it was drawn from. */
export type PlaceByIndex<T> = (index: number, count: number, random: () => number) => { readonly at: number; readonly band: T };

/**
 * Creation times placed by index (issue 17), so index order is creation order and a generated collection's `keys(i)`
 * needs nothing but `i` and a cheap random stream: run `index` of `count` sits at quantile `(index + u) / count` of the
 * bands' mixture (u from `random`), then the band it came from is drawn in proportion to the bands' densities at that
 * instant. Over a collection this gives the same joint spread of times and bands as drawing a band by weight and a time
 * within it, run by run. Same anchor shifted, same runs shifted.
 */
export function placeByIndex<T>(anchor: number, bands: readonly AgeBand<T>[]): PlaceByIndex<T> {
  const live = bands.filter((band) => band.weight > 0 && band.ages[1] > band.ages[0]);
  if (live.length === 0) throw new Error('placeByIndex: no band with a weight and a span');
  const total = live.reduce((sum, band) => sum + band.weight, 0);
  // Breakpoints from the oldest instant to the youngest; each segment's mass is what the bands covering it put there.
  const points = [...new Set(live.flatMap((band) => [anchor - band.ages[1], anchor - band.ages[0]]))].sort((a, b) => a - b);
  const segments = points.slice(1).map((end, k) => {
    const start = points[k] ?? end;
    const covering = live.filter((band) => anchor - band.ages[1] <= start && anchor - band.ages[0] >= end);
    const densities = covering.map((band) => band.weight / total / (band.ages[1] - band.ages[0]));
    return { start, span: end - start, covering, densities, mass: densities.reduce((sum, d) => sum + d, 0) * (end - start) };
  });
  const cumulative: number[] = [];
  let sum = 0;
  for (const segment of segments) {
    cumulative.push(sum);
    sum += segment.mass;
  }
  return (index, count, random) => {
    const quantile = Math.min((index + random()) / count, 1 - Number.EPSILON) * sum;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((cumulative[middle] ?? 0) <= quantile) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low];
    if (!segment) throw new Error('placeByIndex: no segment');
    const at = Math.floor(segment.start + ((quantile - (cumulative[low] ?? 0)) / segment.mass) * segment.span);
    let roll = random() * (segment.mass / segment.span);
    for (const [k, band] of segment.covering.entries()) {
      roll -= segment.densities[k] ?? 0;
      if (roll < 0) return { at, band: band.value };
    }
    const last = segment.covering[segment.covering.length - 1];
    if (!last) throw new Error('placeByIndex: empty segment');
    return { at, band: last.value };
  };
}

/** Which band a run of a `Timeline` was placed in: created within the last hour (any state), active, or finished. */
export type TimelineBand = 'recent' | 'active' | 'finished';

/**
 * A `Timeline`'s bands, `activeShare` of runs being active: as `seededStart` draws them (recentShare within the last
 * hour whatever their state, the other active runs within `activeHours`, the other finished ones over `days`).
 */
export function timelineBands(timeline: Omit<Timeline, 'anchor'>, activeShare: number): AgeBand<TimelineBand>[] {
  const rest = 1 - timeline.recentShare;
  return [
    { weight: timeline.recentShare, ages: [MINUTE, HOUR], value: 'recent' },
    { weight: rest * activeShare, ages: [MINUTE, timeline.activeHours * HOUR], value: 'active' },
    { weight: rest * (1 - activeShare), ages: [HOUR, timeline.days * DAY], value: 'finished' },
  ];
}

/**
 * A run's status weights (a pack's `statusWeights` setting) split by band: any status for a run created within the
 * last hour, an active one for an active run, a finished one for a finished run.
 */
export function statusWeightsByBand(
  weights: Readonly<Record<string, number>>,
  isActive: (status: string) => boolean,
): Readonly<Record<TimelineBand, readonly { readonly value: string; readonly weight: number }[]>> {
  const where = (keep: (status: string) => boolean) =>
    Object.entries(weights)
      .filter(([status]) => keep(status))
      .map(([value, weight]) => ({ value, weight }));
  return { recent: where(() => true), active: where(isActive), finished: where((status) => !isActive(status)) };
}

/** The share of runs that are active under status weights split by band (`statusWeightsByBand`): for `timelineBands`. */
export function activeShareOf(byBand: ReturnType<typeof statusWeightsByBand>): number {
  const sum = (options: readonly { readonly weight: number }[]) => options.reduce((total, option) => total + option.weight, 0);
  return sum(byBand.active) / sum(byBand.recent);
}

/**
 * Which of a generated collection's consecutive stretches of indexes (of these sizes, e.g. one per tenant) index `i`
 * falls in, and its position within it; undefined past the last one.
 */
export function stretchAt(sizes: readonly number[], i: number): { readonly stretch: number; readonly position: number } | undefined {
  let position = i;
  for (const [stretch, size] of sizes.entries()) {
    if (position < size) return position < 0 ? undefined : { stretch, position };
    position -= size;
  }
  return undefined;
}
