// The local Spreadsheet service, following the Apps Script reference:
//   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
//   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
//   https://developers.google.com/apps-script/reference/spreadsheet/sheet
//   https://developers.google.com/apps-script/reference/spreadsheet/range
//   https://developers.google.com/apps-script/reference/spreadsheet/data-validation(-builder)
// Every public method counts itself as 'Class.method' on the runtime's CallCounter. Where the
// reference is silent the stricter behaviour is chosen; test/local/gas/spreadsheet*.test.ts says
// which. Storage lives in spreadsheet-model.ts, value parsing and formats in spreadsheet-values.ts.

import { createHash } from 'node:crypto';
import { CallCounter } from './counter';
import {
  type CellSpec,
  DEFAULTS,
  type FontWeight,
  type RangeRef,
  SheetModel,
  type SpreadsheetEnv,
  SpreadsheetModel,
  type ValidationRule,
  normalizeColor,
} from './spreadsheet-model';
import { LocalUi, LocalUiState, makeEnum } from './spreadsheet-ui';
import { LocalProtection, newProtection } from './protection';
import type { ProtectionModel } from './spreadsheet-model';
import { GENERAL_FORMAT, cellA1, columnToLetters, isDate, isGeneralFormat, parseA1 } from './spreadsheet-values';

export { LocalUiState } from './spreadsheet-ui';
export type { CellSpec } from './spreadsheet-model';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GasDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GasCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

// ---------------------------------------------------------------------------
// Enums

export const DataValidationCriteria = makeEnum<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>([
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
]);
export const BorderStyle = makeEnum<typeof GoogleAppsScript.Spreadsheet.BorderStyle>([
  'DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE',
]);
export const WrapStrategy = makeEnum<typeof GoogleAppsScript.Spreadsheet.WrapStrategy>(['WRAP', 'OVERFLOW', 'CLIP']);
export const Dimension = makeEnum<typeof GoogleAppsScript.Spreadsheet.Dimension>(['COLUMNS', 'ROWS']);
export const ProtectionType = makeEnum<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);
export const SheetType = makeEnum<typeof GoogleAppsScript.Spreadsheet.SheetType>(['GRID', 'OBJECT']);

function criteriaName(c: unknown): string {
  const name = c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'function' ? (c as { name(): string }).name() : undefined;
  if (!name || (DataValidationCriteria as unknown as Record<string, unknown>)[name] !== c) {
    throw new Error(`The parameters (${typeof c}) don't match the method signature for SpreadsheetApp.DataValidationBuilder.withCriteria.`);
  }
  return name;
}

// ---------------------------------------------------------------------------
// Errors with Apps Script's wording

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => Array.isArray(x))) return 'Object[][]';
    const inner = new Set(v.map((x) => typeName(x)));
    return (inner.size === 1 ? [...inner][0] : 'Object') + '[]';
  }
  return 'Object';
}

function signature(method: string, args: readonly unknown[]): Error {
  return new Error(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** A 2-D argument with the range's shape, or Apps Script's errors. */
function checkGrid(method: string, data: unknown, numRows: number, numCols: number): readonly (readonly unknown[])[] {
  if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) throw signature(method, [data]);
  if (data.length !== numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
    );
  }
  for (const row of data as unknown[][]) {
    if (row.length !== numCols) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numCols}.`,
      );
    }
  }
  return data as unknown[][];
}

// ---------------------------------------------------------------------------
// DataValidation

type ValidationKeys = 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText';

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation */
export class LocalDataValidation implements Pick<GasDataValidation, ValidationKeys> {
  constructor(
    private readonly counter: CallCounter,
    readonly rule: Readonly<ValidationRule>,
  ) {}

  copy(): GasDataValidationBuilder {
    this.counter.count('DataValidation.copy');
    return new LocalDataValidationBuilder(this.counter, { ...this.rule, args: this.rule.args.slice() }) as unknown as GasDataValidationBuilder;
  }

  getAllowInvalid(): boolean {
    this.counter.count('DataValidation.getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getCriteriaType(): GasCriteria {
    this.counter.count('DataValidation.getCriteriaType');
    return (DataValidationCriteria as unknown as Record<string, GasCriteria>)[this.rule.criteria];
  }

  getCriteriaValues(): any[] {
    this.counter.count('DataValidation.getCriteriaValues');
    return this.rule.args.map((a) => (Array.isArray(a) ? a.slice() : a));
  }

  /** The reference: "the rule's help text, or null if no help text is set". */
  getHelpText(): string {
    this.counter.count('DataValidation.getHelpText');
    return this.rule.helpText as string;
  }
}

type BuilderKeys =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireCheckbox'
  | 'requireNumberBetween'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria';

/** Sheets' limit for a list rule (its own message names the remedy). */
export const MAX_LIST_ITEMS = 500;

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder */
export class LocalDataValidationBuilder implements Pick<GasDataValidationBuilder, BuilderKeys> {
  private rule: ValidationRule;

  constructor(
    private readonly counter: CallCounter,
    rule?: ValidationRule,
  ) {
    // The reference: "The default for new data validation rules is true" (allowInvalid).
    this.rule = rule ?? { criteria: '', args: [], allowInvalid: true, helpText: null };
  }

  private self(): GasDataValidationBuilder {
    return this as unknown as GasDataValidationBuilder;
  }

  build(): GasDataValidation {
    this.counter.count('DataValidationBuilder.build');
    if (!this.rule.criteria) throw new Error('A data validation rule needs criteria: call one of the require… methods before build().');
    return new LocalDataValidation(this.counter, { ...this.rule, args: this.rule.args.slice() }) as unknown as GasDataValidation;
  }

  copy(): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.copy');
    return new LocalDataValidationBuilder(this.counter, { ...this.rule, args: this.rule.args.slice() }) as unknown as GasDataValidationBuilder;
  }

  getAllowInvalid(): boolean {
    this.counter.count('DataValidationBuilder.getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getCriteriaType(): GasCriteria {
    this.counter.count('DataValidationBuilder.getCriteriaType');
    return (DataValidationCriteria as unknown as Record<string, GasCriteria>)[this.rule.criteria];
  }

  getCriteriaValues(): any[] {
    this.counter.count('DataValidationBuilder.getCriteriaValues');
    return this.rule.args.slice();
  }

  getHelpText(): string | null {
    this.counter.count('DataValidationBuilder.getHelpText');
    return this.rule.helpText;
  }

  requireValueInList(values: string[], showDropdown = true): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values)) throw signature('DataValidationBuilder.requireValueInList', [values]);
    if (values.length > MAX_LIST_ITEMS) {
      throw new Error(
        `The data validation rule has more items than the limit of ${MAX_LIST_ITEMS}. Use the ‘List from a range’ criteria instead.`,
      );
    }
    this.rule = { ...this.rule, criteria: 'VALUE_IN_LIST', args: [values.map(String), showDropdown], rangeRef: undefined };
    return this.self();
  }

  requireValueInRange(range: GasRange, showDropdown = true): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.requireValueInRange');
    const local = range as unknown as LocalRange;
    if (!(local instanceof LocalRange)) throw signature('DataValidationBuilder.requireValueInRange', [range]);
    this.rule = { ...this.rule, criteria: 'VALUE_IN_RANGE', args: [range, showDropdown], rangeRef: local.ref() };
    return this.self();
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.requireCheckbox');
    const args = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    this.rule = { ...this.rule, criteria: 'CHECKBOX', args, rangeRef: undefined };
    return this.self();
  }

  requireNumberBetween(start: number, end: number): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.requireNumberBetween');
    this.rule = { ...this.rule, criteria: 'NUMBER_BETWEEN', args: [start, end], rangeRef: undefined };
    return this.self();
  }

  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.setAllowInvalid');
    this.rule = { ...this.rule, allowInvalid: Boolean(allowInvalidData) };
    return this.self();
  }

  setHelpText(helpText: string): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.setHelpText');
    this.rule = { ...this.rule, helpText: String(helpText) };
    return this.self();
  }

  withCriteria(criteria: GasCriteria, args: any[]): GasDataValidationBuilder {
    this.counter.count('DataValidationBuilder.withCriteria');
    const name = criteriaName(criteria);
    const rangeRef = name === 'VALUE_IN_RANGE' && args[0] instanceof LocalRange ? (args[0] as LocalRange).ref() : undefined;
    this.rule = { ...this.rule, criteria: name, args: args.slice(), rangeRef };
    return this.self();
  }
}

function ruleOf(method: string, rule: unknown): ValidationRule | undefined {
  if (rule === null) return undefined;
  if (!(rule instanceof LocalDataValidation)) throw signature(method, [rule]);
  return rule.rule;
}

// ---------------------------------------------------------------------------
// Range

type RangeKeys =
  | 'activate'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontColor'
  | 'getFontColors'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getHorizontalAlignment'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWrap'
  | 'isBlank'
  | 'offset'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontColors'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap';

/**
 * Range methods that read or write the cells of the whole range (values, display strings,
 * formulas, formats, notes, validations; a single-value setter applies to every cell). Counted
 * as cells moved; geometry and navigation (getRow, offset …) move none.
 */
const CELL_METHODS = new Set([
  'clear', 'clearContent', 'clearDataValidations', 'clearFormat', 'clearNote',
  'getBackgrounds', 'getDataValidations', 'getDisplayValues', 'getFontColors', 'getFontWeights', 'getFormulas',
  'getNotes', 'getNumberFormats', 'getValues', 'isBlank',
  'setBackground', 'setBackgrounds', 'setDataValidation', 'setDataValidations', 'setFontColor', 'setFontColors',
  'setFontWeight', 'setFontWeights', 'setFormula', 'setFormulas', 'setHorizontalAlignment', 'setNote', 'setNotes',
  'setNumberFormat', 'setNumberFormats', 'setValue', 'setValues', 'setVerticalAlignment', 'setWrap',
]);
/** Getters of one value: they read the top-left cell only, whatever the range's size. */
const TOP_LEFT_GETTERS = new Set([
  'getBackground', 'getDataValidation', 'getDisplayValue', 'getFontColor', 'getFontWeight', 'getFormula', 'getNote',
  'getNumberFormat', 'getValue',
]);

/** https://developers.google.com/apps-script/reference/spreadsheet/range */
export class LocalRange implements Pick<GasRange, RangeKeys> {
  constructor(
    readonly sheetModel: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
    /** Set for "B:B", "A2:B" or "2:5" notations, whose A1 form stays open-ended. */
    private readonly openA1?: string,
  ) {}

  private count(method: string): void {
    const counter = this.sheetModel.book.env.counter;
    counter.count('Range.' + method);
    // Cells moved: every cell of the range whose content or format the call reads or writes.
    if (CELL_METHODS.has(method)) counter.countCells('Range.' + method, this.numRows * this.numCols);
    else if (TOP_LEFT_GETTERS.has(method)) counter.countCells('Range.' + method, 1);
  }

  private self(): GasRange {
    return this as unknown as GasRange;
  }

  /** Uncounted: the block this range covers. */
  ref(): RangeRef {
    return { sheet: this.sheetModel, row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }

  private get r0(): number {
    return this.row - 1;
  }

  private get c0(): number {
    return this.col - 1;
  }

  // ---- position

  activate(): GasRange {
    this.count('activate');
    const book = this.sheetModel.book;
    book.active = this.sheetModel;
    book.activeRange = this.ref();
    return this.self();
  }

  /** reference/spreadsheet/range#protect(): a new protection whose editors mirror the spreadsheet's. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.count('protect');
    const p = newProtection(this.sheetModel.book, { sheet: this.sheetModel, type: 'RANGE', row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols });
    return protectionService(p);
  }

  getA1Notation(): string {
    this.count('getA1Notation');
    return this.openA1 ?? a1Of(this.row, this.col, this.numRows, this.numCols);
  }

  getCell(row: number, column: number): GasRange {
    this.count('getCell');
    if (!isInt(row) || !isInt(column)) throw signature('Range.getCell', [row, column]);
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols) throw new Error('Cell reference out of range');
    return new LocalRange(this.sheetModel, this.row + row - 1, this.col + column - 1, 1, 1) as unknown as GasRange;
  }

  getColumn(): number {
    this.count('getColumn');
    return this.col;
  }

  getRow(): number {
    this.count('getRow');
    return this.row;
  }

  getLastColumn(): number {
    this.count('getLastColumn');
    return this.col + this.numCols - 1;
  }

  getLastRow(): number {
    this.count('getLastRow');
    return this.row + this.numRows - 1;
  }

  getNumColumns(): number {
    this.count('getNumColumns');
    return this.numCols;
  }

  getNumRows(): number {
    this.count('getNumRows');
    return this.numRows;
  }

  getSheet(): GasSheet {
    this.count('getSheet');
    return sheetService(this.sheetModel) as unknown as GasSheet;
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GasRange {
    this.count('offset');
    const args = [rowOffset, columnOffset, numRows, numColumns].slice(0, arguments.length);
    if (!args.every(isInt)) throw signature('Range.offset', args);
    return makeRange(this.sheetModel, this.row + rowOffset, this.col + columnOffset, numRows ?? this.numRows, numColumns ?? this.numCols);
  }

  isBlank(): boolean {
    this.count('isBlank');
    return !this.sheetModel.values.hasAny(this.r0, this.c0, this.numRows, this.numCols);
  }

  // ---- values

  getValue(): any {
    this.count('getValue');
    return this.sheetModel.readValues(this.row, this.col, 1, 1)[0][0];
  }

  getValues(): any[][] {
    this.count('getValues');
    return this.sheetModel.readValues(this.row, this.col, this.numRows, this.numCols);
  }

  getDisplayValue(): string {
    this.count('getDisplayValue');
    return this.sheetModel.displayAt(this.r0, this.c0);
  }

  getDisplayValues(): string[][] {
    this.count('getDisplayValues');
    return this.sheetModel.readDisplayValues(this.row, this.col, this.numRows, this.numCols);
  }

  /** The reference: a value written here is parsed like typed input, "=" starts a formula. */
  setValue(value: any): GasRange {
    this.count('setValue');
    const row = new Array(this.numCols).fill(value);
    const data = new Array(this.numRows).fill(row);
    this.sheetModel.writeBlock(this.row, this.col, data, 'typed', 'Range.setValue');
    return this.self();
  }

  setValues(values: any[][]): GasRange {
    this.count('setValues');
    const data = checkGrid('Range.setValues', values, this.numRows, this.numCols);
    this.sheetModel.writeBlock(this.row, this.col, data, 'typed', 'Range.setValues');
    return this.self();
  }

  getFormula(): string {
    this.count('getFormula');
    return this.sheetModel.formulas.get(this.r0, this.c0) ?? '';
  }

  getFormulas(): string[][] {
    this.count('getFormulas');
    return this.sheetModel.formulas.read(this.r0, this.c0, this.numRows, this.numCols, '');
  }

  setFormula(formula: string): GasRange {
    this.count('setFormula');
    if (typeof formula !== 'string') throw signature('Range.setFormula', [formula]);
    const data = new Array(this.numRows).fill(new Array(this.numCols).fill(formula));
    this.sheetModel.writeBlock(this.row, this.col, data, 'typed', 'Range.setFormula');
    return this.self();
  }

  setFormulas(formulas: string[][]): GasRange {
    this.count('setFormulas');
    const data = checkGrid('Range.setFormulas', formulas, this.numRows, this.numCols);
    for (const row of data) for (const f of row) if (typeof f !== 'string') throw signature('Range.setFormulas', [formulas]);
    this.sheetModel.writeBlock(this.row, this.col, data, 'typed', 'Range.setFormulas');
    return this.self();
  }

  clearContent(): GasRange {
    this.count('clearContent');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const s = this.sheetModel;
    s.values.fill(this.r0, this.c0, this.numRows, this.numCols, undefined);
    s.formulas.fill(this.r0, this.c0, this.numRows, this.numCols, undefined);
    return this.self();
  }

  /**
   * The reference: "Clears the range of contents and formats"; with options only the named parts.
   * The local runtime also clears notes and validations on a plain clear() (the reference is silent).
   */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): GasRange {
    this.count('clear');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    clearBlock(this.sheetModel, this.r0, this.c0, this.numRows, this.numCols, options);
    return this.self();
  }

  clearFormat(): GasRange {
    this.count('clearFormat');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    clearBlock(this.sheetModel, this.r0, this.c0, this.numRows, this.numCols, { formatOnly: true });
    return this.self();
  }

  clearNote(): GasRange {
    this.count('clearNote');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.notes.fill(this.r0, this.c0, this.numRows, this.numCols, undefined);
    return this.self();
  }

  clearDataValidations(): GasRange {
    this.count('clearDataValidations');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.validations.fill(this.r0, this.c0, this.numRows, this.numCols, undefined);
    return this.self();
  }

  // ---- notes

  getNote(): string {
    this.count('getNote');
    return this.sheetModel.notes.get(this.r0, this.c0) ?? '';
  }

  getNotes(): string[][] {
    this.count('getNotes');
    return this.sheetModel.notes.read(this.r0, this.c0, this.numRows, this.numCols, '');
  }

  setNote(note: string | null): GasRange {
    this.count('setNote');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.notes.fill(this.r0, this.c0, this.numRows, this.numCols, note === null || note === '' ? undefined : String(note));
    return this.self();
  }

  setNotes(notes: Array<Array<string | null>>): GasRange {
    this.count('setNotes');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setNotes', notes, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.notes, data, (v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
    return this.self();
  }

  // ---- formats

  getBackground(): string {
    this.count('getBackground');
    return this.sheetModel.backgrounds.get(this.r0, this.c0) ?? DEFAULTS.background;
  }

  getBackgrounds(): string[][] {
    this.count('getBackgrounds');
    return this.sheetModel.backgrounds.read(this.r0, this.c0, this.numRows, this.numCols, DEFAULTS.background);
  }

  setBackground(color: string | null): GasRange {
    this.count('setBackground');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.backgrounds.fill(this.r0, this.c0, this.numRows, this.numCols, colorOrDefault(color, DEFAULTS.background));
    return this.self();
  }

  setBackgrounds(color: Array<Array<string | null>>): GasRange {
    this.count('setBackgrounds');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setBackgrounds', color, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.backgrounds, data, (v) => colorOrDefault(v as string | null, DEFAULTS.background));
    return this.self();
  }

  /** Deprecated in the reference (use getFontColorObject) but still available. */
  getFontColor(): string {
    this.count('getFontColor');
    return this.sheetModel.fontColors.get(this.r0, this.c0) ?? DEFAULTS.fontColor;
  }

  getFontColors(): string[][] {
    this.count('getFontColors');
    return this.sheetModel.fontColors.read(this.r0, this.c0, this.numRows, this.numCols, DEFAULTS.fontColor);
  }

  setFontColor(color: string | null): GasRange {
    this.count('setFontColor');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.fontColors.fill(this.r0, this.c0, this.numRows, this.numCols, colorOrDefault(color, DEFAULTS.fontColor));
    return this.self();
  }

  setFontColors(colors: any[][]): GasRange {
    this.count('setFontColors');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setFontColors', colors, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.fontColors, data, (v) => colorOrDefault(v as string | null, DEFAULTS.fontColor));
    return this.self();
  }

  getFontWeight(): FontWeight {
    this.count('getFontWeight');
    return this.sheetModel.fontWeights.get(this.r0, this.c0) ?? DEFAULTS.fontWeight;
  }

  getFontWeights(): FontWeight[][] {
    this.count('getFontWeights');
    return this.sheetModel.fontWeights.read(this.r0, this.c0, this.numRows, this.numCols, DEFAULTS.fontWeight);
  }

  setFontWeight(fontWeight: FontWeight | null): GasRange {
    this.count('setFontWeight');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.fontWeights.fill(this.r0, this.c0, this.numRows, this.numCols, weightOf('Range.setFontWeight', fontWeight));
    return this.self();
  }

  setFontWeights(fontWeights: Array<Array<FontWeight | null>>): GasRange {
    this.count('setFontWeights');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setFontWeights', fontWeights, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.fontWeights, data, (v) => weightOf('Range.setFontWeights', v as FontWeight | null));
    return this.self();
  }

  getNumberFormat(): string {
    this.count('getNumberFormat');
    return this.sheetModel.formats.get(this.r0, this.c0) ?? GENERAL_FORMAT;
  }

  getNumberFormats(): string[][] {
    this.count('getNumberFormats');
    return this.sheetModel.formats.read(this.r0, this.c0, this.numRows, this.numCols, GENERAL_FORMAT);
  }

  setNumberFormat(numberFormat: string): GasRange {
    this.count('setNumberFormat');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    if (typeof numberFormat !== 'string') throw signature('Range.setNumberFormat', [numberFormat]);
    this.sheetModel.formats.fill(this.r0, this.c0, this.numRows, this.numCols, isGeneralFormat(numberFormat) ? undefined : numberFormat);
    return this.self();
  }

  setNumberFormats(numberFormats: string[][]): GasRange {
    this.count('setNumberFormats');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setNumberFormats', numberFormats, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.formats, data, (v) => {
      if (typeof v !== 'string') throw signature('Range.setNumberFormats', [numberFormats]);
      return isGeneralFormat(v) ? undefined : v;
    });
    return this.self();
  }

  getHorizontalAlignment(): string {
    this.count('getHorizontalAlignment');
    return this.sheetModel.hAligns.get(this.r0, this.c0) ?? 'general';
  }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): GasRange {
    this.count('setHorizontalAlignment');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const v = alignment === null || alignment === 'normal' ? undefined : alignment;
    if (v !== undefined && !['left', 'center', 'right'].includes(v)) throw signature('Range.setHorizontalAlignment', [alignment]);
    this.sheetModel.hAligns.fill(this.r0, this.c0, this.numRows, this.numCols, v);
    return this.self();
  }

  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): GasRange {
    this.count('setVerticalAlignment');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    if (alignment !== null && !['top', 'middle', 'bottom'].includes(alignment)) throw signature('Range.setVerticalAlignment', [alignment]);
    this.sheetModel.vAligns.fill(this.r0, this.c0, this.numRows, this.numCols, alignment ?? undefined);
    return this.self();
  }

  getWrap(): boolean {
    this.count('getWrap');
    return this.sheetModel.wraps.get(this.r0, this.c0) ?? false;
  }

  setWrap(isWrapEnabled: boolean): GasRange {
    this.count('setWrap');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.wraps.fill(this.r0, this.c0, this.numRows, this.numCols, isWrapEnabled ? true : undefined);
    return this.self();
  }

  // ---- data validation

  getDataValidation(): GasDataValidation | null {
    this.count('getDataValidation');
    const rule = this.sheetModel.validations.get(this.r0, this.c0);
    return rule ? (new LocalDataValidation(this.sheetModel.book.env.counter, rule) as unknown as GasDataValidation) : null;
  }

  getDataValidations(): Array<Array<GasDataValidation | null>> {
    this.count('getDataValidations');
    const counter = this.sheetModel.book.env.counter;
    return this.sheetModel.validations
      .read(this.r0, this.c0, this.numRows, this.numCols, null)
      .map((row) => row.map((rule) => (rule ? (new LocalDataValidation(counter, rule) as unknown as GasDataValidation) : null)));
  }

  setDataValidation(rule: GasDataValidation | null): GasRange {
    this.count('setDataValidation');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    this.sheetModel.validations.fill(this.r0, this.c0, this.numRows, this.numCols, ruleOf('Range.setDataValidation', rule));
    return this.self();
  }

  setDataValidations(rules: Array<Array<GasDataValidation | null>>): GasRange {
    this.count('setDataValidations');
    this.sheetModel.checkProtected(this.row, this.col, this.numRows, this.numCols);
    const data = checkGrid('Range.setDataValidations', rules, this.numRows, this.numCols);
    this.writeLayer(this.sheetModel.validations, data, (v) => ruleOf('Range.setDataValidations', v === undefined ? null : v));
    return this.self();
  }

  private writeLayer<T>(layer: { set(r: number, c: number, v: T | undefined): void }, data: readonly (readonly unknown[])[], map: (v: unknown) => T | undefined): void {
    // Map everything first so a bad element leaves the range unchanged.
    const mapped = data.map((row) => row.map(map));
    for (let i = 0; i < mapped.length; i++) {
      for (let j = 0; j < mapped[i].length; j++) layer.set(this.r0 + i, this.c0 + j, mapped[i][j]);
    }
  }
}

function colorOrDefault(color: string | null | undefined, dflt: string): string | undefined {
  const c = normalizeColor(color);
  return c === null || c === dflt ? undefined : c;
}

function weightOf(method: string, w: FontWeight | null | undefined): FontWeight | undefined {
  if (w === null || w === undefined || w === 'normal') return undefined;
  if (w === 'bold') return 'bold';
  throw signature(method, [w]);
}

function clearBlock(
  s: SheetModel,
  r0: number,
  c0: number,
  nr: number,
  nc: number,
  options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean },
): void {
  s.checkProtected(r0 + 1, c0 + 1, nr, nc);
  const o = options ?? {};
  const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
  if (!any || o.contentsOnly) {
    s.values.fill(r0, c0, nr, nc, undefined);
    s.formulas.fill(r0, c0, nr, nc, undefined);
  }
  if (!any || o.formatOnly) for (const layer of s.formatLayers()) layer.fill(r0, c0, nr, nc, undefined);
  if (!any || o.commentsOnly) s.notes.fill(r0, c0, nr, nc, undefined);
  if (!any || o.validationsOnly) s.validations.fill(r0, c0, nr, nc, undefined);
}

function a1Of(row: number, col: number, numRows: number, numCols: number): string {
  const lastCol = col + numCols - 1;
  const lastRow = row + numRows - 1;
  if (numRows === 1 && numCols === 1) return cellA1(row, col);
  return `${cellA1(row, col)}:${cellA1(lastRow, lastCol)}`;
}

/** Bounds checks with Apps Script's messages. */
function makeRange(sheet: SheetModel, row: number, col: number, numRows: number, numCols: number): GasRange {
  if (row < 1) throw new Error('The starting row of the range is too small.');
  if (col < 1) throw new Error('The starting column of the range is too small.');
  if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols) throw new Error(OUTSIDE);
  return new LocalRange(sheet, row, col, numRows, numCols) as unknown as GasRange;
}

function rangeFromA1(sheet: SheetModel, a1: string, method: string): GasRange {
  if (typeof a1 !== 'string') throw signature(method, [a1]);
  const ref = parseA1(a1);
  if (!ref) throw new Error('Range not found');
  const target = ref.sheetName === undefined ? sheet : sheet.book.sheet(ref.sheetName);
  if (!target) throw new Error('Range not found');
  let r1 = ref.row1 ?? 1;
  let r2 = ref.row2 ?? target.maxRows;
  let c1 = ref.col1 ?? 1;
  let c2 = ref.col2 ?? target.maxCols;
  if (r2 < r1) [r1, r2] = [r2, r1];
  if (c2 < c1) [c1, c2] = [c2, c1];
  if (r2 > target.maxRows || c2 > target.maxCols) throw new Error('Range not found');
  let openA1: string | undefined;
  if (ref.col1 === undefined) openA1 = `${r1}:${r2}`;
  else if (ref.row1 === undefined) openA1 = `${columnToLetters(c1)}:${columnToLetters(c2)}`;
  else if (ref.row2 === undefined) openA1 = `${columnToLetters(c1)}${r1}:${columnToLetters(c2)}`;
  return new LocalRange(target, r1, c1, r2 - r1 + 1, c2 - c1 + 1, openA1) as unknown as GasRange;
}

// ---------------------------------------------------------------------------
// RangeList

type RangeListKeys = 'getRanges' | 'setBackground';

/**
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list: "A collection of one
 * or more Range instances in the same sheet", to "apply operations on collections of non-adjacent
 * ranges or cells". Only the methods the add-on uses. Each call counts once, as 'RangeList.method';
 * a setter moves the cells of every range in the list.
 */
export class LocalRangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, RangeListKeys> {
  constructor(readonly sheetModel: SheetModel, private readonly ranges: readonly LocalRange[]) {}

  private count(method: string, cells = 0): void {
    const counter = this.sheetModel.book.env.counter;
    counter.count('RangeList.' + method);
    if (cells) counter.countCells('RangeList.' + method, cells);
  }

  /**
   * "Returns a list of one or more Range instances in the same sheet." Reference silent on the
   * order: the order of the notations given (as Sheets returns them).
   */
  getRanges(): GasRange[] {
    this.count('getRanges');
    return this.ranges.map((r) => new LocalRange(r.sheetModel, r.row, r.col, r.numRows, r.numCols) as unknown as GasRange);
  }

  /**
   * "Sets the background color for each Range in the range list", in CSS notation. Like
   * Range.setBackground, a protected cell refuses it; every range is checked before any is
   * painted (reference silent on a partial failure: nothing changes, the stricter choice). The
   * reference does not say null resets the colour here (Range.setBackground does): refused.
   */
  setBackground(color: string): GoogleAppsScript.Spreadsheet.RangeList {
    const cells = this.ranges.reduce((n, r) => n + r.numRows * r.numCols, 0);
    this.count('setBackground', cells);
    if (typeof color !== 'string') throw signature('RangeList.setBackground', [color]);
    for (const r of this.ranges) this.sheetModel.checkProtected(r.row, r.col, r.numRows, r.numCols);
    const value = colorOrDefault(color, DEFAULTS.background);
    for (const r of this.ranges) this.sheetModel.backgrounds.fill(r.row - 1, r.col - 1, r.numRows, r.numCols, value);
    return this as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
}

// ---------------------------------------------------------------------------
// Sheet

type SheetKeys =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getActiveRange'
  | 'getColumnWidth'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getRange'
  | 'getRangeList'
  | 'getSheetId'
  | 'getSheetName'
  | 'getSheetValues'
  | 'getTabColor'
  | 'getType'
  | 'hideSheet'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isSheetHidden'
  | 'setActiveRange'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setTabColor'
  | 'showSheet';

function sheetService(model: SheetModel): LocalSheet {
  if (!model.service) model.service = new LocalSheet(model);
  return model.service as LocalSheet;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/sheet */
export class LocalSheet implements Pick<GasSheet, SheetKeys> {
  constructor(readonly model: SheetModel) {}

  private count(method: string): void {
    this.model.book.env.counter.count('Sheet.' + method);
  }

  private self(): GasSheet {
    return this as unknown as GasSheet;
  }

  private live(): SheetModel {
    if (this.model.deleted) throw new Error(`The sheet "${this.model.name}" was deleted.`);
    return this.model;
  }

  /** reference/spreadsheet/sheet#protect(): the sheet's protection, the existing one when there is one. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.count('protect');
    const s = this.live();
    const existing = s.book.protections.find((p) => !p.removed && p.sheet === s && p.type === 'SHEET');
    return protectionService(existing ?? newProtection(s.book, { sheet: s, type: 'SHEET', row: 1, col: 1, numRows: 0, numCols: 0 }));
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.count('getProtections');
    const s = this.live();
    return protectionsOf(s.book, s, type, 'Sheet.getProtections');
  }

  activate(): GasSheet {
    this.count('activate');
    const book = this.live().book;
    book.active = this.model;
    book.activeRange = null;
    return this.self();
  }

  /** The reference: appends after the last row with content; "=" starts a formula. */
  appendRow(rowContents: any[]): GasSheet {
    this.count('appendRow');
    const s = this.live();
    if (!Array.isArray(rowContents)) throw signature('Sheet.appendRow', [rowContents]);
    if (rowContents.length === 0) return this.self();
    const row = s.lastRow() + 1;
    s.ensureSize(row, rowContents.length);
    s.writeBlock(row, 1, [rowContents], 'typed', 'Sheet.appendRow');
    return this.self();
  }

  autoResizeColumn(columnPosition: number): GasSheet {
    this.count('autoResizeColumn');
    autoResize(this.live(), columnPosition, 1);
    return this.self();
  }

  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    this.count('autoResizeColumns');
    autoResize(this.live(), startColumn, numColumns);
    return this.self();
  }

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GasSheet {
    this.count('clear');
    const s = this.live();
    clearBlock(s, 0, 0, s.maxRows, s.maxCols, options);
    return this.self();
  }

  clearContents(): GasSheet {
    this.count('clearContents');
    const s = this.live();
    clearBlock(s, 0, 0, s.maxRows, s.maxCols, { contentsOnly: true });
    return this.self();
  }

  clearFormats(): GasSheet {
    this.count('clearFormats');
    const s = this.live();
    clearBlock(s, 0, 0, s.maxRows, s.maxCols, { formatOnly: true });
    return this.self();
  }

  clearNotes(): GasSheet {
    this.count('clearNotes');
    const s = this.live();
    clearBlock(s, 0, 0, s.maxRows, s.maxCols, { commentsOnly: true });
    return this.self();
  }

  deleteColumn(columnPosition: number): GasSheet {
    this.count('deleteColumn');
    this.deleteCols(columnPosition, 1, 'Sheet.deleteColumn');
    return this.self();
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.count('deleteColumns');
    this.deleteCols(columnPosition, howMany, 'Sheet.deleteColumns');
  }

  private deleteCols(at: number, n: number, method: string): void {
    const s = this.live();
    if (!isInt(at) || !isInt(n)) throw signature(method, [at, n]);
    if (at < 1 || n < 1 || at + n - 1 > s.maxCols) throw new Error('Those columns are out of bounds.');
    if (n >= s.maxCols) throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    s.deleteColumns(at, n);
  }

  deleteRow(rowPosition: number): GasSheet {
    this.count('deleteRow');
    this.deleteRowsAt(rowPosition, 1, 'Sheet.deleteRow');
    return this.self();
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.count('deleteRows');
    this.deleteRowsAt(rowPosition, howMany, 'Sheet.deleteRows');
  }

  private deleteRowsAt(at: number, n: number, method: string): void {
    const s = this.live();
    if (!isInt(at) || !isInt(n)) throw signature(method, [at, n]);
    if (at < 1 || n < 1 || at + n - 1 > s.maxRows) throw new Error('Those rows are out of bounds.');
    if (n >= s.maxRows - s.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    s.deleteRows(at, n);
  }

  getActiveRange(): GasRange | null {
    this.count('getActiveRange');
    const book = this.live().book;
    const ref = book.activeRange;
    if (ref && ref.sheet === this.model) return new LocalRange(ref.sheet, ref.row, ref.col, ref.numRows, ref.numCols) as unknown as GasRange;
    return new LocalRange(this.model, 1, 1, 1, 1) as unknown as GasRange;
  }

  getColumnWidth(columnPosition: number): number {
    this.count('getColumnWidth');
    return this.live().columnWidths.get(columnPosition) ?? DEFAULTS.columnWidth;
  }

  /** The reference: the range "corresponding to the dimensions in which data is present"; A1 when empty. */
  getDataRange(): GasRange {
    this.count('getDataRange');
    const s = this.live();
    return new LocalRange(s, 1, 1, Math.max(1, s.lastRow()), Math.max(1, s.lastColumn())) as unknown as GasRange;
  }

  getFrozenColumns(): number {
    this.count('getFrozenColumns');
    return this.live().frozenColumns;
  }

  getFrozenRows(): number {
    this.count('getFrozenRows');
    return this.live().frozenRows;
  }

  /** 1-based position among the sheets. */
  getIndex(): number {
    this.count('getIndex');
    return this.live().index() + 1;
  }

  getLastColumn(): number {
    this.count('getLastColumn');
    return this.live().lastColumn();
  }

  getLastRow(): number {
    this.count('getLastRow');
    return this.live().lastRow();
  }

  getMaxColumns(): number {
    this.count('getMaxColumns');
    return this.live().maxCols;
  }

  getMaxRows(): number {
    this.count('getMaxRows');
    return this.live().maxRows;
  }

  getName(): string {
    this.count('getName');
    return this.model.name;
  }

  getSheetName(): string {
    this.count('getSheetName');
    return this.model.name;
  }

  getParent(): GasSpreadsheet {
    this.count('getParent');
    return spreadsheetService(this.model.book) as unknown as GasSpreadsheet;
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): GasRange {
    this.count('getRange');
    const s = this.live();
    if (typeof a === 'string' && arguments.length === 1) return rangeFromA1(s, a, 'Sheet.getRange');
    const args = [a, column, numRows, numColumns].slice(0, arguments.length);
    // Stricter than Apps Script, which truncates 2.5 to 2: a fractional index is an add-on bug.
    if (args.length < 2 || !args.every(isInt)) throw signature('Sheet.getRange', args);
    return makeRange(s, a as number, column as number, numRows ?? 1, numColumns ?? 1);
  }

  /**
   * reference/spreadsheet/sheet#getrangelista1notations: "a non-empty list of A1 notations or
   * R1C1 notations" of ranges "in the same sheet". Reference silent on an empty list, a name of
   * another sheet and R1C1 here: the first two are refused (stricter), R1C1 is not modelled.
   */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    this.count('getRangeList');
    const s = this.live();
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw signature('Sheet.getRangeList', [a1Notations]);
    const ranges = a1Notations.map((a) => {
      const r = rangeFromA1(s, a, 'Sheet.getRangeList') as unknown as LocalRange;
      if (r.sheetModel !== s) throw new Error('Range not found');
      return r;
    });
    return new LocalRangeList(s, ranges) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }

  getSheetId(): number {
    this.count('getSheetId');
    return this.model.id;
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): any[][] {
    this.count('getSheetValues');
    const s = this.live();
    // The reference: -1 for numRows/numColumns means "to the last row/column with content".
    const nr = numRows === -1 ? s.lastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? s.lastColumn() - startColumn + 1 : numColumns;
    const range = makeRange(s, startRow, startColumn, nr, nc) as unknown as LocalRange;
    return s.readValues(range.row, range.col, range.numRows, range.numCols);
  }

  getTabColor(): string | null {
    this.count('getTabColor');
    return this.live().tabColor;
  }

  getType(): GoogleAppsScript.Spreadsheet.SheetType {
    this.count('getType');
    return SheetType.GRID;
  }

  hideSheet(): GasSheet {
    this.count('hideSheet');
    const s = this.live();
    if (!s.hidden && s.book.sheets.filter((x) => !x.hidden).length === 1) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    s.hidden = true;
    return this.self();
  }

  isSheetHidden(): boolean {
    this.count('isSheetHidden');
    return this.live().hidden;
  }

  showSheet(): GasSheet {
    this.count('showSheet');
    this.live().hidden = false;
    return this.self();
  }

  insertColumnAfter(afterPosition: number): GasSheet {
    this.count('insertColumnAfter');
    this.insertCols(afterPosition + 1, 1, 'Sheet.insertColumnAfter', afterPosition);
    return this.self();
  }

  insertColumnBefore(beforePosition: number): GasSheet {
    this.count('insertColumnBefore');
    this.insertCols(beforePosition, 1, 'Sheet.insertColumnBefore', beforePosition);
    return this.self();
  }

  insertColumns(columnIndex: number, numColumns?: number): void {
    this.count('insertColumns');
    this.insertCols(columnIndex, numColumns ?? 1, 'Sheet.insertColumns', columnIndex);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this.count('insertColumnsAfter');
    this.insertCols(afterPosition + 1, howMany, 'Sheet.insertColumnsAfter', afterPosition);
    return this.self();
  }

  insertColumnsBefore(beforePosition: number, howMany: number): GasSheet {
    this.count('insertColumnsBefore');
    this.insertCols(beforePosition, howMany, 'Sheet.insertColumnsBefore', beforePosition);
    return this.self();
  }

  /** `at` is the 1-based index the first new column gets; `position` is the argument as given. */
  private insertCols(at: number, n: number, method: string, position: number): void {
    const s = this.live();
    if (!isInt(position) || !isInt(n)) throw signature(method, [position, n]);
    if (position < 1 || position > s.maxCols || n < 1) throw new Error('Those columns are out of bounds.');
    s.insertColumns(at, n);
  }

  insertRowAfter(afterPosition: number): GasSheet {
    this.count('insertRowAfter');
    this.insertRowsAt(afterPosition + 1, 1, 'Sheet.insertRowAfter', afterPosition);
    return this.self();
  }

  insertRowBefore(beforePosition: number): GasSheet {
    this.count('insertRowBefore');
    this.insertRowsAt(beforePosition, 1, 'Sheet.insertRowBefore', beforePosition);
    return this.self();
  }

  insertRows(rowIndex: number, numRows?: number): void {
    this.count('insertRows');
    this.insertRowsAt(rowIndex, numRows ?? 1, 'Sheet.insertRows', rowIndex);
  }

  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this.count('insertRowsAfter');
    this.insertRowsAt(afterPosition + 1, howMany, 'Sheet.insertRowsAfter', afterPosition);
    return this.self();
  }

  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    this.count('insertRowsBefore');
    this.insertRowsAt(beforePosition, howMany, 'Sheet.insertRowsBefore', beforePosition);
    return this.self();
  }

  private insertRowsAt(at: number, n: number, method: string, position: number): void {
    const s = this.live();
    if (!isInt(position) || !isInt(n)) throw signature(method, [position, n]);
    if (position < 1 || position > s.maxRows || n < 1) throw new Error('Those rows are out of bounds.');
    s.insertRows(at, n);
  }

  setActiveRange(range: GasRange): GasRange {
    this.count('setActiveRange');
    const local = range as unknown as LocalRange;
    if (!(local instanceof LocalRange) || local.sheetModel !== this.model) throw signature('Sheet.setActiveRange', [range]);
    const book = this.live().book;
    book.active = this.model;
    book.activeRange = local.ref();
    return range;
  }

  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this.count('setColumnWidth');
    this.setWidths(columnPosition, 1, width, 'Sheet.setColumnWidth');
    return this.self();
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    this.count('setColumnWidths');
    this.setWidths(startColumn, numColumns, width, 'Sheet.setColumnWidths');
    return this.self();
  }

  private setWidths(start: number, n: number, width: number, method: string): void {
    const s = this.live();
    if (!isInt(start) || !isInt(n) || !isInt(width)) throw signature(method, [start, n, width]);
    if (start < 1 || n < 1 || start + n - 1 > s.maxCols) throw new Error('Those columns are out of bounds.');
    for (let c = start; c < start + n; c++) s.columnWidths.set(c, width);
  }

  setFrozenColumns(columns: number): void {
    this.count('setFrozenColumns');
    const s = this.live();
    if (!isInt(columns) || columns < 0 || columns > s.maxCols) throw signature('Sheet.setFrozenColumns', [columns]);
    s.frozenColumns = columns;
  }

  setFrozenRows(rows: number): void {
    this.count('setFrozenRows');
    const s = this.live();
    if (!isInt(rows) || rows < 0 || rows > s.maxRows) throw signature('Sheet.setFrozenRows', [rows]);
    s.frozenRows = rows;
  }

  setName(name: string): GasSheet {
    this.count('setName');
    const s = this.live();
    const other = s.book.sheet(name);
    if (other && other !== s) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    s.name = checkSheetName('Sheet.setName', name);
    return this.self();
  }

  setTabColor(color: string | null): GasSheet {
    this.count('setTabColor');
    this.live().tabColor = normalizeColor(color);
    return this.self();
  }
}

/** Local estimate: about 7 px per half-width and 14 px per full-width character, plus padding. */
function autoResize(s: SheetModel, start: number, n: number): void {
  const rows = s.lastRow();
  for (let c = start; c < start + n; c++) {
    let widest = 0;
    for (let r = 0; r < rows; r++) {
      const text = s.displayAt(r, c - 1);
      let w = 0;
      for (const ch of text) w += ch.charCodeAt(0) > 0xff ? 14 : 7;
      if (w > widest) widest = w;
    }
    s.columnWidths.set(c, Math.max(DEFAULTS.columnWidth / 2, widest + 10));
  }
}

function checkSheetName(method: string, name: unknown): string {
  if (typeof name !== 'string') throw signature(method, [name]);
  if (name.trim() === '') throw new Error('Sheet names cannot be empty.');
  if (name.length > 100) throw new Error('Sheet names must be 100 characters or fewer.');
  return name;
}

// ---------------------------------------------------------------------------
// Spreadsheet

type SpreadsheetKeys =
  | 'deleteSheet'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getId'
  | 'getName'
  | 'getNumSheets'
  | 'getRange'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'insertSheet'
  | 'rename'
  | 'setActiveRange'
  | 'setActiveSheet'
  | 'setSpreadsheetTimeZone'
  | 'toast';

function spreadsheetService(book: SpreadsheetModel): LocalSpreadsheet {
  return (book as SpreadsheetModel & { service: LocalSpreadsheet }).service;
}

export interface CreateSpreadsheetOptions {
  /** Defaults to a stable id derived from the name. */
  id?: string;
  /** Defaults to 'Asia/Tokyo'. */
  timeZone?: string;
  /** Defaults to 'ja_JP'. */
  locale?: string;
  /** Name of the first sheet; defaults to 'シート1'. Pass null for no sheet (loaders add their own). */
  firstSheet?: string | null;
  counter?: CallCounter;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet */
export class LocalSpreadsheet implements Pick<GasSpreadsheet, SpreadsheetKeys> {
  /** Uncounted access to the storage, for tests, workbook I/O and the runtime. */
  readonly model: SpreadsheetModel;

  constructor(name: string, opts: CreateSpreadsheetOptions = {}) {
    const env: SpreadsheetEnv = {
      counter: opts.counter ?? new CallCounter(),
      ui: new LocalUiState(),
      now: () => new Date(),
      DateCtor: Date,
    };
    const id = opts.id ?? createHash('sha256').update('local-spreadsheet\u0000' + name).digest('base64url').slice(0, 44);
    this.model = new SpreadsheetModel(id, name, opts.timeZone ?? 'Asia/Tokyo', opts.locale ?? 'ja_JP', env);
    (this.model as SpreadsheetModel & { service: LocalSpreadsheet }).service = this;
    const first = opts.firstSheet === undefined ? 'シート1' : opts.firstSheet;
    if (first !== null) this.model.addSheet(first);
  }

  private count(method: string): void {
    this.model.env.counter.count('Spreadsheet.' + method);
  }

  private sheetOf(model: SheetModel): GasSheet {
    return sheetService(model) as unknown as GasSheet;
  }

  deleteSheet(sheet: GasSheet): void {
    this.count('deleteSheet');
    const local = sheet as unknown as LocalSheet;
    if (!(local instanceof LocalSheet) || local.model.book !== this.model) throw signature('Spreadsheet.deleteSheet', [sheet]);
    if (this.model.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.model.removeSheet(local.model);
  }

  getActiveRange(): GasRange | null {
    this.count('getActiveRange');
    const ref = this.model.activeRange;
    if (ref) return new LocalRange(ref.sheet, ref.row, ref.col, ref.numRows, ref.numCols) as unknown as GasRange;
    return new LocalRange(this.model.activeSheet(), 1, 1, 1, 1) as unknown as GasRange;
  }

  getActiveSheet(): GasSheet {
    this.count('getActiveSheet');
    return this.sheetOf(this.model.activeSheet());
  }

  /** reference/spreadsheet/spreadsheet#getProtections(ProtectionType). */
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.count('getProtections');
    return protectionsOf(this.model, null, type, 'Spreadsheet.getProtections');
  }

  getId(): string {
    this.count('getId');
    return this.model.id;
  }

  getName(): string {
    this.count('getName');
    return this.model.name;
  }

  getNumSheets(): number {
    this.count('getNumSheets');
    return this.model.sheets.length;
  }

  /** A1 notation with an optional sheet name ("'プラン・指標'!A1:B2"); without one, the active sheet. */
  getRange(a1Notation: string): GasRange {
    this.count('getRange');
    return rangeFromA1(this.model.activeSheet(), a1Notation, 'Spreadsheet.getRange');
  }

  getSheetById(id: number): GasSheet | null {
    this.count('getSheetById');
    const s = this.model.sheets.find((x) => x.id === id);
    return s ? this.sheetOf(s) : null;
  }

  /** Returns null when missing. Sheet names are unique regardless of case, so the match ignores case. */
  getSheetByName(name: string): GasSheet | null {
    this.count('getSheetByName');
    if (typeof name !== 'string') throw signature('Spreadsheet.getSheetByName', [name]);
    const s = this.model.sheet(name);
    return s ? this.sheetOf(s) : null;
  }

  getSheets(): GasSheet[] {
    this.count('getSheets');
    return this.model.sheets.map((s) => this.sheetOf(s));
  }

  getSpreadsheetLocale(): string {
    this.count('getSpreadsheetLocale');
    return this.model.locale;
  }

  getSpreadsheetTimeZone(): string {
    this.count('getSpreadsheetTimeZone');
    return this.model.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.count('setSpreadsheetTimeZone');
    new Intl.DateTimeFormat('en-US', { timeZone: timezone }); // throws on an unknown zone
    this.model.timeZone = timezone;
  }

  getUrl(): string {
    this.count('getUrl');
    return this.model.url;
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex); sheetIndex is 0-based.
   * The reference: "The new sheet becomes the active sheet."
   */
  insertSheet(a?: string | number | object, b?: number | object): GasSheet {
    this.count('insertSheet');
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = checkSheetName('Spreadsheet.insertSheet', a);
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') {
      index = a;
    } else if (a !== undefined && (a === null || typeof a !== 'object')) {
      throw signature('Spreadsheet.insertSheet', [a, b].slice(0, arguments.length));
    }
    if (index !== undefined && (!isInt(index) || index < 0 || index > this.model.sheets.length)) {
      throw signature('Spreadsheet.insertSheet', [a, b].slice(0, arguments.length));
    }
    const sheet = this.model.addSheet(name ?? this.model.defaultSheetName(), index);
    this.model.active = sheet;
    this.model.activeRange = null;
    return this.sheetOf(sheet);
  }

  rename(newName: string): void {
    this.count('rename');
    this.model.name = String(newName);
  }

  setActiveRange(range: GasRange): GasRange {
    this.count('setActiveRange');
    const local = range as unknown as LocalRange;
    if (!(local instanceof LocalRange) || local.sheetModel.book !== this.model) throw signature('Spreadsheet.setActiveRange', [range]);
    this.model.active = local.sheetModel;
    this.model.activeRange = local.ref();
    return range;
  }

  setActiveSheet(sheet: GasSheet, restoreSelection?: boolean): GasSheet {
    this.count('setActiveSheet');
    void restoreSelection;
    const local = sheet as unknown as LocalSheet;
    if (!(local instanceof LocalSheet) || local.model.book !== this.model) throw signature('Spreadsheet.setActiveSheet', [sheet]);
    this.model.active = local.model;
    this.model.activeRange = null;
    return sheet;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.count('toast');
    this.model.env.ui.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      // The reference: default 5 seconds; negative or null keeps the toast until dismissed.
      timeoutSeconds: timeoutSeconds === undefined ? 5 : timeoutSeconds === null || timeoutSeconds < 0 ? null : timeoutSeconds,
    });
  }
}

// ---------------------------------------------------------------------------
// SpreadsheetApp

type AppKeys =
  | 'BorderStyle'
  | 'DataValidationCriteria'
  | 'Dimension'
  | 'ProtectionType'
  | 'SheetType'
  | 'WrapStrategy'
  | 'flush'
  | 'getActive'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getUi'
  | 'newDataValidation'
  | 'openById'
  | 'openByUrl'
  | 'setActiveRange'
  | 'setActiveSheet';

/** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app */
export class LocalSpreadsheetApp implements Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppKeys> {
  readonly BorderStyle = BorderStyle;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly Dimension = Dimension;
  readonly ProtectionType = ProtectionType;
  readonly SheetType = SheetType;
  readonly WrapStrategy = WrapStrategy;
  private readonly ui: LocalUi;

  constructor(
    private readonly counter: CallCounter,
    readonly spreadsheet: LocalSpreadsheet,
    readonly uiState: LocalUiState,
  ) {
    this.ui = new LocalUi(counter, uiState);
  }

  private count(method: string): void {
    this.counter.count('SpreadsheetApp.' + method);
  }

  flush(): void {
    this.count('flush');
  }

  getActive(): GasSpreadsheet {
    this.count('getActive');
    return this.spreadsheet as unknown as GasSpreadsheet;
  }

  getActiveSpreadsheet(): GasSpreadsheet {
    this.count('getActiveSpreadsheet');
    return this.spreadsheet as unknown as GasSpreadsheet;
  }

  getActiveRange(): GasRange {
    this.count('getActiveRange');
    const ref = this.spreadsheet.model.activeRange;
    if (ref) return new LocalRange(ref.sheet, ref.row, ref.col, ref.numRows, ref.numCols) as unknown as GasRange;
    return new LocalRange(this.spreadsheet.model.activeSheet(), 1, 1, 1, 1) as unknown as GasRange;
  }

  getActiveSheet(): GasSheet {
    this.count('getActiveSheet');
    return sheetService(this.spreadsheet.model.activeSheet()) as unknown as GasSheet;
  }

  setActiveRange(range: GasRange): GasRange {
    this.count('setActiveRange');
    const local = range as unknown as LocalRange;
    if (!(local instanceof LocalRange)) throw signature('SpreadsheetApp.setActiveRange', [range]);
    this.spreadsheet.model.active = local.sheetModel;
    this.spreadsheet.model.activeRange = local.ref();
    return range;
  }

  setActiveSheet(sheet: GasSheet): GasSheet {
    this.count('setActiveSheet');
    const local = sheet as unknown as LocalSheet;
    if (!(local instanceof LocalSheet)) throw signature('SpreadsheetApp.setActiveSheet', [sheet]);
    this.spreadsheet.model.active = local.model;
    this.spreadsheet.model.activeRange = null;
    return sheet;
  }

  /** Throws in contexts without a UI (triggers), as Apps Script does. */
  getUi(): GoogleAppsScript.Base.Ui {
    this.count('getUi');
    if (!this.uiState.available) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }

  newDataValidation(): GasDataValidationBuilder {
    this.count('newDataValidation');
    return new LocalDataValidationBuilder(this.counter) as unknown as GasDataValidationBuilder;
  }

  openById(id: string): GasSpreadsheet {
    this.count('openById');
    if (id !== this.spreadsheet.model.id) {
      throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    }
    return this.spreadsheet as unknown as GasSpreadsheet;
  }

  openByUrl(url: string): GasSpreadsheet {
    this.count('openByUrl');
    if (!String(url).includes(this.spreadsheet.model.id)) {
      throw new Error('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
    }
    return this.spreadsheet as unknown as GasSpreadsheet;
  }
}

// ---------------------------------------------------------------------------
// Protections (protection.ts)

function protectionService(p: ProtectionModel): GoogleAppsScript.Spreadsheet.Protection {
  if (!p.service) {
    p.service = new LocalProtection(p, p.sheet.book.env.counter, (m) =>
      (m.type === 'SHEET'
        ? new LocalRange(m.sheet, 1, 1, m.sheet.maxRows, m.sheet.maxCols)
        : new LocalRange(m.sheet, m.row, m.col, m.numRows, m.numCols)) as unknown as GasRange);
  }
  return p.service as GoogleAppsScript.Spreadsheet.Protection;
}

function protectionsOf(book: SpreadsheetModel, sheet: SheetModel | null, type: unknown, method: string): GoogleAppsScript.Spreadsheet.Protection[] {
  const t = String(type);
  if (t !== 'RANGE' && t !== 'SHEET') throw signature(method, [type]);
  return book.protections.filter((p) => !p.removed && p.type === t && (!sheet || p.sheet === sheet)).map(protectionService);
}

// ---------------------------------------------------------------------------
// Factories (uncounted)

export function createSpreadsheet(name: string, opts: CreateSpreadsheetOptions = {}): LocalSpreadsheet {
  return new LocalSpreadsheet(name, opts);
}

/** A grid cell: a value (as getValues would return it) or a CellSpec with formats. */
export type GridCell = string | number | boolean | Date | null | undefined | CellSpec;

export interface GridOptions extends Omit<CreateSpreadsheetOptions, 'firstSheet'> {
  /**
   * 'raw' (default) stores strings as given, like values loaded from a file; 'typed' parses them
   * as a person typing them would ("1-2" becomes a date, "=A1" a formula).
   */
  mode?: 'raw' | 'typed';
}

/** Builds a spreadsheet from sheet name → rows; each sheet is at least 1000 × 26 like a new one. */
export function spreadsheetFromGrids(name: string, grids: Record<string, readonly (readonly GridCell[])[]>, opts: GridOptions = {}): LocalSpreadsheet {
  const ss = new LocalSpreadsheet(name, { ...opts, firstSheet: null });
  const entries = Object.entries(grids);
  if (entries.length === 0) ss.model.addSheet('シート1');
  for (const [sheetName, rows] of entries) {
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const sheet = ss.model.addSheet(sheetName, undefined, Math.max(DEFAULTS.maxRows, rows.length), Math.max(DEFAULTS.maxCols, width));
    writeGrid(sheet, rows, opts.mode ?? 'raw');
  }
  ss.model.active = ss.model.sheets[0];
  return ss;
}

/** Uncounted write of rows at A1 (ragged rows allowed). */
export function writeGrid(sheet: SheetModel, rows: readonly (readonly GridCell[])[], mode: 'raw' | 'typed' = 'raw'): void {
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length > 0) {
      sheet.ensureSize(r + 1, rows[r].length);
      sheet.writeBlock(r + 1, 1, [rows[r]], mode, 'grid');
    }
  }
}


