// 確定 / 確定を解除 through the built bundle: the snapshot equals 集計結果 and 目標別評価 at that
// moment, the sheets are protected, later changes to confirmed figures are flagged once, the
// report of a confirmed period shows the confirmed figures, and reopening needs a reason.
import { records, sampleSession } from './helpers';
import { SETTING_KEYS, SHEETS } from '../../src/core/schema';
import { PROTECTED_MESSAGE } from '../../src/local/gas/spreadsheet-model';
import { SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS } from '../../src/core/confirm';
import { RESULT_COLUMNS, GOAL_COLUMNS } from '../../src/core/results-table';
import type { CheckSummary, ConfirmSummary, ReportSummary } from '../../src/addon/api';
import type { LocalDocumentApp } from '../../src/local/gas/document';
import type { AddonSession } from '../../src/local/session';

const confirm = (s: AddonSession) => s.bundle.call('confirmPeriod') as ConfirmSummary;

/** Sets the first plan's 令和4年度実績 (1,049件 on the sample) to `value`, as a department would. */
function retype(s: AddonSession, value: string): string {
  const sheet = s.runtime.spreadsheet.getSheetByName(SHEETS.progress)!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const cell = sheet.getRange(2, header.indexOf('令和4年度実績') + 1);
  cell.setValue(value);
  return cell.getA1Notation();
}

function reportText(s: AddonSession): string {
  const docs = s.runtime.globals.DocumentApp as unknown as LocalDocumentApp;
  const id = docs.localDocumentIds().at(-1)!;
  return docs.localStructure(id).map((n) => (n.type === 'TABLE' ? n.cells.flat().join('\n') : n.text)).join('\n');
}

describe('確定', () => {
  test('snapshots exactly what 集計結果 and 目標別評価 show, with who and when, on protected sheets', () => {
    const s = sampleSession();
    const r = confirm(s);
    expect(r.label).toBe('令和4年度（年度末）');
    expect(r.who).toBe('jimukyoku@example.jp');
    const results = records(s, SHEETS.results);
    const snap = records(s, SHEET_CONFIRMED);
    expect(snap).toHaveLength(results.length);
    snap.forEach((row, i) => {
      expect(row['確定期間']).toBe('令和4年度（年度末）');
      expect(row['確定者']).toBe('jimukyoku@example.jp');
      for (const c of RESULT_COLUMNS) expect([c, row[c]]).toEqual([c, results[i][c]]);
    });
    const goals = records(s, SHEETS.goals);
    const goalSnap = records(s, SHEET_CONFIRMED_GOALS);
    expect(goalSnap).toHaveLength(goals.length);
    goalSnap.forEach((row, i) => { for (const c of GOAL_COLUMNS) expect([c, row[c]]).toEqual([c, goals[i][c]]); });
    // The first indicator's actual as typed and where.
    expect(snap[0]['実績値(入力)']).toBe('1,049件');
    expect(String(snap[0]['実績値のセル'])).toMatch(/^プラン・指標!/);
    for (const name of [SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS]) {
      const protections = s.runtime.spreadsheet.getSheetByName(name)!.getProtections(s.runtime.globals.SpreadsheetApp.ProtectionType.SHEET);
      expect(protections.map((p) => p.getDescription())).toEqual(['進捗管理アドオン: 確定値（編集は事務局のみ）']);
    }
    expect(() => confirm(s)).toThrow('確定済みです');
  });

  test('a department that types over a confirmed figure is flagged by 入力チェック and 集計, recorded once on 変更履歴', () => {
    const s = sampleSession();
    confirm(s);
    const cell = retype(s, '1,200件');
    const check = s.bundle.call('runCheck') as CheckSummary;
    const flagged = check.issues.filter((i) => i.message.includes('確定済み'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0].cell).toBe(cell);
    expect(flagged[0].message).toContain('確定値「1,049件（R4）」から「1,200件（R4）」');
    const agg = s.bundle.call('runAggregate') as { message: string };
    expect(agg.message).toContain('確定値から');
    const after = () => records(s, SHEETS.changes).filter((r) => String(r['項目']).endsWith('（確定後）'));
    const changed = after().map((r) => r['項目']);
    expect(changed).toContain('実績値(期間)（確定後）');
    s.bundle.call('runAggregate');
    expect(after().map((r) => r['項目'])).toEqual(changed);
  });

  test('集計 of a confirmed period reads the document properties once (getProperties) and still flags the change', () => {
    const s = sampleSession();
    confirm(s);
    retype(s, '1,200件');
    const { result, calls } = s.run('runAggregate');
    expect((result as { message: string }).message).toContain('確定値から');
    // The mapping, the 確定 state and the keys all come from the one read; the last-run stamp is written to the same store.
    expect(calls['PropertiesService.getDocumentProperties']).toBe(1);
    expect(calls['Properties.getProperties']).toBe(1);
    expect(calls['Properties.getProperty'] ?? 0).toBe(0);
    expect(calls['Properties.getKeys'] ?? 0).toBe(0);
    expect(calls['Properties.setProperty']).toBe(1);
    expect(s.runtime.globals.PropertiesService.localSnapshot().document.lastAggregate).toMatch(/jimukyoku@example\.jp/);
  });

  test('the report of a confirmed period shows the confirmed figures, and says so', () => {
    const s = sampleSession();
    confirm(s);
    retype(s, '1,200件');
    const r = s.bundle.call('createReport') as ReportSummary;
    expect(r.warnings[0]).toContain('確定値');
    const text = reportText(s);
    expect(text).toContain('1,049件');
    expect(text).not.toContain('1,200件');
  });
});

describe('確定を解除', () => {
  test('needs a reason; afterwards nothing is flagged, the report uses the current figures, the snapshot stays', () => {
    const s = sampleSession();
    confirm(s);
    expect(() => s.bundle.call('reopenPeriod', '  ')).toThrow('理由を入力してください');
    const r = s.bundle.call('reopenPeriod', '委員会で実績値の訂正が認められたため') as ConfirmSummary;
    expect(r.confirmed).toBe(false);
    expect(records(s, '実行ログ').some((x) => String(x['処理']).includes('委員会で実績値の訂正が認められたため'))).toBe(true);
    retype(s, '1,200件');
    const check = s.bundle.call('runCheck') as CheckSummary;
    expect(check.issues.some((i) => i.message.includes('確定済み'))).toBe(false);
    s.bundle.call('createReport');
    expect(reportText(s)).toContain('1,200件');
    expect(records(s, SHEET_CONFIRMED).length).toBeGreaterThan(0);
    // Confirmed again: a new snapshot is added; the old one stays as history.
    const before = records(s, SHEET_CONFIRMED).length;
    confirm(s);
    expect(records(s, SHEET_CONFIRMED).length).toBe(before * 2);
  });

  test('a period that is not confirmed cannot be reopened', () => {
    const s = sampleSession();
    expect(() => s.bundle.call('reopenPeriod', '理由')).toThrow('確定されていません');
  });
});

describe('確定値 protection and the 事務局メンバー of 設定', () => {
  const OTHER = 'jimu2@example.jp';
  const DEPT = 'bousai@city.example.lg.jp';

  function withSecretariat(value: string) {
    return sampleSession((g) => { g[SHEETS.settings].push([SETTING_KEYS.secretariat, value, '']); });
  }

  function editors(s: AddonSession, name: string): string[] {
    const p = s.runtime.spreadsheet.getSheetByName(name)!.getProtections(s.runtime.globals.SpreadsheetApp.ProtectionType.SHEET)[0];
    return p.getEditors().map((u) => u.getEmail()).sort();
  }

  test('the other 事務局 members may edit the 確定値 sheets; a department may not', () => {
    const s = withSecretariat(`${OTHER}、 jimu3@example.jp`);
    confirm(s);
    for (const name of [SHEET_CONFIRMED, SHEET_CONFIRMED_GOALS]) {
      expect(editors(s, name)).toEqual(expect.arrayContaining(['jimukyoku@example.jp', OTHER, 'jimu3@example.jp']));
      expect(editors(s, name)).not.toContain(DEPT);
    }
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEET_CONFIRMED)!;
    s.asUser(OTHER, () => sheet.getRange('A2').setNote('委員会で確認済み'));
    expect(sheet.getRange('A2').getNote()).toBe('委員会で確認済み');
    expect(() => s.asUser(DEPT, () => sheet.getRange('A2').setValue('x'))).toThrow(PROTECTED_MESSAGE);
  });

  test('without 事務局メンバー only the member who confirmed (and the owner) may edit', () => {
    const s = sampleSession();
    confirm(s);
    const sheet = s.runtime.spreadsheet.getSheetByName(SHEET_CONFIRMED)!;
    expect(() => s.asUser(OTHER, () => sheet.getRange('A2').setValue('x'))).toThrow(PROTECTED_MESSAGE);
  });

  test('a member added to 設定 later is added at the next 確定 (no one is removed)', () => {
    const s = sampleSession();
    confirm(s);
    expect(editors(s, SHEET_CONFIRMED)).not.toContain(OTHER);
    s.bundle.call('reopenPeriod', '実績値の訂正のため');
    const settings = s.runtime.spreadsheet.getSheetByName(SHEETS.settings)!;
    settings.getRange(settings.getLastRow() + 1, 1, 1, 2).setValues([[SETTING_KEYS.secretariat, OTHER]]);
    confirm(s);
    expect(editors(s, SHEET_CONFIRMED)).toEqual(expect.arrayContaining(['jimukyoku@example.jp', OTHER]));
    expect(s.runtime.spreadsheet.getSheetByName(SHEET_CONFIRMED)!.getProtections(s.runtime.globals.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
  });

  test('an address that is not one is pointed out by 入力チェック and left out', () => {
    const s = withSecretariat(`${OTHER}、事務局の田中`);
    const check = s.bundle.call('runCheck') as CheckSummary;
    expect(check.issues.map((i) => i.message).join('\n')).toMatch(/（事務局メンバー）の「事務局の田中」はメールアドレスとして読めないため、除きました/);
    confirm(s);
    expect(editors(s, SHEET_CONFIRMED)).toEqual(expect.arrayContaining([OTHER]));
  });
});
