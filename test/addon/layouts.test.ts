// The add-on on a sheet laid out as the city printed it (seed 004): a sheet not named as the
// template, two header rows per goal block, continuation rows, no 施策体系 or 設定 sheets.
import { spreadsheetFromGrids } from '../../src/local/workbook';
import { openSession } from '../../src/local/session';
import { SHEETS } from '../../src/core/schema';
import { SEED004_ROWS } from '../fixtures/seed004';
import { compute, reportOf } from '../../src/core/pipeline';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import { IIZUKA_GOALS, IIZUKA_MIDYEAR, SHINKO_KANRI, TORIKUMI_JOKYO, type LayoutWorkbook } from '../fixtures/layouts';

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
    // 中間 said once in the running header.
    expect(report.title).toBe('地域情報化計画 進捗状況報告書（中間）（令和7年度）（案）');
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

describe('D: a 取組状況 table kept in words, no figures (seed 002)', () => {
  test('the 進捗管理 column is read as each 取組\'s status; goals from the block titles; every goal rated', () => {
    const s = layoutSession(TORIKUMI_JOKYO);
    const typed = s.runtime.spreadsheet.model.grid('取組状況');
    s.run('menuAggregate');
    const goals = s.sheetRecords(SHEETS.goals)!.rows;
    expect(goals.map((g) => [g['コード'], g['名称']])).toEqual([
      ['1-①', '暮らしを変える（安心・安全）'], ['1-②', '暮らしを変える（豊かさ・便利さ）'], ['2', '仕事・働き方を変える'],
    ]);
    for (const g of goals) expect(['良好', '概ね良好', '良好ではない']).toContain(g['採用評価']);
    const results = s.sheetRecords(SHEETS.results)!.rows;
    const byName = (start: string) => results.find((r) => String(r['プラン名']).startsWith(start))!;
    // 〇 done, 一部稼働 under way, 継続検討 under study, ※終了 finished: each graded by its status.
    expect(byName('こども園の各種記録の電子化')['指標の評価']).toBe('A');
    expect(byName('（事務処理）入園手続関係のデジタル化')['指標の評価']).toBe('B');
    expect(byName('文化施設のWi-Fi設置')['指標の評価']).toBe('C');
    expect(byName('市内事業所のデジタル化に向けた伴走型支援')['指標の評価']).toBe('A');
    // A 取組 with nothing in 進捗管理 is not rated (and is not counted against its goal).
    expect(byName('マイナポータル電子申請の拡大')['指標の評価']).toBe('−');
    expect(s.runtime.spreadsheet.model.grid('取組状況')).toEqual(typed);
  });

  test('each status read from a mark or a word is said, with the cell', () => {
    const grids = Object.fromEntries(Object.entries(TORIKUMI_JOKYO.sheets).map(([name, values]) => [name, { name, values }]));
    const c = compute(grids, new Date(2025, 5, 1));
    expect(c.read.layout.notes).toContain('数値の列がないため、D列「進捗管理」を評価年度の実績（取組の状況）として読みました。');
    const at = (cell: string) => c.issues.filter((i) => i.cell === cell).map((i) => i.message);
    expect(at('D3')[0]).toMatch(/『〇』から令和6年度実績(の実績)?の状況を「実施済」と読みました/);
    expect(at('D26')[0]).toMatch(/『※終了』から令和6年度実績(の実績)?の状況を「実施済」と読みました/);
    expect(c.issues.filter((i) => i.severity === 'エラー')).toEqual([]);
    // 施策 (１)(２)… repeat in each block: they are kept within their goal.
    expect(c.read.data.plans.slice(0, 3).map((p) => p.measureCode)).toEqual(['1-①-(1)', '1-①-(1)', '1-①-(1)']);
  });
});

// --- the columns of words in the report, built through the bundle (issue 12) -------------------

function reportText(wb: LayoutWorkbook): { text: string; tables: string[][][] } {
  const s = layoutSession(wb);
  s.run('createReport');
  const docs = s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
  const structure = docs.localStructure(docs.localDocumentIds()[0]);
  // The word joiners that keep 「158手続」 on one line (core/tokens.ts) are not text.
  const plain = (t: string): string => t.replace(/\u2060/g, '');
  const text = plain(structure.map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n'));
  return { text, tables: structure.filter((n) => n.type === 'TABLE').map((n) => (n.type === 'TABLE' ? n.cells.map((r) => r.map(plain)) : [])) };
}

describe('取組実績／課題／今後の方向性 from the progress sheet, per plan in the report', () => {
  test('B: 取組内容・課題・今後の取組 under each goal, labelled, empty ones omitted, texts whole', () => {
    const { text, tables } = reportText(IIZUKA_MIDYEAR);
    const card = (id: string) => tables.find((t) => t[0][0] === id);
    expect(card('1-1-1')).toEqual([
      ['1-1-1', '公衆無線LANの整備、活用促進（情報政策課）'],
      ['取組実績', '市内の避難所と公民館12か所に公衆無線LANを追加し、利用案内のステッカーを掲示した。'],
      ['課題', '屋外の観光スポットでは電波の届く範囲が狭く、利用者から「つながりにくい」との声がある。'],
      ['今後の方向性', '令和8年度までにアクセスポイントの増設と案内の多言語化を進める。'],
    ]);
    // Line breaks typed in the cell are kept; an empty 課題 is left out.
    expect(card('1-2-4')?.slice(1)).toEqual([
      ['取組実績', '子育て・介護・税の手続を中心に13手続をオンライン化した。\n申請の約4割がスマートフォンからとなった。'],
      ['今後の方向性', '国の標準様式に合わせて対象手続を広げ、窓口での案内を強化する。'],
    ]);
    expect(card('2-1-1')?.slice(1)).toEqual([['課題', 'アプリの認知度が子育て世帯の半数程度にとどまっている。']]);
    // A dash says nothing: only 取組実績 is shown.
    expect(card('3-1-2')?.slice(1).map((r) => r[0])).toEqual(['取組実績']);
    // Plans without text have no card.
    expect(card('1-1-2')).toBeUndefined();
    expect(text.indexOf('取組の状況（担当課の記述）')).toBeGreaterThan(text.indexOf('基本目標1-1'));
  });

  test('C: one column for 課題 and 今後の方向性 is labelled so; related departments deferring add nothing', () => {
    const { text, tables } = reportText(SHINKO_KANRI);
    const card = (id: string) => tables.find((t) => t[0][0] === id);
    // The year's 実績 written as a sentence is what was done: 取組実績 (the table shows the figure read).
    expect(card('1')?.slice(1)).toEqual([
      ['取組実績', '税・国保の手続を追加した。【実績】158手続'],
      ['課題・今後の方向性', '窓口の案内と申請の入口がまだ分かりにくい。次年度は申請画面を見直し、手続の検索を改善する。'],
    ]);
    expect(card('5')?.slice(1).map((r) => r[0])).toEqual(['取組実績', '課題・今後の方向性']);
    // Cells that are only a figure (【実績】47件, 結果／目標 14／15箇所) are not 取組実績.
    for (const id of ['2', '3', '6']) expect(card(id)).toBeUndefined();
    expect(text).not.toContain('主担当課に準ずる');
    // No 基本方針 on this sheet: its goals are the chapter.
    expect(text).toContain('基本目標ごとの進捗');
    expect(text).not.toContain('基本方針未設定');
  });

  test('C: the plan table shows the figure read from a sentence, and the year\'s own target beside the final one', () => {
    const { tables } = reportText(SHINKO_KANRI);
    const plans = tables.filter((t) => t[0][0] === 'プラン').flatMap((t) => t.slice(1));
    const row1 = plans.find((r) => r[0].startsWith('1 電子申請の拡大'))!;
    expect(row1.slice(3, 8)).toEqual(['135手続', '158手続\n前年度比 +17.0%', '160手続\n（R6目標）\n最終 200手続', '98.8%', 'B']);
    // The same target for the year and at the end is said once.
    expect(plans.find((r) => r[0].startsWith('4 スマホ教室'))![5]).toBe('12回');
  });
});
