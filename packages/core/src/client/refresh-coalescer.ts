/**
 * Coalesces metadata refreshes. After a leader move every consumer, partition and fetch sees
 * NOT_LEADER_OR_FOLLOWER at once; without this each would send its own Metadata request. A refresh
 * already under way that covers the asked topics is joined; otherwise the ask is merged into ONE
 * follow-up refresh that starts when the current one ends.
 */
export class RefreshCoalescer {
  private current: { names: Set<string>; done: Promise<void> } | undefined;
  private next: { names: Set<string>; done: Promise<void> } | undefined;

  constructor(private readonly fetch: (names: string[]) => Promise<void>) {}

  refresh(names: readonly string[]): Promise<void> {
    const current = this.current;
    if (!current) return this.start(new Set(names));
    if (names.every((n) => current.names.has(n))) return current.done;
    if (this.next) {
      for (const n of names) this.next.names.add(n);
      return this.next.done;
    }
    const next = { names: new Set(names), done: Promise.resolve() };
    // The follow-up runs whatever the current refresh's outcome; that outcome still reaches its own callers.
    next.done = current.done.then(
      () => this.promote(next),
      () => this.promote(next),
    );
    this.next = next;
    return next.done;
  }

  private promote(next: { names: Set<string> }): Promise<void> {
    this.next = undefined;
    return this.start(next.names);
  }

  private start(names: Set<string>): Promise<void> {
    const run = { names, done: Promise.resolve() };
    run.done = this.fetch([...names]).finally(() => {
      if (this.current === run) this.current = undefined;
    });
    this.current = run;
    return run.done;
  }
}
