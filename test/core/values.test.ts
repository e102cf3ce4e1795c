import * as fc from 'fast-check';
import type { Parsed } from '../../src/core/model';
import {
  MAX_FIGURE, PARSED_KINDS, baseUnit, describeParsed, looksLikeComment, parseAccumulationLabel, parseCell, parseDirectionLabel,
  parsePlanStatus, parseRange, unitsCompatible,
} from '../../src/core/values';

const num = (value: number, unit: string) => expect.objectContaining({ kind: 'number', value, unit });

describe('parseCell on the real cells of seed 004 (須賀川市 実施計画)', () => {
  test.each<[string, number, string]>([
    ['208件', 208, '件'],
    ['1,049件', 1049, '件'],
    ['0人/年', 0, '人/年'],
    ['5人/年', 5, '人/年'],
    ['6人/年', 6, '人/年'],
    ['0%', 0, '%'],
    ['100%', 100, '%'],
    ['39件', 39, '件'],
    ['9回/年', 9, '回/年'],
    ['184件/年', 184, '件/年'],
    ['3,955件/年', 3955, '件/年'],
    ['21,115件/年', 21115, '件/年'],
    ['0件/年度', 0, '件/年度'],
    ['500件/年度', 500, '件/年度'],
    ['1施設', 1, '施設'],
    ['282ID', 282, 'ID'],
    ['10台', 10, '台'],
    ['0種類', 0, '種類'],
    ['1,303,598件', 1303598, '件'],
    ['783,000人', 783000, '人'],
    ['1,550,000人', 1550000, '人'],
    ['6か国語', 6, 'か国語'],
    ['13.5%', 13.5, '%'],
    ['40.0%', 40, '%'],
    ['86.50%', 86.5, '%'],
    ['875時間', 875, '時間'],
    ['3,500,000件/年', 3500000, '件/年'],
    ['2,528人', 2528, '人'],
  ])('%s → %d %s', (text, value, unit) => {
    const p = parseCell(text);
    expect(p).toEqual(num(value, unit));
    expect(p.text).toBe(text);
  });

  test('per-unit counts: 1校当たり4教室 → 4 教室/校', () => {
    expect(parseCell('1校当たり4教室')).toEqual(num(4, '教室/校'));
    expect(parseCell('1校当たり0教室')).toEqual(num(0, '教室/校'));
    expect(parseCell('4校あたり1人')).toEqual(num(1, '人/4校'));
  });

  test('a number with a note in brackets', () => {
    expect(parseCell('0% (0件/5,433件)')).toEqual({ kind: 'number', value: 0, unit: '%', text: '0% (0件/5,433件)', note: '0件/5,433件' });
    expect(parseCell('0% (0件/5,224件)')).toEqual(expect.objectContaining({ value: 0, unit: '%', note: '0件/5,224件' }));
    expect(parseCell('112件/年 (令和3年末)')).toEqual({ kind: 'number', value: 112, unit: '件/年', text: '112件/年 (令和3年末)', note: '令和3年末' });
    expect(parseCell('100件/年 (令和6年末)')).toEqual(expect.objectContaining({ value: 100, unit: '件/年', note: '令和6年末' }));
    expect(parseCell('80% (庁内会議全般)')).toEqual(expect.objectContaining({ value: 80, unit: '%', note: '庁内会議全般' }));
  });

  test('dashes and blanks are empty, never zero', () => {
    for (const t of ['—', '-', '―', 'ー', '－', '', '   ']) expect(parseCell(t).kind).toBe('empty');
  });

  test('qualitative states', () => {
    expect(parseCell('未整備')).toEqual({ kind: 'state', state: '未整備', text: '未整備' });
    expect(parseCell('指標の設定はありません')).toEqual({ kind: 'state', state: '指標なし', text: '指標の設定はありません' });
    expect(parseCell('リプレイス未実施 (実績値取得不可)')).toEqual({
      kind: 'state', state: '取得不可', text: 'リプレイス未実施 (実績値取得不可)', note: 'リプレイス未実施 (実績値取得不可)',
    });
    expect(parseCell('導入中')).toEqual(expect.objectContaining({ kind: 'state', state: '導入中' }));
    expect(parseCell('移行中')).toEqual(expect.objectContaining({ kind: 'state', state: '移行中' }));
    expect(parseCell('継続検討')).toEqual(expect.objectContaining({ kind: 'state', state: '検討中' }));
  });

  test('descriptive text is invalid with a reason asking for a number or ○/×', () => {
    for (const t of ['市政経営会議のみ', '平成22年発行分まで', '平成23年発行分まで', '平成25年発行分まで']) {
      const p = parseCell(t);
      expect(p.kind).toBe('invalid');
      if (p.kind === 'invalid') {
        expect(p.text).toBe(t);
        expect(p.reason).toContain('数字と単位');
        expect(p.reason).toContain('○ / ×');
      }
    }
  });
});

describe('parseCell on the real cells of seed 002 (恵那市 取組状況)', () => {
  test('several values in one cell are invalid', () => {
    const p = parseCell('①７種\n（70.0％）\n②3.26ポイント');
    expect(p.kind).toBe('invalid');
    if (p.kind === 'invalid') expect(p.reason).toContain('複数の値');
  });

  test('one numbered value is read', () => {
    expect(parseCell('①11.3％')).toEqual(num(11.3, '%'));
    expect(parseCell('①34⼈\n（85.0％）')).toEqual(expect.objectContaining({ kind: 'number', value: 34, unit: '人', note: '85.0%' }));
    expect(parseCell('②100％')).toEqual(num(100, '%'));
    expect(parseCell('②次年度計測')).toEqual(expect.objectContaining({ kind: 'state', state: '取得不可' }));
  });

  test('full-width and scaled units', () => {
    expect(parseCell('１２３人')).toEqual(num(123, '人'));
    expect(parseCell('①57施設\n（66.3％）')).toEqual(expect.objectContaining({ value: 57, unit: '施設', note: '66.3%' }));
    expect(parseCell('7,000千円/年')).toEqual(num(7000000, '円/年'));
    expect(parseCell('10,000千円/年')).toEqual(num(10000000, '円/年'));
    expect(parseCell('3.26ポイント')).toEqual(num(3.26, 'ポイント'));
    expect(parseCell('1,020 件')).toEqual(num(1020, '件'));
    expect(parseCell('30％')).toEqual(num(30, '%'));
  });

  test('approximations, ranges and ratios are not numbers', () => {
    for (const t of ['約30件', '30件程度', '10〜20件', '0件/5,433件']) {
      expect(parseCell(t).kind).toBe('invalid');
    }
    const p = parseCell('約30件');
    if (p.kind === 'invalid') expect(p.reason).toContain('（例: 30件）');
  });
});

describe('parseCell: marks, signs, Sheets values', () => {
  test('milestones', () => {
    for (const t of ['○', '◯', '〇', '達成', '済', '完了']) expect(parseCell(t)).toEqual({ kind: 'milestone', done: true, text: t });
    for (const t of ['×', '未達', '未達成']) expect(parseCell(t)).toEqual({ kind: 'milestone', done: false, text: t });
    expect(parseCell(true)).toEqual({ kind: 'milestone', done: true, text: 'TRUE' });
    expect(parseCell(false, 'FALSE')).toEqual({ kind: 'milestone', done: false, text: 'FALSE' });
  });

  test('▲ and △ as minus', () => {
    expect(parseCell('▲5件')).toEqual(num(-5, '件'));
    expect(parseCell('△1,200千円')).toEqual(num(-1200000, '円'));
    expect(parseCell('-3')).toEqual(num(-3, ''));
    expect(parseCell('△').kind).toBe('invalid');
  });

  test('percent cells come back from Sheets as fractions', () => {
    expect(parseCell(0.865, '86.50%')).toEqual({ kind: 'number', value: 86.5, unit: '%', text: '86.50%' });
    expect(parseCell(0.135, '13.5%')).toEqual(expect.objectContaining({ value: 13.5, unit: '%' }));
    expect(parseCell(1, '100%')).toEqual(expect.objectContaining({ value: 100, unit: '%' }));
    expect(parseCell(0.865, undefined, { unit: '%' })).toEqual(expect.objectContaining({ value: 86.5, unit: '%' }));
    expect(parseCell(0.865)).toEqual(num(0.865, ''));
  });

  test('number cells keep the unit shown by a custom format', () => {
    expect(parseCell(1020, '1,020件')).toEqual({ kind: 'number', value: 1020, unit: '件', text: '1,020件' });
    expect(parseCell(1049)).toEqual({ kind: 'number', value: 1049, unit: '', text: '1049' });
    expect(parseCell(0, '0')).toEqual(num(0, ''));
  });

  test('dates, formula errors, NaN are invalid with a reason', () => {
    const d = parseCell(new Date(2025, 0, 2));
    expect(d.kind).toBe('invalid');
    if (d.kind === 'invalid') expect(d.reason).toContain('書式なしテキスト');
    expect(parseCell('#REF!').kind).toBe('invalid');
    expect(parseCell('#N/A').kind).toBe('invalid');
    expect(parseCell(NaN).kind).toBe('invalid');
    expect(parseCell(Infinity).kind).toBe('invalid');
  });

  test('text around one number: the number is read, with the words it was read from (never silently)', () => {
    expect(parseCell('削減1,089万円')).toEqual({
      kind: 'number', value: 10890000, unit: '円', text: '削減1,089万円', read: { quote: '削減1,089万円', how: 'single' },
    });
    expect(parseCell('全86施設')).toEqual({ kind: 'number', value: 86, unit: '施設', text: '全86施設', read: { quote: '全86施設', how: 'single' } });
  });

  test('a comment typed in a number column is read as a status, with the cue words', () => {
    const text = 'システムは導入済みだが集計方法を検討している。';
    const p = parseCell(text);
    expect(p).toEqual({ kind: 'state', state: '検討中', text, read: { cues: ['導入済', '検討'], decisive: '検討' } });
    expect(looksLikeComment(text)).toBe(true);
    expect(looksLikeComment('30件')).toBe(false);
  });

  test('targets with a qualifier keep it as a note', () => {
    expect(parseCell('80%以上')).toEqual(expect.objectContaining({ value: 80, unit: '%', note: '以上' }));
  });
});

describe('units', () => {
  test('compatibility', () => {
    expect(unitsCompatible('件', '件/年')).toBe(true);
    expect(unitsCompatible('件/年', '件/年度')).toBe(true);
    expect(unitsCompatible('人', '人/年')).toBe(true);
    expect(unitsCompatible('', '%')).toBe(true);
    expect(unitsCompatible('％', '%')).toBe(true);
    expect(unitsCompatible('ヶ国語', 'か国語')).toBe(true);
    expect(unitsCompatible('%', '件')).toBe(false);
    expect(unitsCompatible('件/月', '件/年')).toBe(false);
    expect(unitsCompatible('教室/校', '教室')).toBe(false);
    expect(baseUnit('件/年度')).toBe('件');
  });

  test('ranges', () => {
    expect(parseRange('80〜120%')).toEqual({ min: 80, max: 120, unit: '%' });
    expect(parseRange('10件~5件')).toEqual({ min: 5, max: 10, unit: '件' });
    expect(parseRange('80%')).toBeNull();
  });
});

describe('labels', () => {
  test('direction', () => {
    expect(parseDirectionLabel('高いほど良い')).toBe('up');
    expect(parseDirectionLabel('低いほど良い')).toBe('down');
    expect(parseDirectionLabel('範囲内を維持')).toBe('range');
    expect(parseDirectionLabel('達成・未達')).toBe('milestone');
    expect(parseDirectionLabel('↓')).toBe('down');
    expect(parseDirectionLabel('')).toBeNull();
    expect(parseDirectionLabel('ふつう')).toBeNull();
  });
  test('accumulation and status', () => {
    expect(parseAccumulationLabel('積み上げ')).toBe(true);
    expect(parseAccumulationLabel('水準')).toBe(false);
    expect(parseAccumulationLabel('?')).toBeNull();
    expect(parsePlanStatus('')).toBe('');
    expect(parsePlanStatus('継続中')).toBe('実施中');
    expect(parsePlanStatus('終了')).toBe('完了');
    expect(parsePlanStatus('統合済')).toBe('統合済');
    expect(parsePlanStatus('たぶん')).toBeNull();
  });
  test('describe', () => {
    expect(describeParsed(parseCell('1,049件'))).toBe('1,049件');
    expect(describeParsed(parseCell('○'))).toBe('達成');
    expect(describeParsed(parseCell('—'))).toBe('空欄');
  });
});

describe('parseCell properties', () => {
  const kinds: readonly string[] = PARSED_KINDS;
  const check = (p: Parsed) => {
    expect(kinds).toContain(p.kind);
    expect(typeof p.text).toBe('string');
    if (p.kind === 'number') expect(Number.isFinite(p.value)).toBe(true);
    if (p.kind === 'invalid') expect(p.reason.length).toBeGreaterThan(0);
  };
  const tricky = fc.constantFrom(
    '', ' ', '#REF!', '#DIV/0!', '—', '①②', '１２３人', '💥', '🇯🇵', '\u0000', '\uD800', '9'.repeat(400), '1e999',
    '1,020件', '0% (0件/5,433件)', '(', ')', '（）', '※', '▲', '△△5', '1校当たり', '当たり4教室', '令和3年末',
  );
  const fullWidth = fc.string({ unit: fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCharCode(c)), maxLength: 20 });
  const mixed = fc.array(fc.oneof(tricky, fullWidth, fc.string({ unit: 'grapheme', maxLength: 10 }), fc.double().map(String)), { maxLength: 5 })
    .map((xs) => xs.join(''));

  test('never throws and always yields a Parsed kind for strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), mixed, tricky), (s) => {
      check(parseCell(s));
      check(parseCell(s, s));
    }), { numRuns: 3000 });
  });

  test('never a silent zero: a zero comes from a typed 0', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), mixed), (s) => {
      const p = parseCell(s);
      if (p.kind === 'number' && p.value === 0) expect(s.normalize('NFKC')).toMatch(/0/);
    }), { numRuns: 3000 });
  });

  test('numbers, with and without a display', () => {
    fc.assert(fc.property(fc.double(), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (v, d) => {
      const p = parseCell(v, d);
      check(p);
      if (d === undefined) expect(p.kind).toBe(Math.abs(v) <= MAX_FIGURE ? 'number' : 'invalid');
    }), { numRuns: 3000 });
  });

  test('integers typed as text read back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('件', '人', '%', '件/年', ''), (n, unit) => {
      const grouped = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      expect(parseCell(`${grouped}${unit}`)).toEqual(num(n, unit));
    }));
  });

  test('dates and booleans', () => {
    fc.assert(fc.property(fc.date({ noInvalidDate: false }), fc.boolean(), (d, b) => {
      check(parseCell(d));
      check(parseCell(b));
    }));
  });
});
