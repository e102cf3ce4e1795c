// 列の対応 through the built bundle: the panel's view, corrections saved with the document and
// used by 集計 and onEdit, and a header change caught instead of losing the first plan.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { SHEETS } from '../../src/core/schema';
import { MAPPING_PROPERTY, type MappingView } from '../../src/core/mapping';

const HEADER = ['No.', '事業名', '担当課', '指標', '基準値', '目標値（R7）', '数値', '備考'];
const ROWS = [
  ['1', '電子申請の推進', '情報政策課', '電子申請件数', '100件', '600件', '450件', ''],
  ['2', 'テレワークの推進', '人事課', 'テレワーク利用職員数', '0人', '50人', '45人', ''],
];

function session(rows: string[][] = [HEADER, ...ROWS]) {
  return openSession(spreadsheetFromGrids('進捗', { 進捗表: rows }));
}

const view = (s: ReturnType<typeof session>, fn: string, ...args: unknown[]) => s.run(fn, ...args).result as MappingView;

test('the view says what each column is read as; a correction is saved and used by 集計', () => {
  const s = session();
  const v = view(s, 'getColumnMapping');
  expect(v).toMatchObject({ sheet: '進捗表', headerRows: [1], firstDataRow: 2, saved: false, error: '' });
  expect(v.columns.map((c) => [c.letter, c.label])).toEqual([
    ['A', 'プランID'], ['B', 'プラン名'], ['C', '主担当課'], ['D', '成果指標'], ['E', '基準値'], ['F', '目標値'], ['G', '使わない'], ['H', 'コメント'],
  ]);
  // Without figures 集計 has nothing to rate.
  s.run('menuAggregate');
  expect(s.sheetRecords(SHEETS.results)!.rows.map((r) => r['指標の評価'])).toEqual(['−', '−']);

  const saved = view(s, 'saveColumnMapping', {
    headerRow: 1, headerRows: 1,
    columns: v.columns.map((c) => ({ col: c.col, role: c.letter === 'G' ? { kind: 'actual', year: 2025 } : c.role })),
  });
  expect(saved.saved).toBe(true);
  expect(saved.columns.find((c) => c.letter === 'G')).toMatchObject({ label: '令和7年度の実績', autoLabel: '使わない', chosen: true });
  const stored = JSON.parse(s.runtime.globals.PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY)!);
  expect(stored.columns).toEqual([{ col: 6, header: '数値', role: { kind: 'actual', year: 2025 } }]);

  s.run('menuAggregate');
  const results = s.sheetRecords(SHEETS.results)!.rows;
  expect(results.map((r) => [r['プランID'], r['実績値(期間)'], r['指標の評価']])).toEqual([['1', '450件（R7）', 'C'], ['2', '45人（R7）', 'B']]);

  // 自動に戻す forgets it.
  expect(view(s, 'resetColumnMapping').saved).toBe(false);
  expect(s.runtime.globals.PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY)).toBeNull();
});

test('onEdit on the mapped sheet (not named プラン・指標) reads it with the saved columns', () => {
  const s = session();
  const v = view(s, 'getColumnMapping');
  view(s, 'saveColumnMapping', { headerRow: 1, headerRows: 1, columns: v.columns.map((c) => ({ col: c.col, role: c.letter === 'G' ? { kind: 'actual', year: 2025 } : c.role })) });
  s.run('menuCheck');
  const sheet = s.runtime.spreadsheet.getSheetByName('進捗表')!;
  const checkCol = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf('入力チェック') + 1;
  expect(checkCol).toBeGreaterThan(0);
  sheet.getRange(2, 7).setValue('約400件');
  s.run('onEdit', { range: sheet.getRange(2, 7), source: s.runtime.spreadsheet, value: '約400件' });
  expect(String(sheet.getRange(2, checkCol).getValue())).toMatch(/約400件/);
});

test('a renamed header that would make the first plan a header row is caught (issue 11, finding 2)', () => {
  // Saved while the sheet read well: 1 header row.
  const header = ['プラン名', '成果指標', '目標値', '実績値', ''];
  const rows = [header, ['', '', '', '令和5年度', '令和6年度'], ['電子申請の推進', '申請件数', '200件', '150件', '170件']];
  const s = session(rows);
  const auto = view(s, 'getColumnMapping');
  expect(auto.headerRows).toEqual([1, 2]);
  // The 事務局 says the header is the first row only: the second row is a plan (with its years).
  const fixed = view(s, 'saveColumnMapping', { headerRow: 1, headerRows: 1, columns: [] });
  expect(fixed.headerRows).toEqual([1]);
  expect(fixed.warnings[0]).toContain('今の見出しからは1〜2行目と読めます');
  s.run('menuCheck');
  const issues = s.sheetRecords(SHEETS.checks)!.rows.map((r) => String(r['内容'] ?? Object.values(r).join(' ')));
  expect(issues.some((m) => m.includes('保存した1行目のまま読みました'))).toBe(true);
});

test('arguments are validated', () => {
  const s = session();
  expect(() => s.run('saveColumnMapping', { headerRow: 0, headerRows: 1, columns: [] })).toThrow(/形式が正しくありません/);
  expect(() => s.run('saveColumnMapping', { headerRow: 1, headerRows: 1, columns: [{ col: 1, role: { kind: 'actual' } }] })).toThrow(/形式が正しくありません/);
  expect(() => s.run('saveColumnMapping', { headerRow: 1, headerRows: 1, columns: [{ col: 1, role: { kind: 'field', field: 'check' } }] })).toThrow(/形式が正しくありません/);
});

test('a 自己評価 column is assigned in the panel, stored with the document and used by 集計 as the plan grade', () => {
  // 「評価」 alone is not taken for the 担当課's grade; the plans have no figure to rate, so 集計
  // grades them from the words of their 実績 (状況) until the 自己評価 column is assigned.
  const header = ['No.', '事業名', '担当課', '成果指標', '目標値', 'R6実績', '評価', '課題・改善策', '自由記述'];
  const rows = [
    ['1', '電子申請の推進', '情報政策課', '対象手続の拡大', '全手続', '手続を拡大した', 'A', '周知が足りない', '説明会を開く'],
    ['2', 'AI議事録', '総務課', '導入課数', '全課', '試行した', '○', '', ''],
  ];
  const s = session([header, ...rows]);
  const v = view(s, 'getColumnMapping');
  const g = v.columns.find((c) => c.letter === 'G')!;
  expect(g.label).toBe('使わない');
  expect(v.fields.map((f) => f.value)).toEqual(expect.arrayContaining(['selfAssessment', 'achievements', 'issues', 'outlook']));
  s.run('menuAggregate');
  expect(s.sheetRecords(SHEETS.results)!.rows.map((r) => String(r['評価の根拠']))).toEqual(['状況', '状況']);

  const role = (c: { letter: string; role: unknown }) =>
    c.letter === 'G' ? { kind: 'self', year: 2024 } : c.letter === 'I' ? { kind: 'field', field: 'outlook' } : c.role;
  const saved = view(s, 'saveColumnMapping', { headerRow: 1, headerRows: 1, columns: v.columns.map((c) => ({ col: c.col, role: role(c) })) });
  expect(saved.columns.find((c) => c.letter === 'G')).toMatchObject({ label: '令和6年度の自己評価', autoLabel: '使わない', chosen: true });
  expect(saved.columns.find((c) => c.letter === 'I')).toMatchObject({ label: '今後の方向性', chosen: true });
  const stored = JSON.parse(s.runtime.globals.PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY)!);
  expect(stored.columns).toEqual([
    { col: 6, header: '評価', role: { kind: 'self', year: 2024 } },
    { col: 8, header: '自由記述', role: { kind: 'field', field: 'outlook' } },
  ]);

  s.run('menuAggregate');
  const results = s.sheetRecords(SHEETS.results)!.rows;
  expect(results.map((r) => [r['プランID'], r['プランの評価(計算)'], r['評価の根拠']])).toEqual([['1', 'A', '自己評価（R6: A）'], ['2', 'B', '自己評価（R6: ○）']]);

  // A role the panel never offers is refused by the server, and nothing is stored.
  expect(() => s.run('saveColumnMapping', { headerRow: 1, headerRows: 1, columns: [{ col: 6, role: { kind: 'self' } }] })).toThrow(/形式が正しくありません/);
  expect(() => s.run('saveColumnMapping', { headerRow: 1, headerRows: 1, columns: [{ col: 6, role: { kind: 'field', field: 'check' } }] })).toThrow(/形式が正しくありません/);
  expect(JSON.parse(s.runtime.globals.PropertiesService.getDocumentProperties().getProperty(MAPPING_PROPERTY)!)).toEqual(stored);
});
