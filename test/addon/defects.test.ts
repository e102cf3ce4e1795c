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
