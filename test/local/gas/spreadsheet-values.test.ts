// Unit tests of the pieces behind Range values: A1 notation, number formats, typed-input parsing.
// The format rules follow https://developers.google.com/sheets/api/guides/formats (the pattern
// language Range.setNumberFormat takes: https://developers.google.com/apps-script/reference/spreadsheet/range#setnumberformatnumberformat).
import {
  GENERAL_FORMAT,
  columnToLetters,
  dateToSerial,
  displayValue,
  formatKind,
  lettersToColumn,
  parseA1,
  parseEntered,
  serialToDate,
  wallSerial,
} from '../../../src/local/gas/spreadsheet-values';

describe('A1 notation — https://developers.google.com/apps-script/reference/spreadsheet/sheet#getrangea1notation', () => {
  test('columns round-trip', () => {
    for (const [n, s] of [[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA']] as const) {
      expect(columnToLetters(n)).toBe(s);
      expect(lettersToColumn(s)).toBe(n);
    }
  });

  test('cell, box, column, row and sheet-qualified forms', () => {
    expect(parseA1('B2')).toEqual({ sheetName: undefined, row1: 2, col1: 2, row2: 2, col2: 2 });
    expect(parseA1('$A$1:c3')).toMatchObject({ row1: 1, col1: 1, row2: 3, col2: 3 });
    expect(parseA1('B:D')).toEqual({ sheetName: undefined, col1: 2, col2: 4 });
    expect(parseA1('2:5')).toEqual({ sheetName: undefined, row1: 2, row2: 5 });
    expect(parseA1("'It''s 表'!A1")).toMatchObject({ sheetName: "It's 表", row1: 1, col1: 1 });
    expect(parseA1('設定!B2:C9')).toMatchObject({ sheetName: '設定', row1: 2, col2: 3 });
  });

  test('malformed forms are rejected', () => {
    for (const bad of ['', 'B', '2', 'A0', '1A', 'A1:B2:C3', 'A:2', '!A1', 'ABCD1']) expect(parseA1(bad)).toBeNull();
  });
});

describe('Number formats (getDisplayValues) — https://developers.google.com/apps-script/reference/spreadsheet/range#getdisplayvalues', () => {
  test.each([
    [1234.5, GENERAL_FORMAT, '1234.5'],
    [0.1 + 0.2, GENERAL_FORMAT, '0.3'],
    [1 / 3, GENERAL_FORMAT, '0.3333333333'],
    [1e20, GENERAL_FORMAT, '1E+20'],
    [1234.5, '0', '1235'],
    [-1234.5, '#,##0', '-1,235'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [1.005, '0.00', '1.01'],
    [0.25, '0%', '25%'],
    [0.2567, '0.0%', '25.7%'],
    [2.5, '0.0', '2.5'],
    [3, '0.##', '3'],
    [-5, '#,##0;(#,##0)', '(5)'],
    [1000, '[$¥-411]#,##0', '¥1,000'],
    [12, '0"件"', '12件'],
  ])('%p as %p → %p', (v, f, want) => {
    expect(displayValue(v, f)).toBe(want);
  });

  test('date patterns: m is month unless it follows an hour or precedes seconds', () => {
    const serial = wallSerial(2025, 4, 1, 9, 5, 7);
    expect(displayValue(serial, 'yyyy/MM/dd')).toBe('2025/04/01');
    expect(displayValue(serial, 'yyyy-mm-dd')).toBe('2025-04-01');
    expect(displayValue(serial, 'yyyy/MM/dd H:mm:ss')).toBe('2025/04/01 9:05:07');
    expect(displayValue(serial, 'hh:mm')).toBe('09:05');
    expect(displayValue(serial, 'yyyy"年"M"月"d"日"')).toBe('2025年4月1日');
    expect(displayValue(serial, 'yyyy年M月d日(ddd)')).toBe('2025年4月1日(火)');
    expect(displayValue(serial, 'h:mm AM/PM')).toBe('9:05 AM');
  });

  test('strings and booleans ignore the format', () => {
    expect(displayValue('abc', '0.00')).toBe('abc');
    expect(displayValue(true, '0')).toBe('TRUE');
    expect(displayValue(undefined, '0')).toBe('');
  });

  test('format kinds', () => {
    expect(formatKind(undefined)).toBe('general');
    expect(formatKind('General')).toBe('general');
    expect(formatKind('@')).toBe('text');
    expect(formatKind('#,##0')).toBe('number');
    expect(formatKind('yyyy/MM/dd')).toBe('date');
    expect(formatKind('H:mm')).toBe('date');
  });
});

describe('Typed input — https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue', () => {
  const YEAR = 2025;
  const v = (s: string, f?: string) => parseEntered(s, f, YEAR);

  test('numbers', () => {
    expect(v('42')).toEqual({ kind: 'value', value: 42 });
    expect(v('+42')).toEqual({ kind: 'value', value: 42 });
    expect(v('.5')).toEqual({ kind: 'value', value: 0.5 });
    expect(v(' 12 ')).toEqual({ kind: 'value', value: 12 });
    expect(v('1e3')).toEqual({ kind: 'value', value: 1000, format: '0.00E+00' });
    expect(v('1,234.5')).toEqual({ kind: 'value', value: 1234.5, format: '#,##0.00' });
    expect(v('12.5%')).toEqual({ kind: 'value', value: 0.125, format: '0.00%' });
    // reference silent — stricter: accounting negatives like Excel and Sheets
    expect(v('(3)')).toEqual({ kind: 'value', value: -3 });
  });

  test('dates and times', () => {
    expect(v('2025-04-01')).toEqual({ kind: 'value', value: wallSerial(2025, 4, 1), format: 'yyyy/MM/dd' });
    expect(v('2025/4/1 9:30')).toEqual({ kind: 'value', value: wallSerial(2025, 4, 1, 9, 30), format: 'yyyy/MM/dd H:mm:ss' });
    expect(v('4/1')).toEqual({ kind: 'value', value: wallSerial(2025, 4, 1), format: 'M/d' });
    expect(v('2025年4月1日')).toMatchObject({ kind: 'value', value: wallSerial(2025, 4, 1) });
    expect(v('9:30')).toEqual({ kind: 'value', value: 9.5 / 24, format: 'H:mm:ss' });
    expect(v('25/12/31')).toMatchObject({ value: wallSerial(2025, 12, 31) });
  });

  test('impossible dates stay text', () => {
    expect(v('2025/2/30')).toEqual({ kind: 'value', value: '2025/2/30' });
    expect(v('13-1')).toEqual({ kind: 'value', value: '13-1' });
    expect(v('2-30')).toEqual({ kind: 'value', value: '2-30' });
    expect(v('1.2.3')).toEqual({ kind: 'value', value: '1.2.3' });
  });

  test('an explicit format is kept (no automatic format)', () => {
    expect(v('30%', '0.0')).toEqual({ kind: 'value', value: 0.3, format: undefined });
  });

  test('formulas, escapes and empties', () => {
    expect(v('=A1')).toEqual({ kind: 'formula', formula: '=A1' });
    expect(v("'=A1")).toEqual({ kind: 'value', value: '=A1' });
    expect(v("'")).toEqual({ kind: 'empty' });
    expect(v('')).toEqual({ kind: 'empty' });
  });
});

describe('Time zones', () => {
  test('a Date and its serial round-trip in a zone with daylight saving time', () => {
    const at = new Date('2025-07-01T12:34:56.789Z');
    const serial = dateToSerial(at, 'America/New_York');
    expect(serial).toBeCloseTo(wallSerial(2025, 7, 1, 8, 34, 56) + 0.789 / 86400, 9);
    expect(serialToDate(serial, 'America/New_York').getTime()).toBe(at.getTime());
  });
});
