/**
 * A sequence kept as blocks of at most `2 * blockSize` items: inserting or removing at a position moves at most one
 * block's items instead of shifting the whole sequence, so an index over 100k records stays cheap to write, while
 * reading by position stays a binary search away.
 */
export class BlockList<T> {
  private blocks: T[][] = [];
  /** `starts[i]`: position of block i's first item; rebuilt after a change, on the next read by position. */
  private starts: number[] = [];
  private dirty = false;
  private count = 0;

  constructor(
    items: readonly T[] = [],
    private readonly blockSize = 512,
  ) {
    for (let start = 0; start < items.length; start += blockSize) this.blocks.push(items.slice(start, start + blockSize));
    this.count = items.length;
    this.dirty = true;
  }

  get length(): number {
    return this.count;
  }

  at(position: number): T | undefined {
    if (position < 0 || position >= this.count) return undefined;
    const block = this.blockAt(position);
    return this.blocks[block]?.[position - (this.starts[block] ?? 0)];
  }

  slice(start: number, end: number): T[] {
    const out: T[] = [];
    const last = Math.min(end, this.count);
    if (start >= last) return out;
    let block = this.blockAt(start);
    let offset = start - (this.starts[block] ?? 0);
    while (out.length < last - start) {
      const items = this.blocks[block] as T[];
      const take = Math.min(items.length - offset, last - start - out.length);
      for (let i = 0; i < take; i++) out.push(items[offset + i] as T);
      block++;
      offset = 0;
    }
    return out;
  }

  insert(position: number, item: T): void {
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
    } else {
      this.refresh();
      const block = position >= this.count ? this.blocks.length - 1 : this.blockAt(position);
      const items = this.blocks[block] as T[];
      items.splice(position - (this.starts[block] ?? 0), 0, item);
      if (items.length > 2 * this.blockSize) this.blocks.splice(block + 1, 0, items.splice(this.blockSize));
    }
    this.count++;
    this.dirty = true;
  }

  remove(position: number): void {
    if (position < 0 || position >= this.count) return;
    const block = this.blockAt(position);
    const items = this.blocks[block] as T[];
    items.splice(position - (this.starts[block] ?? 0), 1);
    if (items.length === 0) this.blocks.splice(block, 1);
    this.count--;
    this.dirty = true;
  }

  /** The smallest position whose item `isAfter` says true of, given that it holds for a suffix; `length` if none. */
  firstWhere(isAfter: (item: T) => boolean): number {
    // The first block whose last item qualifies, then the first qualifying item inside it.
    let low = 0;
    let high = this.blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const items = this.blocks[middle] as T[];
      if (isAfter(items[items.length - 1] as T)) high = middle;
      else low = middle + 1;
    }
    if (low === this.blocks.length) return this.count;
    const items = this.blocks[low] as T[];
    let first = 0;
    let last = items.length;
    while (first < last) {
      const middle = (first + last) >>> 1;
      if (isAfter(items[middle] as T)) last = middle;
      else first = middle + 1;
    }
    this.refresh();
    return (this.starts[low] ?? 0) + first;
  }

  private blockAt(position: number): number {
    this.refresh();
    let low = 0;
    let high = this.blocks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.starts[middle] ?? 0) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private refresh(): void {
    if (!this.dirty) return;
    this.starts = [];
    let position = 0;
    for (const items of this.blocks) {
      this.starts.push(position);
      position += items.length;
    }
    this.dirty = false;
  }
}
