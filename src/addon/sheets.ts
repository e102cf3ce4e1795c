// Spreadsheet adapter: every read is one batch per sheet and every write one batch per output
// sheet, because each Range call is a round trip to Google's servers.
import type { CellValue, Grid } from '../core/model';
import { escapeCell } from '../core/cells';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Reads a whole sheet in one batch: values, and the display strings only when asked (they
 * matter where people type figures: "86.50%" comes back from getValues as 0.865).
 */
export function readGrid(sheet: Sheet, name: string, withDisplay: boolean): Grid {
  if (withDisplay) {
    const range = sheet.getDataRange();
    return { name, values: range.getValues() as CellValue[][], display: range.getDisplayValues() };
  }
  // One call instead of getDataRange + getValues: -1 means "to the last row/column with data".
  // On an empty sheet there is no such range and the call throws: the grid is empty.
  try {
    return { name, values: sheet.getSheetValues(1, 1, -1, -1) as CellValue[][] };
  } catch {
    return { name, values: [] };
  }
}

export interface OutputTable {
  /** Header row first. Strings must already be escaped (core/cells.ts). */
  values: (string | number | boolean)[][];
  /** Same shape as values; null keeps the default. */
  backgrounds?: (string | null)[][];
  /** Column widths in pixels, left to right. */
  widths?: number[];
}

/** Header fill of every sheet the add-on creates (Google's light grey). */
export const HEADER_BACKGROUND = '#e8eaed';

/** Rows and columns holding content on the sheet before this write (from a grid already read). */
export interface SheetSize {
  rows: number;
  cols: number;
}

export function gridSize(grid: Grid | undefined): SheetSize | undefined {
  if (!grid) return undefined;
  return { rows: grid.values.length, cols: grid.values.reduce((m, r) => Math.max(m, r.length), 0) };
}

/**
 * Replaces the content of an add-on-owned sheet with one setValues and one setBackgrounds.
 * Instead of clearing first, the table is padded with blanks over what the previous run left,
 * so a steady run costs three calls whatever the size. Header styling is set when the sheet
 * is created. The sheet grows first when the table is larger than it (getRange would throw).
 */
export function writeOutputSheet(
  ss: Spreadsheet, name: string, table: OutputTable, existing?: Sheet | null, previous?: SheetSize,
): Sheet {
  let sheet = existing === undefined ? ss.getSheetByName(name) : existing;
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(name, ss.getNumSheets());
  const prev = created ? { rows: 0, cols: 0 } : previous ?? { rows: sheet.getLastRow(), cols: sheet.getLastColumn() };
  const dataRows = table.values.length;
  const dataCols = dataRows ? Math.max(...table.values.map((r) => r.length)) : 0;
  const rows = Math.max(dataRows, prev.rows);
  const cols = Math.max(dataCols, prev.cols);
  if (rows === 0 || cols === 0) return sheet;
  if (rows > prev.rows || cols > prev.cols) ensureSize(sheet, rows, cols);
  const values: (string | number | boolean)[][] = [];
  const backgrounds: (string | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const src = table.values[r];
    const bg = table.backgrounds?.[r];
    const vRow: (string | number | boolean)[] = new Array(cols);
    const bRow: (string | null)[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      vRow[c] = src && c < src.length ? src[c] : '';
      bRow[c] = r === 0 && src ? HEADER_BACKGROUND : bg?.[c] ?? null;
    }
    values.push(vRow);
    backgrounds.push(bRow);
  }
  const range = sheet.getRange(1, 1, rows, cols);
  range.setValues(values);
  range.setBackgrounds(backgrounds as string[][]);
  if (created) {
    sheet.getRange(1, 1, 1, dataCols).setFontWeight('bold');
    sheet.setFrozenRows(1);
    table.widths?.forEach((w, i) => sheet!.setColumnWidth(i + 1, w));
  }
  return sheet;
}

/** Grows the sheet to hold rows × cols (Sheets' new sheets have 1000 rows and 26 columns). */
function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

function logSheet(ss: Spreadsheet, name: string, header: readonly string[], existing: Sheet | null | undefined): Sheet {
  let sheet = existing === undefined ? ss.getSheetByName(name) : existing;
  if (!sheet) {
    sheet = ss.insertSheet(name, ss.getNumSheets());
    sheet.getRange(1, 1, 1, header.length).setValues([[...header]]).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
    sheet.setFrozenRows(1);
  }
  return sheet;
}

/** Appends one row to an add-on-owned log sheet, creating it with its header when missing. */
export function appendLog(
  ss: Spreadsheet, name: string, header: readonly string[], row: (string | number)[], existing?: Sheet | null,
): void {
  logSheet(ss, name, header, existing).appendRow(row.map((v) => (typeof v === 'string' ? escapeCell(v) : v)));
}

/** Appends rows (already escaped) to an add-on-owned log sheet in one write. */
export function appendRows(
  ss: Spreadsheet, name: string, header: readonly string[], rows: string[][], existing?: Sheet | null,
): void {
  if (rows.length === 0) return;
  const sheet = logSheet(ss, name, header, existing);
  sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, header.length).setValues(rows);
}
