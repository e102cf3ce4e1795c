// Reads a progress sheet in part (統合候補): the first rows whole, then only the columns needed.
// Each call is a round trip and each cell moved costs too (docs/performance.md), so the columns
// are read in runs: close columns share a call, far ones are read apart (sheets.ts columnRuns).
import type { CellValue } from '../core/model';
import type { ColumnMapping } from '../core/mapping';
import { detectLayout, isLayoutError, layoutRows, type Layout } from '../core/layout';
import type { ColumnRead, PartialGrid } from '../core/partial-grid';
import { CELLS_PER_CALL, columnRuns, readFailure } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Below the head, at most this many cells are read whole rather than in part: reading in part
 * costs about six more calls (the sheet's size, the ID column, the runs of columns).
 */
const WHOLE_BELOW_CELLS = 6 * CELLS_PER_CALL;

const typed = (v: CellValue) => v !== '' && v !== null && v !== undefined && typeof v !== 'string';

/**
 * The head rows (every column, as stored and as shown: the layout is found there, as on the whole
 * sheet), then below them the columns `columnsOf` names for that layout. The ID column is read as
 * stored (a code Sheets turned into a date is read back from its month and day), and as shown too
 * when it holds anything but text; the other columns only as shown (the reader reads them as
 * text, and a text cell shows its text). A failure stops the command, as for a whole read.
 */
export function readPartialGrid(
  sheet: Sheet, name: string, mapping: ColumnMapping | null, columnsOf: (layout: Layout) => number[],
): PartialGrid {
  try {
    const rows = sheet.getLastRow();
    const cols = sheet.getLastColumn();
    if (rows === 0 || cols === 0) return { name, rows: 0, cols: 0, head: { values: [], display: [] }, columns: [] };
    // A small sheet is read whole: the calls of a read in part would cost more than its cells.
    const top = (rows - layoutRows(mapping)) * cols <= WHOLE_BELOW_CELLS ? rows : layoutRows(mapping);
    const range = sheet.getRange(1, 1, top, cols);
    const head = { values: range.getValues() as CellValue[][], display: range.getDisplayValues() };
    const out: PartialGrid = { name, rows, cols, head, columns: [] };
    const below = rows - top;
    if (below === 0) return out;
    const layout = detectLayout({ name, values: head.values, display: head.display }, mapping);
    // Without a layout the reader stops at the head (the same error as for the whole sheet).
    if (isLayoutError(layout)) return out;
    const wanted = columnsOf(layout).filter((c) => c >= 0 && c < cols);
    const columns = new Map<number, ColumnRead>();
    const key = layout.columns.id;
    let shownKey = false;
    if (key !== undefined && wanted.includes(key)) {
      const values = sheet.getRange(top + 1, key + 1, below, 1).getValues().map((r) => r[0] as CellValue);
      columns.set(key, { col: key, values });
      shownKey = values.some(typed);
    }
    const shownCols = wanted.filter((c) => c !== key || shownKey);
    for (const [lo, hi] of columnRuns(shownCols, below)) {
      const shown = sheet.getRange(top + 1, lo + 1, below, hi - lo + 1).getDisplayValues();
      // Columns between the wanted ones are read with them but not kept: the result depends
      // only on the wanted columns, whatever the runs.
      for (const c of shownCols) {
        if (c < lo || c > hi) continue;
        const read = columns.get(c) ?? { col: c };
        read.shown = shown.map((r) => r[c - lo]);
        columns.set(c, read);
      }
    }
    out.columns = [...columns.values()].sort((a, b) => a.col - b.col);
    return out;
  } catch (e) {
    throw readFailure(name, e);
  }
}
