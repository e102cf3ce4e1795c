// The add-on on a sheet laid out as the city printed it (seed 004): a sheet not named as the
// template, two header rows per goal block, continuation rows, no 施策体系 or 設定 sheets.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { SHEETS } from '../../src/core/schema';
import { SEED004_ROWS } from '../fixtures/seed004';
import { compute, reportOf } from '../../src/core/pipeline';
import { IIZUKA_GOALS, IIZUKA_MIDYEAR, SHINKO_KANRI, type LayoutWorkbook } from '../fixtures/layouts';

function seedSession() {
  const rows = SEED004_ROWS.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v)));
  return openSession(spreadsheetFromGrids('須賀川市 実施計画（別紙）', { 別紙: rows as string[][] }));
}

test('集計 reads the printed layout, takes the goals from the block titles and rates every plan', () => {
  const s = seedSession();
  const typed = s.runtime.spreadsheet.model.grid('別紙');
  s.run('menuAggregate');
  const goals = s.sheetRecords(SHEETS.goals)!.rows;
  expect(goals.map((g) => g['コード'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  expect(goals[0]['名称']).toBe('子育て支援におけるICT利活用の推進');
  const results = s.sheetRecords(SHEETS.results)!.rows;
  expect(new Set(results.map((r) => r['プランID'])).size).toBe(52);
  // No 設定 sheet: the latest year with figures (令和4年度) is evaluated.
  expect(results.find((r) => r['プランID'] === '1-1')).toMatchObject({ '実績値(期間)': '1,049件（R4）', 指標の評価: 'A' });
  // The sheet people typed is untouched; nothing was added to it because 集計 writes only its own sheets.
  expect(s.runtime.spreadsheet.model.grid('別紙')).toEqual(typed);
});

test('入力チェック flags rows of that sheet in the add-on column placed after its last column', () => {
  const s = seedSession();
  s.run('menuCheck');
  const grid = s.runtime.spreadsheet.model.grid('別紙');
  const header = grid[0];
  expect(header.length).toBe(10);
  const statusCol = header.length - 1;
  const row213 = grid.findIndex((r) => r[0] === '9-13');
  expect(grid[row213].slice(0, statusCol)).toEqual(SEED004_ROWS[row213]);
  const issues = s.sheetRecords(SHEETS.checks)!.rows;
  expect(issues.some((i) => i['シート'] === '別紙')).toBe(true);
});

// --- other cities' layouts (test/fixtures/layouts.ts; sources in samples/README.md) ------------

function layoutSession(wb: LayoutWorkbook) {
  return openSession(spreadsheetFromGrids(wb.title, wb.sheets as Record<string, string[][]>));
}

describe('B: a mid-year committee table, no 設定 sheet (飯塚市, seed 001)', () => {
  test('集計 evaluates 令和7年度 中間 from the data, says so, and rates every goal', () => {
    const s = layoutSession(IIZUKA_MIDYEAR);
    const typed = s.runtime.spreadsheet.model.grid('進捗状況');
    const { result } = s.run('menuAggregate');
    expect(result).toBeUndefined();
    const goals = s.sheetRecords(SHEETS.goals)!.rows;
    expect(goals.map((g) => g['コード'])).toEqual(IIZUKA_GOALS);
    // Goal names from the sheet named 体系.
    expect(goals[0]['名称']).toBe('ICTで人をつなげ、共に支えあう協働のまちづくり');
    for (const g of goals) expect(['良好', '概ね良好', '良好ではない']).toContain(g['採用評価']);
    const results = s.sheetRecords(SHEETS.results)!.rows;
    expect(results.map((r) => r['プランID'])).toEqual(IIZUKA_MIDYEAR.sheets['進捗状況'].slice(1).map((r) => r[0]));
    for (const r of results) {
      expect(r['実績値(期間)']).toMatch(/（R7中間）$/);
      expect(r['指標の評価']).toMatch(/^[ABCD]$/);
    }
    // A count that builds up over the year is judged against the pace expected by 9月末.
    expect(results.find((r) => r['プランID'] === '3-1-2')).toMatchObject({ 達成率: '49.6%（目安50.0%）', 指標の評価: 'B' });
    expect(s.runtime.spreadsheet.model.grid('進捗状況')).toEqual(typed);
    const toast = s.runtime.ui.toasts.at(-1)?.message ?? '';
    expect(toast).toContain('令和7年度（中間）について');
    expect(toast).toContain('評価時点は令和7年度の数値が中間の列にだけあるため「中間」');
  });

  test('the sidebar overview and the report say the evaluation point was inferred', () => {
    const s = layoutSession(IIZUKA_MIDYEAR);
    const o = s.run('getOverview').result as { evaluationLabel: string; evaluationNote: string; missingSheets: string[] };
    expect(o.evaluationLabel).toBe('令和7年度 中間評価（推定）');
    expect(o.evaluationNote).toContain('「設定」シートに指定がないため');
    // 体系 and 委員一覧 stand for 施策体系 and 委員名簿; only 担当課 and 設定 are missing.
    expect(o.missingSheets).toEqual([SHEETS.departments, SHEETS.settings]);
    const grids = Object.fromEntries(Object.entries(IIZUKA_MIDYEAR.sheets).map(([name, values]) => [name, { name, values }]));
    const c = compute(grids, new Date(2025, 10, 1));
    const report = reportOf(c, grids, new Date(2025, 10, 1));
    expect(report.summary.method[0]).toBe('評価の年度と時点は、設定がないため入力されている数値から判断しました（評価年度は実績のある最新の年度（令和7年度）、評価時点は令和7年度の数値が中間の列にだけあるため「中間」）。');
    expect(report.title).toContain('令和7年度（中間）');
  });
});

describe('C: a 進行管理表 kept by the departments: rows per department, sentences, per-year targets', () => {
  const run = () => {
    const s = layoutSession(SHINKO_KANRI);
    const typed = s.runtime.spreadsheet.model.grid('進行管理表');
    s.run('menuAggregate');
    return { s, typed, results: s.sheetRecords(SHEETS.results)!.rows, goals: s.sheetRecords(SHEETS.goals)!.rows };
  };

  test('one plan per number, the ○ row leads; every goal rated against each year\'s own target', () => {
    const { s, typed, results, goals } = run();
    expect(results.map((r) => [r['プランID'], r['主担当課']])).toEqual([
      ['1', 'DX推進課'], ['2', '会計課'], ['3', '広報課'], ['4', '生涯学習課'], ['5', '情報政策課'], ['6', '情報政策課'],
    ]);
    expect(goals.map((g) => [g['コード'], g['名称']])).toEqual([['1', '行かない窓口の実現'], ['2', '届く情報発信'], ['3', 'データでつくる行政']]);
    for (const g of goals) expect(['良好', '概ね良好', '良好ではない']).toContain(g['採用評価']);
    const r1 = results.find((r) => r['プランID'] === '1')!;
    // 令和6年度 against its own target (【目標】160手続), the final 200手続 beside it.
    expect(r1).toMatchObject({ 目標値: '160手続（R6・年度目標） ／ 最終 200手続（R7）', '実績値(期間)': '158手続（文章から）（R6）', 達成率: '98.8%', 指標の評価: 'B' });
    // A target written beside the result stands for the year's when no column gives one.
    expect(results.find((r) => r['プランID'] === '3')).toMatchObject({ 目標値: '10,000人（R6・年度目標） ／ 最終 12,000人（R7）', 指標の評価: 'B' });
    // A plan kept in words is rated from the status read.
    expect(results.find((r) => r['プランID'] === '5')).toMatchObject({ '実績値(期間)': '実施済（文章から）（R6）', 指標の評価: 'A' });
    expect(s.runtime.spreadsheet.model.grid('進行管理表')).toEqual(typed);
  });

  test('related departments are kept and every figure read from words is said in 検証結果', () => {
    const grids = Object.fromEntries(Object.entries(SHINKO_KANRI.sheets).map(([name, values]) => [name, { name, values }]));
    const c = compute(grids, new Date(2025, 5, 1));
    expect(c.read.data.plans.map((p) => [p.id, p.relatedDepts])).toEqual([
      ['1', ['市民課', '保険年金課']], ['2', ['市民課']], ['3', []], ['4', ['DX推進課']], ['5', []], ['6', []],
    ]);
    expect(c.read.data.plans.map((p) => p.indicators.length)).toEqual([1, 1, 1, 1, 1, 1]);
    const messages = c.issues.map((i) => `${i.cell} ${i.message}`);
    expect(messages).toContain('I3 「進行管理表」シートのI3: 『【目標】160手続』から 160手続 を令和6年度の目標値として読みました。違う場合は、このセルに数字と単位だけ（例: 160手続）を入力してください。');
    expect(messages.some((m) => m.startsWith('J3 ') && m.includes('『…【実績】158手続』から 158手続 を令和6年度実績として読みました'))).toBe(true);
    // No row of a related department is an error.
    expect(c.issues.filter((i) => i.severity === 'エラー' && [4, 5, 7, 10].includes(i.row))).toEqual([]);
  });
});
