// onEdit (simple trigger): re-validates only the plan blocks that contain the edited rows and
// rewrites their 入力チェック cells. A handful of calls, no full-sheet read, no lock (simple
// triggers must finish fast and cannot wait); sheet-wide rules (duplicate IDs, 担当課 and 施策体系
// look-ups) are left to the 入力チェック menu.
import type { CellValue, Grid } from '../core/model';
import { detectLayout, isLayoutError, planBlock } from '../core/layout';
import { readRows } from '../core/reader';
import { SHEETS } from '../core/schema';
import { prepareStatusColumn } from './check';
import { WriteBatch } from './sheets';
import { UserError } from './errors';
import { loadMapping } from './inputs';

/** Header rows are within the first rows of the sheet (layout detection looks at ≤10). */
const HEADER_SCAN_ROWS = 10;
/** Rows of the ID column read above and below the edit at first. */
const ID_WINDOW = 50;
/** Above this many edited rows (a paste of a whole block), leave it to 入力チェック. */
const MAX_EDITED_ROWS = 200;

/** An edit event as Apps Script sends it; anything else (a call from the editor, a test) is ignored. */
function isEditEvent(e: unknown): e is GoogleAppsScript.Events.SheetsOnEdit {
  const range = (e as { range?: unknown } | null | undefined)?.range as Record<string, unknown> | null | undefined;
  return typeof range === 'object' && range !== null &&
    ['getSheet', 'getRow', 'getNumRows', 'getColumn', 'getNumColumns'].every((m) => typeof range[m] === 'function');
}

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  if (!isEditEvent(e)) return;
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  // The columns as confirmed in 列の対応 (also for a progress sheet under another name).
  const mapping = loadMapping();
  if (name !== SHEETS.progress && name !== mapping?.sheet) return;
  const firstEdited = range.getRow();
  const editedRows = range.getNumRows();
  if (editedRows > MAX_EDITED_ROWS) return;

  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn === 0 || lastRow === 0) return;
  const scan = Math.min(HEADER_SCAN_ROWS, lastRow);
  const head = sheet.getRange(1, 1, scan, lastColumn);
  const headGrid: Grid = { name, values: head.getValues() as CellValue[][], display: head.getDisplayValues() };
  const layout = detectLayout(headGrid, mapping);
  if (isLayoutError(layout)) return;
  const firstData = layout.firstDataRow + 1;
  const from = Math.max(firstEdited, firstData);
  const to = Math.min(firstEdited + editedRows - 1, lastRow);
  if (from > to) return;
  // Edits to the add-on's own column are not re-checked.
  if (layout.columns.check !== undefined && range.getColumn() === layout.columns.check + 1 && range.getNumColumns() === 1) return;

  // The ID column tells where the plan blocks around the edit start and end.
  const idCol = layout.columns.id;
  let blockFirst = from;
  let blockLast = to;
  if (idCol !== undefined) {
    // A window of the ID column around the edit, widened only while a block reaches its edge
    // (a plan's rows are a few): the cells read do not grow with the sheet.
    for (let span = ID_WINDOW; ; span *= 4) {
      const lo = Math.max(firstData, from - span);
      const hi = Math.min(lastRow, to + span);
      const ids = sheet.getRange(lo, idCol + 1, hi - lo + 1, 1).getValues().map((r) => r[0] as CellValue);
      // Index r - 1 is row r; rows above the window read as blank and never decide anything.
      const column: CellValue[] = [...new Array<CellValue>(lo - 1).fill(''), ...ids];
      blockFirst = planBlock(column, layout, from).first;
      blockLast = planBlock(column, layout, to).last;
      const openTop = blockFirst <= lo && lo > firstData;
      const openBottom = blockLast >= hi && hi < lastRow;
      if (!openTop && !openBottom) break;
    }
  }
  const count = blockLast - blockFirst + 1;
  const block = sheet.getRange(blockFirst, 1, count, lastColumn);
  const grid: Grid = {
    name,
    values: [...headGrid.values.slice(0, layout.firstDataRow), ...(block.getValues() as CellValue[][])],
    display: [...headGrid.display!.slice(0, layout.firstDataRow), ...block.getDisplayValues()],
  };
  const rows = Array.from({ length: count }, (_, i) => blockFirst + i);
  const { issues } = readRows(grid, layout, rows);
  // Same checks as the menu command (a person's column, an input rule, the sheet's edge): a
  // simple trigger cannot show a message, so when one fails nothing is written and 入力チェック
  // from the menu says why.
  const batch = new WriteBatch(e.source ?? sheet.getParent());
  try {
    prepareStatusColumn(batch, sheet, grid, layout, blockFirst, count, issues, false);
  } catch (e) {
    if (e instanceof UserError) return;
    throw e;
  }
  try {
    batch.commit();
  } catch (err) {
    // 担当課ごとに保護 leaves the 入力チェック column to the 事務局: a department's edit cannot
    // update it (Sheets refuses the write), and a simple trigger cannot say so. 入力チェック
    // from the menu brings the column up to date.
    if (/protected cell or object/.test(String((err as { message?: unknown })?.message ?? ''))) return;
    throw err;
  }
}
