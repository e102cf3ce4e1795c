// Test helpers: the sample workbook in a fresh session of the built bundle.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession, type AddonSession } from '../../src/local/session';
import { sukagawaGrids } from '../../src/local/sample/sukagawa';

export function sampleSession(mutate?: (grids: Record<string, (string | number)[][]>) => void): AddonSession {
  const grids = sukagawaGrids();
  mutate?.(grids);
  return openSession(spreadsheetFromGrids('須賀川市 進捗管理', grids));
}

/** Uncounted snapshot of a sheet's values and display strings. */
export function snapshot(session: AddonSession, sheet: string): { values: unknown[][]; display: string[][] } {
  const model = session.runtime.spreadsheet.model;
  return { values: model.grid(sheet), display: model.displayGrid(sheet) };
}

export function records(session: AddonSession, sheet: string): Record<string, unknown>[] {
  const r = session.sheetRecords(sheet);
  if (!r) throw new Error(`no sheet ${sheet}`);
  return r.rows;
}

/**
 * Uncounted picture of the whole workbook: every sheet's size and every cell attribute (value,
 * formula, format, note, fill, font, validation …). Equal pictures mean nothing was written.
 */
export function workbookState(session: AddonSession): string {
  const model = session.runtime.spreadsheet.model;
  return JSON.stringify(model.sheets.map((s) => ({
    name: s.name, maxRows: s.maxRows, maxCols: s.maxCols, frozen: [s.frozenRows, s.frozenColumns],
    layers: s.layers().map((l) => l.rows.map((row) => row?.map((v) => {
      if (v && typeof v === 'object' && 'criteria' in (v as object)) {
        const rule = v as { criteria: string; args: unknown[]; allowInvalid: boolean };
        return { criteria: rule.criteria, list: Array.isArray(rule.args[0]) ? rule.args[0] : null, allowInvalid: rule.allowInvalid };
      }
      return v;
    }))),
  })));
}

/** Deletes the empty rows and columns past a sheet's content (a sheet trimmed by a person). */
export function trimSheet(session: AddonSession, name: string): void {
  const sheet = session.runtime.spreadsheet.getSheetByName(name)!;
  // Sheets keeps at least one row below the frozen ones.
  const rows = Math.max(sheet.getLastRow(), sheet.getFrozenRows() + 1, 1);
  const cols = Math.max(sheet.getLastColumn(), 1);
  if (sheet.getMaxRows() > rows) sheet.deleteRows(rows + 1, sheet.getMaxRows() - rows);
  if (sheet.getMaxColumns() > cols) sheet.deleteColumns(cols + 1, sheet.getMaxColumns() - cols);
}

/** A person's dropdown that rejects anything but its items, on a block of a sheet. */
export function rejectingDropdown(session: AddonSession, name: string, row: number, col: number, rows = 1, cols = 1): void {
  const app = session.runtime.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const rule = app.newDataValidation().requireValueInList(['済', '未'], true).setAllowInvalid(false).build();
  session.runtime.spreadsheet.getSheetByName(name)!.getRange(row, col, rows, cols).setDataValidation(rule);
}
