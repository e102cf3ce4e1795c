// The progress sheet read in part for 統合候補: which columns, the grid the reader parses, and the
// fingerprint of exactly what was read.
import { assemble, candidateColumns, type PartialGrid } from '../../src/core/partial-grid';
import { detectLayout, isLayoutError, layoutRows, type Layout } from '../../src/core/layout';
import { gridsFingerprint } from '../../src/core/merge-store';
import type { Grid } from '../../src/core/model';

const HEADER = ['プランID', '基本目標', 'プラン名', '主担当課', '関係課', '成果指標', '単位', '目標値', '令和6年度実績', '状態', 'コメント', '入力チェック'];

function layoutOf(header: string[]): Layout {
  const l = detectLayout({ name: 'プラン・指標', values: [header, ['1-1', '1', '電子申請', '情報政策課', '', '件数', '件', 10, 5, '', '', '']] });
  if (isLayoutError(l)) throw new Error(l.error);
  return l;
}

describe('candidateColumns', () => {
  test('the columns the suggestions use, not figures, units, comments or the add-on’s column', () => {
    const cols = candidateColumns(layoutOf(HEADER)).map((c) => HEADER[c]);
    expect(cols).toEqual(['プランID', '基本目標', 'プラン名', '主担当課', '関係課', '成果指標', '状態']);
  });

  test('every column left of the IDs (a lone title there names a block)', () => {
    const header = ['区分', '備考欄', ...HEADER];
    const l = layoutOf(header);
    expect(l.columns.id).toBe(2);
    expect(candidateColumns(l)).toEqual(expect.arrayContaining([0, 1, 2]));
  });
});

describe('layoutRows', () => {
  test('covers the header scan and the data sample, and a header row pinned lower', () => {
    expect(layoutRows(null)).toBeGreaterThanOrEqual(11 + 60);
    expect(layoutRows({ sheet: 'x', headerRow: 30, headerRows: 2, columns: [] })).toBeGreaterThanOrEqual(32 + 60);
  });
});

const part = (over: Partial<PartialGrid> = {}): PartialGrid => ({
  name: 'p', rows: 4, cols: 3,
  head: { values: [['ID', '名前', '値'], ['1-1', 'a', 1]], display: [['ID', '名前', '値'], ['1-1', 'a', '1']] },
  columns: [{ col: 0, values: ['1-2', ''] }, { col: 1, shown: ['b', 'c'] }],
  ...over,
});

describe('assemble', () => {
  test('the head as read, the columns read below it, every other cell blank', () => {
    const g = assemble(part());
    expect(g.values).toEqual([['ID', '名前', '値'], ['1-1', 'a', 1], ['1-2', 'b', ''], ['', 'c', '']]);
    expect(g.display).toEqual([['ID', '名前', '値'], ['1-1', 'a', '1'], ['1-2', 'b', ''], ['', 'c', '']]);
  });

  test('a column read as stored and as shown keeps both (a code Sheets made a date)', () => {
    const d = new Date(2026, 0, 2);
    const g = assemble(part({ columns: [{ col: 0, values: [d, '1-3'], shown: ['1/2', '1-3'] }] }));
    expect(g.values[2][0]).toBe(d);
    expect(g.display![2][0]).toBe('1/2');
  });
});

describe('gridsFingerprint of a sheet read in part', () => {
  const other: Grid = { name: '設定', values: [['類義語', 'a、b']] };
  const fp = (p: PartialGrid) => gridsFingerprint({ p: assemble(p), 設定: other }, ['build'], { p });
  const same = fp(part());

  test('any cell read changes it: head value, head display, a column below, the size', () => {
    expect(fp(part())).toBe(same);
    expect(fp(part({ head: { values: [['ID', '名前', '値'], ['1-1', 'a', 2]], display: [['ID', '名前', '値'], ['1-1', 'a', '1']] } }))).not.toBe(same);
    expect(fp(part({ head: { values: [['ID', '名前', '値'], ['1-1', 'a', 1]], display: [['ID', '名前', '値'], ['1-1', 'a', '1.0']] } }))).not.toBe(same);
    expect(fp(part({ columns: [{ col: 0, values: ['1-2', ''] }, { col: 1, shown: ['b', 'd'] }] }))).not.toBe(same);
    expect(fp(part({ columns: [{ col: 0, values: ['1-2', 1] }, { col: 1, shown: ['b', 'c'] }] }))).not.toBe(same);
    // The same text read as stored or as shown is another read.
    expect(fp(part({ columns: [{ col: 0, shown: ['1-2', ''] }, { col: 1, shown: ['b', 'c'] }] }))).not.toBe(same);
    // The same cells in another column.
    expect(fp(part({ columns: [{ col: 0, values: ['1-2', ''] }, { col: 2, shown: ['b', 'c'] }] }))).not.toBe(same);
    expect(fp(part({ rows: 5 }))).not.toBe(same);
    expect(fp(part({ cols: 4 }))).not.toBe(same);
  });

  test('the other sheets still count whole', () => {
    const p = part();
    const changed: Grid = { name: '設定', values: [['類義語', 'a、c']] };
    expect(gridsFingerprint({ p: assemble(p), 設定: changed }, ['build'], { p })).not.toBe(same);
  });

  test('the same as a whole read would not be mistaken for it: a grid read whole fingerprints otherwise', () => {
    const p = part();
    expect(gridsFingerprint({ p: assemble(p), 設定: other }, ['build'])).not.toBe(same);
  });
});
