/** Where commands write. Injected so tests can capture output without spawning processes. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Overwrites the current terminal line (progress bars); a no-op line write when not a TTY. */
  progress(line: string): void;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: (line) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\u001b[K`);
  },
};

/** Renders rows as a fixed-width table (first row is the header). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
