/**
 * The one renderer of export rows (plan, routes), shared by the CLI and the API so both write the same
 * file: CSV with a header row in the given column order, or JSON with the same keys in the same order.
 * CSV cells that a spreadsheet would run as a formula — text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (OWASP "CSV injection") — are prefixed with `'`, since names come from AD, scanners and
 * vendor registers and an attacker chooses them. Numbers are rounded for people in CSV (four significant
 * digits; whole numbers as they are); JSON keeps full precision and the text as it is.
 */
import { stringify } from 'csv-stringify/sync';

export type ExportRow = Record<string, string | number>;
export type ExportFormat = 'csv' | 'json';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell a spreadsheet shows as text: formula-like text gets a leading apostrophe. */
export function neutraliseCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A number as a person reads it in a spreadsheet: four significant digits, whole numbers unchanged. */
export function roundForPeople(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(4));
}

const csvCell = (value: string | number | null | undefined) => (typeof value === 'number' ? roundForPeople(value) : neutraliseCell(value));

export function renderExport(format: ExportFormat, columns: readonly string[], rows: readonly ExportRow[]): string {
  if (format === 'json') return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]]))));
  return stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, csvCell(r[c])]))), { header: true, columns: [...columns] });
}
