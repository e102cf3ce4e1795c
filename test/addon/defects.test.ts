// Regressions of issue 11 (a hostile probe's findings), each run on the built bundle in the local
// runtime: the finding's number is in the test name.
import { SHEETS, SETTING_KEYS } from '../../src/core/schema';
import { readSettings } from '../../src/core/settings';
import type { CellValue } from '../../src/core/model';
import { records, sampleSession, snapshot } from './helpers';

describe('テンプレートを作成: 設定 keys the reader accepts are never added again (finding 5)', () => {
  test('「評価A」 and full-width 「評価Ａ（％以上）」 count as present: no default row replaces the person\'s threshold', () => {
    const s = sampleSession((g) => {
      g[SHEETS.settings] = [
        ['項目', '値', '説明'],
        ['評価A', '90', ''],
        ['評価Ｂ（％以上）', '70', ''],
        ['　評価C（%以上） ', '40', ''],
      ];
    });
    s.run('menuTemplate');
    const rows = snapshot(s, SHEETS.settings).values;
    const keys = rows.map((r) => String(r[0]));
    for (const k of [SETTING_KEYS.thresholdA, SETTING_KEYS.thresholdB, SETTING_KEYS.thresholdC]) expect(keys).not.toContain(k);
    // The other settings were missing and are added once.
    expect(keys.filter((k) => k === SETTING_KEYS.planName)).toHaveLength(1);
    s.run('menuAggregate');
    // The reader still takes the person's thresholds (90/70/40), not the template defaults.
    const rows2 = snapshot(s, SHEETS.settings).values;
    expect(rows2).toEqual(rows);
    expect(readSettings({ name: SHEETS.settings, values: rows2 as CellValue[][] }).settings.thresholds).toEqual({ a: 90, b: 70, c: 40 });
  });
});

describe('what people typed is kept as typed (finding 8)', () => {
  test('an indicator whose text starts with an apostrophe records no false 変更履歴 row on later runs', () => {
    const s = sampleSession();
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const values = sheet.getDataRange().getValues();
    const r = values.findIndex((row) => row[0] === '1-1') + 1;
    // Typed as ''利用者数 in Sheets: the stored text starts with one apostrophe.
    sheet.getRange(r, values[0].indexOf('成果指標') + 1).setValue("''利用者数（'23比）");
    sheet.getRange(r, values[0].indexOf('単位') + 1).setValue("''件");
    s.run('menuAggregate');
    const shown = records(s, SHEETS.results).find((x) => x['プランID'] === '1-1');
    expect(shown?.['成果指標']).toBe("'利用者数（'23比）");
    s.run('menuAggregate');
    s.run('menuAggregate');
    expect(s.runtime.spreadsheet.getSheetByName(SHEETS.changes)).toBeNull();
  });

  test('leading spaces and tabs in 上書きの理由 and 所見(事務局記入) survive 集計', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const goals = s.runtime.spreadsheet.getSheetByName(SHEETS.goals)!;
    const gh = goals.getRange(1, 1, 1, goals.getLastColumn()).getValues()[0];
    goals.getRange(2, gh.indexOf('上書き評価') + 1).setValue('良好');
    goals.getRange(2, gh.indexOf('上書きの理由') + 1).setValue("'\u3000委員会で了承（R5.5）");
    goals.getRange(2, gh.indexOf('所見(事務局記入)') + 1).setValue("'\t・第一段落\n\t・第二段落");
    const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    const rh = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0];
    results.getRange(2, rh.indexOf('上書き評価') + 1).setValue('B');
    results.getRange(2, rh.indexOf('上書きの理由') + 1).setValue("'  事業規模の縮小のため");
    s.run('menuAggregate');
    s.run('menuAggregate');
    const g = records(s, SHEETS.goals)[0];
    expect(g['上書きの理由']).toBe('\u3000委員会で了承（R5.5）');
    expect(g['所見(事務局記入)']).toBe('\t・第一段落\n\t・第二段落');
    expect(g['採用評価']).toBe('良好');
    const p = records(s, SHEETS.results)[0];
    expect(p['上書きの理由']).toBe('  事業規模の縮小のため');
    expect(p['採用評価']).toBe('B');
  });

  test('a reason of spaces only is still no reason', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    const rh = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0];
    results.getRange(2, rh.indexOf('上書き評価') + 1).setValue('A');
    results.getRange(2, rh.indexOf('上書きの理由') + 1).setValue("' \t ");
    s.run('menuAggregate');
    const p = records(s, SHEETS.results)[0];
    expect(p['採用評価']).toBe(p['プランの評価(計算)']);
  });
});

describe('no silently wrong value, setting or header (finding 10)', () => {
  const setProgress = (g: Record<string, (string | number)[][]>, id: string, header: string, value: string | number) => {
    const rows = g[SHEETS.progress];
    rows.find((r) => r[0] === id)![rows[0].indexOf(header)] = value;
  };
  const setSetting = (g: Record<string, (string | number)[][]>, key: string, value: string | number) => {
    g[SHEETS.settings].find((r) => r[0] === key)![1] = value;
  };
  const checks = (s: ReturnType<typeof sampleSession>) => records(s, SHEETS.checks).map((r) => `${r['重要度']} ${r['セル']} ${r['内容']}`);

  test('an actual of 1e308 is refused at its cell, never shown as 「Infinity%」', () => {
    const s = sampleSession((g) => setProgress(g, '1-1', '令和4年度実績', 1e308));
    s.run('menuAggregate');
    const r = records(s, SHEETS.results).find((x) => x['プランID'] === '1-1');
    expect(r?.['指標の評価']).toBe('−');
    expect(JSON.stringify(records(s, SHEETS.results))).not.toMatch(/Infinity|NaN/);
    s.run('menuCheck');
    expect(checks(s).filter((c) => / P2 /.test(c))).toEqual([expect.stringMatching(/^エラー P2 「プラン・指標」シートのP2（令和4年度実績）「1(\.0+)?E\+308」は大きすぎるため計算できません/i)]);
  });

  test('評価年度 令和99年度: 集計 and 報告書作成 refuse with a message naming the cell; nothing written, nothing shared', () => {
    const s = sampleSession((g) => setSetting(g, SETTING_KEYS.evaluationYear, '令和99年度'));
    const sheets = () => s.runtime.spreadsheet.getSheets().map((x) => x.getName());
    const before = sheets();
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/^「設定」シートのB4（評価年度）「令和99年度」: 令和99年度はまだ始まっていない年度です。実績の列がある年度（令和4年度〜令和6年度）を入力するか、空欄に.*集計は中止しました。何も書き換えていません。/);
    s.run('menuReport');
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/令和99年度はまだ始まっていない年度です/);
    expect(sheets()).toEqual(before);
    s.run('menuCheck');
    expect(checks(s).some((c) => /^エラー B4 「設定」シートのB4（評価年度）/.test(c))).toBe(true);
  });

  test('評価年度 without a column on the progress sheet (令和3年度 in the sample) is refused too', () => {
    const s = sampleSession((g) => setSetting(g, SETTING_KEYS.evaluationYear, '令和3年度'));
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts.at(-1)?.prompt).toMatch(/「プラン・指標」シートに令和3年度の実績の列がないため.*実績の列がある年度（令和4年度〜令和6年度）/);
    expect(s.runtime.spreadsheet.getSheetByName(SHEETS.results)).toBeNull();
  });

  test('評価年度 whose columns are still empty (just after 年度更新) is rated, every plan 評価不能', () => {
    const s = sampleSession((g) => setSetting(g, SETTING_KEYS.evaluationYear, '令和6年度'));
    s.run('menuAggregate');
    expect(s.runtime.ui.alerts).toEqual([]);
    expect(records(s, SHEETS.goals).every((g) => g['採用評価'] === '評価不能')).toBe(true);
  });

  test('a blank 基本目標 code is an error at its cell', () => {
    // An ID that names no goal either (2-1 would be read as under goal 2).
    const s = sampleSession((g) => { setProgress(g, '2-1', '基本目標', ''); setProgress(g, '2-1', 'プランID', 'Z9'); });
    s.run('menuCheck');
    expect(checks(s).some((c) => /^エラー C3 「プラン・指標」シートのC3の基本目標が空欄です（プラン「各学校における/.test(c))).toBe(true);
  });

  test('a target header the add-on cannot read is an error naming the header', () => {
    const s = sampleSession((g) => { g[SHEETS.progress][0][13] = 'ゴール'; });
    s.run('menuCheck');
    expect(checks(s).some((c) => /^エラー N1 .*1行目に目標値の列が見つかりません（読み取れなかった見出し: N1「ゴール」）/.test(c))).toBe(true);
  });

  test('良好 share 150 says the share is out of range (not that 良好 must be at least 概ね良好)', () => {
    const s = sampleSession((g) => setSetting(g, SETTING_KEYS.goodShare, 150));
    s.run('menuCheck');
    const msgs = checks(s).filter((c) => /設定/.test(c));
    expect(msgs).toEqual([expect.stringMatching(/^警告 B10 「設定」シートのB10（良好とするA・Bの割合（%以上））「150」は読めないため、既定値を使います。0〜100 の%の数値を入力してください（例: 80）。/)]);
  });

  test('selectCell beyond the sheet and onEdit with an odd event: Japanese or nothing, never English', () => {
    const s = sampleSession();
    expect(() => s.run('selectCell', SHEETS.progress, 'ZZZ9999999')).toThrow(/^「プラン・指標」シートにセル ZZZ9999999 はありません（\d+行 × \d+列）/);
    for (const e of [undefined, {}, { range: 'A1' }, { range: {} }, { range: null }, 42]) {
      expect(() => s.run('onEdit', e)).not.toThrow();
    }
  });
});

describe('override problems are listed on 検証結果, as README promises (finding 4)', () => {
  test('an override without a reason and an invalid grade get rows naming their cells; the 集計 toast points there', () => {
    const s = sampleSession();
    s.run('menuAggregate');
    const results = s.runtime.spreadsheet.getSheetByName(SHEETS.results)!;
    const rh = results.getRange(1, 1, 1, results.getLastColumn()).getValues()[0];
    const ids = results.getRange(1, 1, results.getLastRow(), 1).getValues().map((r) => r[0]);
    const rowOf = (id: string) => ids.indexOf(id) + 1;
    const over = rh.indexOf('上書き評価') + 1;
    results.getRange(rowOf('1-1'), over).setValue('A');
    results.getRange(rowOf('2-1'), over).setValue('S');
    const goals = s.runtime.spreadsheet.getSheetByName(SHEETS.goals)!;
    const gh = goals.getRange(1, 1, 1, goals.getLastColumn()).getValues()[0];
    goals.getRange(3, gh.indexOf('上書き評価') + 1).setValue('とても良好');
    goals.getRange(3, gh.indexOf('上書きの理由') + 1).setValue('委員会で了承');

    s.run('menuAggregate');
    const toast = s.runtime.ui.toasts.at(-1)?.message ?? '';
    expect(toast).toMatch(/「入力チェック」で確認できます/);
    s.run('menuCheck');
    const rows = records(s, SHEETS.checks).filter((r) => r['シート'] === SHEETS.results || r['シート'] === SHEETS.goals);
    const col = (n: number) => String.fromCharCode(64 + n);
    expect(rows.map((r) => [r['重要度'], r['シート'], r['セル'], r['プランID']])).toEqual(expect.arrayContaining([
      ['エラー', SHEETS.results, `${col(over)}${rowOf('1-1')}`, '1-1'],
      ['エラー', SHEETS.results, `${col(over)}${rowOf('2-1')}`, '2-1'],
      ['エラー', SHEETS.goals, `${col(gh.indexOf('上書き評価') + 1)}3`, ''],
    ]));
    expect(rows).toHaveLength(3);
    const text = rows.map((r) => String(r['内容'])).join('\n');
    expect(text).toMatch(/プラン「1-1」の上書き評価「A」に理由がないため、反映していません。同じ行の「上書きの理由」/);
    expect(text).toMatch(/プラン「2-1」の上書き評価「S」は使えないため、反映していません。A・B・C・D・−のいずれか/);
    expect(text).toMatch(/基本目標「2」の上書き評価「とても良好」は使えないため/);
    // The sidebar's summary counts them too, under the plan's department.
    const summary = s.run('runCheck').result as { errors: number; departments: { department: string; errors: number }[] };
    expect(summary.departments.find((d) => d.department === 'こども課')?.errors).toBeGreaterThanOrEqual(1);
  });
});
