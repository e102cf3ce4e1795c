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
