// A progress sheet read in part, for 統合候補: every cell of its first rows (where the layout is
// found, layout.ts layoutRows), then below them only the columns the suggestions are computed
// from. Pure: the adapter (src/addon/partial-read.ts) reads the cells; this module says which
// columns are needed, builds the grid the reader parses, and the fingerprint (merge-store.ts)
// covers exactly what was read.
import type { CellValue, Grid } from './model';
import type { Layout } from './layout';

/** One column below the first rows: as stored (`values`) and/or as shown (`shown`). */
export interface ColumnRead {
  col: number;
  values?: CellValue[];
  shown?: string[];
}

export interface PartialGrid {
  name: string;
  /** The sheet's size (getLastRow, getLastColumn). */
  rows: number;
  cols: number;
  /** Rows 1 … head.values.length, every column, as stored and as shown. */
  head: { values: CellValue[][]; display: string[][] };
  /** The columns read below the head, from the row under it to `rows`. */
  columns: ColumnRead[];
}

/**
 * The columns 統合候補 reads below the head rows: what a plan's ID, name, place in the hierarchy
 * (基本方針, 基本目標 and their names, 個別施策), departments (主担当課, 関係課, the 主担当 mark),
 * indicator names, status and merge come from, and every column left of the IDs (a title alone
 * there starts a block and names its goal). Figures, units, comments and the add-on's 入力チェック
 * column are not read: the suggestions do not depend on them.
 */
export function candidateColumns(layout: Layout): number[] {
  const L = layout.columns;
  const fields = [
    L.id, L.name, L.policy, L.policyName, L.goal, L.goalName, L.measure, L.mainDept, L.relatedDepts, L.leadMark,
    L.indicator, L.status, L.mergedInto,
  ];
  const cols = new Set<number>(fields.filter((c): c is number => c !== undefined));
  // The reader takes a lone cell at or left of this column for a block's title.
  const mapped = Object.entries(L).filter(([f]) => f !== 'check' && f !== 'mergedInto').map(([, c]) => c as number);
  const titles = L.id ?? Math.min(...mapped, Infinity);
  for (let c = 0; c <= titles && Number.isFinite(titles); c++) cols.add(c);
  return [...cols].sort((a, b) => a - b);
}

/**
 * The grid the reader parses: the head as read, and below it the columns read (a column read as
 * shown only holds its display string as its value too; the reader reads such columns as text),
 * every other cell blank. A result computed from it depends on nothing but what was read.
 */
export function assemble(p: PartialGrid): Grid {
  const values: CellValue[][] = p.head.values.map((r) => r.slice());
  const display: string[][] = p.head.display.map((r) => r.slice());
  const top = values.length;
  for (let r = top; r < p.rows; r++) {
    values.push(new Array<CellValue>(p.cols).fill(''));
    display.push(new Array<string>(p.cols).fill(''));
  }
  for (const c of p.columns) {
    for (let i = 0; top + i < p.rows; i++) {
      const v = c.values ? c.values[i] : c.shown?.[i];
      const shown = c.shown ? c.shown[i] : v === null || v === undefined ? '' : String(v);
      values[top + i][c.col] = v ?? '';
      display[top + i][c.col] = shown ?? '';
    }
  }
  return { name: p.name, values, display };
}
