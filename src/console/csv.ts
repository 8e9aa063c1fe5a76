/**
 * CSV files for spreadsheets, written with csv-stringify. Members' own words may start
 * with = + - or @, which a spreadsheet would run as a formula: such cells are
 * prefixed with a quote mark (escape_formulas), so opening an export runs nothing.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null | undefined;

/** Rows as CSV text (CRLF line ends, as spreadsheets expect); a header is just the first row. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as Cell[][], { escape_formulas: true, record_delimiter: 'windows', cast: { number: (n) => String(n) } });
}
