// The menu commands run from the built bundle in the local runtime, on the Sukagawa sample.
import { SHEETS, OWNED_COLUMNS, SETTING_KEYS } from '../../src/core/schema';
import { records, sampleSession, snapshot } from './helpers';

const INPUTS = [SHEETS.progress, SHEETS.hierarchy, SHEETS.departments, SHEETS.members, SHEETS.settings];

function spreadsheetCalls(calls: Record<string, number>): number {
  return Object.entries(calls).filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k)).reduce((s, [, n]) => s + n, 0);
}

describe('集計 (menuAggregate)', () => {
  test('writes 集計結果 and 目標別評価 in one setValues each, leaving the input sheets untouched', () => {
    const s = sampleSession();
    const before = INPUTS.map((n) => snapshot(s, n));
    s.run('menuAggregate');
    expect(INPUTS.map((n) => snapshot(s, n))).toEqual(before);
    // Steady state (the run log exists, nothing changed): the output sheets already hold their
    // values, so only the run-log row is written and nothing is painted.
    const { calls } = s.run('menuAggregate');
    expect(calls['Range.setValues']).toBe(1);
    expect(calls['Range.setBackgrounds'] ?? 0).toBe(0);
    const goals = records(s, SHEETS.goals);
    expect(goals.map((g) => g['コード'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const g of goals) expect(['良好', '概ね良好', '良好ではない', '評価不能']).toContain(g['採用評価']);
    const results = records(s, SHEETS.results);
    // One row per indicator row of the sample (58), each naming its plan.
    expect(results.length).toBe(58);
    expect(results.find((r) => r['プランID'] === '1-1')?.['指標の評価']).toBe('A');
    // 7-2 閲覧数: target below the baseline, 方向 blank → not assessable with its reason, not a 後退.
    const views = results.find((r) => r['プランID'] === '7-2' && r['成果指標'] === 'ウェブサイト閲覧数');
    expect(views?.['指標の評価']).toBe('−');
    expect(String(views?.['評価不能の理由'])).toMatch(/方向/);
    expect(s.runtime.ui.toasts.at(-1)?.message).toMatch(/令和4年度について、プラン 52 件、基本目標 10 件を評価しました/);
  });

  test('a second run gives identical output and appends to the run log', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const first = [snapshot(s, SHEETS.results), snapshot(s, SHEETS.goals)];
    s.run('menuAggregate');
    expect([snapshot(s, SHEETS.results), snapshot(s, SHEETS.goals)]).toEqual(first);
    const log = records(s, SHEETS.runLog);
    expect(log).toHaveLength(2);
    expect(log[1]['実行者']).toBe('jimukyoku@example.jp');
    expect(log[1]['プラン数']).toBe(52);
  });

  test('service calls grow neither with the number of plans nor with the other sheets of the workbook', () => {
    const small = sampleSession();
    const large = sampleSession((g) => {
      const [head, ...rows] = g[SHEETS.progress];
      const copies = [1, 2, 3, 4].flatMap((k) => rows.map((r) => r.map((v, i) => (i === 0 && v ? `${v}-${k}` : v))));
      g[SHEETS.progress] = [head, ...rows, ...copies];
      for (let i = 1; i <= 15; i++) g[`課別メモ${i}`] = [['メモ'], [`${i}`]];
    });
    small.run('menuAggregate');
    large.run('menuAggregate');
    expect(spreadsheetCalls(large.run('menuAggregate').calls)).toBe(spreadsheetCalls(small.run('menuAggregate').calls));
  });

  test('an override with a reason is adopted and kept; the computed grade stays beside it', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.goals)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const col = (name: string) => header.indexOf(name) + 1;
    sheet.getRange(2, col('上書き評価')).setValue('良好');
    sheet.getRange(2, col('上書きの理由')).setValue('委員会で了承（R5.5）');
    sheet.getRange(2, col('所見(事務局記入)')).setValue('事務局の所見です。');
    const computed = records(s, SHEETS.goals)[0]['今期の評価(計算)'];
    s.run('menuAggregate');
    s.run('menuAggregate');
    const g = records(s, SHEETS.goals)[0];
    expect(g['上書き評価']).toBe('良好');
    expect(g['上書きの理由']).toBe('委員会で了承（R5.5）');
    expect(g['採用評価']).toBe('良好');
    expect(g['今期の評価(計算)']).toBe(computed);
    expect(g['所見(事務局記入)']).toBe('事務局の所見です。');
  });

  test('a target changed between two runs is recorded on 変更履歴 with its before and after', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = sheet.getDataRange().getValues();
    const r = values.findIndex((row) => row[0] === '1-1') + 1;
    sheet.getRange(r, values[0].indexOf('目標値') + 1).setValue("'700件");
    s.run('menuAggregate');
    const changes = records(s, SHEETS.changes);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ プランID: '1-1', 項目: '目標値' });
    expect(String(changes[0]['変更前'])).toMatch(/^600件/);
    expect(String(changes[0]['変更後'])).toMatch(/^700件/);
    s.run('menuAggregate');
    expect(records(s, SHEETS.changes)).toHaveLength(1);
  });

  test('a mid-year evaluation shows the raw ratio beside the 見込み, per kind of indicator', () => {
    const s = sampleSession((g) => {
      for (const r of g[SHEETS.settings]) {
        if (r[0] === SETTING_KEYS.evaluationYear) r[1] = '令和5年度';
        if (r[0] === SETTING_KEYS.evaluationKind) r[1] = '中間';
        if (r[0] === SETTING_KEYS.midAsOf) r[1] = '2023-09-30';
      }
      const [head, ...rows] = g[SHEETS.progress];
      const mid = head.indexOf('令和5年度中間');
      for (const r of rows) {
        if (r[0] === '2-8') r[mid] = '3,000件/年'; // a flow: half the year gone, 3,000 → 6,000 by March
        if (r[0] === '9-15') r[mid] = '70%'; // a level: compared as it stands
      }
    });
    s.run('menuAggregate');
    const results = records(s, SHEETS.results);
    expect(results.find((r) => r['プランID'] === '2-8')).toMatchObject({
      '実績値(期間)': '3,000件/年（R5中間）', 達成率: '56.6%（目安50.0%）', 見込み: '達成見込み（年度末 6,000件/年）', 指標の評価: 'A',
    });
    expect(results.find((r) => r['プランID'] === '9-15')).toMatchObject({ 達成率: '66.7%', 見込み: '達成困難', 指標の評価: 'C' });
    // Indicators without a mid-year figure are not assessable, never zero.
    expect(results.find((r) => r['プランID'] === '1-1')).toMatchObject({ 指標の評価: '−', 評価不能の理由: 'R5中間の実績値が未入力です' });
    expect(s.runtime.ui.toasts.at(-1)?.message).toMatch(/^令和5年度（中間）について/);
  });

  test('途中年度の評価 = 目標年度までの按分 grades against the linear path to the target, showing both', () => {
    const s = sampleSession((g) => {
      for (const r of g[SHEETS.settings]) if (r[0] === SETTING_KEYS.interimRule) r[1] = '目標年度までの按分';
    });
    s.run('menuAggregate');
    const results = records(s, SHEETS.results);
    // 9-12: 2,528人 (R2) → 6,473人 (R4), target 10,000人 (R6): 52.8% of the way, 50% expected by R4.
    expect(results.find((r) => r['プランID'] === '9-12')).toMatchObject({ 達成率: '52.8%（目安50.0%）', 指標の評価: 'A' });
    expect(results.find((r) => r['プランID'] === '9-8')).toMatchObject({ 達成率: '22.0%（目安50.0%）', 指標の評価: 'D' });
  });

  test('on a spreadsheet without a progress sheet: one alert saying what to do, nothing written', () => {
    const s = sampleSession((g) => { for (const k of Object.keys(g)) delete g[k]; g['シート1'] = [['メモ']]; });
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts.at(-1)).toMatchObject({ title: '集計' });
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/テンプレートを作成/);
    expect(s.runtime.spreadsheet.getSheets().map((x) => x.getName())).toEqual(['シート1']);
  });

  test('when someone else holds the document lock: a Japanese alert, nothing written', () => {
    const s = sampleSession();
    (s.runtime.globals.LockService as { holdByAnotherProcess(k: string): void }).holdByAnotherProcess('document');
    s.run('menuAggregate');
    expect(s.runtime.spreadsheet.getSheetByName(SHEETS.results)).toBeNull();
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/他の方が「集計」などを実行中です/);
  });
});

describe('入力チェック (menuCheck)', () => {
  test('the sidebar summary counts issues per department, most errors first', () => {
    const s = sampleSession();
    const summary = s.run('runCheck').result as { errors: number; departments: { department: string; errors: number; warnings: number }[] };
    const depts = summary.departments;
    expect(depts.find((d) => d.department === '学校教育課')).toEqual({ department: '学校教育課', errors: 2, warnings: 1 }); // 2-1: N3 and P3 エラー, L3 警告
    for (let i = 1; i < depts.length; i++) expect(depts[i - 1].errors).toBeGreaterThanOrEqual(depts[i].errors);
  });

  test('lists issues on 検証結果 and flags rows only in the add-on column', () => {
    const s = sampleSession();
    const before = snapshot(s, SHEETS.progress);
    s.run('menuCheck');
    const after = snapshot(s, SHEETS.progress);
    const width = before.values[0].length;
    // Every cell people typed is unchanged; one column was added at the right.
    expect(after.values.map((r) => r.slice(0, width))).toEqual(before.values);
    expect(after.values[0][width]).toBe(OWNED_COLUMNS.check);
    const issues = records(s, SHEETS.checks);
    expect(issues.length).toBeGreaterThan(0);
    const yamada = issues.find((i) => String(i['内容']).includes('yamada@'));
    expect(yamada).toMatchObject({ 重要度: 'エラー', シート: SHEETS.members });
    // Each plan's issue names the department to contact.
    expect(issues.find((i) => i['プランID'] === '2-1')).toMatchObject({ 担当課: '学校教育課' });
    // The row of plan 2-1 (1校当たり4教室) is flagged in the add-on column.
    const row21 = after.values.findIndex((r) => r[0] === '2-1');
    expect(String(after.values[row21][width])).toMatch(/^エラー/);
  });

  test('onEdit re-checks only the edited plan with a handful of calls', () => {
    const s = sampleSession();
    s.run('menuCheck');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = sheet.getDataRange().getValues();
    const header = values[0];
    const r = values.findIndex((row) => row[0] === '1-1') + 1;
    const actualCol = header.indexOf('令和4年度実績') + 1;
    const checkCol = header.indexOf(OWNED_COLUMNS.check) + 1;
    sheet.getRange(r, actualCol).setValue('約千件');
    const range = sheet.getRange(r, actualCol);
    const { calls } = s.run('onEdit', { range, source: s.runtime.spreadsheet, value: '約千件' });
    // A fixed handful: the head and the edited block, the checks before writing (the column is
    // the add-on's, no input rule rejects, no protection stops this user, the sheet's edge) and
    // the one column write.
    expect(spreadsheetCalls(calls)).toBeLessThanOrEqual(30);
    expect(calls['Sheet.getDataRange'] ?? 0).toBe(0);
    expect(String(sheet.getRange(r, checkCol).getValue())).toMatch(/約千件/);
    sheet.getRange(r, actualCol).setValue('1,049件');
    s.run('onEdit', { range, source: s.runtime.spreadsheet, value: '1,049件' });
    expect(sheet.getRange(r, checkCol).getValue()).toBe('');
  });
});

describe('テンプレートを作成 (menuTemplate)', () => {
  test('creates the input sheets on an empty spreadsheet, then changes nothing on a second run', () => {
    const s = sampleSession((g) => { for (const k of Object.keys(g)) delete g[k]; g['シート1'] = [['']]; });
    s.run('menuTemplate');
    const names = s.runtime.spreadsheet.getSheets().map((x) => x.getName());
    for (const n of INPUTS) expect(names).toContain(n);
    const progress = snapshot(s, SHEETS.progress);
    expect(progress.values[0].slice(0, 3)).toEqual(['プランID', '基本方針', '基本目標']);
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(1, 1).getNote()).not.toBe('');
    // Dropdowns for 方向 and 担当課 (the latter from the 担当課 sheet), plain-text IDs.
    const header = progress.values[0];
    const direction = sheet.getRange(2, header.indexOf('方向') + 1).getDataValidation();
    expect(direction?.getCriteriaValues()[0]).toEqual(expect.arrayContaining(['高いほど良い', '低いほど良い']));
    const dept = sheet.getRange(2, header.indexOf('主担当課') + 1).getDataValidation();
    expect(String(dept?.getCriteriaType())).toBe('VALUE_IN_RANGE');
    expect(sheet.getRange(2, 1).getNumberFormat()).toBe('@');
    const settings = snapshot(s, SHEETS.settings);
    s.run('menuTemplate');
    expect(snapshot(s, SHEETS.settings)).toEqual(settings);
    expect(s.runtime.ui.toasts.at(-1)?.message).toMatch(/既存のため変更なし/);
  });

  test('never overwrites an existing sheet; adds only missing 設定 rows', () => {
    const s = sampleSession((g) => { g[SHEETS.settings] = g[SHEETS.settings].slice(0, 3); });
    const progress = snapshot(s, SHEETS.progress);
    s.run('menuTemplate');
    expect(snapshot(s, SHEETS.progress)).toEqual(progress);
    const settings = snapshot(s, SHEETS.settings).values;
    expect(settings.length).toBeGreaterThan(3);
    expect(settings[1][1]).toBe('第5次須賀川市地域情報化計画');
  });
});

describe('unexpected failures', () => {
  test('a Google service failing becomes a Japanese message, in the menu and in the sidebar', () => {
    const s = sampleSession();
    const lock = s.runtime.globals.LockService as { getDocumentLock: () => unknown };
    lock.getDocumentLock = () => { throw new Error('Service Spreadsheets timed out'); };
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/^予期しないエラーが発生したため、処理を中止しました。.*詳細: Service Spreadsheets timed out/);
    expect(() => s.run('runAggregate')).toThrow(/^予期しないエラーが発生したため/);
    error.mockRestore();
  });
});

describe('sidebar API validates its arguments', () => {
  test('selectCell refuses a malformed cell and an unknown sheet, in Japanese', () => {
    const s = sampleSession();
    expect(() => s.run('selectCell', SHEETS.progress, 'A1:B2; drop')).toThrow(/形式が正しくありません/);
    expect(() => s.run('selectCell', 'ない', 'A1')).toThrow(/「ない」シートが見つかりません/);
    expect(() => s.run('getOverview', 'extra')).toThrow(/形式が正しくありません/);
    expect(s.run('selectCell', SHEETS.progress, 'B3').result).toBe(true);
    expect(s.runtime.spreadsheet.getActiveRange()?.getA1Notation()).toBe('B3');
  });
});
