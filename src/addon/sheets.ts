// Spreadsheet adapter: every read is one batch per sheet and every write one batch per output
// sheet, because each Range call is a round trip to Google's servers.
//
// Writes go through a WriteBatch: a command first prepares every write (which checks that the
// sheet is the add-on's own, that no person's input rule would reject the value and where the
// sheet must grow), then commits them all at once. A refused command therefore writes nothing.
// Where the cells were read in the same run, only those that would change are written (and only
// they are checked against input rules): a rerun over unchanged data moves almost no cells.
import type { CellValue, Grid } from '../core/model';
import { escapeCell } from '../core/cells';
import { a1, columnLetters, rangeA1 } from '../core/a1';
import { UserError } from './errors';
import { diffKeys } from '../core/row-diff';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Out = string | number | boolean;

/** Cells whose transfer costs about one service call (docs/performance.md: 30 ms ÷ 12.5 µs). */
export const CELLS_PER_CALL = 2400;

/**
 * Reads a whole sheet in one batch: values, and the display strings only when asked (they
 * matter where people type figures: "86.50%" comes back from getValues as 0.865).
 * An empty sheet reads empty; any failure stops the command with a Japanese message, because
 * treating it as empty would make the next write drop what people typed.
 */
export function readGrid(sheet: Sheet, name: string, withDisplay: boolean): Grid {
  try {
    const range = sheet.getDataRange();
    const values = range.getValues() as CellValue[][];
    // getDataRange of an empty sheet is A1 alone.
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '' && sheet.getLastRow() === 0) {
      return withDisplay ? { name, values: [], display: [] } : { name, values: [] };
    }
    return withDisplay ? { name, values, display: displayOf(sheet, range, values) } : { name, values };
  } catch (e) {
    throw readFailure(name, e);
  }
}

/**
 * Display strings only where they can differ from the values: the columns holding a number, a
 * date or a boolean (a text cell shows its text). Such columns are read in runs; runs separated by
 * a few text columns are read as one when the cells saved would not pay for the extra calls
 * (docs/performance.md: a call costs about as much as 2,400 cells).
 */
function displayOf(sheet: Sheet, range: GoogleAppsScript.Spreadsheet.Range, values: CellValue[][]): string[][] {
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const typed = new Array<boolean>(width).fill(false);
  for (const row of values) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!typed[c] && v !== '' && v !== null && v !== undefined && typeof v !== 'string') typed[c] = true;
    }
  }
  const runs = columnRuns(typed.flatMap((t, c) => (t ? [c] : [])), values.length);
  if (runs.length === 1 && runs[0][0] === 0 && runs[0][1] === width - 1) return range.getDisplayValues();
  const display = values.map((row) => row.map((v) => (v === null || v === undefined ? '' : String(v))));
  for (const [lo, hi] of runs) {
    const shown = sheet.getRange(1, lo + 1, values.length, hi - lo + 1).getDisplayValues();
    for (let r = 0; r < values.length; r++) for (let c = lo; c <= hi; c++) display[r][c] = shown[r][c - lo];
  }
  return display;
}

export function readFailure(name: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const detail = (e as { message?: unknown } | null)?.message;
  return new UserError(
    `「${name}」シートを読み込めなかったため、処理を中止しました（何も書き換えていません）。時間をおいてもう一度実行してください。` +
      `続く場合は、この表示（詳細: ${typeof detail === 'string' ? detail : String(e)}）を情報政策の担当者に伝えてください。`,
  );
}

export interface OutputTable {
  /**
   * 0-based columns whose body cells may be coloured (grades, ratings). When given, only their
   * span is painted (and the header row): the other columns are never coloured by the add-on.
   */
  paintColumns?: readonly number[];
  /** Header row first. Strings must already be escaped (core/cells.ts). */
  values: (string | number | boolean)[][];
  /** Same shape as values; null keeps the default. */
  backgrounds?: (string | null)[][];
  /** Column widths in pixels, left to right. */
  widths?: number[];
  /**
   * 0-based columns whose values together name a row (集計結果: プランID and 成果指標). When given,
   * rows of the previous output are matched to the new ones by it, and rows inserted or deleted in
   * between are inserted or deleted on the sheet (insertRowsBefore, deleteRows) when that costs
   * less than rewriting every row below them.
   */
  key?: readonly number[];
}

/** Header fill of every sheet the add-on creates (Google's light grey). */
export const HEADER_BACKGROUND = '#e8eaed';

/**
 * The marker of the add-on's own sheets and columns: a note on the header cell (A1 of an output
 * sheet, the header cell of an owned column). People see it, and a sheet or column a person made
 * under the same name does not have it, so the add-on never mistakes one for its own.
 */
export const SHEET_NOTE = '進捗管理アドオンが作成・更新するシートです。アドオンが書き直すため、見出しの名前や列の並びは変えないでください。';
export function isAddonNote(note: string): boolean {
  return /アドオンが/.test(note);
}

/** Rows and columns holding content on the sheet before this write (from a grid already read). */
export interface SheetSize {
  rows: number;
  cols: number;
}

export function gridSize(grid: Grid | undefined): SheetSize | undefined {
  if (!grid) return undefined;
  return { rows: grid.values.length, cols: grid.values.reduce((m, r) => Math.max(m, r.length), 0) };
}

interface Block {
  row: number;
  col: number;
  values: Out[][];
  backgrounds?: (string | null)[][];
  /** The block's range when checking its rules already got it (written through the same object). */
  range?: GoogleAppsScript.Spreadsheet.Range;
}

/** A rectangle of a block's values (0-based, inclusive offsets from the block's origin). */
export interface Area {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * Whether a cell already holds what setValues would store for `v`, so writing it can be skipped:
 * the same text (less the leading "'" that keeps it text: Sheets does not store it), the same
 * number or boolean, blank for ''. Anything else counts as different and is written, so a doubt
 * (a date, a text Sheets might have turned into a number) only costs a write.
 */
export function holds(stored: CellValue | undefined, v: Out): boolean {
  if (v === '') return stored === '' || stored === null || stored === undefined;
  if (typeof v === 'string') return typeof stored === 'string' && stored === (v.startsWith("'") ? v.slice(1) : v);
  return typeof stored === typeof v && stored === v;
}

/** What writing one more rectangle costs, to decide when close rows (and columns) share one. */
export interface AreaCost {
  /** Calls a rectangle of its own costs (getDataValidations, setValues, setBackgrounds …). */
  calls: number;
  /** Cells an unchanged cell costs when written with its neighbours (rules read, value written, paint). */
  cellsPerColumn: number;
  /** Cells an unchanged row costs on top of that, whatever its width (a painted span). */
  cellsPerRow?: number;
}

/** The rows of `values` that differ from `current`, each with its changed columns (ascending). */
export function changedCells(
  values: readonly Out[][], current: readonly (readonly CellValue[] | undefined)[],
): { row: number; cols: number[] }[] {
  const out: { row: number; cols: number[] }[] = [];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const now = current[r];
    let cols: number[] | undefined;
    for (let c = 0; c < row.length; c++) {
      if (holds(now?.[c], row[c])) continue;
      (cols ??= []).push(c);
    }
    if (cols) out.push({ row: r, cols });
  }
  return out;
}

/**
 * The rectangles of `values` that differ from `current` (what the same cells hold now, read in
 * this run; same origin). Each row that changed is covered from its first to its last changed
 * cell (`fullRows`: the whole row, when backgrounds go with the values); rows close together
 * share one rectangle when the unchanged cells that adds cost fewer than the calls of a rectangle
 * of its own (docs/performance.md: a call costs about as much as 2,400 cells). Inside a shared
 * rectangle, a run of columns that no row of it changes is left out (the rectangle is split in
 * two) on the same terms.
 */
export function changedAreas(
  values: readonly Out[][], current: readonly (readonly CellValue[] | undefined)[], fullRows = false,
  cost: AreaCost = { calls: 4, cellsPerColumn: 2 },
): Area[] {
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const budget = cost.calls * CELLS_PER_CALL;
  const perCell = cost.cellsPerColumn;
  const perRow = cost.cellsPerRow ?? 0;
  const groups: { area: Area; changed: boolean[] }[] = [];
  for (const { row: r, cols } of changedCells(values, current)) {
    const lo = fullRows ? 0 : cols[0];
    const hi = fullRows ? width - 1 : cols[cols.length - 1];
    const last = groups[groups.length - 1];
    if (last) {
      const a = last.area;
      const c0 = Math.min(a.c0, lo);
      const c1 = Math.max(a.c1, hi);
      const w = c1 - c0 + 1;
      // Unchanged cells written with it: the rows between, and the rows so far made wider.
      const extra = (r - a.r1 - 1) * (w * perCell + perRow) + (a.r1 - a.r0 + 1) * (w - (a.c1 - a.c0 + 1)) * perCell;
      if (extra <= budget) {
        a.r1 = r;
        a.c0 = c0;
        a.c1 = c1;
        for (const c of cols) last.changed[c] = true;
        continue;
      }
    }
    const changed = new Array<boolean>(width).fill(false);
    for (const c of cols) changed[c] = true;
    groups.push({ area: { r0: r, r1: r, c0: lo, c1: hi }, changed });
  }
  const areas: Area[] = [];
  for (const { area, changed } of groups) {
    const rows = area.r1 - area.r0 + 1;
    if (fullRows || rows === 1) {
      areas.push(area);
      continue;
    }
    // Columns no row of the rectangle changes: left out when they weigh more than a call.
    let start = area.c0;
    for (let c = area.c0; c <= area.c1; c++) {
      if (changed[c]) continue;
      let end = c;
      while (end + 1 <= area.c1 && !changed[end + 1]) end++;
      if (rows * (end - c + 1) * perCell > budget) {
        areas.push({ r0: area.r0, r1: area.r1, c0: start, c1: c - 1 });
        start = end + 1;
      }
      c = end;
    }
    areas.push({ r0: area.r0, r1: area.r1, c0: start, c1: area.c1 });
  }
  return areas;
}

function cut<T>(rows: readonly T[][], a: Area, blank: T): T[][] {
  const out: T[][] = [];
  for (let r = a.r0; r <= a.r1; r++) {
    const src = rows[r] ?? [];
    const row: T[] = new Array(a.c1 - a.c0 + 1);
    for (let c = a.c0; c <= a.c1; c++) row[c - a.c0] = c < src.length ? src[c] : blank;
    out.push(row);
  }
  return out;
}

/** Backgrounds alone (no values): a block of their own, so only coloured columns are painted. */
interface Paint {
  row: number;
  col: number;
  backgrounds: (string | null)[][];
}

/** One colour on many rectangles: one getRangeList and one setBackground, whatever their number. */
interface PaintList {
  color: string;
  areas: { row: number; col: number; rows: number; cols: number }[];
}

interface SheetPlan {
  name: string;
  sheet: Sheet | null;
  /** Rows and columns the sheet must have before the writes. */
  rows: number;
  cols: number;
  /** The sheet's size as it is (0 for a sheet to create; -1 until a write needs it). */
  maxRows: number;
  maxCols: number;
  /** Next row an append goes to. */
  nextRow?: number;
  /** Areas this user may not edit (protections), looked up on the first write; null: whole sheet. */
  locked?: ({ row: number; col: number; numRows: number; numCols: number } | null)[];
  blocks: Block[];
  /** Formatting and notes, after the values. */
  finish: ((sheet: Sheet) => void)[];
  paints?: Paint[];
  lists?: PaintList[];
  /** Rows to insert or delete before anything is written (1-based rows of the sheet as read), bottom first. */
  moves?: RowMove[];
}

interface RowMove {
  insert: boolean;
  row: number;
  count: number;
}

/** How the rows of an output sheet move (see OutputTable.key). */
interface Moved {
  moves: RowMove[];
  /** What each row holds once the rows moved (undefined: an inserted, blank row). */
  aligned: (CellValue[] | undefined)[];
  /** Per row once moved, the 1-based rows of the sheet as read whose input rules it carries. */
  sources: number[][];
}

/** A read to repeat under the lock just before writing: if it changed, the command starts over. */
interface Recheck {
  sheet: Sheet;
  name: string;
  grid: Grid;
  /** 0-based columns to ignore (the add-on's own). */
  ignore: number[];
  /** 0-based columns that alone matter (people type only there): only their span is read again. */
  only?: number[];
  /**
   * 1-based last row that matters (the lowest row written): rows below it cannot move the cells
   * written, so only the rows above are read again.
   */
  upTo?: number;
}

/** Thrown by commit when a sheet changed since it was read; the command reads again. */
export class StaleRead extends Error {
  constructor(readonly sheetName: string) {
    super(`「${sheetName}」シートが読み込み後に変更されました。`);
    this.name = 'StaleRead';
  }
}

/**
 * Runs `attempt` (read, compute, prepare, commit) again when a sheet changed between the read
 * and the write, so an edit made meanwhile is never overwritten with a stale result.
 */
export function withFreshReads<T>(what: string, attempt: () => T, tries = 3): T {
  let last = '';
  for (let i = 0; i < tries; i++) {
    try {
      return attempt();
    } catch (e) {
      if (!(e instanceof StaleRead)) throw e;
      last = e.sheetName;
    }
  }
  throw new UserError(
    `「${last}」シートが実行中に何度も編集されたため、「${what}」を中止しました（何も書き換えていません）。編集が落ち着いてから、もう一度実行してください。`,
  );
}

export class WriteBatch {
  private readonly plans = new Map<string, SheetPlan>();
  private readonly rechecks: Recheck[] = [];
  private readonly after: (() => void)[] = [];

  constructor(readonly ss: Spreadsheet) {}

  /** The plan of one sheet (created on first use). */
  plan(name: string, sheet: Sheet | null): SheetPlan {
    let p = this.plans.get(name);
    if (!p) {
      // The size is looked up on the first write: a sheet that already holds its values costs nothing.
      const unknown = sheet ? -1 : 0;
      p = { name, sheet, rows: 0, cols: 0, maxRows: unknown, maxCols: unknown, blocks: [], finish: [] };
      this.plans.set(name, p);
    }
    return p;
  }

  /** Values (and backgrounds) to write; checked against people's input rules now. */
  write(p: SheetPlan, block: Block): void {
    if (block.values.length === 0) return;
    const width = Math.max(...block.values.map((r) => r.length));
    p.rows = Math.max(p.rows, block.row + block.values.length - 1);
    p.cols = Math.max(p.cols, block.col + width - 1);
    if (p.sheet) {
      if (p.maxRows < 0) {
        p.maxRows = p.sheet.getMaxRows();
        p.maxCols = p.sheet.getMaxColumns();
      }
      checkProtections(p, { row: block.row, col: block.col, rows: block.values.length, cols: width });
      checkRules(p, block);
    }
    p.blocks.push(block);
  }

  /**
   * Like write, but only the cells that differ from `current` (what the block's cells hold now,
   * read in this run, same origin) are written and checked. Returns the rectangles written and
   * the rows that changed (0-based in the block).
   */
  writeChanged(p: SheetPlan, block: Block, current: readonly (readonly CellValue[] | undefined)[]): { areas: Area[]; rows: number[] } {
    // A rectangle of its own: getDataValidations and setValues on a range got with the others
    // (one getRangeList), plus setBackgrounds when backgrounds go with the values. Painted
    // columns are painted apart, for the changed rows only (paintChanged).
    const bg = block.backgrounds !== undefined;
    const cost: AreaCost = bg ? { calls: 3, cellsPerColumn: 3 } : { calls: 2, cellsPerColumn: 2 };
    const areas = changedAreas(block.values, current, bg, cost);
    const blocks: Block[] = areas.map((a) => ({
      row: block.row + a.r0, col: block.col + a.c0, values: cut(block.values, a, ''),
      ...(block.backgrounds ? { backgrounds: cut(block.backgrounds, a, null) } : {}),
    }));
    this.rangesOf(p, blocks);
    for (const b of blocks) this.write(p, b);
    return { areas, rows: changedCells(block.values, current).map((c) => c.row) };
  }

  /**
   * The ranges of several blocks in one getRangeList and one getRanges instead of a getRange
   * each (only blocks inside the sheet as it is; the others are past its edge until it grows).
   */
  private rangesOf(p: SheetPlan, blocks: Block[]): void {
    if (!p.sheet || blocks.length < 3) return;
    if (p.maxRows < 0) {
      p.maxRows = p.sheet.getMaxRows();
      p.maxCols = p.sheet.getMaxColumns();
    }
    const inside = blocks.filter((b) => b.row + b.values.length - 1 <= p.maxRows && b.col + b.values[0].length - 1 <= p.maxCols);
    if (inside.length < 3) return;
    const ranges = p.sheet.getRangeList(inside.map((b) => rangeA1(b.row, b.col, b.row + b.values.length - 1, b.col + b.values[0].length - 1))).getRanges();
    inside.forEach((b, i) => {
      b.range = ranges[i];
    });
  }

  /**
   * Like writeChanged, on a sheet whose rows move first (`moved`): the cells are compared with
   * what the rows will hold once moved, and checked against the input rules of the rows as read
   * that they come from (an inserted row: those of the rows around it, which Sheets may extend).
   */
  writeMoved(p: SheetPlan, block: Block, moved: Moved): { areas: Area[]; rows: number[] } {
    const sheet = p.sheet!;
    if (p.maxRows < 0) {
      p.maxRows = sheet.getMaxRows();
      p.maxCols = sheet.getMaxColumns();
    }
    const areas = changedAreas(block.values, moved.aligned, false, { calls: 3, cellsPerColumn: 2 });
    for (const a of areas) {
      const b: Block = { row: block.row + a.r0, col: block.col + a.c0, values: cut(block.values, a, '') };
      const width = a.c1 - a.c0 + 1;
      checkProtections(p, { row: b.row, col: b.col, rows: b.values.length, cols: width });
      checkMovedRules(p, b, moved.sources.slice(block.row - 1 + a.r0, block.row + a.r1));
      p.rows = Math.max(p.rows, b.row + b.values.length - 1);
      p.cols = Math.max(p.cols, b.col + width - 1);
      p.blocks.push(b);
    }
    p.moves = moved.moves;
    return { areas, rows: changedCells(block.values, moved.aligned).map((c) => c.row) };
  }

  /**
   * One colour on several rectangles (1-based), checked against protections now: one
   * getRangeList and one setBackground at commit.
   */
  paintList(p: SheetPlan, list: PaintList): void {
    if (list.areas.length === 0) return;
    if (p.sheet) for (const a of list.areas) checkProtections(p, a);
    p.lists = [...(p.lists ?? []), list];
  }

  /**
   * Checks, before anything is written, that this person may edit an area the command changes
   * without writing values there (columns it inserts or deletes): protections only.
   */
  guard(p: SheetPlan, area: { row: number; col: number; rows: number; cols: number }): void {
    if (!p.sheet) return;
    if (p.maxRows < 0) {
      p.maxRows = p.sheet.getMaxRows();
      p.maxCols = p.sheet.getMaxColumns();
    }
    // Infinity: to the sheet's last row or column.
    const rows = Math.min(area.rows, p.maxRows - area.row + 1);
    const cols = Math.min(area.cols, p.maxCols - area.col + 1);
    if (rows < 1 || cols < 1) return;
    checkProtections(p, { row: area.row, col: area.col, rows, cols });
  }

  /**
   * Backgrounds alone on an existing sheet: checked against protections now (a protected cell
   * refuses formatting too), so a refused paint cannot stop the commit half-way.
   */
  paint(p: SheetPlan, paint: Paint): void {
    if (paint.backgrounds.length === 0 || paint.backgrounds[0].length === 0) return;
    if (p.sheet) checkProtections(p, { row: paint.row, col: paint.col, rows: paint.backgrounds.length, cols: paint.backgrounds[0].length });
    p.paints = [...(p.paints ?? []), paint];
  }

  /** A sheet to read again just before writing (see Recheck). */
  recheck(sheet: Sheet, name: string, grid: Grid, ignore: number[] = [], only?: number[], upTo?: number): void {
    this.rechecks.push({ sheet, name, grid, ignore, only, upTo });
  }

  /** Something to do once everything is written (properties, toasts). */
  then(fn: () => void): void {
    this.after.push(fn);
  }

  /**
   * Rereads what must not have changed, then creates the missing sheets and grows the others
   * (all before the first value is written), then writes.
   */
  commit(): void {
    for (const r of this.rechecks) {
      if (r.only && r.only.length > 0) {
        if (!sameColumns(r, reread(r))) throw new StaleRead(r.name);
        continue;
      }
      if (r.upTo !== undefined && r.upTo < r.grid.values.length) {
        if (!sameGrid(r.grid.values.slice(0, r.upTo), rereadTop(r, r.upTo), r.ignore)) throw new StaleRead(r.name);
        continue;
      }
      const now = readGrid(r.sheet, r.name, false);
      if (!sameGrid(r.grid.values, now.values, r.ignore)) throw new StaleRead(r.name);
    }
    for (const p of this.plans.values()) {
      // Bottom first, so the rows of the moves above are where they were read.
      for (const m of p.moves ?? []) {
        if (m.insert) {
          p.sheet!.insertRowsBefore(m.row, m.count);
          // The reference does not say what new rows look like; Sheets may give them the format of
          // a row next to them (the header's bold and fill). They are the add-on's: cleared.
          p.sheet!.getRange(m.row, 1, m.count, p.maxCols).clearFormat();
        } else {
          p.sheet!.deleteRows(m.row, m.count);
        }
        p.maxRows += m.insert ? m.count : -m.count;
      }
      if (p.blocks.length === 0) continue;
      if (!p.sheet) {
        p.sheet = this.ss.insertSheet(p.name, this.ss.getNumSheets());
        p.maxRows = p.sheet.getMaxRows();
        p.maxCols = p.sheet.getMaxColumns();
      }
      if (p.rows > p.maxRows) p.sheet.insertRowsAfter(p.maxRows, p.rows - p.maxRows);
      if (p.cols > p.maxCols) p.sheet.insertColumnsAfter(p.maxCols, p.cols - p.maxCols);
    }
    for (const p of this.plans.values()) {
      const sheet = p.sheet;
      if (!sheet) continue;
      for (const b of p.blocks) {
        const range = b.range ?? sheet.getRange(b.row, b.col, b.values.length, b.values[0].length);
        range.setValues(b.values);
        if (b.backgrounds) range.setBackgrounds(b.backgrounds as string[][]);
      }
      for (const b of p.paints ?? []) {
        sheet.getRange(b.row, b.col, b.backgrounds.length, b.backgrounds[0].length).setBackgrounds(b.backgrounds as string[][]);
      }
      for (const l of p.lists ?? []) {
        sheet.getRangeList(l.areas.map((a) => rangeA1(a.row, a.col, a.row + a.rows - 1, a.col + a.cols - 1))).setBackground(l.color);
      }
      for (const f of p.finish) f(sheet);
    }
    for (const f of this.after) f();
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : String(a) === String(b);
  }
  return a === b || ((a === '' || a === null || a === undefined) && (b === '' || b === null || b === undefined));
}

/**
 * A recheck's columns, as many rows as were read first: one getValues per run of columns (columns
 * far apart are read apart when the cells between them cost more than the call saved). A column
 * right of those first read (a new column of the add-on's) is read only if the sheet has it.
 */
function reread(r: Recheck): Map<number, CellValue[]> {
  const width = r.grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  let cols = [...new Set(r.only as number[])].sort((a, b) => a - b);
  if (cols.some((c) => c >= width)) {
    const max = r.sheet.getMaxColumns();
    cols = cols.filter((c) => c < max);
  }
  const rows = Math.max(1, r.grid.values.length);
  const out = new Map<number, CellValue[]>();
  for (const [lo, hi] of columnRuns(cols, rows)) {
    let values: CellValue[][];
    try {
      values = r.sheet.getRange(1, lo + 1, rows, hi - lo + 1).getValues() as CellValue[][];
    } catch {
      // Past the sheet's edge: rows or columns were deleted since the read, so it changed.
      throw new StaleRead(r.name);
    }
    for (const c of cols) if (c >= lo && c <= hi) out.set(c, values.map((row) => row[c - lo]));
  }
  return out;
}

/**
 * Sorted 0-based columns grouped into runs [lo, hi] to read with one call each: two columns share
 * a run when the cells between them (over `rows` rows) cost less than a call of their own
 * (getRange and the read: about 2 × 2,400 cells, docs/performance.md).
 */
export function columnRuns(cols: readonly number[], rows: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const gapWorthACall = Math.ceil(2 * CELLS_PER_CALL / Math.max(1, rows));
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c <= last[1]) continue;
    if (last && c - last[1] - 1 < gapWorthACall) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** The top `rows` rows of a recheck's sheet, as wide as first read: one getValues. */
function rereadTop(r: Recheck, rows: number): CellValue[][] {
  const width = Math.max(1, r.grid.values.reduce((m, row) => Math.max(m, row.length), 0));
  try {
    return r.sheet.getRange(1, 1, rows, width).getValues() as CellValue[][];
  } catch {
    // Past the sheet's edge: rows or columns were deleted since the read, so it changed.
    throw new StaleRead(r.name);
  }
}

function sameColumns(r: Recheck, now: Map<number, CellValue[]>): boolean {
  for (const [c, column] of now) {
    for (let row = 0; row < r.grid.values.length; row++) if (!same(r.grid.values[row]?.[c], column[row])) return false;
  }
  return true;
}

function sameGrid(a: readonly CellValue[][], b: readonly CellValue[][], ignore: number[]): boolean {
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const x = a[r] ?? [];
    const y = b[r] ?? [];
    const cols = Math.max(x.length, y.length);
    for (let c = 0; c < cols; c++) {
      if (ignore.includes(c)) continue;
      if (!same(x[c], y[c])) return false;
    }
  }
  return true;
}

/**
 * Refuses, before anything is written, a value that a person's input rule (無効なデータを拒否)
 * on the cell would reject: Sheets would throw half-way through the command's writes.
 */
function checkRules(p: SheetPlan, b: Block): void {
  const sheet = p.sheet!;
  const rows = Math.min(b.values.length, p.maxRows - b.row + 1);
  const width = Math.max(...b.values.map((r) => r.length));
  const cols = Math.min(width, p.maxCols - b.col + 1);
  if (rows <= 0 || cols <= 0) return;
  // A range got with others (rangesOf) is the block's own: the block lies inside the sheet.
  const range = b.range ?? sheet.getRange(b.row, b.col, rows, cols);
  if (rows === b.values.length && cols === width) b.range = range;
  const rules = range.getDataValidations();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) checkRule(p, rules[r]?.[c], b.values[r]?.[c], b.row + r, b.col + c);
  }
}

function checkRule(p: SheetPlan, rule: GoogleAppsScript.Spreadsheet.DataValidation | null | undefined, v: Out | undefined, row: number, col: number): void {
  if (!rule || v === '' || v === undefined || rule.getAllowInvalid()) return;
  if (accepts(rule, v)) return;
  const cell = a1(row, col);
  throw new UserError(
    `「${p.name}」シートのセル ${cell} に入力規則（無効なデータを拒否）があるため、アドオンが結果を書き込めません。` +
      `${cell} を含む列（アドオンが書き込む列）の入力規則を削除してから、もう一度実行してください。何も書き換えていません。`,
  );
}

/**
 * checkRules for a block written after its sheet's rows move: each row's cells are checked
 * against the rules of the rows as read that it comes from (`sources`, one list per block row),
 * read in runs of consecutive rows (one getDataValidations each).
 */
function checkMovedRules(p: SheetPlan, b: Block, sources: number[][]): void {
  const sheet = p.sheet!;
  const width = Math.max(...b.values.map((r) => r.length));
  const cols = Math.min(width, p.maxCols - b.col + 1);
  if (cols <= 0) return;
  const wanted = [...new Set(sources.flat())].filter((r) => r >= 1 && r <= p.maxRows).sort((x, y) => x - y);
  const rules = new Map<number, (GoogleAppsScript.Spreadsheet.DataValidation | null)[]>();
  for (let i = 0; i < wanted.length;) {
    let j = i;
    while (j + 1 < wanted.length && wanted[j + 1] === wanted[j] + 1) j++;
    const read = sheet.getRange(wanted[i], b.col, j - i + 1, cols).getDataValidations();
    for (let k = i; k <= j; k++) rules.set(wanted[k], read[k - i]);
    i = j + 1;
  }
  for (let r = 0; r < b.values.length; r++) {
    for (const from of sources[r] ?? []) {
      const row = rules.get(from);
      if (!row) continue;
      for (let c = 0; c < cols; c++) checkRule(p, row[c], b.values[r][c], b.row + r, b.col + c);
    }
  }
}

/**
 * Which rows of an output sheet to insert and delete so that the rows it holds (`current`, as
 * read; header first) line up with the new table by `key`, when that costs less than writing the
 * rows that do not line up (docs/performance.md: a call costs about 2,400 cells). Not on a sheet
 * with a protection this person cannot edit (inserting or deleting rows there may be refused).
 */
function planMoves(p: SheetPlan, current: readonly CellValue[][], next: readonly Out[][], key: readonly number[]): Moved | undefined {
  if (current.length < 2 || next.length < 2) return undefined;
  const keyOf = (row: readonly unknown[] | undefined) => key.map((c) => String(row?.[c] ?? '').replace(/^'/, '')).join('\u0001');
  const prevKeys = current.slice(1).map(keyOf);
  const hunks = diffKeys(prevKeys, next.slice(1).map(keyOf), 200);
  if (!hunks || hunks.length === 0 || lockedAreas(p).length > 0) return undefined;
  const m = prevKeys.length;
  const aligned: (CellValue[] | undefined)[] = [current[0]];
  const sources: number[][] = [[1]];
  const moves: RowMove[] = [];
  const keepRow = (i: number) => {
    aligned.push(current[i + 1]);
    sources.push([i + 2]);
  };
  let at = 0;
  let shift = 0;
  for (const h of hunks) {
    for (; at < h.p0; at++) keepRow(at);
    const keep = Math.min(h.del, h.ins);
    for (let t = 0; t < keep; t++) keepRow(h.p0 + t);
    const after = h.p0 + h.del;
    // 1-based row (as read) of the first old row after the hunk; none when the hunk ends the table.
    const below = after < m ? after + 2 : undefined;
    if (h.del > keep) {
      // Rows ending the table are blanked (written) rather than deleted.
      if (below === undefined) for (let t = keep; t < h.del; t++) keepRow(h.p0 + t);
      else {
        moves.push({ insert: false, row: h.p0 + keep + 2, count: h.del - keep });
        shift -= h.del - keep;
      }
    }
    if (h.ins > keep) {
      if (below !== undefined) {
        moves.push({ insert: true, row: below, count: h.ins - keep });
        shift += h.ins - keep;
      }
      for (let t = keep; t < h.ins; t++) {
        // An inserted row may carry the rules of the rows around it; past the table, the rules
        // of the (blank) row as read that ends up there.
        sources.push(below !== undefined ? [below - 1, below] : [aligned.length + 1 - shift]);
        aligned.push(undefined);
      }
    }
    at = after;
  }
  for (; at < m; at++) keepRow(at);
  if (moves.length === 0) return undefined;
  // Rows appended past the table once moved: those the sheet holds there as read.
  for (let j = aligned.length; j < next.length; j++) {
    aligned.push(current[j - shift]);
    sources.push([j - shift + 1]);
  }
  const before = changedCells(next, current).reduce((n, c) => n + c.cols.length, 0);
  const afterCost = changedCells(next, aligned).reduce((n, c) => n + c.cols.length, 0);
  // Each changed cell is checked and written (2 cells); a deletion is a call, an insertion three
  // (insertRowsBefore, getRange, clearFormat).
  const calls = moves.reduce((n, mv) => n + (mv.insert ? 3 : 1), 0);
  if (2 * afterCost + calls * CELLS_PER_CALL >= 2 * before) return undefined;
  moves.sort((x, y) => y.row - x.row);
  return { moves, aligned, sources };
}

/**
 * Refuses, before anything is written, a write to cells protected against the person running the
 * command (a department running 入力チェック on a sheet the 事務局 protected): Sheets would throw
 * half-way through. Warning-only protections do not stop a script.
 */
function checkProtections(p: SheetPlan, b: { row: number; col: number; rows: number; cols: number }): void {
  const locked = lockedAreas(p);
  const { rows, cols } = b;
  for (const area of locked) {
    const hit = area === null ||
      (b.row <= area.row + area.numRows - 1 && area.row <= b.row + rows - 1 && b.col <= area.col + area.numCols - 1 && area.col <= b.col + cols - 1);
    if (!hit) continue;
    const where = area === null ? 'シート全体' : `シートの ${a1(Math.max(b.row, area.row), Math.max(b.col, area.col))} を含む範囲`;
    throw new UserError(
      `「${p.name}」${where}が保護されていて、実行したアカウントでは編集できないため、アドオンが結果を書き込めません。` +
        `シートの保護を設定した方（事務局）に実行してもらうか、保護の編集者に加えてもらってから、もう一度実行してください。何も書き換えていません。`,
    );
  }
}

/** Areas of the plan's sheet this person may not edit (null: the whole sheet), looked up once. */
function lockedAreas(p: SheetPlan): NonNullable<SheetPlan['locked']> {
  const sheet = p.sheet!;
  if (!p.locked) {
    const types = SpreadsheetApp.ProtectionType;
    p.locked = [];
    for (const type of [types.SHEET, types.RANGE]) {
      for (const prot of sheet.getProtections(type)) {
        if (prot.canEdit() || prot.isWarningOnly()) continue;
        if (type === types.SHEET) {
          p.locked.push(null);
          continue;
        }
        const r = prot.getRange();
        p.locked.push({ row: r.getRow(), col: r.getColumn(), numRows: r.getNumRows(), numCols: r.getNumColumns() });
      }
    }
  }
  return p.locked;
}

/** A dropdown that lists the value accepts it; any other rule is taken as rejecting (stricter). */
function accepts(rule: GoogleAppsScript.Spreadsheet.DataValidation, v: Out): boolean {
  if (String(rule.getCriteriaType()) !== 'VALUE_IN_LIST') return false;
  const list = rule.getCriteriaValues()[0] as unknown[];
  return Array.isArray(list) && list.map(String).includes(String(v));
}

// ---- ownership -------------------------------------------------------------------------------

/**
 * Checks that an existing sheet under an output name is the add-on's: empty, marked with the
 * note, or (sheets made before the marker) with exactly the add-on's header. Returns whether the
 * marker must be added.
 */
function checkOwnSheet(
  name: string, header: readonly unknown[], note: string, expected: readonly string[], exact = false,
): boolean {
  const typed = header.map((h) => String(h ?? '').trim());
  if (typed.every((h) => h === '')) return true;
  if (isAddonNote(note)) return false;
  const legacy = exact
    ? expected.every((h, i) => typed[i] === h)
    : typed[0] === expected[0] && typed.every((h) => h === '' || expected.includes(h));
  if (legacy) return true;
  throw new UserError(
    `「${name}」という名前のシートがありますが、アドオンが作ったシートではありません（1行目の見出しがアドオンのものと違います）。` +
      `アドオンは人が作ったシートを書き換えません。このシートの名前を変えてから、もう一度実行してください。何も書き換えていません。`,
  );
}

/** Columns of an add-on sheet that a person added: refused, since the rewrite would blank them. */
function checkNoHumanColumns(name: string, values: readonly CellValue[][], expected: readonly string[]): void {
  const header = (values[0] ?? []).map((h) => String(h ?? '').trim());
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const seen = new Set<string>();
  for (let c = 0; c < width; c++) {
    const h = header[c] ?? '';
    // The add-on's header, once: a second column under one of its names is a person's.
    if (h !== '' && expected.includes(h) && !seen.has(h)) {
      seen.add(h);
      continue;
    }
    if (h === '' && c < expected.length) continue;
    if (h === '' && !values.some((r, i) => i > 0 && r[c] !== '' && r[c] !== null && r[c] !== undefined)) continue;
    throw new UserError(
      `「${name}」シートの ${columnLetters(c + 1)} 列${h ? `（見出し「${h}」）` : ''}はアドオンの列ではありません。` +
        `このシートはアドオンが毎回書き直すため、この列があると内容が失われます。列の内容を別のシートに移して列を削除してから、もう一度実行してください。何も書き換えていません。`,
    );
  }
}

function headerOf(sheet: Sheet): { header: unknown[]; note: string; lastRow: number } {
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  if (lastRow === 0 || lastCol === 0) return { header: [], note: '', lastRow: 0 };
  const range = sheet.getRange(1, 1, 1, lastCol);
  const header = range.getValues()[0];
  const note = range.getNotes()[0][0] ?? '';
  return { header, note, lastRow };
}

// ---- writers ---------------------------------------------------------------------------------

/**
 * Prepares the replacement of an add-on-owned sheet's content. Instead of clearing first, the
 * table is padded with blanks over what the previous run left, and only the rows that differ
 * from what the sheet holds are written (a few setValues and setBackgrounds, see changedAreas).
 * `previous` is the grid read from the sheet in this run (or undefined: it is read here).
 */
export function prepareOutputSheet(
  batch: WriteBatch, name: string, table: OutputTable, existing: Sheet | null | undefined, previous?: Grid,
): void {
  const sheet = existing === undefined ? batch.ss.getSheetByName(name) : existing;
  // As the sheet shows them: an escaped header ("'−") reads back without its apostrophe.
  const expected = (table.values[0] ?? []).map((h) => String(h).replace(/^'/, ''));
  let prev: SheetSize = { rows: 0, cols: 0 };
  let mark = !sheet;
  // What the sheet holds now (read in this run): only the cells that change are written.
  let current: CellValue[][] | undefined;
  if (sheet) {
    const read = previous ?? readGrid(sheet, name, false);
    current = read.values;
    const note = read.values.length ? sheet.getRange(1, 1).getNote() : '';
    mark = checkOwnSheet(name, read.values[0] ?? [], note, expected);
    checkNoHumanColumns(name, read.values, expected);
    prev = gridSize(read) ?? prev;
  }
  const p = batch.plan(name, sheet);
  const paint = table.paintColumns;
  // Rows inserted or deleted in the table (a new plan above others) move on the sheet instead of
  // every row below being rewritten.
  const moved = sheet && current && table.key?.length && paint ? planMoves(p, current, table.values, table.key) : undefined;
  const dataRows = table.values.length;
  const dataCols = dataRows ? Math.max(...table.values.map((r) => r.length)) : 0;
  const rows = Math.max(dataRows, moved ? moved.aligned.length : prev.rows);
  const cols = Math.max(dataCols, prev.cols);
  if (rows === 0 || cols === 0) return;
  const values: Out[][] = [];
  const backgrounds: (string | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const src = table.values[r];
    const bg = table.backgrounds?.[r];
    const vRow: Out[] = new Array(cols);
    const bRow: (string | null)[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      vRow[c] = src && c < src.length ? src[c] : '';
      bRow[c] = r === 0 && src ? HEADER_BACKGROUND : bg?.[c] ?? null;
    }
    values.push(vRow);
    backgrounds.push(bRow);
  }
  const painted = paint?.filter((c) => c < cols);
  const block: Block = painted ? { row: 1, col: 1, values } : { row: 1, col: 1, values, backgrounds };
  // Rows that already hold their values keep their fill too: a row's colours follow from its
  // values (core/results-table.ts), and the add-on painted them when it wrote them.
  const written = moved
    ? batch.writeMoved(p, block, moved)
    : current
    ? batch.writeChanged(p, block, current)
    : (batch.write(p, block), { areas: [{ r0: 0, r1: rows - 1, c0: 0, c1: cols - 1 }], rows: values.map((_, r) => r) });
  if (painted) paintChanged(batch, p, backgrounds, painted, cols, written.areas, written.rows);
  const created = !sheet;
  p.finish.push((s) => {
    if (mark) s.getRange(1, 1).setNote(SHEET_NOTE);
    if (created) {
      s.getRange(1, 1, 1, dataCols).setFontWeight('bold');
      s.setFrozenRows(1);
      table.widths?.forEach((w, i) => s.setColumnWidth(i + 1, w));
    }
  });
}

/**
 * Paints the header row and the painted columns of the rows that changed, whichever way costs
 * less (docs/performance.md): one setBackgrounds per written span of rows and run of adjacent
 * painted columns, or one getRangeList and setBackground per colour over exactly the painted
 * cells of the changed rows (few calls when few rows changed, whatever their spread). Columns
 * that are not painted are never coloured (a person's fill there stays).
 */
function paintChanged(
  batch: WriteBatch, p: SheetPlan, backgrounds: (string | null)[][], paint: readonly number[], width: number,
  areas: readonly Area[], changed: readonly number[],
): void {
  // Runs of adjacent painted columns.
  const runs: [number, number][] = [];
  for (const c of [...paint].sort((x, y) => x - y)) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else runs.push([c, c]);
  }
  // By spans: the header row and each span of written rows (rectangles side by side share one).
  const spans = [...new Map(areas.map((a) => [`${a.r0}:${a.r1}`, a])).values()];
  let spanCalls = 0;
  let spanCells = 0;
  for (const a of spans) {
    if (a.r0 === 0) {
      spanCalls += 2;
      spanCells += width;
    }
    const first = Math.max(1, a.r0);
    if (first > a.r1) continue;
    for (const [lo, hi] of runs) {
      spanCalls += 2;
      spanCells += (a.r1 - first + 1) * (hi - lo + 1);
    }
  }
  // By colour: vertical runs of one colour in each painted column of the changed rows.
  const byColor = new Map<string, PaintList>();
  let listCells = 0;
  let blank = false;
  const add = (color: string | null, area: PaintList['areas'][number]) => {
    if (color === null) {
      // RangeList.setBackground takes a colour only: a reset goes by spans.
      blank = true;
      return;
    }
    let list = byColor.get(color);
    if (!list) byColor.set(color, (list = { color, areas: [] }));
    list.areas.push(area);
    listCells += area.rows * area.cols;
  };
  if (changed[0] === 0) add(backgrounds[0][0], { row: 1, col: 1, rows: 1, cols: width });
  for (const c of paint) {
    let run: PaintList['areas'][number] | undefined;
    let runColor: string | null = null;
    let prev = -2;
    for (const r of changed) {
      if (r === 0) continue;
      const color = backgrounds[r][c];
      if (run && r === prev + 1 && color === runColor) {
        run.rows++;
      } else {
        if (run) add(runColor, run);
        run = { row: r + 1, col: c + 1, rows: 1, cols: 1 };
        runColor = color;
      }
      prev = r;
    }
    if (run) add(runColor, run);
  }
  const listCalls = 2 * byColor.size;
  if (!blank && listCalls * CELLS_PER_CALL + listCells < spanCalls * CELLS_PER_CALL + spanCells) {
    for (const list of byColor.values()) batch.paintList(p, list);
    return;
  }
  for (const a of spans) {
    if (a.r0 === 0) batch.paint(p, { row: 1, col: 1, backgrounds: [backgrounds[0]] });
    const first = Math.max(1, a.r0);
    if (first > a.r1) continue;
    for (const [lo, hi] of runs) {
      batch.paint(p, { row: first + 1, col: lo + 1, backgrounds: backgrounds.slice(first, a.r1 + 1).map((r) => r.slice(lo, hi + 1)) });
    }
  }
}

/**
 * Prepares appending rows (strings already escaped) to an add-on-owned log sheet, created with its
 * header when missing. Human columns to the right of the header are left alone.
 */
export function prepareAppend(
  batch: WriteBatch, name: string, header: readonly string[], rows: Out[][], existing?: Sheet | null,
): void {
  if (rows.length === 0) return;
  const sheet = existing === undefined ? batch.ss.getSheetByName(name) : existing;
  const p = batch.plan(name, sheet);
  if (p.nextRow === undefined) {
    let mark = !sheet;
    if (sheet) {
      const h = headerOf(sheet);
      // Columns a person added to the right are kept: an append writes the header's width only.
      mark = checkOwnSheet(name, h.header.slice(0, header.length), h.note, header, true);
      p.nextRow = h.lastRow + 1;
      if (h.lastRow === 0) {
        batch.write(p, { row: 1, col: 1, values: [[...header]] });
        p.nextRow = 2;
      }
    } else {
      batch.write(p, { row: 1, col: 1, values: [[...header]] });
      p.nextRow = 2;
    }
    const created = !sheet;
    const fresh = !sheet || p.nextRow === 2;
    p.finish.push((s) => {
      if (mark) s.getRange(1, 1).setNote(SHEET_NOTE);
      if (fresh) s.getRange(1, 1, 1, header.length).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
      if (created) s.setFrozenRows(1);
    });
  }
  const width = header.length;
  const block = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  batch.write(p, { row: p.nextRow!, col: 1, values: block });
  p.nextRow! += block.length;
}

/** Prepares appending one row, escaping its strings. */
export function prepareLogRow(
  batch: WriteBatch, name: string, header: readonly string[], row: (string | number)[], existing?: Sheet | null,
): void {
  prepareAppend(batch, name, header, [row.map((v) => (typeof v === 'string' ? escapeCell(v) : v))], existing);
}

export interface OwnedColumn {
  /** The sheet (a person's sheet) and its name. */
  sheet: Sheet;
  name: string;
  /** The grid read from it. */
  grid: Grid;
  /** 1-based row of the header and 1-based column; `mapped` when the header already exists. */
  headerRow: number;
  col: number;
  mapped: boolean;
  header: string;
  note: string;
  /** 1-based first row and the values (and backgrounds) from there down. */
  firstRow: number;
  values: Out[][];
  backgrounds?: (string | null)[][];
  /** Whether an unmarked, empty column of that name may be taken (false: refuse). */
  adopt?: boolean;
  /**
   * What the column holds now from `firstRow` down, read in this run: only the cells that change
   * are written (and checked). Without it the whole column is written.
   */
  current?: readonly CellValue[];
  /**
   * Values the add-on itself wrote before columns carried the marker: an unmarked column holding
   * only such values is the add-on's.
   */
  legacy?: RegExp;
}

/**
 * Prepares writing one of the add-on's columns on a person's sheet (入力チェック, 統合先, 共有結果).
 * An existing column under that name is the add-on's when its header carries the add-on's note
 * or it is empty; a person's column of the same name is refused, never overwritten.
 */
export function prepareOwnedColumn(batch: WriteBatch, c: OwnedColumn): void {
  const p = batch.plan(c.name, c.sheet);
  let addNote = !c.mapped;
  if (c.mapped) {
    const note = c.sheet.getRange(c.headerRow, c.col).getNote();
    if (!isAddonNote(note)) {
      const typed = c.grid.values.filter((r, i) => i >= c.headerRow && r[c.col - 1] !== '' && r[c.col - 1] !== null && r[c.col - 1] !== undefined)
        .map((r) => String(r[c.col - 1]));
      const ours = typed.length > 0 && c.legacy !== undefined && typed.every((v) => c.legacy!.test(v));
      if ((typed.length && !ours) || c.adopt === false) {
        throw new UserError(
          `「${c.name}」シートの ${columnLetters(c.col)} 列「${c.header}」は、アドオンが作った列ではありません（見出しにアドオンのメモがありません）。` +
            `アドオンは人が入力した列を書き換えません。この列の見出しを別の名前に変えてから、もう一度実行してください。何も書き換えていません。`,
        );
      }
      addNote = true;
    }
  }
  if (!c.mapped) batch.write(p, { row: c.headerRow, col: c.col, values: [[c.header]] });
  if (c.values.length) {
    const block: Block = { row: c.firstRow, col: c.col, values: c.values, backgrounds: c.backgrounds };
    if (c.current) batch.writeChanged(p, block, c.current.map((v) => [v]));
    else batch.write(p, block);
  }
  if (addNote) {
    p.finish.push((s) => {
      s.getRange(c.headerRow, c.col).setFontWeight('bold').setNote(c.note);
    });
  }
}
