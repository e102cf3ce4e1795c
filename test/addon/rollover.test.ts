// 年度更新 through the built bundle, on the sample's layout and on the template's: exactly the
// right columns, in the sheet's own header style, with the latest year's formats and input rules;
// 評価年度 moves on; undo restores the sheet cell for cell; nothing typed is ever deleted.
import { sampleSession, snapshot, workbookState } from './helpers';
import { DEFAULT_USER } from '../../src/local/session';
import { SHEETS } from '../../src/core/schema';
import type { RolloverSummary } from '../../src/addon/api';
import type { AddonSession } from '../../src/local/session';

function setting(s: AddonSession, key: string): unknown {
  return snapshot(s, SHEETS.settings).values.find((r) => r[0] === key)?.[1];
}

/** Values, display strings, number formats and input rules of a whole sheet (uncounted). */
function fullState(s: AddonSession, name: string) {
  const sheet = s.runtime.spreadsheet.getSheetByName(name)!;
  const range = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
  return {
    ...snapshot(s, name),
    formats: range.getNumberFormats(),
    rules: range.getDataValidations().map((r) => r.map((v) => (v ? `${String(v.getCriteriaType())} ${v.getCriteriaValues().map(ruleArg).join('|')}` : null))),
    size: [sheet.getMaxRows(), sheet.getMaxColumns()],
  };
}

/** A rule's argument as text: a range by its A1 notation (VALUE_IN_RANGE refers to a sheet). */
function ruleArg(v: unknown): string {
  const range = v as { getA1Notation?: () => string; getSheet?: () => { getName(): string } };
  return typeof range?.getA1Notation === 'function' ? `${range.getSheet!().getName()}!${range.getA1Notation()}` : JSON.stringify(v);
}

const rollover = (s: AddonSession) => s.bundle.call('runRollover') as RolloverSummary;
const undo = (s: AddonSession) => s.bundle.call('undoRollover') as RolloverSummary;

describe('年度更新 on the sample (令和4年度 evaluated; columns up to 令和6年度 already there)', () => {
  test('moves 評価年度 only: the next year has its columns already', () => {
    const s = sampleSession();
    const before = snapshot(s, SHEETS.progress);
    const r = rollover(s);
    expect(r.columns).toEqual([]);
    expect(setting(s, '評価年度')).toBe('令和5年度');
    expect(snapshot(s, SHEETS.progress)).toEqual(before);
    undo(s);
    expect(setting(s, '評価年度')).toBe('令和4年度');
  });

  test('at the last year: adds 令和7年度中間 and 令和7年度実績 after 令和6年度実績, with its formats and rules', () => {
    const s = sampleSession((g) => {
      const header = g['プラン・指標'][0] as string[];
      const c = header.indexOf('令和6年度実績');
      g['プラン・指標'][1][c] = '1,200件';
      const row = g[SHEETS.settings].find((x) => x[0] === '評価年度')!;
      row[1] = '令和6年度';
    });
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const header0 = snapshot(s, SHEETS.progress).values[0] as string[];
    const r6 = header0.indexOf('令和6年度実績') + 1;
    // An input rule and a number format on the latest year's column, as a city might have.
    const rule = s.runtime.globals.SpreadsheetApp.newDataValidation().requireNumberBetween(0, 1e9).setAllowInvalid(true).build();
    sheet.getRange(2, r6, 5, 1).setDataValidation(rule).setNumberFormat('#,##0');
    const before = fullState(s, SHEETS.progress);

    const r = rollover(s);
    expect(r.columns).toEqual(['令和7年度中間', '令和7年度実績']);
    const after = snapshot(s, SHEETS.progress);
    const header = after.values[0] as string[];
    expect(header.slice(r6 - 1, r6 + 3)).toEqual(['令和6年度実績', '令和7年度中間', '令和7年度実績', '状態']);
    // Every value people typed is where it was (shifted right by two after the new columns).
    for (const [i, row] of before.values.entries()) {
      expect(after.values[i].slice(0, r6)).toEqual(row.slice(0, r6));
      expect(after.values[i].slice(r6 + 2)).toEqual(row.slice(r6));
      expect(after.values[i].slice(r6, r6 + 2)).toEqual(i === 0 ? ['令和7年度中間', '令和7年度実績'] : ['', '']);
    }
    expect(sheet.getRange(2, r6 + 2).getNumberFormat()).toBe('#,##0');
    expect(sheet.getRange(3, r6 + 2).getDataValidation()?.getCriteriaValues()).toEqual([0, 1e9]);
    expect(setting(s, '評価年度')).toBe('令和7年度');
    // 集計 reads the new year (evaluated: nothing typed yet, so every plan is 評価不能 for 令和7年度).
    const summary = s.bundle.call('runAggregate') as { message: string };
    expect(summary.message).toContain('令和7年度');

    undo(s);
    expect(fullState(s, SHEETS.progress)).toEqual(before);
    expect(setting(s, '評価年度')).toBe('令和6年度');
  });

  test('refuses a second press before the year has figures, and undo refuses to delete typed values', () => {
    const s = sampleSession((g) => {
      const header = g['プラン・指標'][0] as string[];
      g['プラン・指標'][1][header.indexOf('令和6年度実績')] = '1,200件';
      g[SHEETS.settings].find((x) => x[0] === '評価年度')![1] = '令和6年度';
    });
    rollover(s);
    const state = fullState(s, SHEETS.progress);
    expect(() => rollover(s)).toThrow('令和7年度）の実績がまだ入っていません');
    expect(fullState(s, SHEETS.progress)).toEqual(state);
    const header = snapshot(s, SHEETS.progress).values[0] as string[];
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    sheet.getRange(4, header.indexOf('令和7年度実績') + 1).setValue('55件');
    expect(() => undo(s)).toThrow('入力があるため、元に戻しませんでした');
    expect(snapshot(s, SHEETS.progress).values[3]).toContain('55件');
  });

  test('undo finds the added columns after someone inserted a column before them', () => {
    const s = sampleSession((g) => {
      const header = g['プラン・指標'][0] as string[];
      g['プラン・指標'][1][header.indexOf('令和6年度実績')] = '1,200件';
      g[SHEETS.settings].find((x) => x[0] === '評価年度')![1] = '令和6年度';
    });
    rollover(s);
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    sheet.insertColumnBefore(1);
    undo(s);
    const header = snapshot(s, SHEETS.progress).values[0] as string[];
    expect(header.some((h) => String(h).startsWith('令和7年度'))).toBe(false);
    expect(header[1]).toBe('プランID');
  });
});

describe('年度更新 on the template (R-style headers of テンプレートを作成)', () => {
  test('adds the next year after the template years, in the same header style', () => {
    const s = sampleSession((g) => { for (const k of Object.keys(g)) delete g[k]; g['シート1'] = [['']]; });
    s.run('menuTemplate');
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
    const header = snapshot(s, SHEETS.progress).values[0] as string[];
    const years = header.filter((h) => /年度実績$/.test(String(h)));
    const last = years.at(-1)!;
    // One plan with a figure for the evaluation year, so the year has figures.
    const evalYear = String(setting(s, '評価年度'));
    const evalCol = header.findIndex((h) => String(h).includes(evalYear.replace(/年度$/, '')) && /実績$/.test(String(h)));
    sheet.getRange(2, 1, 1, 9).setValues([['1-1', '1', '1-1', '', 'テスト', '情報政策課', '', '件数', '件']]);
    sheet.getRange(2, evalCol + 1).setValue('10件');
    const before = fullState(s, SHEETS.progress);
    const r = rollover(s);
    const after = snapshot(s, SHEETS.progress).values[0] as string[];
    // The template's evaluation year is its last year: the next year's two columns follow it.
    expect(last.startsWith(evalYear.replace(/年度$/, ''))).toBe(true);
    expect(r.columns).toHaveLength(2);
    const i = after.indexOf(last);
    expect(after.slice(i + 1, i + 3)).toEqual(r.columns);
    expect(r.columns.every((c) => /^令和\d+年度(中間|実績)$/.test(c))).toBe(true);
    undo(s);
    expect(fullState(s, SHEETS.progress)).toEqual(before);
  });
});

describe('年度更新 checks every change before the first one (a person\'s input rule or protection never stops it half-way)', () => {
  const atLastYear = () => sampleSession((g) => {
    const header = g['プラン・指標'][0] as string[];
    g['プラン・指標'][1][header.indexOf('令和6年度実績')] = '1,200件';
    g[SHEETS.settings].find((x) => x[0] === '評価年度')![1] = '令和6年度';
  });

  /** The 評価年度 cell of 設定 (1-based row and column). */
  function evalYearCell(s: AddonSession): GoogleAppsScript.Spreadsheet.Range {
    const values = snapshot(s, SHEETS.settings).values;
    const row = values.findIndex((r) => r[0] === '評価年度');
    return s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!.getRange(row + 1, 2);
  }

  function dropdown(s: AddonSession, items: string[]): GoogleAppsScript.Spreadsheet.DataValidation {
    const app = s.runtime.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    return app.newDataValidation().requireValueInList(items, true).setAllowInvalid(false).build();
  }

  test('a dropdown on 評価年度 that rejects the next year: refused, nothing written (no columns, no log, no undo record)', () => {
    const s = atLastYear();
    evalYearCell(s).setDataValidation(dropdown(s, ['令和5年度', '令和6年度']));
    const before = workbookState(s);
    expect(() => rollover(s)).toThrow(/「設定」シートのセル B\d+ に入力規則（無効なデータを拒否）があるため/);
    expect(workbookState(s)).toBe(before);
    expect(() => undo(s)).toThrow('元に戻せる年度更新がありません');
  });

  test('a dropdown that lists the next year: columns added, 評価年度 moved; undo restores the sheets exactly, the rule stays', () => {
    const s = atLastYear();
    evalYearCell(s).setDataValidation(dropdown(s, ['令和6年度', '令和7年度']));
    const progress = fullState(s, SHEETS.progress);
    const settings = fullState(s, SHEETS.settings);
    const r = rollover(s);
    expect(r.columns).toEqual(['令和7年度中間', '令和7年度実績']);
    expect(setting(s, '評価年度')).toBe('令和7年度');
    undo(s);
    expect(fullState(s, SHEETS.progress)).toEqual(progress);
    expect(fullState(s, SHEETS.settings)).toEqual(settings);
  });

  test('undo refused before deleting anything when a rule added since would reject the old 評価年度', () => {
    const s = atLastYear();
    rollover(s);
    evalYearCell(s).setDataValidation(dropdown(s, ['令和7年度']));
    const before = workbookState(s);
    expect(() => undo(s)).toThrow(/「設定」シートのセル B\d+ に入力規則/);
    expect(workbookState(s)).toBe(before);
  });

  test('run by someone who may not edit 設定 (protected by the 事務局): refused before the columns are added', () => {
    const s = atLastYear();
    const p = evalYearCell(s).protect();
    for (const e of p.getEditors()) if (e.getEmail() !== DEFAULT_USER) p.removeEditor(e.getEmail());
    const before = workbookState(s);
    expect(() => s.asUser('bousai@city.example.lg.jp', () => rollover(s))).toThrow(/「設定」シートの B\d+ を含む範囲が保護されていて/);
    expect(workbookState(s)).toBe(before);
    // The 事務局 may.
    expect(rollover(s).columns).toHaveLength(2);
  });

  test('run by someone who may not edit the progress sheet (sheet protected): refused before anything', () => {
    const s = atLastYear();
    const p = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!.protect();
    for (const e of p.getEditors()) if (e.getEmail() !== DEFAULT_USER) p.removeEditor(e.getEmail());
    const before = workbookState(s);
    expect(() => s.asUser('bousai@city.example.lg.jp', () => rollover(s))).toThrow(/「プラン・指標」シート全体が保護されていて/);
    expect(workbookState(s)).toBe(before);
  });
});
