/** One acquisition (or renewal): the offsets whose lock lapses at `at`. */
export interface LockEntry {
  at: number;
  offsets: number[];
}

/**
 * Min-heap of lock expiries. One entry per acquired batch rather than per record keeps the
 * heap small at high throughput; renewals push a fresh entry and the stale one is skipped
 * when it pops (the record's own lockExpiresAt no longer matches).
 */
export class LockHeap {
  private readonly items: LockEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): LockEntry | undefined {
    return this.items[0];
  }

  push(entry: LockEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= entry.at) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = entry;
  }

  pop(): LockEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]!.at < items[left]!.at ? right : left;
      if (items[child]!.at >= last.at) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
