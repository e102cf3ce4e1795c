import {
  cellText, closest, editDistance, formatDate, groupDigits, headerKey, isLoneDash, nfkc, norm, normalizeCode,
  splitDepartments,
} from '../../src/core/text';

describe('text', () => {
  test('nfkc keeps circled digits and turns full-width into half-width', () => {
    expect(nfkc('１２３人')).toBe('123人');
    expect(nfkc('①７種')).toBe('①7種');
    expect(nfkc('10㎡')).toBe('10m²');
    expect(nfkc('⼦育て')).toBe('子育て'); // Kangxi radical from the PDF text of seed 002
  });

  test('lone dashes', () => {
    for (const d of ['-', '—', '―', 'ー', '－', '‐', '−', ' — ']) expect(isLoneDash(d)).toBe(true);
    for (const d of ['', '-5', 'ー件']) expect(isLoneDash(d)).toBe(false);
  });

  test('codes are normalised without losing circled digits', () => {
    expect(normalizeCode('１－２')).toBe('1-2');
    expect(normalizeCode(' 1-①-ア ')).toBe('1-①-ア');
    expect(normalizeCode('2ー8')).toBe('2-8');
  });

  test('header keys ignore spacing, brackets and width', () => {
    expect(headerKey('目標値（令和6年度）')).toBe('目標値令和6年度');
    expect(headerKey(' No. ')).toBe('NO');
    expect(headerKey('施策の 指標')).toBe('施策の指標');
  });

  test('department lists from seed 004', () => {
    expect(splitDepartments('文化振興課、博物館')).toEqual(['文化振興課', '博物館']);
    expect(splitDepartments('道路河川課 都市計画課 下水道施設課')).toEqual(['道路河川課', '都市計画課', '下水道施設課']);
    expect(splitDepartments('情報政策課及び 基幹系システム利用課')).toEqual(['情報政策課', '基幹系システム利用課']);
    expect(splitDepartments('情報政策課ほか')).toEqual(['情報政策課']);
    expect(splitDepartments('人事課 情報政策課')).toEqual(['人事課', '情報政策課']);
    expect(splitDepartments('')).toEqual([]);
  });

  test('closest names and distances', () => {
    expect(editDistance('情報政策課', '情報政策課')).toBe(0);
    expect(editDistance('情報政作課', '情報政策課')).toBe(1);
    expect(closest('情報政作課', ['こども課', '情報政策課'])).toBe('情報政策課');
    expect(closest('全然ちがう部署名', ['こども課'])).toBeUndefined();
  });

  test('cell text, dates and digits', () => {
    expect(cellText(1049, '1,049')).toBe('1,049');
    expect(cellText(1049)).toBe('1049');
    expect(cellText(new Date(2025, 0, 2))).toBe('2025/01/02');
    expect(formatDate(new Date(NaN))).toBe('');
    expect(norm('  R7\u3000中間 \n')).toBe('R7 中間');
    expect(groupDigits(1303598)).toBe('1,303,598');
    expect(groupDigits(-0.5)).toBe('-0.5');
  });
});
