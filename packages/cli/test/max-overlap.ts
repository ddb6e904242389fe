export interface Span {
  startedAt: number;
  endedAt: number;
}

/** The most spans open at one instant (an end at the same ms as a start does not overlap it). */
export function maxOverlap(spans: readonly Span[]): number {
  const edges = spans.flatMap((s) => [
    { at: s.startedAt, step: 1 },
    { at: s.endedAt, step: -1 },
  ]);
  // At equal times an end comes before a start: touching spans did not overlap.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let max = 0;
  for (const edge of edges) {
    open += edge.step;
    max = Math.max(max, open);
  }
  return max;
}
