/** Where the neighbouring pages of an offset/limit page start; null at either end. */
export interface OffsetWindow {
  readonly offset: number;
  readonly limit: number;
  readonly total: number;
  readonly nextOffset: number | null;
  readonly previousOffset: number | null;
}

export function offsetWindow(offset: number, limit: number, total: number): OffsetWindow {
  return {
    offset,
    limit,
    total,
    nextOffset: offset + limit < total ? offset + limit : null,
    // A page that starts past the end still links back to the last real page.
    previousOffset: offset === 0 ? null : Math.max(0, Math.min(offset - limit, lastPageStart(limit, total))),
  };
}

function lastPageStart(limit: number, total: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}
