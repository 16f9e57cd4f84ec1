/**
 * A multiset of numbers kept sorted in a typed array: insert and remove by binary search and one
 * block move, the median and the maximum in constant time. Holds a sliding third of a window.
 */
export class SortedValues {
  private values = new Float64Array(4);
  size = 0;

  insert(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const at = this.lowerBound(value);
    this.values.copyWithin(at + 1, at, this.size);
    this.values[at] = value;
    this.size++;
  }

  remove(value: number): void {
    const at = this.lowerBound(value);
    if (at >= this.size || this.values[at] !== value) throw new Error(`SortedValues: ${value} is not held`);
    this.values.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** As window-stats' median: the mean of the two middle values for an even count; null when empty. */
  median(): number | null {
    if (this.size === 0) return null;
    const middle = this.size >> 1;
    return this.size % 2 === 1 ? this.values[middle]! : (this.values[middle - 1]! + this.values[middle]!) / 2;
  }

  max(): number {
    return this.size === 0 ? -Infinity : this.values[this.size - 1]!;
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
