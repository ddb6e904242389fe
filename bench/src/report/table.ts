/** Markdown tables for the console and the README. */
export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export function renderTable(table: Table): string {
  const cells = (row: readonly (string | number)[]) => `| ${row.map(String).join(' | ')} |`;
  return [
    `**${table.title}**`,
    '',
    cells(table.headers),
    `|${table.headers.map(() => '---').join('|')}|`,
    ...table.rows.map(cells),
  ].join('\n');
}

/** Ratio as "1.23×", or "n/a" when the denominator is missing. */
export function ratio(numerator: number, denominator: number): string {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return 'n/a';
  return `${(numerator / denominator).toFixed(2)}×`;
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
