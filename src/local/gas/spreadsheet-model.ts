// Storage of the local spreadsheet. Uncounted: the service objects in spreadsheet.ts count the
// add-on's calls; tests, workbook I/O and the runtime use this model directly.
//
// Cells are stored as sparse row arrays per attribute ("layers"): reading a block of values is a
// plain array copy per row, with no object per cell, so 10,000-row sheets stay cheap.

import { CallCounter } from './counter';
import { LocalUiState } from './spreadsheet-ui';
import {
  FORMATS,
  GENERAL_FORMAT,
  MAX_CELL_CHARS,
  type Scalar,
  UNEVALUATED_FORMULA_VALUE,
  cellA1,
  dateToSerial,
  displayValue,
  formatKind,
  isDate,
  isGeneralFormat,
  parseEntered,
  serialToDate,
} from './spreadsheet-values';

export type FontWeight = 'normal' | 'bold';

/** A sparse 2-D layer of one cell attribute, 0-based. */
export class Layer<T> {
  rows: Array<Array<T | undefined> | undefined> = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = v;
  }

  fill(r0: number, c0: number, nr: number, nc: number, v: T | undefined): void {
    for (let r = r0; r < r0 + nr; r++) {
      let row = this.rows[r];
      if (row === undefined) {
        if (v === undefined) continue;
        row = this.rows[r] = [];
      }
      for (let c = c0; c < c0 + nc; c++) row[c] = v;
    }
  }

  /** Block copy with `empty` for unset cells. */
  read<E>(r0: number, c0: number, nr: number, nc: number, empty: E): Array<Array<T | E>> {
    const out: Array<Array<T | E>> = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const row = this.rows[r0 + i];
      const o: Array<T | E> = new Array(nc);
      if (row === undefined) {
        o.fill(empty);
      } else {
        for (let j = 0; j < nc; j++) {
          const v = row[c0 + j];
          o[j] = v === undefined ? empty : v;
        }
      }
      out[i] = o;
    }
    return out;
  }

  hasAny(r0: number, c0: number, nr: number, nc: number): boolean {
    const end = Math.min(r0 + nr, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const cend = Math.min(c0 + nc, row.length);
      for (let c = c0; c < cend; c++) if (row[c] !== undefined) return true;
    }
    return false;
  }

  insertRows(at: number, n: number): void {
    if (at >= this.rows.length) return;
    this.rows = this.rows.slice(0, at).concat(new Array(n), this.rows.slice(at));
  }

  deleteRows(at: number, n: number): void {
    this.rows.splice(at, n);
  }

  insertCols(at: number, n: number): void {
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (row !== undefined && at < row.length) {
        this.rows[r] = row.slice(0, at).concat(new Array(n), row.slice(at));
      }
    }
  }

  deleteCols(at: number, n: number): void {
    for (const row of this.rows) if (row !== undefined) row.splice(at, n);
  }

  /** 0-based index of the last row holding a value, -1 when none. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row === undefined) continue;
      for (let c = row.length - 1; c >= 0; c--) if (row[c] !== undefined) return r;
    }
    return -1;
  }

  lastCol(): number {
    let last = -1;
    for (const row of this.rows) {
      if (row === undefined || row.length - 1 <= last) continue;
      for (let c = row.length - 1; c > last; c--) {
        if (row[c] !== undefined) {
          last = c;
          break;
        }
      }
    }
    return last;
  }
}

// ---------------------------------------------------------------------------
// Data validation rules (the built rule; builder and service wrapper live in spreadsheet.ts)

export type CriteriaName =
  | 'VALUE_IN_LIST'
  | 'VALUE_IN_RANGE'
  | 'CHECKBOX'
  | 'NUMBER_BETWEEN'
  | 'NUMBER_GREATER_THAN_OR_EQUAL_TO'
  | 'DATE_IS_VALID_DATE'
  | 'TEXT_IS_VALID_EMAIL'
  | 'CUSTOM_FORMULA'
  | string;

export interface RangeRef {
  sheet: SheetModel;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ValidationRule {
  criteria: CriteriaName;
  /** For VALUE_IN_LIST: [values, showDropdown]; VALUE_IN_RANGE: [range, showDropdown]. */
  args: unknown[];
  /** Raw range behind VALUE_IN_RANGE, for checks and for saving. */
  rangeRef?: RangeRef;
  allowInvalid: boolean;
  helpText: string | null;
}

// ---------------------------------------------------------------------------

export interface SpreadsheetEnv {
  counter: CallCounter;
  ui: LocalUiState;
  /** The clock for typed month-day input ("1-2" is in the current year). */
  now: () => Date;
  /** getValues builds Dates with this constructor (a vm context can pass its own realm's Date). */
  DateCtor: DateConstructor;
  /**
   * Who is editing (the runtime's active user): edits are checked against protections for this
   * user. '' (the default) is the owner at work, as in every test that does not say otherwise.
   */
  user?: string;
}

/**
 * A protected range or sheet (https://developers.google.com/apps-script/reference/spreadsheet/protection).
 * RANGE protections move with inserted and deleted rows and columns, as in Sheets.
 */
export interface ProtectionModel {
  id: number;
  sheet: SheetModel;
  type: 'RANGE' | 'SHEET';
  /** 1-based block (RANGE only). */
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  description: string;
  /** Lower-cased addresses. */
  editors: Set<string>;
  warningOnly: boolean;
  domainEdit: boolean;
  removed: boolean;
  service?: unknown;
}

/** What Sheets says when an edit touches a protected cell the user may not edit. */
export const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** A cell given to the uncounted writers: a value, or a spec with formats. */
export interface CellSpec {
  value?: unknown;
  formula?: string;
  numberFormat?: string;
  note?: string;
  background?: string;
  bold?: boolean;
  fontColor?: string;
}

export type WriteMode = 'typed' | 'raw';

export const DEFAULTS = {
  maxRows: 1000,
  maxCols: 26,
  columnWidth: 100,
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal' as FontWeight,
  numberFormat: GENERAL_FORMAT,
};

/** A span [start, start+len) after deleting [at, at+n): its new start and length. */
function shrink(start: number, len: number, at: number, n: number): [number, number] {
  const end = start + len; // exclusive
  const dEnd = at + n;
  const before = Math.max(0, Math.min(end, at) - start);
  const after = Math.max(0, end - Math.max(start, dEnd));
  const newStart = start < at ? start : Math.max(at, start - n);
  return [newStart, before + after];
}

export class SheetModel {
  maxRows: number;
  maxCols: number;
  hidden = false;
  tabColor: string | null = null;
  frozenRows = 0;
  frozenColumns = 0;
  /** 1-based column → width in pixels; absent = DEFAULTS.columnWidth. */
  columnWidths = new Map<number, number>();
  /**
   * Merged areas (1-based), as read from a file. Only the top-left cell holds a value, as in
   * Sheets (getValues returns "" for the rest); rows and columns inserted or deleted move them.
   */
  merges: Array<{ row: number; col: number; numRows: number; numCols: number }> = [];
  /** Bumped by every row or column insert/delete: cell positions read from a file moved. */
  structureVersion = 0;

  readonly values = new Layer<Scalar>();
  readonly formulas = new Layer<string>();
  readonly formats = new Layer<string>();
  readonly notes = new Layer<string>();
  readonly backgrounds = new Layer<string>();
  readonly fontWeights = new Layer<FontWeight>();
  readonly fontColors = new Layer<string>();
  readonly validations = new Layer<ValidationRule>();
  readonly wraps = new Layer<boolean>();
  readonly hAligns = new Layer<string>();
  readonly vAligns = new Layer<string>();

  /** The counted service object (see spreadsheet.ts); created once per sheet. */
  service: unknown;
  deleted = false;

  constructor(
    readonly book: SpreadsheetModel,
    public name: string,
    readonly id: number,
    maxRows = DEFAULTS.maxRows,
    maxCols = DEFAULTS.maxCols,
  ) {
    this.maxRows = maxRows;
    this.maxCols = maxCols;
  }

  layers(): Array<Layer<unknown>> {
    return [
      this.values, this.formulas, this.formats, this.notes, this.backgrounds, this.fontWeights,
      this.fontColors, this.validations, this.wraps, this.hAligns, this.vAligns,
    ] as Array<Layer<unknown>>;
  }

  formatLayers(): Array<Layer<unknown>> {
    return [this.formats, this.backgrounds, this.fontWeights, this.fontColors, this.wraps, this.hAligns, this.vAligns] as Array<
      Layer<unknown>
    >;
  }

  /** 1-based last row with content, 0 when the sheet is empty. */
  lastRow(): number {
    return this.values.lastRow() + 1;
  }

  lastColumn(): number {
    return this.values.lastCol() + 1;
  }

  index(): number {
    return this.book.sheets.indexOf(this);
  }

  // ---- values

  /** getValues of a block (1-based): '' for empty cells, Date for date-formatted numbers. */
  readValues(row: number, col: number, numRows: number, numCols: number): unknown[][] {
    const r0 = row - 1;
    const c0 = col - 1;
    const out = this.values.read<string>(r0, c0, numRows, numCols, '') as unknown[][];
    const fmtRows = this.formats.rows;
    const { timeZone } = this.book;
    const DateCtor = this.book.env.DateCtor;
    for (let i = 0; i < numRows; i++) {
      const frow = fmtRows[r0 + i];
      if (frow === undefined) continue;
      const o = out[i];
      for (let j = 0; j < numCols; j++) {
        const f = frow[c0 + j];
        const v = o[j];
        if (f !== undefined && typeof v === 'number' && formatKind(f) === 'date') {
          o[j] = new DateCtor(serialToDate(v, timeZone).getTime());
        }
      }
    }
    return out;
  }

  readDisplayValues(row: number, col: number, numRows: number, numCols: number): string[][] {
    const r0 = row - 1;
    const c0 = col - 1;
    const out: string[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const vrow = this.values.rows[r0 + i];
      const frow = this.formats.rows[r0 + i];
      const o: string[] = new Array(numCols);
      for (let j = 0; j < numCols; j++) {
        const v = vrow === undefined ? undefined : vrow[c0 + j];
        o[j] = displayValue(v, frow === undefined ? undefined : frow[c0 + j]);
      }
      out[i] = o;
    }
    return out;
  }

  displayAt(r0: number, c0: number): string {
    return displayValue(this.values.get(r0, c0), this.formats.get(r0, c0));
  }

  private currentYear(): number {
    const serial = dateToSerial(this.book.env.now(), this.book.timeZone);
    return new Date(Math.round((serial - 25569) * 86400000)).getUTCFullYear();
  }

  /**
   * Writes a block (1-based origin). 'typed' parses strings as Sheets parses typed input
   * (setValue/setValues/appendRow); 'raw' stores strings as they are (loading files and grids).
   * Rules that reject invalid input are checked for the whole block before anything is written.
   */
  writeBlock(row: number, col: number, data: readonly (readonly unknown[])[], mode: WriteMode, method: string): void {
    const r0 = row - 1;
    const c0 = col - 1;
    if (mode === 'typed') this.checkProtected(row, col, data.length, Math.max(0, ...data.map((r) => r.length)));
    const year = mode === 'typed' ? this.currentYear() : 0;
    const checkRules = mode === 'typed' && this.validations.hasAny(r0, c0, data.length, data[0]?.length ?? 0);
    if (checkRules) {
      for (let i = 0; i < data.length; i++) {
        for (let j = 0; j < data[i].length; j++) {
          const rule = this.validations.get(r0 + i, c0 + j);
          if (rule && !rule.allowInvalid) this.checkRule(rule, r0 + i, c0 + j, data[i][j], year, method);
        }
      }
    }
    for (let i = 0; i < data.length; i++) {
      const src = data[i];
      for (let j = 0; j < src.length; j++) this.put(r0 + i, c0 + j, src[j], mode, year, method);
    }
  }

  /** Writes one cell (0-based). */
  put(r: number, c: number, input: unknown, mode: WriteMode, year: number, method: string): void {
    if (input !== null && typeof input === 'object' && !isDate(input) && mode === 'raw') {
      this.putSpec(r, c, input as CellSpec);
      return;
    }
    const e = this.enter(r, c, input, mode, year, method);
    if (e.formula !== undefined) this.formulas.set(r, c, e.formula);
    else if (this.formulas.rows[r] !== undefined) this.formulas.set(r, c, undefined);
    this.values.set(r, c, e.value);
    if (e.format !== undefined) this.formats.set(r, c, e.format);
  }

  private putSpec(r: number, c: number, spec: CellSpec): void {
    if (spec.numberFormat !== undefined) this.formats.set(r, c, isGeneralFormat(spec.numberFormat) ? undefined : spec.numberFormat);
    if (spec.formula !== undefined) {
      this.formulas.set(r, c, spec.formula);
      const cached = spec.value;
      if (cached === undefined || cached === null || cached === '') this.values.set(r, c, UNEVALUATED_FORMULA_VALUE);
      else this.values.set(r, c, this.enter(r, c, cached, 'raw', 0, 'load').value ?? UNEVALUATED_FORMULA_VALUE);
    } else if (spec.value !== undefined) {
      this.put(r, c, spec.value, 'raw', 0, 'load');
    }
    if (spec.note !== undefined) this.notes.set(r, c, spec.note || undefined);
    if (spec.background !== undefined) this.backgrounds.set(r, c, normalizeColor(spec.background) ?? undefined);
    if (spec.bold !== undefined) this.fontWeights.set(r, c, spec.bold ? 'bold' : undefined);
    if (spec.fontColor !== undefined) this.fontColors.set(r, c, normalizeColor(spec.fontColor) ?? undefined);
  }

  /** What a cell would hold after `input` is written; also applies an automatic date/number format. */
  private enter(
    r: number,
    c: number,
    input: unknown,
    mode: WriteMode,
    year: number,
    method: string,
  ): { value?: Scalar; formula?: string; format?: string } {
    if (input === null || input === undefined) return {};
    const fmt = this.formats.get(r, c);
    if (typeof input === 'string') {
      if (input.length > MAX_CELL_CHARS) {
        throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
      }
      if (mode === 'raw') return input === '' ? {} : { value: input };
      const e = parseEntered(input, fmt, year);
      if (e.kind === 'empty') return {};
      if (e.kind === 'formula') return { formula: e.formula, value: UNEVALUATED_FORMULA_VALUE };
      return { value: e.value, format: e.format };
    }
    if (typeof input === 'number') {
      // Stricter than Sheets (which writes NaN as text): a NaN or Infinity is an add-on bug.
      if (!Number.isFinite(input)) throw new Error(`${method}: cannot write ${input} to ${cellA1(r + 1, c + 1)} (not a finite number).`);
      return { value: input };
    }
    if (typeof input === 'boolean') return { value: input };
    if (isDate(input)) {
      const ms = input.getTime();
      if (Number.isNaN(ms)) throw new Error(`${method}: cannot write an Invalid Date to ${cellA1(r + 1, c + 1)}.`);
      const serial = dateToSerial(input, this.book.timeZone);
      let format: string | undefined;
      if (formatKind(fmt) !== 'date') {
        format = mode === 'raw' && Number.isInteger(Math.round(serial * 86400000) / 86400000) ? FORMATS.date : FORMATS.dateTime;
      }
      return { value: serial, format };
    }
    // Stricter than Sheets (which stores some text for objects): only cell values are accepted.
    throw new Error(
      `${method}: cannot write ${Object.prototype.toString.call(input)} to ${cellA1(r + 1, c + 1)}; ` +
        'a cell takes a string, number, boolean, Date or null.',
    );
  }

  private checkRule(rule: ValidationRule, r: number, c: number, input: unknown, year: number, method: string): void {
    const e = this.enter(r, c, input, 'typed', year, method);
    if (e.value === undefined || e.formula !== undefined) return;
    const shown = displayValue(e.value, e.format ?? this.formats.get(r, c));
    let ok = true;
    if (rule.criteria === 'VALUE_IN_LIST') {
      ok = (rule.args[0] as string[]).map(String).includes(shown);
    } else if (rule.criteria === 'VALUE_IN_RANGE' && rule.rangeRef) {
      const ref = rule.rangeRef;
      ok = ref.sheet.readDisplayValues(ref.row, ref.col, ref.numRows, ref.numCols).some((row) => row.includes(shown));
    } else if (rule.criteria === 'CHECKBOX') {
      ok = rule.args.length === 0 ? typeof e.value === 'boolean' : rule.args.some((a) => String(a) === shown);
    } else if (rule.criteria === 'NUMBER_BETWEEN') {
      ok = typeof e.value === 'number' && e.value >= Number(rule.args[0]) && e.value <= Number(rule.args[1]);
    }
    if (!ok) {
      throw new Error(`The data you entered in cell ${cellA1(r + 1, c + 1)} violates the data validation rules set on this cell.`);
    }
  }

  /**
   * Throws Sheets' message when the current user may not edit a cell of the block: a protection
   * that is not warning-only covers it and the user is neither the owner nor one of its editors.
   */
  checkProtected(row: number, col: number, numRows: number, numCols: number): void {
    const book = this.book;
    const user = (book.env.user ?? '').toLowerCase();
    if (!user || user === book.owner.toLowerCase() || numRows <= 0 || numCols <= 0) return;
    for (const p of book.protections) {
      if (p.removed || p.sheet !== this || p.warningOnly || p.editors.has(user)) continue;
      if (p.type === 'SHEET' || (row <= p.row + p.numRows - 1 && p.row <= row + numRows - 1 && col <= p.col + p.numCols - 1 && p.col <= col + numCols - 1)) {
        throw new Error(PROTECTED_MESSAGE);
      }
    }
  }

  // ---- structure

  private protectionsHere(): ProtectionModel[] {
    return this.book.protections.filter((p) => !p.removed && p.sheet === this && p.type === 'RANGE');
  }

  insertRows(at1: number, n: number): void {
    for (const layer of this.layers()) layer.insertRows(at1 - 1, n);
    // Rows inserted inside the block of one input rule are inside its range: they get the rule
    // (Sheets keeps a rule per range and extends the range, as it does a protected range).
    if (at1 > 1) {
      const above = this.validations.rows[at1 - 2];
      const below = this.validations.rows[at1 - 1 + n];
      if (above && below) {
        for (let c = 0; c < above.length; c++) {
          const rule = above[c];
          if (rule !== undefined && rule === below[c]) this.validations.fill(at1 - 1, c, n, 1, rule);
        }
      }
    }
    this.maxRows += n;
    this.structureVersion++;
    for (const m of this.merges) {
      if (at1 <= m.row) m.row += n;
      else if (at1 <= m.row + m.numRows - 1) m.numRows += n;
    }
    // Rows inserted inside a protected range extend it; above it, move it down.
    for (const p of this.protectionsHere()) {
      if (at1 <= p.row) p.row += n;
      else if (at1 <= p.row + p.numRows - 1) p.numRows += n;
    }
  }

  deleteRows(at1: number, n: number): void {
    for (const layer of this.layers()) layer.deleteRows(at1 - 1, n);
    this.maxRows -= n;
    this.structureVersion++;
    this.merges = this.merges.flatMap((m) => {
      const [row, numRows] = shrink(m.row, m.numRows, at1, n);
      return numRows > 0 && numRows * m.numCols > 1 ? [{ ...m, row, numRows }] : [];
    });
    for (const p of this.protectionsHere()) {
      const [a, b] = shrink(p.row, p.numRows, at1, n);
      p.row = a;
      p.numRows = b;
      if (b === 0) p.removed = true;
    }
  }

  insertColumns(at1: number, n: number): void {
    for (const layer of this.layers()) layer.insertCols(at1 - 1, n);
    this.structureVersion++;
    for (const m of this.merges) {
      if (at1 <= m.col) m.col += n;
      else if (at1 <= m.col + m.numCols - 1) m.numCols += n;
    }
    for (const p of this.protectionsHere()) {
      if (at1 <= p.col) p.col += n;
      else if (at1 <= p.col + p.numCols - 1) p.numCols += n;
    }
    const widths = new Map<number, number>();
    for (const [col, w] of this.columnWidths) widths.set(col >= at1 ? col + n : col, w);
    this.columnWidths = widths;
    this.maxCols += n;
  }

  deleteColumns(at1: number, n: number): void {
    for (const layer of this.layers()) layer.deleteCols(at1 - 1, n);
    this.structureVersion++;
    this.merges = this.merges.flatMap((m) => {
      const [col, numCols] = shrink(m.col, m.numCols, at1, n);
      return numCols > 0 && numCols * m.numRows > 1 ? [{ ...m, col, numCols }] : [];
    });
    for (const p of this.protectionsHere()) {
      const [a, b] = shrink(p.col, p.numCols, at1, n);
      p.col = a;
      p.numCols = b;
      if (b === 0) p.removed = true;
    }
    const widths = new Map<number, number>();
    for (const [col, w] of this.columnWidths) {
      if (col < at1) widths.set(col, w);
      else if (col >= at1 + n) widths.set(col - n, w);
    }
    this.columnWidths = widths;
    this.maxCols -= n;
  }

  ensureSize(rows: number, cols: number): void {
    if (rows > this.maxRows) this.maxRows = rows;
    if (cols > this.maxCols) this.maxCols = cols;
  }
}

export class SpreadsheetModel {
  readonly sheets: SheetModel[] = [];
  /** The owner (always may edit everything) and the other editors, lower-cased. */
  owner = '';
  readonly editors = new Set<string>();
  readonly protections: ProtectionModel[] = [];
  private nextProtectionId = 1;
  active: SheetModel | null = null;
  /** The selection: null means A1 of the active sheet. */
  activeRange: RangeRef | null = null;
  private nextSheetId = 0;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    readonly env: SpreadsheetEnv,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  /** Sheet names are unique regardless of case in Sheets. */
  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Uncounted; throws Apps Script's message for a duplicate name. `index` is 0-based. */
  addSheet(name: string, index?: number, maxRows?: number, maxCols?: number): SheetModel {
    if (this.sheet(name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new SheetModel(this, name, this.nextSheetId, maxRows, maxCols);
    // The first sheet of a new spreadsheet has gid 0; later ones get other ids.
    this.nextSheetId = this.nextSheetId === 0 ? 1000001 : this.nextSheetId + 7919;
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  newProtectionId(): number {
    return this.nextProtectionId++;
  }

  removeSheet(sheet: SheetModel): void {
    const at = this.sheets.indexOf(sheet);
    if (at < 0) return;
    for (const p of this.protections) if (p.sheet === sheet) p.removed = true;
    this.sheets.splice(at, 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[Math.max(0, at - 1)] ?? null;
    if (this.activeRange?.sheet === sheet) this.activeRange = null;
  }

  defaultSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      const name = `シート${n}`;
      if (!this.sheet(name)) return name;
    }
  }

  activeSheet(): SheetModel {
    if (!this.active) throw new Error('The spreadsheet has no sheets.');
    return this.active;
  }

  // ---- test helpers (uncounted)

  /** Values of a whole sheet as getDataRange().getValues() returns them ([] when empty). */
  grid(name: string): unknown[][] {
    const s = this.requireSheet(name);
    const rows = s.lastRow();
    const cols = s.lastColumn();
    return rows === 0 ? [] : s.readValues(1, 1, rows, cols);
  }

  displayGrid(name: string): string[][] {
    const s = this.requireSheet(name);
    const rows = s.lastRow();
    const cols = s.lastColumn();
    return rows === 0 ? [] : s.readDisplayValues(1, 1, rows, cols);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet named "${name}" in "${this.name}".`);
    return s;
  }
}

// ---------------------------------------------------------------------------

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff',
  yellow: '#ffff00', orange: '#ffa500', gray: '#808080', grey: '#808080', purple: '#800080',
  cyan: '#00ffff', magenta: '#ff00ff', lime: '#00ff00', pink: '#ffc0cb', brown: '#a52a2a',
};

/** '#RGB', '#RRGGBB' or a CSS colour name → '#rrggbb' (what getBackground returns); null resets. */
export function normalizeColor(color: string | null | undefined): string | null {
  if (color === null || color === undefined || color === '') return null;
  const c = String(color).trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return '#' + c[1] + c[1] + c[2] + c[2] + c[3] + c[3];
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  throw new Error(`Invalid color: ${color}`);
}
