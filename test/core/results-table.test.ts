import { aggregate, NO_OVERRIDES, type UnifiedPlanInput } from '../../src/core/aggregate';
import {
  buildTables, COLORS, escapeCell, GOAL_COLUMNS, readOverrides, RESULT_COLUMNS, type SheetTable,
} from '../../src/core/results-table';
import type { CellValue, Grid, ProgressData } from '../../src/core/model';
import { num, plan, progressData, seed004 } from './fixtures';

/** What getValues returns after setValues(table): Sheets drops the escaping apostrophe. */
function asSheet(t: SheetTable): Grid {
  return {
    name: t.sheet,
    values: t.values.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v))),
  };
}

function setCell(g: Grid, row: number, header: string, value: CellValue): void {
  const c = g.values[0].indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  g.values[row][c] = value;
}

function rowOf(g: Grid, key: string): number {
  const r = g.values.findIndex((row, i) => i > 0 && row[0] === key);
  if (r < 0) throw new Error(`no row ${key}`);
  return r;
}

function cell(g: Grid, row: number, header: string): CellValue {
  return g.values[row][g.values[0].indexOf(header)];
}

/** One 集計 run as the adapter does it: read previous sheets, aggregate, build tables. */
function run(data: ProgressData, prev: { results: Grid | null; goals: Grid | null }, unified?: UnifiedPlanInput[]) {
  const { overrides, issues: readIssues } = readOverrides(prev.results, prev.goals);
  const result = aggregate(data, { overrides, unified });
  const tables = buildTables(result);
  return { result, tables, readIssues, results: asSheet(tables.results), goals: asSheet(tables.goals) };
}

describe('escapeCell', () => {
  test.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+81', "'+81"],
    ['-1', "'-1"],
    ['@user', "'@user"],
    ['1-2', "'1-2"], // would become a date
    ['9-13', "'9-13"],
    ['1/2', "'1/2"],
    ['30%', "'30%"],
    ['1,049件', "'1,049件"],
    ['１２３人', "'１２３人"],
    ['TRUE', "'TRUE"],
    ["'quoted", "''quoted"],
    ['−14.8%（後退）', "'−14.8%（後退）"],
    ['アプリのダウンロード数', 'アプリのダウンロード数'],
    ['R4', 'R4'],
    ['', ''],
  ])('%s → %s', (s, e) => {
    expect(escapeCell(s)).toBe(e);
  });
});

describe('集計結果 table', () => {
  const r = aggregate(seed004(), { overrides: NO_OVERRIDES });
  const { results, goals } = buildTables(r);

  test('exact headers', () => {
    expect(results.values[0]).toEqual([...RESULT_COLUMNS]);
    expect(RESULT_COLUMNS).toEqual([
      'プランID', '基本目標', 'プラン名', '主担当課', '成果指標', '単位', '方向', '中間の見方', '基準値', '目標値', '実績値(期間)', '達成率',
      '見込み', '指標の評価', '評価不能の理由', 'プランの評価(計算)', '上書き評価', '上書きの理由', '採用評価', '統合先', '評価の根拠', '注記',
      '推移',
    ]);
    expect(goals.values[0]).toEqual(['コード', '名称', 'プラン数', 'A', 'B', 'C', 'D', "'−", '今期の評価(計算)',
      '計画期間通算の評価(計算)', '上書き評価', '上書きの理由', '採用評価', '所見(自動案)', '所見(事務局記入)',
      '委員評価（最多）', '委員評価の内訳', '委員評価と集計']);
    expect(GOAL_COLUMNS).toHaveLength(18);
  });

  test('one row per indicator (a plan without indicators gets one row), strings escaped', () => {
    const indicatorCount = r.plans.reduce((s, p) => s + Math.max(1, p.indicators.length), 0);
    expect(results.values).toHaveLength(1 + indicatorCount);
    expect(results.values[1]).toEqual([
      "'1-1", "'1", '子育て支援アプリ「すかがわ「てくてく」の利活用推進', 'こども課', 'アプリのダウンロード数', '件', '高いほど良い', '水準',
      "'208件（R2）", "'600件（R6）", "'1,049件（R4）", "'214.5%", '', 'A', '', 'A', '', '', 'A', '', '実績', '', 'R4 1,049件',
    ]);
    const g = asSheet(results);
    const r27 = rowOf(g, '2-7');
    expect(cell(g, r27, '達成率')).toBe('−14.8%（後退）');
    expect(cell(g, r27, '指標の評価')).toBe('D');
    const r913 = rowOf(g, '9-13');
    expect(cell(g, r913, '実績値(期間)')).toBe('リプレイス未実施 (実績値取得不可)（R4）');
    expect(cell(g, r913, '指標の評価')).toBe('−');
    expect(cell(g, r913, '評価不能の理由')).toBe('R4の実績値を取得できません（リプレイス未実施 (実績値取得不可)）');
    expect(cell(g, r913, '方向')).toBe('低いほど良い');
    const r43 = rowOf(g, '4-3');
    expect(cell(g, r43, '成果指標')).toBe('（指標の設定なし）');
    expect(cell(g, r43, '評価不能の理由')).toBe('指標の設定がありません');
    // 7-1 has two indicator rows, plan columns repeated
    const rows71 = g.values.filter((row) => row[0] === '7-1');
    expect(rows71).toHaveLength(2);
    expect(rows71.map((row) => row[RESULT_COLUMNS.indexOf('プランの評価(計算)')])).toEqual(['C', 'C']);
    expect(rows71.map((row) => row[RESULT_COLUMNS.indexOf('指標の評価')])).toEqual(['D', 'A']);
  });

  test('an inferred direction is marked （推定）', () => {
    const data = progressData([plan({ id: '9-1', name: '継続的な情報セキュリティ対策強化', goal: '9', indicators: [{
      name: '情報漏えい事件、事故の発生件数', unit: '件', direction: 'down', directionInferred: true,
      baseline: num(0, '件'), target: num(0, '件'), actuals: { R4: num(0, '件') },
    }] })]);
    const g = asSheet(buildTables(aggregate(data, { overrides: NO_OVERRIDES })).results);
    expect(cell(g, 1, '方向')).toBe('低いほど良い（推定）');
    expect(cell(g, 1, '指標の評価')).toBe('A');
  });

  test('7-3 cumulative target shows the sum and the period', () => {
    const g = asSheet(results);
    const r73 = rowOf(g, '7-3');
    expect(cell(g, r73, '目標値')).toBe('12件（R6・期間合計）');
    expect(cell(g, r73, '実績値(期間)')).toBe('1件（合計: R4）');
    expect(cell(g, r73, '達成率')).toBe('8.3%');
  });

  test('backgrounds: same shape, rating cells coloured, others plain', () => {
    for (const t of [results, goals]) {
      expect(t.backgrounds).toHaveLength(t.values.length);
      t.backgrounds.forEach((row, i) => expect(row).toHaveLength(t.values[i].length));
    }
    const g = asSheet(results);
    const i = rowOf(g, '2-7');
    const bg = results.backgrounds[i];
    expect(bg[RESULT_COLUMNS.indexOf('指標の評価')]).toBe(COLORS.bad);
    expect(bg[RESULT_COLUMNS.indexOf('プラン名')]).toBe(COLORS.plain);
    expect(results.backgrounds[rowOf(g, '9-13')][RESULT_COLUMNS.indexOf('採用評価')]).toBe(COLORS.none);
    const gg = asSheet(goals);
    const col = GOAL_COLUMNS.indexOf('今期の評価(計算)');
    expect(goals.backgrounds[rowOf(gg, '1')][col]).toBe(COLORS.good);
    expect(goals.backgrounds[rowOf(gg, '2')][col]).toBe(COLORS.fair);
    expect(goals.backgrounds[rowOf(gg, '9')][col]).toBe(COLORS.bad);
  });

  test('目標別評価 row', () => {
    const gg = asSheet(goals);
    const row = gg.values[rowOf(gg, '2')];
    expect(row.slice(0, 13)).toEqual([
      '2', '学校教育、生涯学習等におけるICT利活用の推進', 9, 3, 1, 0, 4, 1, '概ね良好', '概ね良好', '', '', '概ね良好',
    ]);
    expect(row[13]).toContain('2-7 図書館のオンラインデータベースの利活用は基準値を下回っています（後退）。');
  });

  test('unified plan lineage: 統合前 → 統合後 both ways', () => {
    const unified = [{ id: 'U-1', name: 'ペーパーレス・電子決裁の推進', goalCode: '9', mainDept: '行政管理課', relatedDepts: [], memberIds: ['9-9', '9-6'] }];
    const t = asSheet(buildTables(aggregate(seed004(), { overrides: NO_OVERRIDES, unified })).results);
    expect(cell(t, rowOf(t, '9-6'), '統合先')).toBe('U-1');
    const u = t.values.filter((row) => row[0] === 'U-1');
    expect(u).toHaveLength(2);
    expect(u[0][RESULT_COLUMNS.indexOf('統合先')]).toBe('統合前: 9-9, 9-6');
    expect(u.map((row) => row[RESULT_COLUMNS.indexOf('成果指標')])).toEqual([
      '会議等に係るペーパーレス会議の実施割合（9-9）', '電子決裁率（9-6）',
    ]);
  });

  test('mid-year: raw ratio and 見込み side by side', () => {
    const data = progressData([plan({ id: '2-9', name: '公共施設予約システムの充実', goal: '2', indicators: [{
      name: '年間のオンライン申請件数', unit: '件', accumulates: true,
      baseline: num(554, '件'), target: num(700, '件'), actuals: { R7中間: num(400, '件') },
    }] })], { settings: { evaluationYear: 2025, evaluationKind: 'mid', midAsOf: '2025-09-30' } });
    const t = buildTables(aggregate(data, { overrides: NO_OVERRIDES })).results;
    const g = asSheet(t);
    expect(cell(g, 1, '実績値(期間)')).toBe('400件（R7中間）');
    expect(cell(g, 1, '達成率')).toBe('57.1%（目安50.0%）');
    expect(cell(g, 1, '見込み')).toBe('達成見込み（年度末 800件）');
    expect(t.backgrounds[1][RESULT_COLUMNS.indexOf('見込み')]).toBe(COLORS.good);
  });
});

describe('user columns carried over across runs', () => {
  test('an override typed in 集計結果 survives the next 集計 and is applied; then output is stable', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    // A person types on the second row of 4-4 (any row of the plan is read).
    const rows44 = first.results.values.map((row, i) => (row[0] === '4-4' ? i : -1)).filter((i) => i > 0);
    setCell(first.results, rows44[1], '上書き評価', 'B');
    setCell(first.results, rows44[1], '上書きの理由', 'R5に導入完了の見込み（契約済み）');
    const gr9 = rowOf(first.goals, '9');
    setCell(first.goals, gr9, '所見(事務局記入)', '後半に導入が集中しており、R5以降の進捗を注視する。');

    const second = run(data, { results: first.results, goals: first.goals });
    expect(second.readIssues).toEqual([]);
    expect(second.result.issues).toEqual([]);
    const r44 = rowOf(second.results, '4-4');
    expect(cell(second.results, r44, 'プランの評価(計算)')).toBe('D');
    // It stays on the row it was typed on (issue 11, finding 7), not moved to the plan's first.
    expect(cell(second.results, r44, '上書き評価')).toBe('');
    expect(cell(second.results, rows44[1], '上書き評価')).toBe('B');
    expect(cell(second.results, rows44[1], '上書きの理由')).toBe('R5に導入完了の見込み（契約済み）');
    expect(cell(second.results, r44, '採用評価')).toBe('B');
    const g4 = rowOf(second.goals, '4');
    expect(cell(second.goals, g4, '今期の評価(計算)')).toBe('良好');
    expect(cell(second.goals, rowOf(second.goals, '9'), '所見(事務局記入)')).toBe('後半に導入が集中しており、R5以降の進捗を注視する。');

    const third = run(data, { results: second.results, goals: second.goals });
    expect(third.tables).toEqual(second.tables);
  });

  test('override without reason: not applied, issue names the cell, and the typed grade is kept', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    const r = rowOf(first.results, '2-7');
    setCell(first.results, r, '上書き評価', 'C');
    const second = run(data, { results: first.results, goals: first.goals });
    const issue = second.result.issues[0];
    expect(issue.sheet).toBe('集計結果');
    expect(issue.cell).toBe(`Q${r + 1}`);
    expect(issue.message).toBe(`「集計結果」シートの Q${r + 1}: プラン「2-7」の上書き評価「C」に理由がないため、反映していません。同じ行の「上書きの理由」（R${r + 1}）に理由を入力してください。`);
    const r2 = rowOf(second.results, '2-7');
    expect(cell(second.results, r2, '上書き評価')).toBe('C');
    expect(cell(second.results, r2, '採用評価')).toBe('D');
  });

  test('goal override typed in 目標別評価', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    const g = rowOf(first.goals, '9');
    setCell(first.goals, g, '上書き評価', '概ね良好');
    setCell(first.goals, g, '上書きの理由', '標準化対応を優先したため');
    const second = run(data, { results: first.results, goals: first.goals });
    const g2 = rowOf(second.goals, '9');
    expect(cell(second.goals, g2, '今期の評価(計算)')).toBe('良好ではない');
    expect(cell(second.goals, g2, '採用評価')).toBe('概ね良好');
    expect(second.tables.goals.backgrounds[g2][GOAL_COLUMNS.indexOf('上書き評価')]).toBe(COLORS.fair);
  });

  test('a plan removed from the progress sheet: its override is kept at the bottom, across runs', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    const r = rowOf(first.results, '9-13');
    setCell(first.results, r, '上書き評価', 'C');
    setCell(first.results, r, '上書きの理由', '手作業で集計した値による');
    const without = { ...data, plans: data.plans.filter((p) => p.id !== '9-13') };
    const second = run(without, { results: first.results, goals: first.goals });
    expect(second.result.issues.map((i) => i.severity)).toEqual(['警告']);
    const last = second.results.values[second.results.values.length - 1];
    expect(last[0]).toBe('9-13');
    expect(last[RESULT_COLUMNS.indexOf('上書き評価')]).toBe('C');
    expect(last[RESULT_COLUMNS.indexOf('上書きの理由')]).toBe('手作業で集計した値による');
    const third = run(without, { results: second.results, goals: second.goals });
    expect(third.tables).toEqual(second.tables);
    // The plan comes back: the override applies again.
    const back = run(data, { results: third.results, goals: third.goals });
    expect(cell(back.results, rowOf(back.results, '9-13'), '採用評価')).toBe('C');
  });

  test('two different grades typed for one plan: the first is used, with a warning', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    const rows = first.results.values.map((row, i) => (row[0] === '7-1' ? i : -1)).filter((i) => i > 0);
    setCell(first.results, rows[0], '上書き評価', 'B');
    setCell(first.results, rows[0], '上書きの理由', '理由1');
    setCell(first.results, rows[1], '上書き評価', 'A');
    const { overrides, issues } = readOverrides(first.results, first.goals);
    expect(overrides.plans).toEqual([expect.objectContaining({ planId: '7-1', grade: 'B', reason: '理由1' })]);
    expect(issues).toHaveLength(1);
    expect(issues[0].cell).toBe(`Q${rows[1] + 1}`);
  });

  test('a renamed header is an error (the sheet must not be rewritten)', () => {
    const data = seed004();
    const first = run(data, { results: null, goals: null });
    setCell(first.results, 0, '上書き評価', '評価（手入力）');
    const { issues } = readOverrides(first.results, first.goals);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'エラー', sheet: '集計結果', cell: 'A1' });
    expect(issues[0].message).toContain('「上書き評価」');
  });

  test('empty previous sheets read as no overrides', () => {
    expect(readOverrides({ name: '集計結果', values: [] }, null)).toEqual({ overrides: { plans: [], goals: [], findings: [] }, issues: [] });
  });
});

describe('determinism', () => {
  test('same input, identical tables', () => {
    const a = buildTables(aggregate(seed004(), { overrides: NO_OVERRIDES }));
    const b = buildTables(aggregate(seed004(), { overrides: NO_OVERRIDES }));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
