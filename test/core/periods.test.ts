import * as fc from 'fast-check';
import {
  comparePeriods, eraToWestern, fiscalYearOf, parseFiscalYear, parsePeriodHeader, periodKey, periodLabel, shortLabel,
  warekiLabel,
} from '../../src/core/periods';

describe('eras and fiscal years', () => {
  test('era conversion', () => {
    expect(eraToWestern('令和', 7)).toBe(2025);
    expect(eraToWestern('R', 1)).toBe(2019);
    expect(eraToWestern('平成', 31)).toBe(2019);
    expect(eraToWestern('平成', 29)).toBe(2017);
    expect(eraToWestern('平成', 32)).toBeNull();
    expect(eraToWestern('昭和', 64)).toBe(1989);
    expect(eraToWestern('明治', 1)).toBeNull();
  });

  test('fiscal year runs April to March', () => {
    expect(fiscalYearOf(new Date(2025, 3, 1))).toBe(2025);
    expect(fiscalYearOf(new Date(2026, 2, 31))).toBe(2025);
    expect(fiscalYearOf(new Date(2026, 0, 15))).toBe(2025);
    expect(fiscalYearOf(new Date(2025, 11, 31))).toBe(2025);
  });

  test('labels', () => {
    expect(warekiLabel(2025)).toBe('令和7年度');
    expect(warekiLabel(2019)).toBe('令和元年度');
    expect(warekiLabel(2018)).toBe('平成30年度');
    expect(warekiLabel(1989)).toBe('平成元年度');
    expect(shortLabel({ fiscalYear: 2025, kind: 'year' })).toBe('R7');
    expect(shortLabel({ fiscalYear: 2025, kind: 'mid' })).toBe('R7中間');
    expect(shortLabel({ fiscalYear: 2017, kind: 'year' })).toBe('H29');
    expect(shortLabel({ fiscalYear: 2024, kind: 'target' })).toBe('R6目標');
    expect(periodLabel({ fiscalYear: 2025, kind: 'mid' })).toBe('令和7年度中間');
    expect(periodLabel({ fiscalYear: 2025, kind: 'year' })).toBe('令和7年度実績');
    expect(periodKey({ fiscalYear: 2025, kind: 'mid' })).toBe('2025:mid');
  });

  test('ordering puts the mid-year figure before the year-end one', () => {
    const ps = [
      { fiscalYear: 2025, kind: 'year' as const },
      { fiscalYear: 2024, kind: 'year' as const },
      { fiscalYear: 2025, kind: 'mid' as const },
    ];
    expect(ps.sort(comparePeriods).map(shortLabel)).toEqual(['R6', 'R7中間', 'R7']);
  });
});

describe('parsePeriodHeader', () => {
  const cases: [string, number, string][] = [
    ['令和7年度', 2025, 'year'],
    ['R7', 2025, 'year'],
    ['Ｒ７', 2025, 'year'],
    ['R7中間', 2025, 'mid'],
    ['令和6年度実績', 2024, 'year'],
    ['令和5年度（中間）', 2023, 'mid'],
    ['平成29年度評価', 2017, 'year'],
    ['H29', 2017, 'year'],
    ['2025年度', 2025, 'year'],
    ['FY2025', 2025, 'year'],
    ['令和元年度', 2019, 'year'],
    ['平成31年度', 2019, 'year'],
    ['R7目標', 2025, 'target'],
    ['目標値(令和6年度)', 2024, 'target'],
    ['目標値（令和6年度）', 2024, 'target'],
    ['基準値 令和2年度', 2020, 'baseline'],
    ['実績値 令和4年度', 2022, 'year'],
    ['実績値 令和7年度中間', 2025, 'mid'],
    ['令和7年度 中間実績', 2025, 'mid'],
    ['令和7年度上半期', 2025, 'mid'],
    ['R7年度', 2025, 'year'],
    ['令和7年9月末', 2025, 'mid'],
    ['令和8年3月末', 2025, 'year'],
    ['2024', 2024, 'year'],
  ];
  test.each(cases)('%s', (header, fy, kind) => {
    expect(parsePeriodHeader(header)).toEqual({ fiscalYear: fy, kind });
  });

  test.each([
    '目標年度', '基準年度', '成果指標', '令和7年度の取組', '令和4年度〜令和6年度', '', '担当課', 'R7中間目標',
    'プランID', 'KPI', '平成45年度', '令和7年13月末',
  ])('not a period: %s', (header) => {
    expect(parsePeriodHeader(header)).toBeNull();
  });

  test('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
      const p = parsePeriodHeader(s);
      if (p !== null) {
        expect(Number.isInteger(p.fiscalYear)).toBe(true);
        expect(['year', 'mid', 'target', 'baseline']).toContain(p.kind);
      }
    }), { numRuns: 2000 });
  });

  test('never throws on era-shaped noise', () => {
    const piece = fc.constantFrom('令和', '平成', 'R', 'H', 'FY', '年度', '年', '中間', '目標', '実績', '（', '）', '元', '9月末', '-', ' ');
    fc.assert(fc.property(fc.array(fc.oneof(piece, fc.nat(3000).map(String)), { maxLength: 8 }), (parts) => {
      expect(() => parsePeriodHeader(parts.join(''))).not.toThrow();
    }), { numRuns: 2000 });
  });
});

describe('parseFiscalYear (year cells)', () => {
  test.each([
    ['令和2年度', 2020], ['R2', 2020], ['2020', 2020], ['H29', 2017], ['2020年度', 2020], ['令和6年度', 2024],
  ])('%s', (cell, fy) => expect(parseFiscalYear(cell)).toBe(fy));

  test('numbers, dates and junk', () => {
    expect(parseFiscalYear(2024)).toBe(2024);
    expect(parseFiscalYear(7)).toBeNull();
    expect(parseFiscalYear(new Date(2025, 1, 1))).toBe(2024);
    expect(parseFiscalYear(new Date(NaN))).toBeNull();
    expect(parseFiscalYear(true)).toBeNull();
    expect(parseFiscalYear('未定')).toBeNull();
    expect(parseFiscalYear(null)).toBeNull();
  });
});
