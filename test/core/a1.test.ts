import { a1, columnLetters, columnNumber, parseA1, rangeA1, sheetA1 } from '../../src/core/a1';

describe('a1', () => {
  test('column letters round-trip', () => {
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(26)).toBe('Z');
    expect(columnLetters(27)).toBe('AA');
    expect(columnLetters(702)).toBe('ZZ');
    expect(columnLetters(703)).toBe('AAA');
    for (let c = 1; c <= 1000; c++) expect(columnNumber(columnLetters(c))).toBe(c);
  });

  test('cells and ranges', () => {
    expect(a1(12, 13)).toBe('M12');
    expect(parseA1('M12')).toEqual({ row: 12, col: 13 });
    expect(parseA1('$AB$3')).toEqual({ row: 3, col: 28 });
    expect(parseA1('A0')).toBeNull();
    expect(parseA1('12')).toBeNull();
    expect(rangeA1(2, 1, undefined, 1)).toBe('A2:A');
    expect(rangeA1(2, 1, 10, 3)).toBe('A2:C10');
    expect(sheetA1("プラン・指標", 'M12')).toBe("'プラン・指標'!M12");
    expect(sheetA1("it's", 'A1')).toBe("'it''s'!A1");
  });

  test('rejects non-positive indexes', () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
    expect(() => a1(0, 1)).toThrow(RangeError);
    expect(columnNumber('A1')).toBeNull();
  });
});
