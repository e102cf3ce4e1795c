// Contract tests of the local Spreadsheet service (Range, Sheet, Spreadsheet, SpreadsheetApp,
// DataValidation). Each describe names the reference page; "reference silent" marks the places
// where the local runtime picks the stricter behaviour.
import { createGasRuntime, runtimeFromGrids, type GasRuntime } from '../../../src/local/gas/runtime';
import { spreadsheetFromGrids } from '../../../src/local/gas/spreadsheet';
import { GENERAL_FORMAT, serialToDate, wallSerial } from '../../../src/local/gas/spreadsheet-values';

const REF = 'https://developers.google.com/apps-script/reference/spreadsheet';

function fresh(grids?: Record<string, unknown[][]>): { rt: GasRuntime; ss: GoogleAppsScript.Spreadsheet.Spreadsheet } {
  const spreadsheet = grids ? spreadsheetFromGrids('テスト', grids as never) : undefined;
  const rt = createGasRuntime({ spreadsheet, now: () => new Date('2025-06-15T03:00:00Z') });
  return { rt, ss: rt.globals.SpreadsheetApp.getActiveSpreadsheet() };
}

/** 2025-04-01 00:00 in Asia/Tokyo. */
const APRIL_1_TOKYO = new Date('2025-03-31T15:00:00Z');

describe(`Range.getValues / getDisplayValues — ${REF}/range#getvalues`, () => {
  test('empty cells read as "" in both', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange('A1:C2');
    expect(range.getValues()).toEqual([['', '', ''], ['', '', '']]);
    expect(range.getDisplayValues()).toEqual([['', '', ''], ['', '', '']]);
  });

  test('numbers, strings and booleans keep their types; getValues returns a new array each call', () => {
    const { ss } = fresh({ S: [['a', 1.5, true]] });
    const range = ss.getSheetByName('S')!.getRange(1, 1, 1, 3);
    const first = range.getValues();
    expect(first).toEqual([['a', 1.5, true]]);
    first[0][0] = 'changed';
    expect(range.getValues()[0][0]).toBe('a');
    expect(range.getDisplayValues()).toEqual([['a', '1.5', 'TRUE']]);
  });

  test('a date cell reads as a Date (the instant of its wall-clock time in the spreadsheet zone)', () => {
    const { ss } = fresh({ S: [[APRIL_1_TOKYO]] });
    const v = ss.getSheetByName('S')!.getRange('A1').getValue();
    expect(v).toBeInstanceOf(Date);
    expect((v as Date).toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(ss.getSheetByName('S')!.getRange('A1').getDisplayValue()).toBe('2025/04/01');
  });

  test('the date-ness is the number format: formatting a date cell as "0" reads the serial number', () => {
    const { ss } = fresh({ S: [[APRIL_1_TOKYO]] });
    const cell = ss.getSheetByName('S')!.getRange('A1');
    cell.setNumberFormat('0');
    expect(cell.getValue()).toBe(45748);
    cell.setNumberFormat('yyyy-MM-dd');
    expect(cell.getDisplayValue()).toBe('2025-04-01');
    expect((cell.getValue() as Date).getTime()).toBe(APRIL_1_TOKYO.getTime());
  });

  test('getDisplayValues formats by the documented subset of number formats', () => {
    const { ss } = fresh({ S: [[1234.5, 1234.5, 1234.56, 0.256, 0.256, 45748, 45748, 'x', 7]] });
    const row = ss.getSheetByName('S')!.getRange('A1:I1');
    row.setNumberFormats([['0', '#,##0', '0.0', '0%', '0.0%', 'yyyy/MM/dd', 'yyyy-MM-dd', '@', GENERAL_FORMAT]]);
    expect(row.getDisplayValues()).toEqual([
      ['1235', '1,235', '1234.6', '26%', '25.6%', '2025/04/01', '2025-04-01', 'x', '7'],
    ]);
  });
});

describe(`Range.getNumberFormat — ${REF}/range#getnumberformat`, () => {
  test('an unformatted cell reports the automatic format "0.###############"', () => {
    const { ss } = fresh();
    expect(ss.getActiveSheet().getRange('B2').getNumberFormat()).toBe('0.###############');
  });
});

describe(`Sheet.getDataRange / getLastRow / getLastColumn — ${REF}/sheet#getdatarange`, () => {
  test('an empty sheet: data range A1, last row and column 0', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
  });

  test('the data range spans the last row and the last column with content', () => {
    const { ss } = fresh({ S: [['a'], [], ['', '', 'c']] });
    const sheet = ss.getSheetByName('S')!;
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    expect(sheet.getDataRange().getValues()).toEqual([['a', '', ''], ['', '', ''], ['', '', 'c']]);
  });

  test('formatting alone is not content (reference: "the last row that has content")', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.getRange('D10').setBackground('#ff0000').setNote('メモ');
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe(`Range.setValues — ${REF}/range#setvaluesvalues`, () => {
  test('throws Apps Script\'s message when the rows do not match', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange(1, 1, 3, 2);
    expect(() => range.setValues([[1, 2], [3, 4]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  test('throws Apps Script\'s message when a row has the wrong number of columns', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange(1, 1, 2, 3);
    expect(() => range.setValues([[1, 2, 3], [4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test('a 1-D array does not match the method signature', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange(1, 1, 1, 3);
    expect(() => range.setValues([1, 2, 3] as never)).toThrow(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  test('a mismatch writes nothing', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2]])).toThrow();
    expect(ss.getActiveSheet().getLastRow()).toBe(0);
  });

  test('null clears a cell; "" too', () => {
    const { ss } = fresh({ S: [['a', 'b']] });
    const range = ss.getSheetByName('S')!.getRange('A1:B1');
    range.setValues([[null, '']]);
    expect(range.getValues()).toEqual([['', '']]);
    expect(ss.getSheetByName('S')!.getLastRow()).toBe(0);
  });

  test('reference silent — stricter: NaN, Infinity, Invalid Date and objects are refused', () => {
    const { ss } = fresh();
    const cell = ss.getActiveSheet().getRange('A1');
    expect(() => cell.setValues([[NaN]])).toThrow(/not a finite number/);
    expect(() => cell.setValue(Infinity)).toThrow(/not a finite number/);
    expect(() => cell.setValue(new Date('nope'))).toThrow(/Invalid Date/);
    expect(() => cell.setValue({ a: 1 })).toThrow(/cannot write \[object Object\]/);
  });

  test('a string over 50,000 characters is refused with Sheets\' message', () => {
    const { ss } = fresh();
    expect(() => ss.getActiveSheet().getRange('A1').setValue('x'.repeat(50001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe(`Range.setValue(s) parses strings as typed input — ${REF}/range#setvaluevalue`, () => {
  // Sheets parses values written by setValue/setValues the way it parses what a person types
  // (the Sheets API calls this USER_ENTERED). The spreadsheet locale here is ja_JP.
  function written(input: string, format?: string) {
    const { ss } = fresh();
    const cell = ss.getActiveSheet().getRange('A1');
    if (format) cell.setNumberFormat(format);
    cell.setValue(input);
    return { value: cell.getValue(), display: cell.getDisplayValue(), format: cell.getNumberFormat(), formula: cell.getFormula() };
  }

  test('"=" starts a formula: getFormulas returns it', () => {
    const { ss } = fresh();
    const range = ss.getActiveSheet().getRange('A1:B1');
    range.setValues([['=1+1', 'text']]);
    expect(range.getFormulas()).toEqual([['=1+1', '']]);
  });

  test('local limitation — formulas are not evaluated: getValues returns "#ERROR!" so a formula is never mistaken for text', () => {
    const w = written('=SUM(1,2)');
    expect(w.formula).toBe('=SUM(1,2)');
    expect(w.value).toBe('#ERROR!');
    expect(w.display).toBe('#ERROR!');
  });

  test('setFormula sets a formula; a later value replaces it', () => {
    const { ss } = fresh();
    const cell = ss.getActiveSheet().getRange('C3');
    cell.setFormula('=A1*2');
    expect(cell.getFormula()).toBe('=A1*2');
    cell.setValue(5);
    expect(cell.getFormula()).toBe('');
    expect(cell.getValue()).toBe(5);
  });

  test('a leading apostrophe stores the rest as plain text (the escape against formula injection)', () => {
    expect(written("'=1+1")).toMatchObject({ value: '=1+1', display: '=1+1', formula: '' });
    expect(written("'1-2")).toMatchObject({ value: '1-2', display: '1-2', formula: '' });
    expect(written("'123")).toMatchObject({ value: '123' });
  });

  test('"123" and "1,234" become numbers; "1,234" gets a grouped format', () => {
    expect(written('123')).toMatchObject({ value: 123, display: '123' });
    expect(written('1,234')).toMatchObject({ value: 1234, display: '1,234', format: '#,##0' });
    expect(written('-12.5')).toMatchObject({ value: -12.5 });
    expect(written('007')).toMatchObject({ value: 7, display: '7' });
  });

  test('"30%" becomes 0.3 with a percent format', () => {
    expect(written('30%')).toMatchObject({ value: 0.3, display: '30%', format: '0%' });
  });

  test('"2025/4/1" becomes a Date at midnight in the spreadsheet zone', () => {
    const w = written('2025/4/1');
    expect(w.value).toBeInstanceOf(Date);
    expect((w.value as Date).toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(w.display).toBe('2025/04/01');
  });

  test('the classic trap: "1-2" (a goal code) becomes a date, month 1 day 2 of the current year', () => {
    const w = written('1-2');
    expect(w.value).toBeInstanceOf(Date);
    const d = w.value as Date;
    // 2025-01-02 00:00 Asia/Tokyo (the runtime clock says 2025)
    expect(d.toISOString()).toBe('2025-01-01T15:00:00.000Z');
  });

  test('reference silent — stricter: "1-2-3" (a measure code) becomes a date too (ja_JP reads y-m-d)', () => {
    const w = written('1-2-3');
    expect(w.value).toBeInstanceOf(Date);
    expect(w.display).toBe('2001/02/03');
  });

  test('"TRUE" becomes a boolean', () => {
    expect(written('true')).toMatchObject({ value: true, display: 'TRUE' });
  });

  test('reference silent — stricter: text starting with + or - that is not a number is read as a formula (#ERROR!)', () => {
    expect(written('+81 90-1234-5678')).toMatchObject({ value: '#ERROR!', formula: '=+81 90-1234-5678' });
    expect(written('- 未定')).toMatchObject({ value: '#ERROR!' });
    expect(written('-')).toMatchObject({ value: '-', formula: '' });
  });

  test('plain text format "@" keeps such strings as text', () => {
    expect(written('1-2', '@')).toMatchObject({ value: '1-2', display: '1-2', format: '@' });
    expect(written('30%', '@')).toMatchObject({ value: '30%' });
    expect(written('007', '@')).toMatchObject({ value: '007' });
  });

  test('reference silent — stricter: "=" still starts a formula in a plain text cell; escape with an apostrophe', () => {
    expect(written('=1+1', '@')).toMatchObject({ formula: '=1+1', value: '#ERROR!' });
    expect(written("'=1+1", '@')).toMatchObject({ value: '=1+1', formula: '' });
  });

  test('an explicit number format is kept: a typed date in a "0" cell reads as its serial', () => {
    expect(written('2025/4/1', '0')).toMatchObject({ value: 45748, display: '45748', format: '0' });
  });

  test('text that is no number or date stays text', () => {
    expect(written('1,020 件')).toMatchObject({ value: '1,020 件' });
    expect(written('１２３人')).toMatchObject({ value: '１２３人' });
    expect(written('R7中間')).toMatchObject({ value: 'R7中間' });
    expect(written('13-1')).toMatchObject({ value: '13-1' });
  });

  test('a Date written by a script keeps its instant and gets a date-time format', () => {
    const { ss } = fresh();
    const cell = ss.getActiveSheet().getRange('A1');
    const at = new Date('2025-04-01T01:30:00Z');
    cell.setValue(at);
    expect((cell.getValue() as Date).getTime()).toBe(at.getTime());
    expect(cell.getDisplayValue()).toBe('2025/04/01 10:30:00');
  });
});

describe(`Sheet.getRange — ${REF}/sheet#getrangerow,-column,-numrows,-numcolumns`, () => {
  test('row/column forms and A1 forms address the same cells', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    expect(sheet.getRange(2, 2).getA1Notation()).toBe('B2');
    expect(sheet.getRange(1, 1, 3, 3).getA1Notation()).toBe('A1:C3');
    expect(sheet.getRange('B2').getRow()).toBe(2);
    const box = sheet.getRange('A1:C3');
    expect([box.getRow(), box.getColumn(), box.getNumRows(), box.getNumColumns(), box.getLastRow(), box.getLastColumn()]).toEqual([
      1, 1, 3, 3, 3, 3,
    ]);
  });

  test('"B:B" is the whole column (A1 notation stays open-ended)', () => {
    const { ss } = fresh();
    const col = ss.getActiveSheet().getRange('B:B');
    expect([col.getRow(), col.getColumn(), col.getNumRows(), col.getNumColumns()]).toEqual([1, 2, 1000, 1]);
    expect(col.getA1Notation()).toBe('B:B');
    expect(ss.getActiveSheet().getRange('2:3').getNumColumns()).toBe(26);
    expect(ss.getActiveSheet().getRange('2:3').getA1Notation()).toBe('2:3');
    expect(ss.getActiveSheet().getRange('A2:B').getA1Notation()).toBe('A2:B');
    expect(ss.getActiveSheet().getRange('A2:B').getNumRows()).toBe(999);
  });

  test('zero rows or columns throw', () => {
    const sheet = fresh().ss.getActiveSheet();
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
  });

  test('beyond the sheet throws (a new sheet is 1000 rows × 26 columns)', () => {
    const sheet = fresh().ss.getActiveSheet();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 20, 1, 10)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('A1001')).toThrow('Range not found');
  });

  test('malformed A1 notation throws "Range not found"', () => {
    const sheet = fresh().ss.getActiveSheet();
    expect(() => sheet.getRange('foo')).toThrow('Range not found');
    expect(() => sheet.getRange('A0')).toThrow('Range not found');
  });

  test('reference silent — stricter: a fractional or missing index does not match the signature', () => {
    const sheet = fresh().ss.getActiveSheet();
    expect(() => sheet.getRange(1.5, 1)).toThrow(/don't match the method signature for SpreadsheetApp.Sheet.getRange/);
    expect(() => sheet.getRange(undefined as never, 1)).toThrow(/\(null,number\)/);
  });

  test('Range.offset moves the range and checks bounds', () => {
    const sheet = fresh().ss.getActiveSheet();
    expect(sheet.getRange('B2').offset(1, 2).getA1Notation()).toBe('D3');
    expect(sheet.getRange('B2').offset(0, 0, 2, 3).getA1Notation()).toBe('B2:D3');
    expect(() => sheet.getRange('A1').offset(-1, 0)).toThrow('The starting row of the range is too small.');
  });
});

describe(`Range.setNotes / setBackgrounds / setNumberFormats / setFontWeights / setDataValidations check dimensions — ${REF}/range#setnotesnotes`, () => {
  const ROWS_MSG = 'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.';
  const COLS_MSG = 'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.';

  test.each([
    ['setNotes', [['a']]],
    ['setBackgrounds', [['#ff0000']]],
    ['setNumberFormats', [['0']]],
    ['setFontWeights', [['bold']]],
    ['setFontColors', [['#ff0000']]],
    ['setDataValidations', [[null]]],
    ['setFormulas', [['=1']]],
  ])('%s', (method, data) => {
    const range = fresh().ss.getActiveSheet().getRange('A1:B2') as unknown as Record<string, (d: unknown) => unknown>;
    expect(() => range[method](data)).toThrow(ROWS_MSG);
    expect(() => range[method]([data[0], data[0]])).toThrow(COLS_MSG);
  });
});

describe(`Range formats and notes — ${REF}/range#setbackgroundcolor`, () => {
  test('backgrounds, font weights and colours read back per cell with defaults', () => {
    const sheet = fresh().ss.getActiveSheet();
    const range = sheet.getRange('A1:B1');
    range.setBackgrounds([['#FF0000', null]]).setFontWeights([['bold', null]]).setFontColor('#00f');
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expect(range.getFontWeights()).toEqual([['bold', 'normal']]);
    expect(range.getFontColors()).toEqual([['#0000ff', '#0000ff']]);
    expect(sheet.getRange('B1').getBackground()).toBe('#ffffff');
  });

  test('notes read back; "" and null remove them', () => {
    const range = fresh().ss.getActiveSheet().getRange('A1:B1');
    range.setNotes([['理由', 'x']]);
    expect(range.getNotes()).toEqual([['理由', 'x']]);
    range.getCell(1, 2).setNote(null);
    expect(range.getNotes()).toEqual([['理由', '']]);
    expect(range.getNote()).toBe('理由');
  });

  test('clearContent keeps formats; clear() removes both', () => {
    const sheet = fresh().ss.getActiveSheet();
    const cell = sheet.getRange('A1');
    cell.setValue(5).setBackground('#00ff00').setNumberFormat('0.0');
    cell.clearContent();
    expect(cell.getValue()).toBe('');
    expect(cell.getBackground()).toBe('#00ff00');
    cell.setValue(5);
    cell.clear();
    expect(cell.getValue()).toBe('');
    expect(cell.getBackground()).toBe('#ffffff');
    expect(cell.getNumberFormat()).toBe('0.###############');
  });
});

describe(`DataValidation — ${REF}/data-validation-builder#requirevalueinlistvalues,-showdropdown`, () => {
  test('a list rule reports its criteria, values, help text and allowInvalid (default true)', () => {
    const { rt, ss } = fresh();
    const app = rt.globals.SpreadsheetApp;
    const rule = app.newDataValidation().requireValueInList(['高いほど良い', '低いほど良い'], true).setHelpText('方向を選ぶ').build();
    const range = ss.getActiveSheet().getRange('J2:J3');
    range.setDataValidation(rule);
    const got = range.getDataValidations();
    expect(got).toHaveLength(2);
    const first = got[0][0]!;
    expect(first.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(String(first.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(first.getCriteriaValues()).toEqual([['高いほど良い', '低いほど良い'], true]);
    expect(first.getHelpText()).toBe('方向を選ぶ');
    expect(first.getAllowInvalid()).toBe(true);
    expect(ss.getActiveSheet().getRange('J4').getDataValidation()).toBeNull();
  });

  test('a range rule keeps its range', () => {
    const { rt, ss } = fresh({ 担当課: [['担当課'], ['防災課'], ['商工課']] });
    const source = ss.getSheetByName('担当課')!.getRange('A2:A3');
    const rule = rt.globals.SpreadsheetApp.newDataValidation().requireValueInRange(source).build();
    const values = rule.getCriteriaValues();
    expect((values[0] as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('A2:A3');
    expect(values[1]).toBe(true);
  });

  test('a list over 500 items is refused with Sheets\' message', () => {
    const { rt } = fresh();
    const many = Array.from({ length: 501 }, (_, i) => `課${i}`);
    expect(() => rt.globals.SpreadsheetApp.newDataValidation().requireValueInList(many)).toThrow(
      'The data validation rule has more items than the limit of 500. Use the ‘List from a range’ criteria instead.',
    );
  });

  test('reference silent — stricter: a script write that a rejecting rule refuses throws, and nothing is written', () => {
    const { rt, ss } = fresh();
    const rule = rt.globals.SpreadsheetApp.newDataValidation().requireValueInList(['実施中', '完了']).setAllowInvalid(false).build();
    const range = ss.getActiveSheet().getRange('A1:A2');
    range.setDataValidation(rule);
    expect(() => range.setValues([['完了'], ['統合済']])).toThrow(
      'The data you entered in cell A2 violates the data validation rules set on this cell.',
    );
    expect(range.getValues()).toEqual([[''], ['']]);
    range.setValues([['完了'], ['']]);
    expect(range.getValues()).toEqual([['完了'], ['']]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/data-validation (getAllowInvalid:
  // "…or false if it rejects the input entirely"): a rule judges input, so only the cells a write
  // covers are checked. The reference is silent on a value already in the cell when the rule was
  // added; as in the Sheets editor it stays (and is only refused when written again).
  test('a rejecting rule refuses only writes that cover its cell; a value there before the rule stays', () => {
    const { rt, ss } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:C1').setValues([['統合済', 'x', 'y']]);
    const rule = rt.globals.SpreadsheetApp.newDataValidation().requireValueInList(['実施中', '完了']).setAllowInvalid(false).build();
    sheet.getRange('A1').setDataValidation(rule);
    expect(sheet.getRange('A1').getValue()).toBe('統合済');
    sheet.getRange('B1:C1').setValues([['b', 'c']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['統合済', 'b', 'c']]);
    expect(() => sheet.getRange('A1:B1').setValues([['統合済', 'b']])).toThrow(
      'The data you entered in cell A1 violates the data validation rules set on this cell.',
    );
  });

  test('a warning rule (allowInvalid true) accepts any value', () => {
    const { rt, ss } = fresh();
    const rule = rt.globals.SpreadsheetApp.newDataValidation().requireValueInList(['実施中']).build();
    const cell = ss.getActiveSheet().getRange('A1');
    cell.setDataValidation(rule);
    cell.setValue('統合済');
    expect(cell.getValue()).toBe('統合済');
  });

  test('setDataValidation refuses something that is not a DataValidation', () => {
    const cell = fresh().ss.getActiveSheet().getRange('A1');
    expect(() => cell.setDataValidation({} as never)).toThrow(/don't match the method signature/);
  });
});

describe(`Spreadsheet.insertSheet — ${REF}/spreadsheet#insertsheetsheetname`, () => {
  test('an existing name throws Apps Script\'s message', () => {
    const { ss } = fresh({ 集計結果: [['x']] });
    expect(() => ss.insertSheet('集計結果')).toThrow('A sheet with the name "集計結果" already exists. Please enter another name.');
  });

  test('reference silent on case — names are unique regardless of case, as in the Sheets UI', () => {
    const { ss } = fresh({ Results: [['x']] });
    expect(() => ss.insertSheet('results')).toThrow('A sheet with the name "results" already exists. Please enter another name.');
    expect(ss.getSheetByName('RESULTS')!.getName()).toBe('Results');
  });

  test('the new sheet is 1000 × 26, becomes active, and sheetIndex is 0-based', () => {
    const { ss } = fresh({ A: [['a']], B: [['b']] });
    const sheet = ss.insertSheet('検証結果', 1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', '検証結果', 'B']);
    expect(sheet.getIndex()).toBe(2);
    expect(ss.getActiveSheet().getName()).toBe('検証結果');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  test('getSheetByName returns null for a missing sheet', () => {
    expect(fresh().ss.getSheetByName('ない')).toBeNull();
  });

  test('deleteSheet removes a sheet but never the last one', () => {
    const { ss } = fresh({ A: [['a']], B: [['b']] });
    ss.deleteSheet(ss.getSheetByName('B')!);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A']);
    expect(() => ss.deleteSheet(ss.getSheetByName('A')!)).toThrow("You can't remove all the sheets in a document.");
  });
});

describe(`Sheet — ${REF}/sheet#appendrowrowcontents`, () => {
  test('appendRow writes after the last row with content, parsing like typed input, and grows the sheet', () => {
    const { ss } = fresh({ Log: [['日時', '内容']] });
    const sheet = ss.getSheetByName('Log')!;
    sheet.appendRow(['2025/4/1', '=1', 'extra']);
    expect(sheet.getLastRow()).toBe(2);
    const row = sheet.getRange(2, 1, 1, 3);
    expect(row.getValues()[0][0]).toBeInstanceOf(Date);
    expect(row.getFormulas()[0][1]).toBe('=1');
    const big = spreadsheetFromGrids('x', { S: Array.from({ length: 1000 }, () => ['v']) });
    const rt = createGasRuntime({ spreadsheet: big });
    const s = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    s.appendRow(['more']);
    expect(s.getMaxRows()).toBe(1001);
    expect(s.getRange(1001, 1).getValue()).toBe('more');
  });

  test('frozen rows, column widths, tab colour and hiding read back', () => {
    const { ss } = fresh({ A: [['a']], B: [['b']] });
    const sheet = ss.getSheetByName('B')!;
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 240).setColumnWidths(3, 2, 60).setTabColor('#ff0000');
    expect(sheet.getFrozenRows()).toBe(1);
    expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2), sheet.getColumnWidth(4)]).toEqual([100, 240, 60]);
    expect(sheet.getTabColor()).toBe('#ff0000');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(() => ss.getSheetByName('A')!.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });

  test('insertColumnsAfter shifts the cells and formats to the right', () => {
    const { ss } = fresh({ S: [['a', 'b', 'c']] });
    const sheet = ss.getSheetByName('S')!;
    sheet.getRange('C1').setBackground('#ff0000');
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getRange('E1').getBackground()).toBe('#ff0000');
    expect(sheet.getMaxColumns()).toBe(28);
  });

  test('insertRowsBefore and deleteRows move the rows', () => {
    const { ss } = fresh({ S: [['1'], ['2'], ['3']] });
    const sheet = ss.getSheetByName('S')!;
    sheet.insertRowsBefore(2, 1);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['1'], [''], ['2'], ['3']]);
    sheet.deleteRows(1, 2);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['2'], ['3']]);
    expect(sheet.getMaxRows()).toBe(1000 - 1);
  });

  test('rows inserted inside the block of one input rule get the rule; at its edge they do not (reference silent: Sheets extends the rule\'s range, the stricter model for a writer)', () => {
    const { ss, rt } = fresh({ S: [['h'], ['1'], ['2'], ['3'], ['4']] });
    const sheet = ss.getSheetByName('S')!;
    const app = rt.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const rule = app.newDataValidation().requireValueInList(['済', '未'], true).setAllowInvalid(false).build();
    sheet.getRange('A2:A4').setDataValidation(rule);
    sheet.insertRowsBefore(3, 2);
    expect(sheet.getRange('A3:A4').getDataValidations().map((r) => r[0]?.getCriteriaValues()[0])).toEqual([['済', '未'], ['済', '未']]);
    expect(() => sheet.getRange('A3').setValue('x')).toThrow('violates the data validation rules');
    // Above the block's first row or below its last: a row of its own, without the rule.
    sheet.insertRowsBefore(2, 1);
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
    sheet.insertRowsAfter(7, 1);
    expect(sheet.getRange('A8').getDataValidation()).toBeNull();
  });

  test('activate and Range.activate set the active sheet and range', () => {
    const { ss } = fresh({ A: [['a']], B: [['b']] });
    ss.getSheetByName('B')!.getRange('C5:D6').activate();
    expect(ss.getActiveSheet().getName()).toBe('B');
    expect(ss.getActiveRange()!.getA1Notation()).toBe('C5:D6');
    ss.getSheetByName('A')!.activate();
    expect(ss.getActiveRange()!.getA1Notation()).toBe('A1');
    expect(ss.getActiveRange()!.getSheet().getName()).toBe('A');
  });

  test('Spreadsheet.getRange accepts a sheet-qualified A1 notation', () => {
    const { ss } = fresh({ A: [['a']], 'プラン・指標': [['x', 'y']] });
    expect(ss.getRange("'プラン・指標'!B1").getValue()).toBe('y');
    expect(ss.getRange('A1').getValue()).toBe('a');
  });
});

describe(`Spreadsheet.toast — ${REF}/spreadsheet#toastmsg,-title,-timeoutseconds`, () => {
  test('is recorded with the default 5 second timeout', () => {
    const { rt, ss } = fresh();
    ss.toast('集計が完了しました', '進捗管理');
    ss.toast('待機', '', -1);
    expect(rt.ui.toasts).toEqual([
      { message: '集計が完了しました', title: '進捗管理', timeoutSeconds: 5 },
      { message: '待機', title: '', timeoutSeconds: null },
    ]);
  });

  test('id, url, name and time zone', () => {
    const { ss } = fresh({ S: [['x']] });
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(ss.getName()).toBe('テスト');
  });
});

describe('Call counting: every service method counts as Class.method', () => {
  test('a read and a write are counted per call, not per cell', () => {
    const { rt } = fresh({ S: [['a', 'b'], ['c', 'd']] });
    rt.counter.reset();
    const sheet = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S')!;
    const values = sheet.getDataRange().getValues();
    sheet.getRange(3, 1, 2, 2).setValues(values);
    expect(rt.counter.snapshot()).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getDataRange': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
  });

  test('building a spreadsheet from grids counts nothing', () => {
    const rt = createGasRuntime({ spreadsheet: spreadsheetFromGrids('x', { S: [['a', '1-2', new Date()]] }) });
    expect(rt.counter.total()).toBe(0);
  });
});

describe('Large sheets', () => {
  test('getValues of 10,000 × 30 returns the full grid with "" for gaps', () => {
    const rows = Array.from({ length: 10000 }, (_, r) => Array.from({ length: 30 }, (_, c) => (c === 29 && r % 2 ? undefined : r * 30 + c)));
    const ss = spreadsheetFromGrids('big', { P: rows as never });
    const rt = createGasRuntime({ spreadsheet: ss });
    const sheet = rt.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('P')!;
    expect(sheet.getMaxRows()).toBe(10000);
    const values = sheet.getDataRange().getValues();
    expect(values).toHaveLength(10000);
    expect(values[9999][28]).toBe(9999 * 30 + 28);
    expect(values[9999][29]).toBe('');
    expect(values[9998][29]).toBe(9998 * 30 + 29);
  });
});

describe('Date serials', () => {
  test('serialToDate and wallSerial agree on Asia/Tokyo midnight', () => {
    expect(serialToDate(wallSerial(2025, 4, 1), 'Asia/Tokyo').toISOString()).toBe('2025-03-31T15:00:00.000Z');
  });
});

describe('Sheet.getSheetValues — https://developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns', () => {
  test('-1 rows or columns means up to the last row or column with content, in one call', () => {
    const rt = runtimeFromGrids({ S: [['a', 'b', ''], [1, 2, 3], ['', '', '']] });
    const sheet = rt.spreadsheet.getSheetByName('S')!;
    rt.counter.reset();
    expect(sheet.getSheetValues(1, 1, -1, -1)).toEqual([['a', 'b', ''], [1, 2, 3]]);
    expect(sheet.getSheetValues(2, 2, -1, 1)).toEqual([[2]]);
    expect(rt.counter.snapshot()).toEqual({ 'Sheet.getSheetValues': 2 });
  });

  test('reference silent on an empty sheet: the local runtime throws (stricter) rather than return a row', () => {
    const rt = runtimeFromGrids({ Empty: [] });
    expect(() => rt.spreadsheet.getSheetByName('Empty')!.getSheetValues(1, 1, -1, -1)).toThrow();
  });
});
