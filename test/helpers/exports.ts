/**
 * What a CSV export cell must be, given the JSON export's value — the README's rule written out here
 * independently of the renderer: numbers to four significant digits (whole numbers unchanged), text that
 * a spreadsheet would run (= + - @ tab CR first) behind an apostrophe, nothing for null.
 */
export function expectedCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : Number(value.toPrecision(4)));
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A JSON export row as its CSV row must read once parsed. */
export function expectedCsvRow(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, expectedCsvCell(v)]));
}
