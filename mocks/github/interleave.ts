/**
 * Positions 0, 1, 2... shared out among categories in proportion to their weights, evenly and without randomness, so
 * that which category holds position `p`, and how many positions before `p` it already holds, are a few lines of
 * arithmetic rather than a count over every earlier position: a generated run's workflow and its run number come from
 * its index alone (issue 17). The last category holds the positions where `floor(p · share)` steps up; the others
 * share the positions left over the same way, recursively. `offset` starts the pattern elsewhere, so seeds differ.
 * Integer weights give exact counts: `countBefore(n, c)` is `floor(n · w_c / total)` or one more.
 */
export interface Interleave {
  /** The category holding position `p` and its rank (how many positions before `p` it holds). */
  at(p: number): { readonly which: number; readonly rank: number };
  /** How many positions before `p` category `which` holds. */
  countBefore(p: number, which: number): number;
}

export function interleave(weights: readonly number[], offset = 0): Interleave {
  if (weights.length === 0 || weights.some((weight) => !(weight >= 0)) || !weights.some((weight) => weight > 0))
    throw new Error('interleave: weights must be non-negative, with one above zero');
  // Category j takes `weight_j / (weight_0 + ... + weight_j)` of the positions the later ones leave.
  const upTo = weights.map((_, j) => weights.slice(0, j + 1).reduce((sum, weight) => sum + weight, 0));
  const taken = (p: number, j: number): number => (upTo[j] === 0 ? 0 : Math.floor((p * (weights[j] ?? 0)) / (upTo[j] ?? 1)));

  const raw = (p: number) => {
    let left = p;
    for (let j = weights.length - 1; j > 0; j--) {
      const before = taken(left, j);
      if (taken(left + 1, j) > before) return { which: j, rank: before };
      left -= before;
    }
    return { which: 0, rank: left };
  };
  const rawBefore = (p: number, which: number): number => {
    let left = p;
    for (let j = weights.length - 1; j > which; j--) left -= taken(left, j);
    return which === 0 ? left : taken(left, which);
  };
  return {
    at(p) {
      const { which, rank } = raw(p + offset);
      return { which, rank: rank - rawBefore(offset, which) };
    },
    countBefore: (p, which) => rawBefore(p + offset, which) - rawBefore(offset, which),
  };
}
