// Workbook files (.xlsx, through exceljs) ⇄ the local spreadsheet. Loading and saving use the
// uncounted model, so they never show up as add-on service calls.
//
// Loaded into the runtime: values with their types (numbers, strings, booleans, dates as
// date-formatted serials), formulas with their cached results, number formats, notes, solid
// background fills, bold and font colour, wrap and alignment, list/range validations, frozen
// rows and columns, column widths, hidden sheets, tab colours and merged areas (the value only
// in the top-left cell, as Sheets holds it).
//
// Saving a workbook that was loaded from a file writes into the workbook exceljs read, changing
// only the cells and properties the run changed: everything else people had (fonts, borders,
// rich text, hyperlinks, hidden rows and columns, filters, row heights, conditional formats,
// other validations) is written back as it was read. A sheet whose rows or columns were
// inserted or deleted during the run is rewritten from the runtime (its positions moved).

import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalRange, LocalSpreadsheet, spreadsheetFromGrids, type GridCell, type GridOptions } from './gas/spreadsheet';
import { DEFAULTS, type Layer, type SheetModel, type ValidationRule } from './gas/spreadsheet-model';
import { UNEVALUATED_FORMULA_VALUE, columnToLetters, formatKind, isDate, isGeneralFormat, parseA1 } from './gas/spreadsheet-values';

export { spreadsheetFromGrids };
export type { GridCell, GridOptions };

export interface LoadOptions {
  /** Spreadsheet time zone (xlsx files carry none). Default Asia/Tokyo. */
  timeZone?: string;
  /** Default: the file name without extension. */
  name?: string;
}

const MS_PER_DAY = 86400000;

/** exceljs reads a date as the UTC instant of its wall-clock time. */
function excelDateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + 25569;
}

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return '#' + argb.slice(2).toLowerCase();
}

function hexToArgb(hex: string): string {
  return 'FF' + hex.slice(1).toUpperCase();
}

/** Column width: exceljs counts characters, Sheets pixels (about 7 px a character plus padding). */
const pxFromChars = (w: number): number => Math.round(w * 7 + 5);
const charsFromPx = (px: number): number => Math.round(((px - 5) / 7) * 100) / 100;

type ExcelValidation = ExcelJS.DataValidation;
interface ValidationStore {
  model: Record<string, ExcelValidation | undefined>;
  add(address: string, v: ExcelValidation): void;
}
const validationsOf = (ws: ExcelJS.Worksheet): ValidationStore => (ws as unknown as { dataValidations: ValidationStore }).dataValidations;

// ---------------------------------------------------------------------------
// Load

/** What a sheet held right after loading: the runtime's layers, to find what a run changed. */
interface LoadedSheet {
  ws: ExcelJS.Worksheet;
  structureVersion: number;
  layers: Array<Array<unknown[] | undefined>>;
  columnWidths: Map<number, number>;
}
interface Source {
  wb: ExcelJS.Workbook;
  sheets: Map<SheetModel, LoadedSheet>;
}
const SOURCES = new WeakMap<LocalSpreadsheet, Source>();

function copyLayers(sheet: SheetModel): Array<Array<unknown[] | undefined>> {
  return sheet.layers().map((l) => l.rows.map((row) => (row ? row.slice() : undefined)));
}

export async function loadWorkbook(path: string, opts: LoadOptions = {}): Promise<LocalSpreadsheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const name = opts.name ?? basename(path, extname(path));
  const ss = new LocalSpreadsheet(name, { timeZone: opts.timeZone, firstSheet: null });
  const pendingRanges: Array<{ sheet: SheetModel; rule: ValidationRule; ref: string; cells: string[] }> = [];
  const source: Source = { wb, sheets: new Map() };
  const loaded: Array<[SheetModel, ExcelJS.Worksheet]> = [];

  for (const ws of wb.worksheets) {
    const sheet = ss.model.addSheet(
      ws.name,
      undefined,
      Math.max(DEFAULTS.maxRows, ws.rowCount),
      Math.max(DEFAULTS.maxCols, ws.columnCount),
    );
    sheet.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    sheet.tabColor = argbToHex(ws.properties?.tabColor?.argb) ?? null;
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    if (view?.state === 'frozen') {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenColumns = view.xSplit ?? 0;
    }
    for (let c = 1; c <= ws.columnCount; c++) {
      const w = ws.getColumn(c).width;
      if (w !== undefined) sheet.columnWidths.set(c, pxFromChars(w));
    }
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs answers a merged cell's value for every cell of the merge; Sheets holds it in
        // the top-left cell only (a value nobody typed must not be read, nor rated).
        if (cell.isMerged && cell.master !== cell) return;
        loadCell(sheet, cell, r - 1, c - 1);
      });
    });
    sheet.merges = mergesOf(ws);
    loadValidations(sheet, ws, pendingRanges);
    loaded.push([sheet, ws]);
  }
  // Range rules may point at sheets loaded later.
  for (const p of pendingRanges) {
    const a1 = parseA1(p.ref.replace(/\$/g, ''));
    const target = a1 && (a1.sheetName === undefined ? p.sheet : ss.model.sheet(a1.sheetName));
    if (!a1 || !target || a1.row1 === undefined || a1.col1 === undefined) continue;
    const rangeRef = {
      sheet: target,
      row: a1.row1,
      col: a1.col1,
      numRows: (a1.row2 ?? target.maxRows) - a1.row1 + 1,
      numCols: (a1.col2 ?? a1.col1) - a1.col1 + 1,
    };
    const range = new LocalRange(target, rangeRef.row, rangeRef.col, rangeRef.numRows, rangeRef.numCols);
    const rule: ValidationRule = { ...p.rule, rangeRef, args: [range, true] };
    for (const addr of p.cells) {
      const cell = parseA1(addr);
      if (cell?.row1 && cell.col1) p.sheet.validations.set(cell.row1 - 1, cell.col1 - 1, rule);
    }
  }
  ss.model.active = ss.model.sheets.find((s) => !s.hidden) ?? ss.model.sheets[0] ?? null;
  if (ss.model.sheets.length === 0) ss.model.addSheet('シート1');
  for (const [sheet, ws] of loaded) {
    source.sheets.set(sheet, { ws, structureVersion: sheet.structureVersion, layers: copyLayers(sheet), columnWidths: new Map(sheet.columnWidths) });
  }
  SOURCES.set(ss, source);
  return ss;
}

/** The merged areas of a worksheet (1-based). */
function mergesOf(ws: ExcelJS.Worksheet): SheetModel['merges'] {
  const ranges = (ws.model as { merges?: string[] }).merges ?? [];
  const out: SheetModel['merges'] = [];
  for (const ref of ranges) {
    const a = parseA1(ref);
    if (!a || a.row1 === undefined || a.col1 === undefined) continue;
    const row2 = a.row2 ?? a.row1;
    const col2 = a.col2 ?? a.col1;
    out.push({ row: a.row1, col: a.col1, numRows: row2 - a.row1 + 1, numCols: col2 - a.col1 + 1 });
  }
  return out;
}

function loadCell(sheet: SheetModel, cell: ExcelJS.Cell, r: number, c: number): void {
  const numFmt = cell.numFmt && !isGeneralFormat(cell.numFmt) ? cell.numFmt : undefined;
  if (numFmt) sheet.formats.set(r, c, numFmt);
  const v = cell.value as unknown;
  if (v !== null && v !== undefined) {
    if (typeof v === 'object' && !isDate(v) && ('formula' in v || 'sharedFormula' in v)) {
      const formula = cell.formula;
      const result = (v as { result?: unknown }).result;
      sheet.formulas.set(r, c, '=' + formula);
      sheet.values.set(r, c, scalarOf(result, sheet, r, c) ?? UNEVALUATED_FORMULA_VALUE);
    } else {
      const s = scalarOf(v, sheet, r, c);
      if (s !== undefined) sheet.values.set(r, c, s);
    }
  }
  const note = cell.note as unknown;
  if (typeof note === 'string' && note) sheet.notes.set(r, c, note);
  else if (note && typeof note === 'object' && Array.isArray((note as ExcelJS.Comment).texts)) {
    const text = ((note as ExcelJS.Comment).texts ?? []).map((t) => t.text).join('');
    if (text) sheet.notes.set(r, c, text);
  }
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const bg = argbToHex(fill.fgColor?.argb);
    if (bg && bg !== DEFAULTS.background) sheet.backgrounds.set(r, c, bg);
  }
  const font = cell.font;
  if (font?.bold) sheet.fontWeights.set(r, c, 'bold');
  const color = argbToHex(font?.color?.argb);
  if (color && color !== DEFAULTS.fontColor) sheet.fontColors.set(r, c, color);
  const al = cell.alignment;
  if (al?.wrapText) sheet.wraps.set(r, c, true);
  if (al?.horizontal === 'left' || al?.horizontal === 'center' || al?.horizontal === 'right') sheet.hAligns.set(r, c, al.horizontal);
  if (al?.vertical === 'top' || al?.vertical === 'middle' || al?.vertical === 'bottom') sheet.vAligns.set(r, c, al.vertical);
}

/** An exceljs value as a stored cell: dates become serials (with a date format if none). */
function scalarOf(v: unknown, sheet: SheetModel, r: number, c: number): string | number | boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (isDate(v)) {
    if (formatKind(sheet.formats.get(r, c)) !== 'date') sheet.formats.set(r, c, 'yyyy/MM/dd');
    return excelDateToSerial(v);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; error?: string; hyperlink?: string };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if (o.error) return o.error;
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return scalarOf(o.text, sheet, r, c);
  }
  return String(v);
}

function loadValidations(
  sheet: SheetModel,
  ws: ExcelJS.Worksheet,
  pending: Array<{ sheet: SheetModel; rule: ValidationRule; ref: string; cells: string[] }>,
): void {
  const model = validationsOf(ws)?.model ?? {};
  // exceljs expands each range to cells sharing one object; keep one rule per object.
  const rules = new Map<ExcelValidation, ValidationRule | { ref: string; cells: string[] } | null>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv) continue;
    let rule = rules.get(dv);
    if (rule === undefined) {
      rule = ruleFromExcel(dv);
      rules.set(dv, rule);
      if (rule && 'cells' in rule) {
        const base: ValidationRule = {
          criteria: 'VALUE_IN_RANGE',
          args: [],
          allowInvalid: allowInvalidOf(dv),
          helpText: dv.prompt ?? null,
        };
        pending.push({ sheet, rule: base, ref: rule.ref, cells: rule.cells });
      }
    }
    if (!rule) continue;
    if ('cells' in rule) {
      rule.cells.push(address);
      continue;
    }
    const a1 = parseA1(address);
    if (a1?.row1 && a1.col1) sheet.validations.set(a1.row1 - 1, a1.col1 - 1, rule);
  }
}

function allowInvalidOf(dv: ExcelValidation): boolean {
  // Excel rejects invalid input when the error alert is shown with the "stop" style.
  return !(dv.showErrorMessage && (dv.errorStyle === undefined || dv.errorStyle === 'stop'));
}

function ruleFromExcel(dv: ExcelValidation): ValidationRule | { ref: string; cells: string[] } | null {
  if (dv.type !== 'list') return null;
  const f = String(dv.formulae?.[0] ?? '');
  if (f.startsWith('"') && f.endsWith('"')) {
    const values = f.slice(1, -1).split(',').map((s) => s.trim());
    return { criteria: 'VALUE_IN_LIST', args: [values, true], allowInvalid: allowInvalidOf(dv), helpText: dv.prompt ?? null };
  }
  return { ref: f.replace(/^=/, ''), cells: [] };
}

// ---------------------------------------------------------------------------
// Save

export async function saveWorkbook(ss: LocalSpreadsheet, path: string): Promise<void> {
  const source = SOURCES.get(ss);
  if (source) return saveOver(ss, source, path);
  const wb = new ExcelJS.Workbook();
  for (const sheet of ss.model.sheets) addSheet(wb, sheet);
  const active = ss.model.active ? ss.model.sheets.indexOf(ss.model.active) : 0;
  wb.views = [{ activeTab: Math.max(0, active), x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, visibility: 'visible' }];
  await wb.xlsx.writeFile(path);
}

/** A sheet written from the runtime alone (a new sheet, or a workbook not read from a file). */
function addSheet(wb: ExcelJS.Workbook, sheet: SheetModel): void {
  {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.hidden ? 'hidden' : 'visible',
      properties: sheet.tabColor ? ({ tabColor: { argb: hexToArgb(sheet.tabColor) } } as Partial<ExcelJS.WorksheetProperties>) : undefined,
      views:
        sheet.frozenRows || sheet.frozenColumns
          ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }]
          : undefined,
    });
    for (const [c, px] of sheet.columnWidths) ws.getColumn(c).width = charsFromPx(px);
    saveCells(sheet, ws);
    saveValidations(sheet, ws);
    saveMerges(sheet, ws);
  }
}

function saveMerges(sheet: SheetModel, ws: ExcelJS.Worksheet): void {
  for (const m of sheet.merges) ws.mergeCells(m.row, m.col, m.row + m.numRows - 1, m.col + m.numCols - 1);
}

/**
 * Writes into the workbook exceljs read: per sheet, only what the run changed (values, formats,
 * notes, fills, bold, font colour, alignment, validations, widths, sheet settings); the rest
 * stays as it was read. New sheets are added, deleted ones removed.
 */
async function saveOver(ss: LocalSpreadsheet, source: Source, path: string): Promise<void> {
  const wb = source.wb;
  const kept = new Set<ExcelJS.Worksheet>();
  for (const sheet of ss.model.sheets) {
    const from = source.sheets.get(sheet);
    if (!from) {
      addSheet(wb, sheet);
      continue;
    }
    kept.add(from.ws);
    const ws = from.ws;
    ws.name = sheet.name;
    if (!sheet.hidden) ws.state = 'visible';
    else if (ws.state !== 'veryHidden') ws.state = 'hidden';
    if (sheet.tabColor) ws.properties.tabColor = { argb: hexToArgb(sheet.tabColor) } as ExcelJS.Color;
    else delete (ws.properties as { tabColor?: unknown }).tabColor;
    const view = (ws.views?.[0] ?? {}) as Record<string, unknown>;
    if (sheet.frozenRows || sheet.frozenColumns) {
      ws.views = [{ ...view, state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows } as ExcelJS.WorksheetView];
    } else if (view.state === 'frozen') {
      ws.views = [{ ...view, state: 'normal', xSplit: undefined, ySplit: undefined } as unknown as ExcelJS.WorksheetView];
    }
    for (const [c, px] of sheet.columnWidths) if (from.columnWidths.get(c) !== px) ws.getColumn(c).width = charsFromPx(px);
    if (sheet.structureVersion !== from.structureVersion) {
      // Rows or columns moved: what was read no longer lines up; write this sheet from the runtime.
      clearSheet(ws);
      saveCells(sheet, ws);
      saveValidations(sheet, ws);
      saveMerges(sheet, ws);
    } else {
      saveChanges(sheet, ws, from);
    }
  }
  for (const ws of wb.worksheets) if (!kept.has(ws) && [...source.sheets.values()].some((l) => l.ws === ws)) wb.removeWorksheet(ws.id);
  const order = ss.model.sheets.map((sheet) => source.sheets.get(sheet)?.ws ?? wb.getWorksheet(sheet.name));
  order.forEach((ws, i) => { if (ws) (ws as unknown as { orderNo: number }).orderNo = i; });
  const active = ss.model.active ? ss.model.sheets.indexOf(ss.model.active) : 0;
  const views = wb.views?.length ? wb.views : [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, visibility: 'visible' as const }];
  wb.views = [{ ...views[0], activeTab: Math.max(0, active) } as ExcelJS.WorkbookView];
  await wb.xlsx.writeFile(path);
}

function clearSheet(ws: ExcelJS.Worksheet): void {
  for (const ref of [...((ws.model as { merges?: string[] }).merges ?? [])]) ws.unMergeCells(ref);
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => {
    cell.value = null;
    cell.style = {};
    dropNote(cell);
  }));
  const store = validationsOf(ws);
  for (const k of Object.keys(store.model)) delete store.model[k];
}

/** exceljs has no way to remove a note: its setter always makes one (empty for undefined). */
function dropNote(cell: ExcelJS.Cell): void {
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

/** The positions (row, col) set in either of two layer snapshots. */
function positions(a: Array<unknown[] | undefined>, b: Array<unknown[] | undefined>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const seen = new Set<string>();
  for (const rows of [a, b]) {
    rows.forEach((row, r) => row?.forEach((v, c) => {
      const k = `${r}:${c}`;
      if (v === undefined || seen.has(k)) return;
      seen.add(k);
      out.push([r, c]);
    }));
  }
  return out;
}

/** Writes into `ws` only the cells whose runtime state differs from what was loaded. */
function saveChanges(sheet: SheetModel, ws: ExcelJS.Worksheet, from: LoadedSheet): void {
  const layers = sheet.layers();
  const idx = (l: Layer<unknown>) => layers.indexOf(l);
  const now = (l: Layer<unknown>) => l.rows as Array<unknown[] | undefined>;
  const was = (l: Layer<unknown>) => from.layers[idx(l)];
  const changed = (l: Layer<unknown>) => positions(now(l), was(l)).filter(([r, c]) => l.get(r, c) !== was(l)[r]?.[c]);
  const cell = (r: number, c: number) => ws.getCell(r + 1, c + 1);

  const valueCells = new Map<string, [number, number]>();
  for (const l of [sheet.values, sheet.formulas] as Layer<unknown>[]) for (const [r, c] of changed(l)) valueCells.set(`${r}:${c}`, [r, c]);
  for (const [r, c] of valueCells.values()) {
    const v = sheet.values.get(r, c);
    const formula = sheet.formulas.get(r, c);
    if (formula !== undefined) {
      const result = v === UNEVALUATED_FORMULA_VALUE ? undefined : v;
      cell(r, c).value = { formula: formula.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
    } else cell(r, c).value = v === undefined ? null : v;
  }
  for (const [r, c] of changed(sheet.formats as Layer<unknown>)) cell(r, c).numFmt = sheet.formats.get(r, c) ?? 'General';
  for (const [r, c] of changed(sheet.notes as Layer<unknown>)) {
    const note = sheet.notes.get(r, c);
    if (note) cell(r, c).note = note;
    else dropNote(cell(r, c));
  }
  for (const [r, c] of changed(sheet.backgrounds as Layer<unknown>)) {
    const bg = sheet.backgrounds.get(r, c);
    cell(r, c).fill = bg ? { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(bg) } } : { type: 'pattern', pattern: 'none' };
  }
  // Fonts and alignment: only the property that changed; name, size, italic, underline … stay.
  for (const [r, c] of changed(sheet.fontWeights as Layer<unknown>)) {
    cell(r, c).font = { ...(cell(r, c).font ?? {}), bold: sheet.fontWeights.get(r, c) === 'bold' };
  }
  for (const [r, c] of changed(sheet.fontColors as Layer<unknown>)) {
    const color = sheet.fontColors.get(r, c);
    const font: Partial<ExcelJS.Font> = { ...(cell(r, c).font ?? {}) };
    if (color) font.color = { argb: hexToArgb(color) };
    else delete font.color;
    cell(r, c).font = font;
  }
  for (const [r, c] of changed(sheet.wraps as Layer<unknown>)) {
    cell(r, c).alignment = { ...(cell(r, c).alignment ?? {}), wrapText: !!sheet.wraps.get(r, c) };
  }
  for (const [r, c] of changed(sheet.hAligns as Layer<unknown>)) {
    cell(r, c).alignment = { ...(cell(r, c).alignment ?? {}), horizontal: sheet.hAligns.get(r, c) as ExcelJS.Alignment['horizontal'] };
  }
  for (const [r, c] of changed(sheet.vAligns as Layer<unknown>)) {
    cell(r, c).alignment = { ...(cell(r, c).alignment ?? {}), vertical: sheet.vAligns.get(r, c) as ExcelJS.Alignment['vertical'] };
  }
  const store = validationsOf(ws);
  for (const [r, c] of changed(sheet.validations as Layer<unknown>)) {
    const address = `${columnToLetters(c + 1)}${r + 1}`;
    delete store.model[address];
    const rule = sheet.validations.get(r, c);
    const dv = rule ? excelValidation(sheet, rule) : null;
    if (dv) store.add(address, { ...dv });
  }
}

function eachCell<T>(layer: Layer<T>, fn: (r: number, c: number, v: T) => void): void {
  layer.rows.forEach((row, r) => {
    if (row) row.forEach((v, c) => v !== undefined && fn(r, c, v));
  });
}

function saveCells(sheet: SheetModel, ws: ExcelJS.Worksheet): void {
  const cell = (r: number, c: number) => ws.getCell(r + 1, c + 1);
  eachCell(sheet.formats, (r, c, f) => {
    cell(r, c).numFmt = f;
  });
  eachCell(sheet.values, (r, c, v) => {
    const formula = sheet.formulas.get(r, c);
    if (formula !== undefined) {
      const result = v === UNEVALUATED_FORMULA_VALUE ? undefined : v;
      cell(r, c).value = { formula: formula.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
    } else {
      cell(r, c).value = v;
    }
  });
  eachCell(sheet.notes, (r, c, note) => {
    cell(r, c).note = note;
  });
  eachCell(sheet.backgrounds, (r, c, bg) => {
    cell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(bg) } };
  });
  const fonts = new Map<string, Partial<ExcelJS.Font>>();
  const fontOf = (r: number, c: number) => {
    const key = `${r}:${c}`;
    let f = fonts.get(key);
    if (!f) fonts.set(key, (f = {}));
    return f;
  };
  eachCell(sheet.fontWeights, (r, c, w) => {
    if (w === 'bold') fontOf(r, c).bold = true;
  });
  eachCell(sheet.fontColors, (r, c, color) => {
    fontOf(r, c).color = { argb: hexToArgb(color) };
  });
  for (const [key, font] of fonts) {
    const [r, c] = key.split(':').map(Number);
    cell(r, c).font = font;
  }
  const aligns = new Map<string, Partial<ExcelJS.Alignment>>();
  const alignOf = (r: number, c: number) => {
    const key = `${r}:${c}`;
    let a = aligns.get(key);
    if (!a) aligns.set(key, (a = {}));
    return a;
  };
  eachCell(sheet.wraps, (r, c, w) => {
    if (w) alignOf(r, c).wrapText = true;
  });
  eachCell(sheet.hAligns, (r, c, h) => {
    alignOf(r, c).horizontal = h as ExcelJS.Alignment['horizontal'];
  });
  eachCell(sheet.vAligns, (r, c, v) => {
    alignOf(r, c).vertical = v as ExcelJS.Alignment['vertical'];
  });
  for (const [key, a] of aligns) {
    const [r, c] = key.split(':').map(Number);
    cell(r, c).alignment = a;
  }
}

function rangeA1(sheetName: string, row: number, col: number, numRows: number, numCols: number): string {
  const quoted = /^[A-Za-z0-9_]+$/.test(sheetName) ? sheetName : `'${sheetName.replace(/'/g, "''")}'`;
  return `${quoted}!$${columnToLetters(col)}$${row}:$${columnToLetters(col + numCols - 1)}$${row + numRows - 1}`;
}

function excelValidation(sheet: SheetModel, rule: ValidationRule): ExcelValidation | null {
  const alert = rule.allowInvalid
    ? { showErrorMessage: true, errorStyle: 'warning' }
    : { showErrorMessage: true, errorStyle: 'stop' };
  const prompt = rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {};
  if (rule.criteria === 'VALUE_IN_LIST') {
    const values = (rule.args[0] as string[]).map((v) => String(v).replace(/"/g, '""'));
    return { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], ...alert, ...prompt };
  }
  if (rule.criteria === 'VALUE_IN_RANGE' && rule.rangeRef) {
    const ref = rule.rangeRef;
    return { type: 'list', allowBlank: true, formulae: [rangeA1(ref.sheet.name, ref.row, ref.col, ref.numRows, ref.numCols)], ...alert, ...prompt };
  }
  return null;
}

/** Writes each run of cells sharing one rule in a column as one range. */
function saveValidations(sheet: SheetModel, ws: ExcelJS.Worksheet): void {
  const store = validationsOf(ws);
  const converted = new Map<ValidationRule, ExcelValidation | null>();
  const toExcel = (rule: ValidationRule) => {
    if (!converted.has(rule)) converted.set(rule, excelValidation(sheet, rule));
    return converted.get(rule)!;
  };
  const rows = sheet.validations.rows;
  const maxCol = rows.reduce((m, row) => (row ? Math.max(m, row.length) : m), 0);
  for (let c = 0; c < maxCol; c++) {
    let r = 0;
    while (r < rows.length) {
      const rule = rows[r]?.[c];
      if (!rule) {
        r++;
        continue;
      }
      let end = r;
      while (end + 1 < rows.length && rows[end + 1]?.[c] === rule) end++;
      const dv = toExcel(rule);
      if (dv) {
        const col = columnToLetters(c + 1);
        store.add(end === r ? `${col}${r + 1}` : `${col}${r + 1}:${col}${end + 1}`, { ...dv });
      }
      r = end + 1;
    }
  }
}
