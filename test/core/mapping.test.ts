import type { CellValue, Grid } from '../../src/core/model';
import { detectLayout, isLayoutError, type Layout } from '../../src/core/layout';
import {
  describeMapping, mappingFromChoices, parseMapping, roleOfColumn, type ColumnMapping,
} from '../../src/core/mapping';
import { readProgress } from '../../src/core/reader';

const grid = (values: CellValue[][], name = '進捗表'): Grid => ({ name, values });
function ok(g: Grid, m?: ColumnMapping | null): Layout {
  const l = detectLayout(g, m);
  if (isLayoutError(l)) throw new Error(l.error);
  return l;
}

const HEADER = ['No.', '事業名', '担当課', '指標', '目標値', '数値', '備考'];
const ROWS = [
  ['1', '電子申請の推進', '情報政策課', '申請件数', '100件', '80件', 'メモ1'],
  ['2', 'テレワーク', '人事課', '利用職員数', '50人', '11人', ''],
];

describe('列の対応: choices saved by the 事務局 (issue 10, item 9)', () => {
  test('an unknown column set to 令和6年度の実績 and 備考 set to 使わない are read so', () => {
    const g = grid([HEADER, ...ROWS]);
    const auto = ok(g);
    expect(roleOfColumn(auto, 5)).toEqual({ kind: 'ignore' });
    expect(roleOfColumn(auto, 6)).toEqual({ kind: 'field', field: 'comment' });
    const mapping = mappingFromChoices(auto, auto, [
      { col: 5, role: { kind: 'actual', year: 2024 } }, { col: 6, role: { kind: 'ignore' } }, { col: 1, role: { kind: 'field', field: 'name' } },
    ]);
    // Only what differs from detection is kept; the header row is pinned.
    expect(mapping).toEqual({ sheet: '進捗表', headerRow: 0, headerRows: 1, columns: [
      { col: 5, header: '数値', role: { kind: 'actual', year: 2024 } }, { col: 6, header: '備考', role: { kind: 'ignore' } },
    ] });
    expect(parseMapping(JSON.stringify(mapping))).toEqual(mapping);
    const l = ok(g, mapping);
    expect(l.periods.map((p) => [p.col, p.period])).toEqual([[5, { fiscalYear: 2024, kind: 'year' }]]);
    expect(l.columns.comment).toBeUndefined();
    expect(l.chosen).toEqual([5, 6]);
    const res = readProgress({ 進捗表: g }, { today: new Date(2025, 5, 1), mapping });
    expect(res.data.plans[0].indicators[0].actuals.map((a) => [a.period.fiscalYear, a.value.text])).toEqual([[2024, '80件']]);
    expect(res.data.plans[0].comment).toBe('');
  });

  test('a moved column is found by its header; a choice whose header is gone is a warning', () => {
    const mapping: ColumnMapping = { sheet: '進捗表', headerRow: 0, headerRows: 1, columns: [
      { col: 5, header: '数値', role: { kind: 'actual', year: 2024 } }, { col: 7, header: 'R5の数', role: { kind: 'actual', year: 2023 } },
    ] };
    const moved = grid([['数値', ...HEADER.filter((h) => h !== '数値')], ...ROWS.map((r) => [r[5], ...r.filter((_, i) => i !== 5)])]);
    const l = ok(moved, mapping);
    expect(l.periods.map((p) => p.col)).toEqual([0]);
    expect(l.warnings).toEqual(['「列の対応」でH列「R5の数」を令和5年度の実績としましたが、その見出しが見つかりません。列の対応を確かめてください。']);
    const res = readProgress({ 進捗表: moved }, { today: new Date(2025, 5, 1), mapping });
    expect(res.issues.some((i) => i.severity === '警告' && i.message.includes('R5の数'))).toBe(true);
  });

  test('saved header rows are kept when the header would now read as two rows, with a warning', () => {
    const header = ['プラン名', '成果指標', '目標値', '実績値', ''];
    const g = grid([header, ['', '', '', '令和5年度', '令和6年度'], ['電子申請', '申請件数', '200件', '150件', '170件']]);
    expect(ok(g).headerRows).toBe(2);
    const pinned: ColumnMapping = { sheet: '進捗表', headerRow: 0, headerRows: 1, columns: [] };
    const l = ok(g, pinned);
    expect([l.headerRow, l.headerRows, l.firstDataRow]).toEqual([0, 1, 1]);
    expect(l.warnings?.[0]).toContain('保存した「列の対応」では1行目ですが、今の見出しからは1〜2行目と読めます');
  });

  test('unreadable or foreign JSON is ignored', () => {
    expect(parseMapping('{')).toBeNull();
    expect(parseMapping(JSON.stringify({ sheet: 'x', headerRow: 0, headerRows: 3, columns: [] }))).toBeNull();
    expect(parseMapping(JSON.stringify({ sheet: 'x', headerRow: 0, headerRows: 1, columns: [{ col: 1, header: 'a', role: { kind: 'actual' } }] }))).toBeNull();
    expect(parseMapping(null)).toBeNull();
  });

  test('the panel view: what each column is read as, what detection said, and samples', () => {
    const g = grid([HEADER, ...ROWS]);
    const auto = ok(g);
    const mapping = mappingFromChoices(auto, auto, [{ col: 5, role: { kind: 'mid', year: 2025 } }]);
    const view = describeMapping(g, ok(g, mapping), auto, mapping);
    expect(view.headerRows).toEqual([1]);
    expect(view.firstDataRow).toBe(2);
    expect(view.saved).toBe(true);
    const f = view.columns.find((c) => c.letter === 'F')!;
    expect(f).toMatchObject({ header: '数値', label: '令和7年度の中間実績', autoLabel: '使わない', chosen: true, sample: ['80件', '11人'] });
    expect(view.columns.find((c) => c.letter === 'A')).toMatchObject({ label: 'プランID', chosen: false });
    expect(view.years).toContain(2025);
    expect(view.fields.find((x) => x.value === 'indicator')?.label).toBe('成果指標（指標・施策の指標）');
  });
});

describe('列の対応: columns of words (取組実績／課題／今後の方向性, issue 12)', () => {
  const g = grid([
    ['No.', '事業名', '担当課', '指標', '目標値', 'R6実績', '取組実績', '自由記述'],
    ['1', '電子申請の推進', '情報政策課', '申請件数', '100件', '80件', '申請フォームを整えた。', '利用が伸び悩んでいる。'],
  ]);

  test('detected columns of words are shown with their field; a column set by hand to 課題 is read as 課題', () => {
    const auto = ok(g);
    expect(roleOfColumn(auto, 6)).toEqual({ kind: 'field', field: 'achievements' });
    expect(roleOfColumn(auto, 7)).toEqual({ kind: 'ignore' });
    const view = describeMapping(g, auto, auto, null);
    expect(view.fields.map((f) => f.value)).toEqual(expect.arrayContaining(['achievements', 'issues', 'outlook', 'comment']));
    expect(view.columns.find((c) => c.col === 6)?.label).toBe('取組実績');
    const mapping = mappingFromChoices(auto, auto, [{ col: 7, role: { kind: 'field', field: 'issues' } }]);
    const res = readProgress({ 進捗表: g }, { today: new Date(2025, 5, 1), mapping });
    expect(res.data.plans[0].texts).toEqual([
      { field: 'achievements', header: '取組実績', text: '申請フォームを整えた。' },
      { field: 'issues', header: '自由記述', text: '利用が伸び悩んでいる。' },
    ]);
  });
});

describe('列の対応: 自己評価 columns (the department\'s own grade)', () => {
  // A bare 「評価」 is not named 自己評価 (it could be anything), so detection leaves it; the
  // 事務局 says it is the 担当課's grade for 令和6年度.
  const g = grid([
    ['No.', '事業名', '担当課', '成果指標', '目標値', 'R6実績', '評価'],
    ['1', '電子申請の推進', '情報政策課', '申請件数', '', '手続を拡大', 'A'],
    ['2', 'AI議事録', '総務課', '導入課数', '', '試行', '○'],
  ]);

  test('a column is assigned 令和6年度の自己評価 (stored, validated) and 集計 uses it as the plan grade', () => {
    const auto = ok(g);
    expect(roleOfColumn(auto, 6)).toEqual({ kind: 'ignore' });
    const mapping = mappingFromChoices(auto, auto, [{ col: 6, role: { kind: 'self', year: 2024 } }]);
    expect(mapping.columns).toEqual([{ col: 6, header: '評価', role: { kind: 'self', year: 2024 } }]);
    expect(parseMapping(JSON.stringify(mapping))).toEqual(mapping);
    const l = ok(g, mapping);
    expect(l.selfPeriods).toEqual([{ col: 6, period: { fiscalYear: 2024, kind: 'year' }, header: '評価' }]);
    expect(l.periods.map((p) => p.col)).toEqual([5]);
    expect(roleOfColumn(l, 6)).toEqual({ kind: 'self', year: 2024 });
    const view = describeMapping(g, l, auto, mapping);
    expect(view.columns.find((c) => c.col === 6)).toMatchObject({ label: '令和6年度の自己評価', chosen: true });
    const res = readProgress({ 進捗表: g }, { today: new Date(2025, 5, 1), mapping });
    expect(res.data.plans.map((p) => p.selfAssessments)).toEqual([
      [{ period: { fiscalYear: 2024, kind: 'year' }, text: 'A', cell: 'G2' }],
      [{ period: { fiscalYear: 2024, kind: 'year' }, text: '○', cell: 'G3' }],
    ]);
  });

  test('中間 and year-less 自己評価 roles; the roles are validated', () => {
    const auto = ok(g);
    const mid = ok(g, mappingFromChoices(auto, auto, [{ col: 6, role: { kind: 'selfMid', year: 2025 } }]));
    expect(mid.selfPeriods).toEqual([{ col: 6, period: { fiscalYear: 2025, kind: 'mid' }, header: '評価' }]);
    expect(roleOfColumn(mid, 6)).toEqual({ kind: 'selfMid', year: 2025 });
    const current = ok(g, mappingFromChoices(auto, auto, [{ col: 6, role: { kind: 'field', field: 'selfAssessment' } }]));
    expect(current.columns.selfAssessment).toBe(6);
    expect(roleOfColumn(current, 6)).toEqual({ kind: 'field', field: 'selfAssessment' });
    const view = describeMapping(g, current, auto, null);
    expect(view.columns.find((c) => c.col === 6)?.label).toBe('自己評価');
    expect(view.fields.find((f) => f.value === 'selfAssessment')?.label).toBe('自己評価（評価する年度・時点の）');
    const bad = (role: unknown) => parseMapping(JSON.stringify({ sheet: '進捗表', headerRow: 0, headerRows: 1, columns: [{ col: 6, header: 'x', role }] }));
    expect(bad({ kind: 'self' })).toBeNull();
    expect(bad({ kind: 'selfMid', year: 2025, field: 'id' })).toBeNull();
    expect(bad({ kind: 'self', year: 2024 })).not.toBeNull();
  });

  test('a detected 自己評価 column is shown as such (not 使わない), with its year', () => {
    const h = grid([
      ['No.', '事業名', '成果指標', '目標値', 'R6実績', '令和6年度 自己評価', '担当課評価'],
      ['1', '電子申請の推進', '申請件数', '100件', '80件', 'B', 'A'],
    ]);
    const l = ok(h);
    expect(roleOfColumn(l, 5)).toEqual({ kind: 'self', year: 2024 });
    expect(roleOfColumn(l, 6)).toEqual({ kind: 'field', field: 'selfAssessment' });
    expect(describeMapping(h, l, l, null).columns.slice(5).map((c) => c.label)).toEqual(['令和6年度の自己評価', '自己評価']);
  });

  test('a column set by hand to a field wins over a detected one, with a note', () => {
    const h = grid([
      ['No.', '事業名', '成果指標', '目標値', 'R6実績', '担当課評価', '総合評価'],
      ['1', '電子申請の推進', '申請件数', '', '', 'B', 'A'],
    ]);
    const auto = ok(h);
    expect(auto.columns.selfAssessment).toBe(5);
    const mapping = mappingFromChoices(auto, auto, [{ col: 6, role: { kind: 'field', field: 'selfAssessment' } }]);
    const l = ok(h, mapping);
    expect(l.columns.selfAssessment).toBe(6);
    expect(l.notes).toContain('F列の「担当課評価」は、「列の対応」でG列を自己評価（担当課の評価）としたため使いません。');
    const res = readProgress({ 進捗表: h }, { today: new Date(2025, 5, 1), mapping });
    expect(res.data.plans[0].selfAssessments?.map((s) => s.text)).toEqual(['A']);
  });
});
