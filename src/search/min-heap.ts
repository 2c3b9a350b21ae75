/** A binary heap: the smallest item by `compare` on top. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  replaceTop(item: T): void {
    this.items[0] = item;
    this.down(0);
  }

  /** Every item, smallest first; empties the heap. */
  drain(): T[] {
    const out: T[] = [];
    while (this.items.length > 0) {
      out.push(this.items[0] as T);
      const last = this.items.pop() as T;
      if (this.items.length > 0) {
        this.items[0] = last;
        this.down(0);
      }
    }
    return out;
  }

  private up(index: number): void {
    const { items, compare } = this;
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (compare(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  private down(index: number): void {
    const { items, compare } = this;
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
      if (right < items.length && compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
      if (smallest === i) return;
      [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
      i = smallest;
    }
  }
}
