// Reads what a command needs: each named sheet looked up by name and read once. Sheets are
// looked up by name rather than listed, so the cost does not grow with the other sheets people
// keep in the workbook.
import type { Grid } from '../core/model';
import { SHEETS } from '../core/schema';
import { readGrid } from './sheets';
import { MAPPING_PROPERTY, parseMapping, type ColumnMapping } from '../core/mapping';

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
  /** The column mapping saved in 列の対応 (null when none), read with the inputs. */
  mapping: ColumnMapping | null;
}

/** The saved 列の対応 (document properties); null when none or unreadable. */
export function loadMapping(): ColumnMapping | null {
  return parseMapping(PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY));
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
  const mapping = read.includes(SHEETS.progress) ? loadMapping() : null;
  // The progress sheet mapped in 列の対応 may have another name: read it with the others.
  const names = mapping && !read.includes(mapping.sheet) ? [...read, mapping.sheet] : read;
  for (const name of [...names, ...find]) {
    if (sheets.has(name)) continue;
    const sheet = ss.getSheetByName(name);
    sheets.set(name, sheet);
    // Display strings matter where people type figures ("86.50%" reads back as 0.865).
    if (sheet && names.includes(name)) grids[name] = readGrid(sheet, name, name === SHEETS.progress || name === mapping?.sheet);
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
  return { ss, sheets, grids, mapping };
}
