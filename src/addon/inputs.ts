// Reads what people typed: every sheet that is not an add-on output, each exactly once.
import type { Grid } from '../core/model';
import { OUTPUT_SHEETS, SHEETS } from '../core/schema';
import { readGrid } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Inputs {
  ss: Spreadsheet;
  /** Every sheet by name (read or not), so writers reuse them instead of looking them up again. */
  sheets: Map<string, Sheet>;
  /** Grids of the input sheets plus any output sheets asked for. */
  grids: Record<string, Grid>;
}

/**
 * Reads the input sheets (and the listed output sheets, e.g. the previous 集計結果 for the
 * overrides people typed there). Output sheets not asked for are not read, nor
 * the input sheets in `skip` (a command that does not need them saves two calls each).
 */
export function readInputs(alsoRead: readonly string[] = [], skip: readonly string[] = []): Inputs {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheets = new Map<string, Sheet>();
  const grids: Record<string, Grid> = {};
  const outputs = new Set(OUTPUT_SHEETS);
  const known = new Set<string>(Object.values(SHEETS));
  const extra = new Set(alsoRead);
  const skipped = new Set(skip);
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    sheets.set(name, sheet);
    if ((outputs.has(name) && !extra.has(name)) || skipped.has(name)) continue;
    // Display strings for the progress sheet, or for a sheet that may be it under another name.
    grids[name] = readGrid(sheet, name, name === SHEETS.progress || !known.has(name));
  }
  return { ss, sheets, grids };
}
