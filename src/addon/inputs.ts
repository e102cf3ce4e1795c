// Reads what a command needs: each named sheet looked up by name and read once. Sheets are
// looked up by name rather than listed, so the cost does not grow with the other sheets people
// keep in the workbook.
import type { Grid } from '../core/model';
import { SHEETS } from '../core/schema';
import { readGrid } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheets people type into. */
export const INPUT_SHEETS: readonly string[] = [
  SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings, SHEETS.recommendations,
];

export interface Inputs {
  ss: Spreadsheet;
  /**
   * Every sheet looked up, by name: null when it does not exist. Writers take it from here
   * (a name not looked up is undefined, and the writer looks it up itself).
   */
  sheets: Map<string, Sheet | null>;
  /** Grids of the sheets read that exist. */
  grids: Record<string, Grid>;
}

/**
 * Reads the sheets in `read` (one batch each) and looks up those in `find` (to write to them
 * later without another look-up). When an input sheet is asked for but absent under its name,
 * every other sheet is read so the reader can find it under another name or by its contents
 * (体系, 委員一覧 …; core/reader.ts locateInputs).
 */
export function readInputs(read: readonly string[], find: readonly string[] = []): Inputs {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheets = new Map<string, Sheet | null>();
  const grids: Record<string, Grid> = {};
  for (const name of [...read, ...find]) {
    if (sheets.has(name)) continue;
    const sheet = ss.getSheetByName(name);
    sheets.set(name, sheet);
    // Display strings matter where people type figures ("86.50%" reads back as 0.865).
    if (sheet && read.includes(name)) grids[name] = readGrid(sheet, name, name === SHEETS.progress);
  }
  if (read.some((name) => INPUT_SHEETS.includes(name) && !sheets.get(name))) {
    const known = new Set<string>(Object.values(SHEETS));
    for (const sheet of ss.getSheets()) {
      const name = sheet.getName();
      if (known.has(name)) continue;
      sheets.set(name, sheet);
      grids[name] = readGrid(sheet, name, true);
    }
  }
  return { ss, sheets, grids };
}
