// Spreadsheet adapter: every read is one batch per sheet and every write one batch per output
// sheet, because each Range call is a round trip to Google's servers.
import type { CellValue, Grid } from '../core/model';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Reads a whole sheet: values and display strings (3 service calls). */
export function readGrid(sheet: Sheet): Grid {
  const range = sheet.getDataRange();
  return {
    name: sheet.getName(),
    values: range.getValues() as CellValue[][],
    display: range.getDisplayValues(),
  };
}

/** Reads the named sheets that exist, each once. Missing sheets are simply absent. */
export function readSheets(ss: Spreadsheet, names: readonly string[]): Record<string, Grid> {
  const wanted = new Set(names);
  const grids: Record<string, Grid> = {};
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (wanted.has(name)) grids[name] = readGrid(sheet);
  }
  return grids;
}

export interface OutputTable {
  /** Header row first. Strings must already be escaped (core/cells.ts). */
  values: (string | number | boolean)[][];
  /** Same shape as values; null keeps the default. */
  backgrounds?: (string | null)[][];
  /** Column widths in pixels, left to right. */
  widths?: number[];
  /** Number formats per column (applied to the data rows; '' leaves a column as is). */
  formats?: string[];
  /** Rows to freeze (default 1, the header). */
  frozenRows?: number;
}

const HEADER_BACKGROUND = '#e8eaed';

/**
 * Replaces the content of an add-on-owned sheet in one batch: clear, one setValues, one
 * setBackgrounds, header styling. The sheet is created at the end when missing.
 */
export function writeOutputSheet(ss: Spreadsheet, name: string, table: OutputTable, existing?: Sheet | null): Sheet {
  const sheet = existing ?? ss.getSheetByName(name) ?? ss.insertSheet(name, ss.getNumSheets());
  sheet.clear();
  const rows = table.values.length;
  const cols = rows ? table.values[0].length : 0;
  if (rows === 0 || cols === 0) return sheet;
  const range = sheet.getRange(1, 1, rows, cols);
  range.setValues(table.values);
  // One call per formatted column, never per cell.
  if (rows > 1) table.formats?.forEach((f, c) => f && sheet.getRange(2, c + 1, rows - 1, 1).setNumberFormat(f));
  const backgrounds = table.values.map((row, r) =>
    row.map((_, c) => (r === 0 ? HEADER_BACKGROUND : table.backgrounds?.[r]?.[c] ?? null)),
  );
  range.setBackgrounds(backgrounds as string[][]);
  sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
  sheet.setFrozenRows(table.frozenRows ?? 1);
  table.widths?.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  return sheet;
}

/** Appends one row to an add-on-owned log sheet, creating it with its header when missing. */
export function appendLog(ss: Spreadsheet, name: string, header: string[], row: (string | number)[]): void {
  let sheet = ss.getSheetByName(name);
  if (!sheet) {
    sheet = ss.insertSheet(name, ss.getNumSheets());
    sheet.getRange(1, 1, 1, header.length).setValues([header]).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
    sheet.setFrozenRows(1);
  }
  sheet.appendRow(row);
}
