// Words of the report that must not break across lines (figures with units, rating words) and
// the column widths that leave room for them (core/tokens.ts, fitWidths in core/report.ts).
import { CHART_LABEL_EM, chartLabels, textWidth } from '../../src/core/chart';
import { fitWidths } from '../../src/core/report';
import {
  CELL_PAD_EM, TABLE_EM, WJ, bodyMinEm, columnMinEm, emWidth, fitToTokens, joinChars, joinTokens, longestToken, tokenSegments, unbreakableTokens,
} from '../../src/core/tokens';

describe('unbreakable tokens', () => {
  test('a figure keeps its unit, per-unit, separators, decimals and sign', () => {
    expect(unbreakableTokens('基準値 49件/年（R2） → 実績 47件/年（R4）')).toEqual(['49件/年', 'R2', '47件/年', 'R4']);
    expect(unbreakableTokens('1,303,598件')).toEqual(['1,303,598件']);
    expect(unbreakableTokens('14,082.9%')).toEqual(['14,082.9%']);
    expect(unbreakableTokens('−180.0%（後退）')).toEqual(['−180.0%']);
    expect(unbreakableTokens('12手続から6か所、3か国語、2ポイント')).toEqual(['12手続', '6か所', '3か国語', '2ポイント']);
    expect(unbreakableTokens('職員参集配信先 200ID')).toEqual(['200ID']);
  });

  test('a unit is at most two kanji: the words after it may wrap', () => {
    expect(unbreakableTokens('3年間合計')).toEqual(['3年間']);
    expect(unbreakableTokens('52件のプランのうち42件を評価')).toEqual(['52件', '42件']);
  });

  test('rating words are tokens, the longer word first', () => {
    expect(unbreakableTokens('良好ではない　評価対象 3件のうち')).toEqual(['良好ではない', '3件']);
    expect(unbreakableTokens('概ね良好、評価不能、良好')).toEqual(['概ね良好', '評価不能', '良好']);
  });

  test('a single digit alone is not a token (nothing to join)', () => {
    expect(unbreakableTokens('基本目標1　子育て')).toEqual([]);
  });

  test('joinTokens joins each token where a line could break (next to Japanese, after a slash), and is idempotent', () => {
    const t = '基準値 49件/年（R2）';
    const j = joinTokens(t);
    // Digits, letters and separators never break apart by themselves: no joiner between them.
    expect(j).toBe(`基準値 49${WJ}件/${WJ}年（R2）`);
    expect(joinChars('1,303,598件')).toBe(`1,303,598${WJ}件`);
    expect(joinChars('良好ではない')).toBe([...'良好ではない'].join(WJ));
    expect(j.replace(new RegExp(WJ, 'g'), '')).toBe(t);
    expect(joinTokens(j)).toBe(j);
  });

  test('tokenSegments cuts a text into its tokens and the text between, losing nothing', () => {
    const t = '実績 1,049件（R4）、良好ではない';
    const segs = tokenSegments(t);
    expect(segs.map((s) => s.text).join('').replace(new RegExp(WJ, 'g'), '')).toBe(t);
    expect(segs.filter((s) => s.token).map((s) => s.text.replace(new RegExp(WJ, 'g'), ''))).toEqual(['1,049件', 'R4', '良好ではない']);
    expect(segs.filter((s) => !s.token).map((s) => s.text)).toEqual(['実績 ', '（', '）、']);
  });

  test('widths: full-width characters 1 em, digits and narrow marks less, joiners nothing', () => {
    expect(emWidth('良好ではない')).toBe(6);
    expect(emWidth('1,049')).toBeCloseTo(4 * 0.6 + 0.3);
    expect(emWidth(joinTokens('1,049件'))).toBeCloseTo(emWidth('1,049件'));
    expect(longestToken('実績 1,303,598件 と 5件')).toBeCloseTo(emWidth('1,303,598件'));
    // Brackets and commas that may not be left at a line's end or start count with their token.
    expect(longestToken('160手続（R6目標）／最終')).toBeCloseTo(emWidth('（R6目標）'));
    expect(longestToken('12件、13件')).toBeCloseTo(emWidth('12件、'));
  });
});

describe('column widths', () => {
  test('columnMinEm: the longest token of the cells or a short header line, plus the cell padding', () => {
    expect(columnMinEm('評価', ['A', '良好ではない'])).toBeCloseTo(6 + CELL_PAD_EM);
    expect(columnMinEm('実績\n（R4）', ['1,303,598件', '5件'])).toBeCloseTo(emWidth('1,303,598件') + CELL_PAD_EM);
    // A long header line may wrap: only its tokens count.
    expect(columnMinEm('令和4年度の評価（計画期間通算も同じ）', ['x'])).toBeLessThan(8);
  });

  test('fitToTokens raises a column to its minimum and takes the width from the columns with room', () => {
    const header = ['基本目標', '件数', '今期の評価'];
    const rows = [['子育て支援におけるICT利活用の推進', '12', '良好ではない']];
    const got = fitToTokens([60, 30, 10], header, rows);
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_EM);
    const min = header.map((h, c) => columnMinEm(h, rows.map((r) => r[c])));
    got.forEach((w, c) => expect(w).toBeGreaterThanOrEqual(min[c] - 1e-9));
    // The narrow rating column was raised; the others gave in proportion to their room.
    expect(got[2]).toBeCloseTo(min[2]);
    const want = [60, 30, 10].map((w) => (w * TABLE_EM) / 100);
    expect((want[0] - got[0]) / (want[0] - min[0])).toBeCloseTo((want[1] - got[1]) / (want[1] - min[1]));
  });

  test('fitToTokens leaves widths that already fit as they are', () => {
    const got = fitToTokens([1, 1], ['a', 'b'], [['1件', '2件']]);
    expect(got).toEqual([TABLE_EM / 2, TABLE_EM / 2]);
  });

  test('fitToTokens keeps the figures whole and lets the headers wrap when headers and figures do not all fit', () => {
    const header = ['年度', '根拠', ...['A', 'B', 'C', 'D', '−'].map((g) => `プラン\n${g}`), ...['良好', '概ね良好', '良好ではない', '評価不能'].map((r) => `基本目標\n${r}`)];
    const rows = [['令和5年度', '再計算', '1', '0', '12', '0', '0', '1', '0', '9', '0']];
    const min = header.map((h, c) => columnMinEm(h, rows.map((r) => r[c])));
    expect(min.reduce((a, b) => a + b, 0)).toBeGreaterThan(TABLE_EM);
    const got = fitToTokens(header.map(() => 1), header, rows);
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_EM);
    got.forEach((w, c) => expect(w).toBeGreaterThanOrEqual(bodyMinEm(rows.map((r) => r[c])) - 1e-9));
    // Shared fairly: the headers needing least get all they need (the five プラン headers), and the
    // widest header (基本目標 良好ではない) is not left at its column's figures.
    expect(got.filter((w, c) => w >= min[c] - 1e-9).length).toBeGreaterThanOrEqual(5);
    expect(got[9]).toBeGreaterThanOrEqual(Math.min(...got.slice(2)) - 1e-9);
    expect(got[9]).toBeGreaterThan(bodyMinEm(['9']) + 2);
    // 令和5年度 and 再計算 whole.
    expect(got[0]).toBeGreaterThanOrEqual(emWidth('令和5年度') + CELL_PAD_EM - 1e-9);
    expect(got[1]).toBeGreaterThanOrEqual(emWidth('再計算') + CELL_PAD_EM - 1e-9);
  });

  test('fitToTokens shares out the minimums when the figures alone are wider than the table', () => {
    const header = Array.from({ length: 8 }, (_, i) => `列${i}`);
    const got = fitToTokens(header.map(() => 1), header, [header.map(() => '1,234,567,890件/年')]);
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_EM);
    for (const w of got) expect(w).toBeCloseTo(TABLE_EM / 8);
  });

  test('fitWidths: each figure column at least its longest token; the text columns shrink instead', () => {
    const header = ['プラン', '成果指標', '基準値\n（R2）', '実績\n（R4）', '目標値\n（R6）', '達成率', '評価'];
    const rows = [
      ['1-1 子育て支援アプリ「すかがわ「てくてく」」の利活用推進（こども課）', 'アプリのダウンロード数', '208件', '1,049件', '600件', '214.5%', 'A'],
      ['7-1 ものづくり企業ガイド（商工課）', 'ウェブサイト閲覧数', '1,303,598件', '2,842,591件', '1,500,000件', '783.6%', 'A'],
      ['2-1 各学校における環境整備', '特別教室の数', '1校当たり0教室', '—', '4教室', '評価不能（単位の違い）', '−'],
    ];
    const w = fitWidths(header, rows, [0, 1]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_EM, 0);
    for (const c of [2, 3, 4, 5, 6]) {
      expect(w[c]).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => longestToken(r[c]))) + CELL_PAD_EM - 0.05);
    }
    // 「1,303,598件」 needs more than the old fixed 5.5 em; the text columns got the rest.
    expect(w[2]).toBeGreaterThan(5.5 + CELL_PAD_EM);
    expect(w[0] + w[1]).toBeCloseTo(TABLE_EM - w.slice(2).reduce((a, b) => a + b, 0), 0);
    // The longer text column gets more.
    expect(w[0]).toBeGreaterThan(w[1]);
  });

  test('fitWidths never squeezes a text column below 7 em of text: then all shrink in proportion', () => {
    const header = ['プラン', '成果指標', 'a', 'b', 'c', 'd', 'e'];
    const big = '3,500,000,000件/年';
    const w = fitWidths(header, [['名前', '指標', big, big, big, big, big]], [0, 1]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_EM, 0);
    expect(w[0]).toBeCloseTo(w[1]);
    expect(w[0] / w[2]).toBeCloseTo((7 + CELL_PAD_EM) / (emWidth(big) + CELL_PAD_EM), 1);
  });
});

describe('chart labels', () => {
  test('short names are drawn whole with their number', () => {
    const r = chartLabels('基本方針', [{ code: '1', name: '市民生活' }, { code: '2', name: '行政' }]);
    expect(r).toEqual({ labels: ['基本方針1 市民生活', '基本方針2 行政'], key: '' });
  });

  test('long names: every label is the number alone, whole, and the caption key names them all', () => {
    const items = [
      { code: '1-1', name: 'ICTで人をつなげ、共に支えあう協働のまちづくり' },
      { code: '2-2', name: 'ICTで実現する！すべての人が安心して暮らせる保健・医療・福祉の連携と充実' },
      { code: '3', name: '短い' },
    ];
    const r = chartLabels('基本目標', items);
    expect(r.labels).toEqual(['基本目標1-1', '基本目標2-2', '基本目標3']);
    for (const l of r.labels) expect(textWidth(l, 1)).toBeLessThanOrEqual(CHART_LABEL_EM);
    for (const i of items) expect(r.key).toContain(`${i.code} ${i.name}`);
  });

  test('an item without a number keeps its name, shortened to fit, and is named in full in the key', () => {
    const name = 'とても長い名前の基本目標でラベルに入りきらないもの';
    const r = chartLabels('基本目標', [{ code: '', name }]);
    expect(textWidth(r.labels[0], 1)).toBeLessThanOrEqual(CHART_LABEL_EM);
    expect(r.labels[0].endsWith('…')).toBe(true);
    expect(r.key).toContain(name);
  });
});

describe('years and short words', () => {
  test('a Japanese era year is one token with its era', () => {
    expect(unbreakableTokens('令和5年度（確定値）、平成22年発行分まで')).toEqual(['令和5年度', '平成22年発']);
  });

  test('a short cell (再計算) is not wrapped: its column is at least as wide', () => {
    expect(columnMinEm('根拠', ['再計算', '確定値'])).toBeCloseTo(3 + CELL_PAD_EM);
    // A long cell still counts only its tokens.
    expect(columnMinEm('根拠', ['評価の根拠になった長い説明文'])).toBeCloseTo(2 * 1.05 + CELL_PAD_EM);
  });
});
